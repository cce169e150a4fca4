// segregated_bump: the fastest strategy.
//
// Blocks up to kSmallMax bytes have one bin per size (a kAlign step): a LIFO list popped and pushed
// in O(1). A request whose bin is empty is carved from the arena's bump space. Larger blocks go to
// lists by the power of two of their size, as in bump_freelist: the first fit of the request's own
// list, else the head of the next one, else bump space. While the heap can grow, blocks are neither
// split nor coalesced (see bump_freelist for why that bounds the footprint of a steady loop); only
// the top block is resized, into the bump space. Only when the backend refuses does a request
// split a larger free block (the first that fits in its own bin or list, else the head of any
// larger one), and, if none holds it, merge every run of adjacent free blocks in one walk of the
// heap and look again (allocate_short, src/core/strategy.hpp).
//
// A block is filed by the size its header holds, which is the size it really has (a block grown or
// shrunk in place has its header rewritten), never by the size it was once asked for.
// Invariants (verified by lite_alloc_check):
//   - bin i holds only free blocks of exactly i * kAlign bytes;
//   - list c holds only blocks above kSmallMax whose size has its highest bit at c + kLargeShift
//     (the last list: at or above);
//   - every free block is on exactly one bin or list, once; the head after the last list is empty.
//   - a block is split, and free blocks are merged, only after the backend refused memory in the
//     same call (LITE_ALLOC_MERGE=2: or the lists were due, strategy.hpp): free blocks may lie side
//     by side (they are merged lazily, never on free);
//   - a merge keeps the invariants above: every run it makes is filed again by release().
// Cost: one header word per block; a request of n bytes takes round_up(n + word, kAlign) bytes.
// Included by src/core/strategy.hpp (LITE_ALLOC_STRATEGY_segregated_bump).
#pragma once

namespace lite::strategy {

inline constexpr char kName[] = "segregated_bump";

constexpr size_t kSmallMax = LITE_ALLOC_SMALL_CLASSES * kAlign;  // the largest binned block
static_assert(LITE_ALLOC_SMALL_CLASSES >= 2 && kSmallMax >= kMinBlock, "LITE_ALLOC_SMALL_CLASSES: at least 2");
constexpr int kLargeShift = __builtin_ctzl(kSmallMax);  // log2_floor of the smallest large block
constexpr int kLists = 12;  // the last takes every block of 2^(kLargeShift + 11) bytes or more
// Bins and lists in one array, so that the last resort walks both in one loop; the head after
// the last list stays empty ("the next list" needs no bound test).
constexpr int kBins = LITE_ALLOC_SMALL_CLASSES + 1;  // index size / kAlign (0 and below kMinBlock unused)
constexpr int kHeads = kBins + kLists;
static_assert(LITE_ALLOC_HEADS == kHeads + 1, "config.hpp reserves the bins and lists");

// (plus kAdd: allocate's biased index, below)
template <int kAdd = 0>
LITE_INLINE int head_of(size_t size) {
    // A small size skips the rest: the fast path's (-O2 builds, and cores whose log2 is a loop). Size
    // builds with a count-leading-zeros instruction compute both halves and choose: no branch, 17 B
    // less on wasm32.
#if !defined(__OPTIMIZE_SIZE__) || LITE_NO_CLZ
    if (size <= kSmallMax) return (int)(size / kAlign) + kAdd;
#endif
    int c = log2_floor(size) - kLargeShift + kBins + kAdd;  // (kBins added before the bound: GCC folds it into the subtraction)
    int large = c < kHeads - 1 + kAdd ? c : kHeads - 1 + kAdd;
    return size <= kSmallMax ? (int)(size / kAlign) + kAdd : large;
}
LITE_INLINE char *list(int i) { return slot_of(&heap().heads[i]); }
// allocate names its list by an index biased as bump_freelist's on ARM (head_of<kBias>, the bias
// folded into the large lists' constant): a head is the heap's address plus the index shifted, and
// allocate_short's loop (strategy.hpp) needs no second literal (Cortex-M4: 8 bytes less without the
// merge, 4 with it).
#if defined(__arm__)
constexpr int kBias = (int)(offsetof(Heap, heads) / sizeof(char *));
#else
constexpr int kBias = 0;
#endif
LITE_INLINE int home(const char *p) { return head_of(block_size(p)); }  // the bin or list free block p is on
// Free. Out of line in size builds: free and allocate_short (strategy.hpp) share it.
LITE_SHARED void release(char *p) {
    release_unsplit(p, [](size_t size) __attribute__((always_inline)) { return list(head_of(size)); });
}

LITE_INLINE char *allocate(size_t size) {
    int i = head_of<kBias>(size);
    char *head = list(i - kBias);
    if (size <= kSmallMax) {
        // the fast path. A bin's blocks are of its size: their header is `size`, which the Cortex-M
        // code has in a register (8 bytes less); clang's wasm32 code would shrink by 17 without the
        // merge but only by 5 with it, and the merge's part would pass its cap of 200 bytes.
        if (char *p = slot_link(head)) return take_off(head, p, !kWasm, size);
    } else {
        if (char *p = take_first_fit(head, size, kFitSteps)) return p;
        if (char *p = take_first_fit(head + sizeof(char *), size, 1)) return p;  // list i + 1: its head, if any, holds size
    }
    return allocate_short<kHeads + kBias, kBias>(size, i, [](char *p) __attribute__((always_inline)) { release(p); });  // bump space, grow, split, merge (strategy.hpp)
}
LITE_INLINE bool resize(char *p, size_t size) { return resize_unsplit(p, size); }

inline int check_free(FreeSummary &listed, size_t at_most) {
    if (heap().heads[kHeads]) return kCheckFreeListCorrupt;
    for (int i = 0; i < kHeads; ++i)
        if (int err = check_list(heap().heads[i], listed, at_most, [i](char *p) { return home(p) == i; }))
            return err;
    return 0;
}

}  // namespace lite::strategy
