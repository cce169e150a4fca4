// What every strategy (src/strategy/*.cpp, one linked per library) provides to the core.
// Sizes here are block sizes from block_size_for(): multiples of kAlign, headers included.
#pragma once

#include "arena.hpp"

namespace lite::strategy {

extern const char kName[];

// Forgets every free block (the arena is being restarted).
void reset();
// An in-use block (header written, kInUse set) that holds `size` bytes at the first address in it
// aligned to `alignment` (a power of two >= kAlign), or nullptr. The core splits off what lies in
// front of that address (see aligned_lead) and trims the tail with resize().
char *allocate(size_t size, size_t alignment);
// Files an in-use block (its header holds its real size) on the free structures.
void release(char *payload);
// Resizes a block in place to `size` bytes or a little more: shrinking always succeeds (the block
// may keep its size); growing succeeds only without moving. Keeps the block's flags.
bool resize(char *payload, size_t size);
// lite_alloc_check's part: walks the free structures, verifies their invariants and sets kMarked
// on every block found there. Returns 0 or a kCheck* code.
int mark_free_blocks();

}  // namespace lite::strategy

namespace lite {

// Codes of lite_alloc_check(); kBadBlockSize (arena.hpp) is 1.
enum CheckCode : int {
    kCheckOk = 0,
    kCheckFreeListCorrupt = 2,   // a list reaches a block in use, twice the same block, or a cycle
    kCheckFreeNotListed = 3,     // a free block that no list holds (it could never be reused)
    kCheckWrongBin = 4,          // a block on a size-class list of another size
    kCheckNotOrdered = 5,        // the address-ordered list is out of order
    kCheckNotCoalesced = 6,      // two free blocks side by side, or a free block touching the bump space
    kCheckCounters = 7,          // the in_use counter disagrees with the blocks
    kCheckCanary = 8,            // checked build: a write past a block's end
    kCheckBumpOverrun = 9,       // the bump pointer passed the end of its segment
};

// Bytes from a block's payload to the first payload address aligned to `alignment` at which what
// lies in front can stand as a free block of its own: 0, or a whole number of kAlign units and at
// least kMinBlock (a lead too small for that takes one more alignment step; see arena_take).
inline size_t aligned_lead(const char *payload, size_t alignment) {
    size_t lead = (0 - (size_t)payload) & (alignment - 1);
    if (kMinBlock > kAlign && lead && lead < kMinBlock) lead += alignment;
    return lead;
}

// A first-fit list with a bound on the size of its largest block, so that a request no block can
// serve does not walk the whole list (thousands of small free blocks, one large request).
// Invariant: no block on the list is larger than `largest`.
struct FitList {
    char *head;
    size_t largest;
    void push(char *p, size_t size) {
        set_link(p, head);
        head = p;
        if (size > largest) largest = size;
    }
};

// Shared by strategies: takes the first block of a list that can hold `size` bytes at `alignment`
// off the list and marks it in use; nullptr when none can.
inline char *take_first_fit(FitList &list, size_t size, size_t alignment) {
    if (size > list.largest) return nullptr;
    char *prev = nullptr;
    size_t largest = 0;
    for (char *p = list.head; p; prev = p, p = link(p)) {
        size_t have = block_size(p), lead = aligned_lead(p, alignment);
        if (have < lead || have - lead < size) {
            if (have > largest) largest = have;
            continue;
        }
        if (prev) set_link(prev, link(p));
        else list.head = link(p);
        set_header(p, have | kInUse);
        return p;
    }
    list.largest = largest;  // a whole walk: now the bound is exact
    return nullptr;
}

// Shared by strategies: marks every block of a free list for lite_alloc_check, after asking
// verify(block) for the list's own invariants.
// A block in use or already marked means a broken list (a double free, a cycle, a stray write).
template <class Verify>
int mark_list(const FitList &list, Verify verify) {
    for (char *p = list.head; p; p = link(p)) {
        if (!arena_holds(p) || (header(p) & (kInUse | kMarked)) || block_size(p) > list.largest) return kCheckFreeListCorrupt;
        if (int err = verify(p)) return err;
        set_header(p, header(p) | kMarked);
    }
    return 0;
}


}  // namespace lite
