// freelist: the best memory reuse.
//
// Free blocks are split on allocation and coalesced on release, at once, with both neighbours, in
// O(1): boundary tags as in dlmalloc and emmalloc. A free block's size is also in its last word
// (its footer), and the block above a free block has kPrevFree in its header, so release finds
// both neighbours without a search. A free block that reaches the bump space is given back to it.
// realloc grows a block into a free right neighbour or the bump space, and shrinks it in place.
//
// The free blocks sit in kBins doubly linked lists, two per power of two of their size (TLSF's
// idea, one level), with a bitmap of the lists that are not empty. A request looks at the head of
// its own list; if that is too small, it takes the head of the first non-empty larger list (every
// block there fits) and splits it; only if there is none does it look further into its own list
// for a first fit (kFitSteps blocks at most, so that a long list of blocks just too small costs
// O(1)), and only then carve new bump space.
//
// A free block's payload holds [ next | prev ] ... [ footer: its size ], so a free block needs four
// words (kMinBlock; LITE_ALLOC_STRATEGY_freelist tells config.hpp).
// Invariants (verified by lite_alloc_check):
//   - the lists hold every free block of the heap, each once; list i holds only blocks of bin_of(size) == i;
//   - a list's next/prev links agree (its first block's prev is its head slot, heads[i]), and bit i
//     of the map is set exactly when list i is not empty;
//   - every free block's footer holds its size, and the block above it has kPrevFree (no other does);
//   - no free block is followed by another free block or by the bump space (they are merged).
//   - wasi and Emscripten (LITE_ALLOC_QUICK): quick list i holds blocks of exactly quick_size(i)
//     bytes, freed but marked in use (merged only by settle()); quick_bytes is their sum, at most a
//     quarter of what the heap claimed (plus one block).
// Cost: one header word per block; a request of n bytes takes round_up(n + word, kAlign) bytes, and
// at least four words.
// Included by src/core/strategy.hpp (LITE_ALLOC_STRATEGY_freelist).
#pragma once

namespace lite::strategy {

inline constexpr char kName[] = "freelist";

constexpr int kBins = 32;  // two per power of two from kMinBlock; the last takes everything larger
static_assert(LITE_ALLOC_HEADS == kBins, "config.hpp reserves the bins");

// Inlined on wasm: no call on every free and allocation (clang's wasm32 code 9 bytes larger; Lua
// under Emscripten 3 % faster, farm-bench's median of 40 paired runs; x86-64 clang -Oz code as a
// deterministic stand-in: 4 % fewer allocator instructions on the Lua trace).
#ifdef __wasm__
LITE_INLINE
#else
LITE_SHARED
#endif
int bin_of(size_t size) { return power_class<kBins>(size); }
// The smallest size of size's bin: its two highest bits (bin_of's classes start at 2^k and 1.5 * 2^k),
// so that every size from it up to size is in the same bin (in the last bin too, which holds more).
LITE_INLINE size_t class_floor(size_t size) { return size & (~(size_t)0 << (log2_floor(size) - 1)); }
constexpr bool kCarveFromTop = kWasm && !kSizeBuild && !LITE_ALLOC_CHECKED;  // (allocate)
LITE_INLINE int home(const char *p) { return bin_of(block_size(p)); }  // the list free block p is on
LITE_INLINE char *next_free(const char *p) { return link(p, 0); }
LITE_INLINE char *prev_free(const char *p) { return link(p, 1); }
LITE_INLINE void set_footer(char *p, size_t size) { store_word(p + size - 2 * kWord, size); }

// Takes p off its list. Its prev is the block before it, or its list's head slot: so p's list is
// only looked up when p was the last block of it, and only by address.
LITE_SHARED void unlink(char *p) {
    verify_free(p);
    char *next = next_free(p), *prev = prev_free(p);
    set_slot_link(prev, next);
    if (next) return set_link(next, 1, prev);
    // (a block is none of them. From the heap's address: the map is then at a small offset, a
    // 2-byte load and store on the Cortex-M, and its bit is set, so subtracting it clears it)
    size_t i = ((uintptr_t)prev - (uintptr_t)&heap() - offsetof(Heap, heads)) / kWord;
    if (i < kBins) heap().map -= (uint32_t)1 << i;
}

// Files p as a free block of `size` bytes (header and footer written here) at the head of its list.
LITE_INLINE void insert(char *p, size_t size) {
    set_header(p, size);
    set_footer(p, size);
    checked::poison(p);
    Heap &h = heap();
    int i = bin_of(size);
    char *head = slot_of(&h.heads[i]);
    char *next = load_ptr(head);
    set_link(p, 0, next);
    set_link(p, 1, head);
    if (LITE_ALLOC_CHECKED && next) (void)prev_free(next);  // (verified before it is overwritten)
    if (next) set_link(next, 1, p);
    store_ptr(head, p);
    h.map |= (uint32_t)1 << i;
}

LITE_INLINE void set_flag(char *p, Word flag, bool on) { set_header(p, on ? header(p) | flag : header(p) & ~flag); }

// Out of line: free, every split (trim) and the aligned split share one copy.
[[gnu::noinline]] inline void release_now(char *p) {
    [[maybe_unused]] char *freed = p;
    size_t size = block_size(p);
    if (header(p) & kPrevFree) {
        size_t below = load_word(p - 2 * kWord);
        p -= below;
        // (the footer is verified before it is followed: it must lead to a free block of that size)
        if (LITE_ALLOC_CHECKED && (!arena_holds(p) || header(p) != below)) checked::written_after_free();
        unlink(p);
        size += below;
    }
    char *next = p + size;  // (the block above the freed one)
    if (next == heap().top) return arena_give_back(p);
    if (Word above = header(next); !(above & kInUse)) {
        unlink(next);
        size += above;  // (free: its size alone; the block above it has kPrevFree already)
    } else {
        set_header(next, above | kPrevFree);  // (or-ed: a rest released by trim may lie below it, already flagged)
    }
    insert(p, size);
    if (LITE_ALLOC_CHECKED) checked::merged(p, freed);  // (emcc -Oz would keep a call to the empty hook)
}

// Makes p, `have` bytes and no longer free, a block of `size` bytes with these flags: allocate's
// split and resize's. The rest, if it can stand as a free block, is released (it merges with a free
// block above it and marks the block above kPrevFree); else the block above p, never the bump space
// (p was free or ended at a free block), loses kPrevFree.
LITE_SHARED void trim(char *p, size_t have, size_t size, Word flags) {
    if (have - size >= kMinBlock) {
        set_header(p + size, have - size);
        release_now(p + size);
        have = size;
    } else {
        set_flag(p + have, kPrevFree, false);
    }
    set_header(p, have | flags);
}

// Quick lists (wasi and Emscripten: LITE_ALLOC_QUICK, config.hpp), as dlmalloc's fastbins and
// glibc's tcache: a freed block of at most kQuickMax bytes whose neighbours are both in use (so it
// would not merge) goes onto the list of its exact size, unmerged and still marked in use, and a
// request of that size takes it back: a push and a pop instead of a merge, an insert, an unlink and
// a split. They hold at most a quarter of what the heap claimed; settle() merges them all, as
// release_now would have, before the heap grows or gives up, so it never grows, and never fails,
// while merged quick blocks would hold the request. lite_alloc_stats counts them as free, and
// lite_alloc_check verifies them (check_quick). Measured under V8 (Lua, make bench's script): the
// allocator's share of the samples about 10 % -> 7 %; heap breaks against dlmalloc's: Lua 1.02,
// MuJS 0.96 -> 1.03 (1.14 with no neighbour test and no bound, 1.06 with the test alone), SQLite 1.00.
#if LITE_ALLOC_QUICK
constexpr size_t kQuickMax = 128;  // (arena.hpp sizes heap().quick by it)
constexpr int kQuickLists = (int)(sizeof heap().quick / sizeof *heap().quick);
static_assert(kQuickLists == (kQuickMax - kMinBlock) / kAlign + 1, "a quick list per block size up to kQuickMax");
LITE_INLINE size_t quick_size(int list) { return kMinBlock + (size_t)list * kAlign; }
LITE_INLINE char **quick_list(size_t size) { return &heap().quick[(size - kMinBlock) / kAlign]; }
// Merges every block of the quick lists; whether there was one (quick_bytes counts them).
[[gnu::noinline]] inline bool settle() {
    Heap &h = heap();
    bool held = h.quick_bytes;
    for (char *&head : h.quick)
        while (char *p = head) {
            head = load_ptr(p);
            release_now(p);
        }
    h.quick_bytes = 0;
    return held;
}
// lite_alloc_check's part: every quick block in the heap, in use, of its list's size, with no flag
// but kInUse and kPrevFree; no more of them than the heap has room for (a loop); and quick_bytes
// their sum (lite_alloc_stats counts it as free).
inline int check_quick() {
    size_t at_most = (size_t)(heap().top - heap().base) / kMinBlock, bytes = 0;
    for (int i = 0; i < kQuickLists; ++i)
        for (char *p = heap().quick[i]; p; p = load_ptr(p), bytes += quick_size(i)) {
            if (!arena_holds(p) || !at_most--) return kCheckFreeListCorrupt;
            if ((header(p) & ~kPrevFree) != quick_size(i) + kInUse) return kCheckWrongBin;
        }
    return bytes == heap().quick_bytes ? 0 : kCheckFreeListCorrupt;
}
#else
LITE_INLINE bool settle() { return false; }
#endif

// free's: a small block that would not merge onto its quick list; else merged at once. (Inlined:
// out of line, the same bytes and one more call per free.)
LITE_INLINE void release(char *p) {
#if LITE_ALLOC_QUICK
    Heap &h = heap();
    Word flags = header(p);
    size_t size = flags & ~kFlags;
    // (not kPrevFree: the block below is in use; not on top: that goes back to the bump space;
    // not kAligned: realloc keeps an aligned block's alignment by that flag, a quick block has none)
    if (size <= kQuickMax && !(flags & (kPrevFree | kAligned)) && p + size != h.top && in_use(p + size) &&
        h.quick_bytes < h.claimed >> 2) {
        char **list = quick_list(size);
        store_ptr(p, *list);
        *list = p;
        h.quick_bytes += size;
        return;
    }
#endif
    release_now(p);
}

LITE_INLINE char *allocate(size_t size) {
#if LITE_ALLOC_QUICK
    if (size <= kQuickMax) {
        char **list = quick_list(size);
        if (char *p = *list) {
            *list = load_ptr(p);
            heap().quick_bytes -= size;
            return p;
        }
    }
#endif
    for (;;) {  // (again once the quick blocks merged)
        int i = bin_of(size);
        char *p = heap().heads[i];
        if (!p || header(p) < size) {
            // (the lists above i: in size builds the map shifted down past i, GCC's Cortex-M code 4 bytes
            // smaller than masking it with ~1 << i; clang's wasm32 code would grow by 9, and x86-64's
            // -O2 code runs 0.4% more instructions per call on the trace workload)
            uint32_t larger = kWasm || !kSizeBuild ? heap().map & ((uint32_t)~1u << i) : (heap().map >> i) >> 1;
            if (larger) {
                p = heap().heads[kWasm || !kSizeBuild ? lowest_bit(larger) : i + 1 + lowest_bit(larger)];
            } else {
                // (the head and kFitSteps blocks after it. A walk that used its last step ended at a
                // block too small: the test after it need not read that block again, 4 bytes less on
                // the Cortex-M4, 12 on wasm32)
                size_t steps = kFitSteps + 1;
                while (p && header(p) < size && --steps) p = next_free(p);
                if (!p || !steps) {
                    if (settle()) continue;  // the quick blocks merged: look again
                    if (char *fresh = arena_take(size)) return fresh;
                    while (p && header(p) < size) p = next_free(p);  // memory is exhausted: the rest of the list
                    if (!p) return nullptr;
                }
            }
        }
        // wasi and Emscripten: a rest that stays in p's bin stays where it is, on its list, and the
        // request takes the top of p (no unlink, no insert). Lua under V8: the allocator's share of the
        // samples 21 % lower, the whole program 2.4 % faster. Not in size builds: wasm32 1343 -> 1437
        // bytes, past its goal of 1400.
        if constexpr (kCarveFromTop) {
            if (size_t rest = header(p) - size; rest >= class_floor(header(p))) {  // (free: its size alone)
                set_header(p, rest);
                set_footer(p, rest);
                char *q = p + rest;
                set_header(q, size + kInUse + kPrevFree);
                set_header(q + size, header(q + size) - kPrevFree);  // (p was free: the block above has kPrevFree)
                return q;
            }
        }
        unlink(p);
        trim(p, header(p), size, kInUse);  // (free: its size alone; and the block below it is in use)
        return p;
    }
}

LITE_INLINE bool resize(char *p, size_t size) {
    size_t have = block_size(p);
    char *next = p + have;
    Word flags = header(p) & kFlags;
    // (the flags passed in size builds; an -O2 build reads the header again: with them, x86-64
    // runs 5% more instructions per call on the realloc-heavy vector workload)
    if (next == heap().top) return arena_resize_top(p, have, size, kSizeBuild ? flags : kFlagsUnread);
    if (size > have) {
        Word above = header(next);
        if ((above & kInUse) || have + above < size) return false;  // (free: its size alone)
        unlink(next);
        have += above;
    }
    trim(p, have, size, flags);
    return true;
}

inline int check_free(FreeSummary &listed, size_t at_most) {
#if LITE_ALLOC_QUICK
    if (int err = check_quick()) return err;
#endif
    for (int i = 0; i < kBins; ++i) {
        if (!heap().heads[i] != !(heap().map & ((uint32_t)1 << i))) return kCheckFreeListCorrupt;
        char *prev = slot_of(&heap().heads[i]);
        for (char *p = heap().heads[i]; p; prev = p, p = next_free(p)) {
            if (!arena_holds(p) || in_use(p) || listed.count >= at_most || prev_free(p) != prev) return kCheckFreeListCorrupt;
            if (home(p) != i) return kCheckWrongBin;
            listed.add(p);
        }
    }
    bool below_free = false;
    return arena_walk([&](char *p) {
        if (!!(header(p) & kPrevFree) != below_free) return (int)kCheckBoundaryTag;
        below_free = !in_use(p);
        if (!below_free) return 0;
        if (load_word(next_block(p) - 2 * kWord) != block_size(p)) return (int)kCheckBoundaryTag;
        if (next_block(p) == heap().top || !in_use(next_block(p))) return (int)kCheckNotCoalesced;
        return 0;
    });
}

}  // namespace lite::strategy
