// bump_freelist: the smallest strategy.
//
// New blocks are carved from the arena's bump space. A freed block goes to the head of one of
// kLists unsorted lists, two per power of two of its size (LITE_ALLOC_MERGE=2: four; the last list
// takes every larger block).
// A request takes the first block of its own list that holds it (among the first kFitSteps: a
// long list of blocks just too small is not walked), else the head of the next list
// (any block there holds it, and wastes less than 2x), else new bump space.
// While the heap can grow, blocks are never coalesced, and so never split either (only the top
// block is resized, into the bump space): pieces that could never merge again would make a steady
// malloc/free loop grow the heap without end. Without splitting, the heap holds at most as many
// blocks of a size as were ever live at once, so the footprint of a steady loop is bounded; the
// price is that a request may be served by a block up to 2x larger.
// Only when the backend refuses (a fixed heap is full) does a request split a larger free block,
// and, if none holds it, merge every run of adjacent free blocks in one walk of the heap and look
// again (allocate_short, src/core/strategy.hpp): a full heap fails only when no run of free
// blocks holds the request.
//
// Invariants (verified by lite_alloc_check):
//   - the lists hold every free block of the heap, each once, and nothing else;
//   - list c holds only blocks of list_of(size) == c: kPerPower lists per power of two k from
//     kMinBlock (two: sizes from 2^k and 1.5 * 2^k; the last list: everything above).
//   - the list after the last (heads[kLists]) is always empty.
//   - a block is split, and free blocks are merged, only after the backend refused memory in the
//     same call (LITE_ALLOC_MERGE=2: or the lists were due, strategy.hpp): free blocks may lie side
//     by side (they are merged lazily, never on free);
//   - a merge keeps the invariants above: every run it makes is filed again by release().
// Cost: one header word per block; a request of n bytes takes round_up(n + word, kAlign) bytes.
// Included by src/core/strategy.hpp (LITE_ALLOC_STRATEGY_bump_freelist).
#pragma once

namespace lite::strategy {

inline constexpr char kName[] = "bump_freelist";

// LITE_ALLOC_MERGE=2 looks through the request's whole list before the heap grows, while the lists
// are due (strategy.hpp): with four lists per power of two, sizes within 1.25x of each other instead
// of 1.5x, a first fit is found near the head, and Lua on the Cortex-M4 took 0.70x newlib-nano's
// instructions instead of 0.93x, in a heap of 1.04x its high-water mark instead of 1.06x (the 32
// more heads: 128 bytes of RAM; 4 bytes of code on the Cortex-M4, 2 on wasm32). The shipped build
// keeps two: with four and no merge while the heap grows, that Lua's heap reached 1.32x
// newlib-nano's instead of 1.29x.
constexpr int kPerPower = LITE_ALLOC_MERGE == 2 ? 4 : 2;
constexpr int kLists = 16 * kPerPower;  // heap().heads[kLists] stays empty: "the next list" needs no bound test
static_assert(LITE_ALLOC_HEADS == kLists + 1, "config.hpp reserves the lists");

// The code names a list by its index plus kBias: on ARM, the heads' offset in the heap's state in
// words, so that a list's head is the state's address plus the biased index shifted, one instruction
// where the plain index needs another to add the offset (10 bytes less on the Cortex-M4). wasm,
// RISC-V and x86 add an offset in the load itself: no bias there.
#if defined(__arm__)
constexpr int kBias = (int)(offsetof(Heap, heads) / sizeof(char *));
#else
constexpr int kBias = 0;
#endif
LITE_SHARED int biased_list_of(size_t size) { return power_class<kLists, kBias, kPerPower>(size); }
LITE_INLINE char *biased_list(int c) { return slot_of(&heap().heads[c - kBias]); }
LITE_INLINE int home(const char *p) { return biased_list_of(block_size(p)) - kBias; }  // the list free block p is on

// Free. Out of line in size builds: free and allocate_short's merge (strategy.hpp) share it. Without
// the merge (LITE_ALLOC_MERGE=0) only free calls it, and inlined there it saves the call (10 bytes on
// the Cortex-M4); not on wasm, where the merge's part of the shipped build (which pays for the shared
// copy) would pass its cap of 200 bytes (test/size/size.py).
// On ARM it returns p: allocate's split then keeps no register for its block across the call
// (Cortex-M4: 4 bytes less; RISC-V's code would grow by 6, clang's wasm32 code by 13). Free drops
// the answer: GCC would give it a copy of its own (LITE_NO_CLONE).
#if defined(__arm__)
using Released = char *;
#else
using Released = void;
#endif
#if LITE_ALLOC_MERGE || defined(__wasm__)
LITE_SHARED LITE_NO_CLONE
#else
LITE_INLINE
#endif
Released release(char *p) {
    return (Released)release_unsplit(p, [](size_t size) __attribute__((always_inline)) { return biased_list(biased_list_of(size)); });
}

LITE_INLINE char *allocate(size_t size) {
    int c = biased_list_of(size);
    char *head = biased_list(c);
    if (char *p = take_first_fit(head, size, kFitSteps)) return p;
    if (char *p = take_first_fit(head + sizeof(char *), size, 1)) return p;  // list c + 1: its head, if any, holds size
    return allocate_short<kLists + kBias, kBias>(size, c, [](char *p) __attribute__((always_inline)) { return release(p); });  // bump space, grow, split, merge (strategy.hpp)
}
LITE_INLINE bool resize(char *p, size_t size) { return resize_unsplit(p, size); }

inline int check_free(FreeSummary &listed, size_t at_most) {
    if (heap().heads[kLists]) return kCheckFreeListCorrupt;
    for (int c = 0; c < kLists; ++c)
        if (int err = check_list(heap().heads[c], listed, at_most, [c](char *p) { return home(p) == c; }))
            return err;
    return 0;
}

}  // namespace lite::strategy
