// The arena: the heap's one piece of state, and where new blocks come from, for every strategy.
//
// Blocks are carved one after the other from the bump space [top, end). Memory arrives from the
// backend in spans; a span that starts where the last one ended just moves `end`. A span that does
// not (other code grew memory in between) continues the heap after a gap block: one block, in use
// for good, whose header is the last word we own below the gap and whose size reaches the new
// span's first block (marked kGapMark, block.hpp). So the heap stays one walk from `base` to `top`, and no block ever looks past
// memory we own. Spans always arrive at rising addresses (every backend grows upwards).
//
// Invariants:
//   - blocks tile [base + kWord, top) exactly; top <= end; top is kAlign-aligned;
//   - `top` is the payload address the next carved block gets; its header slot is ours;
//   - with a zeroing backend, bytes at or above max(clean, top) and below end were never written.
#pragma once

#include "block.hpp"

namespace lite {

// Every global of the heap in one struct, so that code reaches them all from one base address
// (one literal on Cortex-M instead of one per variable; on wasm, see heap()).
struct Heap {
    char *top;
    char *end;
    char *base;      // the first block's header: its payload is base + kWord (null before the
                     // first span). Not the payload itself, which memcheck would take for a pointer
                     // to the first block and never call it leaked.
    size_t claimed;  // bytes obtained from the backend or the region
#if defined(LITE_ALLOC_STRATEGY_freelist)  // (the others mark their gap blocks: kGapMark)
    size_t gaps;     // bytes of gap blocks (foreign memory between spans, and what they cover of ours)
#endif
#if LITE_ALLOC_SKIP_FRESH_ZEROING
    char *clean;     // the highest `top` has ever been
#endif
    bool fixed;      // lite_alloc_init_region gave the memory: never ask the backend
#if defined(LITE_ALLOC_STRATEGY_freelist)
    uint32_t map;    // freelist: bit i set when list i is not empty
#endif
#if LITE_ALLOC_QUICK
    char *quick[(128 - kMinBlock) / kAlign + 1];  // freelist's quick lists: freed blocks of each size to 128 (kQuickMax)
    size_t quick_bytes;                            // the bytes they hold
#endif
#if LITE_ALLOC_MERGE == 2
    size_t freed;    // bytes filed onto the lists since the last merge, its runs included
                     // (strategy.hpp); just before heads: the merge's one memset clears both
#endif
    char *heads[LITE_ALLOC_HEADS];  // the strategy's free lists
};
extern Heap g_heap;
// The heap as the code reaches it. On wasm every absolute address in code is a 5-byte relocation,
// and clang folds a known address into each access: the empty asm hides the address, so each
// function puts it in a local once and reaches the fields at small offsets (measured: 43 bytes of
// arena_grow alone; 6 bytes less per strategy than loading it from a pointer variable).
#ifdef __wasm__
LITE_INLINE Heap &heap() {
    Heap *h = &g_heap;
    __asm__("" : "+r"(h));
    return *h;
}
#else
LITE_INLINE Heap &heap() { return g_heap; }
#endif

// Makes the bump space at least `size` bytes and returns the bump pointer (heap().top, never null
// then: size > 0); nullptr when the backend refuses (or the region is fixed). The pointer, not a
// bool: a caller compares it or carves at it without loading it again (Cortex-M4: 8 to 12 bytes).
// Out of line: only growth runs it (and, in size builds, the test whether to grow).
char *arena_grow(size_t size);

// Whether the bump space holds `size` bytes.
LITE_INLINE bool arena_has(size_t size) { return (size_t)(heap().end - heap().top) >= size; }
// arena_grow tests first whether the bump space must grow: a size build leaves the test to it (one
// call instead of an inline test and a call); a build for speed tests inline, and calls only to grow.
constexpr bool kGrowTestsRoom = kSizeBuild;
// A new in-use block of `size` bytes carved from the bump space, which holds them (arena_has,
// arena_grow). `grown` is the bump pointer as arena_grow returned it, or null: GCC's
// Cortex-M code carves there without loading it again; clang's wasm code is smaller loading it.
#ifdef __wasm__
constexpr bool kCarveAtGrown = false;
#else
constexpr bool kCarveAtGrown = true;
#endif
LITE_INLINE char *arena_carve(size_t size, char *grown = nullptr) {
    char *p = kCarveAtGrown && grown ? grown : heap().top;
    heap().top = p + size;
#ifdef __wasm__
    set_header(p, size | kInUse);  // (an or: clang's wasm32 code for freelist's aligned allocation is 2 bytes smaller)
#else
    set_header(p, size + kInUse);
#endif
    return p;
}
// A new in-use block of `size` bytes carved from the bump space, grown if need be, or nullptr. (An
// -O2 build carves right after its inline room test, with no test of a pointer: x86-64 freelist,
// 1.5 instructions per call less on the frag workload.)
LITE_INLINE char *arena_take(size_t size) {
    if (!kGrowTestsRoom && arena_has(size)) return arena_carve(size);
    char *p = arena_grow(size);
    return p ? arena_carve(size, p) : nullptr;
}
// Lowers the bump pointer to new_top: what lay between is bump space again.
LITE_INLINE void arena_give_back(char *new_top) {
#if LITE_ALLOC_SKIP_FRESH_ZEROING
    if (heap().clean < heap().top) heap().clean = heap().top;
#endif
    heap().top = new_top;
}
// Resizes block p, of `have` bytes, that ends at the bump pointer, in place, to `size`; false if
// there is no room. Growing may continue the heap after a gap: then the block is no longer on top,
// and stays as it was. (need is signed: a shrinking block needs no room and takes the same path.)
// A caller that has the block's flags passes them: the header is then written as size + flags, not
// read again after arena_grow's call (freelist: 4 bytes less on the Cortex-M4, 3 on wasm32).
constexpr Word kFlagsUnread = ~(Word)0;
LITE_INLINE bool arena_resize_top(char *payload, size_t have, size_t size, Word flags = kFlagsUnread) {
    Heap &h = heap();
    // (the block's end, which the caller found at h.top: a size build reads it there, 4 bytes less on
    // the Cortex-M; an -O2 build adds, 1.7% fewer instructions per realloc-heavy call on x86-64)
    char *block_end = kGrowTestsRoom ? h.top : payload + have;
    ptrdiff_t need = (ptrdiff_t)(size - have);
    if ((kGrowTestsRoom ? size > have : need > h.end - block_end) && arena_grow((size_t)need) != block_end) return false;
    if (need < 0) arena_give_back(payload + size);
    h.top = payload + size;
    set_header(payload, flags == kFlagsUnread ? header(payload) + need : size + flags);  // the size changes by need; the flags stay
    return true;
}
// The first block (from the integer: before the first span base is null, and this is kWord, not
// below top, which is null too: a walk from it to top is empty).
LITE_INLINE char *arena_first() { return (char *)((uintptr_t)heap().base + kWord); }
// Whether p could be a block's payload: aligned and inside [base, top).
LITE_INLINE bool arena_holds(const char *p) { return !((size_t)p % kAlign) && p > heap().base && p < heap().top; }

// Whether block p (below top) could have this size: a multiple of kAlign, at least kMinBlock, not past top.
inline bool size_can_be(const char *p, size_t size) {
    return size >= kMinBlock && !(size % kAlign) && size <= (size_t)(heap().top - p);
}

// Walks every block from base to top and stops at the first nonzero answer of visit(payload). A
// block whose size cannot be right ends the walk with kBadBlockSize.
constexpr int kBadBlockSize = 1;
template <class Visit>
int arena_walk(Visit visit) {
    for (char *p = arena_first(); p < heap().top; p = next_block(p)) {
        if (!size_can_be(p, block_size(p))) return kBadBlockSize;
        if (int err = visit(p)) return err;
    }
    return 0;
}

}  // namespace lite
