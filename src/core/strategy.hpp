// What every strategy provides to the core, the helpers they share, and the strategy itself: one
// header under src/strategy/, chosen by LITE_ALLOC_STRATEGY_<name> (config.hpp). A strategy is a
// header so that its steps are inlined into the entry points that use them: the binary has one
// function per entry point (and one shared allocation function), not one per layer.
//
// Each strategy defines, in namespace lite::strategy (sizes are block sizes from block_size_for():
// multiples of kAlign, headers included):
//   kName                          its name, for lite_alloc_strategy()
//   char *allocate(size_t size)    an in-use block of at least `size` bytes (header written, kInUse
//                                  set), or nullptr; inlined into lite::allocate (and the aligned
//                                  allocation's copy, in programs that use it)
//   void release(char *payload)    takes an in-use block back onto the free lists (or the bump space)
//   bool resize(char *payload, size_t size)
//                                  resizes a block in place to `size` bytes or a little more:
//                                  shrinking always succeeds (the block may keep its size); growing
//                                  succeeds only without moving. Keeps the block's flags.
//   int check_free(FreeSummary &listed, size_t at_most)
//                                  lite_alloc_check's part: verifies the free lists and their
//                                  invariants and adds up what they hold; 0 or a kCheck* code.
// Their lists live in heap().heads (LITE_ALLOC_HEADS of them), so that lite_alloc_init_region
// forgets every free block by clearing the heap's state.
#pragma once

#include "arena.hpp"
#include "checked.hpp"

namespace lite {

// Codes of lite_alloc_check(); kBadBlockSize (arena.hpp) is 1.
enum CheckCode : int {
    kCheckOk = 0,
    kCheckFreeListCorrupt = 2,  // a list reaches a block in use, leaves the heap, or loops
    kCheckFreeNotListed = 3,    // the free structures and the heap disagree on the free blocks
    kCheckWrongBin = 4,         // a block on the list of another size
    kCheckBoundaryTag = 5,      // freelist: a free block's footer or its neighbour's flag is wrong
    kCheckNotCoalesced = 6,     // two free blocks side by side, or a free block touching the bump space
    kCheckCanary = 7,           // checked build: a write past a block's end
    kCheckPoison = 8,           // checked build: a write into a free block
    kCheckBumpOverrun = 9,      // the bump pointer passed the end of its memory
};

namespace strategy {
// What a walk of the free lists or of the heap adds up, to compare the two.
struct FreeSummary {
    size_t count, bytes, xor_of_addresses;
    void add(const char *p) { ++count, bytes += block_size(p), xor_of_addresses ^= (size_t)p; }
};
}  // namespace strategy

// Singly linked LIFO lists of free blocks (bump_freelist, segregated_bump). A list is named by the
// address of its head pointer; each block's link is its first payload word, so the link of block p
// is the slot at p, and every slot is read and written through load_ptr/store_ptr.
LITE_INLINE char *slot_of(char **head) { return (char *)head; }
LITE_INLINE void push_free(char *head, char *p) {
    set_header(p, block_size(p));
    checked::poison(p);
    store_ptr(p, load_ptr(head));
    store_ptr(head, p);
}
// Takes the block that `slot` points at off its list, marks it in use and returns it.
LITE_INLINE char *pop_free(char *slot) {
    char *p = load_ptr(slot);
    checked::verify_poison(p);
    store_ptr(slot, load_ptr(p));
    set_header(p, header(p) | kInUse);
    return p;
}
// The first of a list's first `steps` blocks that holds `size` bytes, taken off the list; nullptr
// when none does. A bounded look keeps a list of many blocks just too small from costing O(n).
LITE_SHARED char *take_first_fit(char *head, size_t size, size_t steps) {
    for (char *slot = head, *p; (p = load_ptr(slot)) && steps--; slot = p)
        if (block_size(p) >= size) return pop_free(slot);
    return nullptr;
}
constexpr size_t kFitSteps = 16;  // how far the strategies look into a list before other choices

// bump_freelist's and segregated_bump's release and resize: blocks are never split, so a freed
// block goes back to the bump space if it is on top (at any size), else onto the list that
// list_for(its size) names; and only the block on top changes size (into the bump space): any
// other keeps its size for good.
template <class ListFor>
LITE_INLINE void release_unsplit(char *p, ListFor list_for) {
    if (arena_is_top(p)) return arena_give_back(p);
    push_free(list_for(block_size(p)), p);
}
LITE_INLINE bool resize_unsplit(char *p, size_t size) {
    size_t have = block_size(p);
    if (p + have == heap().top) return arena_resize_top(p, have, size);
    return size <= have;
}

// Size classes two per power of two from kMinBlock (sizes from 2^k and from 1.5 * 2^k), the last of
// kClasses taking every larger block: bump_freelist's lists and freelist's bins. With a
// count-leading-zeros instruction the class comes from the normalised size: shifted so that its
// leading one is the top bit, its top two bits are 2 + the bit after the leading one.
template <int kClasses>
LITE_INLINE int half_power_class(size_t size) {
    constexpr int kMinShift = __builtin_ctz(kMinBlock);
#if defined(__ARM_ARCH_6M__) || (defined(__riscv) && !defined(__riscv_zbb))
    int k = log2_floor(size);
    int c = 2 * (k - kMinShift) + (int)((size >> (k - 1)) & 1);
#else
    constexpr int kBits = sizeof(size_t) * 8;
    int zeros = __builtin_clzl(size);
    int c = 2 * (kBits - 2 - kMinShift) - 2 * zeros + (int)((size << zeros) >> (kBits - 2));
#endif
    return c < kClasses - 1 ? c : kClasses - 1;
}

// lite_alloc_check's walk of one list: every block free, inside the heap, on the right list
// (right(p)), and no more blocks than the heap holds (a loop).
template <class Right>
int check_list(char *p, strategy::FreeSummary &listed, size_t at_most, Right right) {
    for (; p; p = load_ptr(p)) {
        if (!arena_holds(p) || in_use(p) || listed.count >= at_most) return kCheckFreeListCorrupt;
        if (!right(p)) return kCheckWrongBin;
        listed.add(p);
    }
    return 0;
}

}  // namespace lite

#include LITE_ALLOC_STRATEGY_HEADER
