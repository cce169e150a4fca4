// The arena: where new blocks come from, for every strategy.
//
// Blocks are carved one after the other from the bump space [top, end). Memory arrives from the
// backend in spans; a span that starts where the last one ended just moves `end`. A span that does
// not (other code grew memory in between) continues the heap after a gap block: one block, in use
// for good, whose header is the last word we own below the gap and whose size reaches the new
// span's first block. So the heap stays one walk from `base` to `top`, and no block ever looks past
// memory we own. Spans always arrive at rising addresses (every backend grows upwards).
//
// Invariants:
//   - blocks tile [base + kWord, top) exactly; top <= end; top is kAlign-aligned;
//   - `top` is the payload address the next carved block gets; its header slot is ours;
//   - with a zeroing backend, bytes at or above max(clean, top) and below end were never written.
#pragma once

#include "block.hpp"

namespace lite {

struct Arena {
    char *top;
    char *end;
    char *base;      // the first block's header: its payload is base + kWord (null before the
                     // first span). Not the payload itself, which memcheck would take for a pointer
                     // to the first block and never call it leaked.
    char *clean;     // zeroing backends: the highest `top` has ever been
    size_t claimed;  // bytes obtained from the backend or the region
    size_t gaps;     // bytes of gap blocks (foreign memory between spans, and what they cover of ours)
    bool fixed;      // lite_alloc_init_region gave the memory: never ask the backend
};
extern Arena g_arena;
// The arena as the code reaches it. On wasm every absolute address in code is a 5-byte relocation,
// so the code loads one pointer to the arena and reaches its fields at small offsets.
#ifdef __wasm__
extern Arena *g_arena_at;
inline Arena &arena() { return *g_arena_at; }
#else
inline Arena &arena() { return g_arena; }
#endif

// Makes room for a block of `size` bytes at top; false when the backend refuses.
bool arena_reserve(size_t size);
// A new in-use block of `size` bytes carved from the bump space, or nullptr.
char *arena_take(size_t size);
inline bool arena_is_top(char *payload) { return next_block(payload) == arena().top; }
// Lowers the bump pointer to new_top: what lay between is bump space again.
inline void arena_give_back(char *new_top) {
    if (LITE_ALLOC_SKIP_FRESH_ZEROING && arena().clean < arena().top) arena().clean = arena().top;
    arena().top = new_top;
}
// Resizes the block that ends at the bump pointer, in place; false if there is no room.
bool arena_resize_top(char *payload, size_t size);
// Whether p could be a block's payload: aligned and inside [base, top).
inline char *arena_first() { return arena().base + kWord; }
inline bool arena_holds(const char *p) { return !((size_t)p % kAlign) && p > arena().base && p < arena().top; }

// Whether block p (below top) could have this size: a multiple of kAlign, at least kMinBlock, not past top.
inline bool size_can_be(const char *p, size_t size) {
    return size >= kMinBlock && !(size % kAlign) && size <= (size_t)(arena().top - p);
}

// Walks every block from base to top and stops at the first nonzero answer of visit(payload). A
// block whose size cannot be right ends the walk with kBadBlockSize.
constexpr int kBadBlockSize = 1;
template <class Visit>
int arena_walk(Visit visit) {
    for (char *p = arena().base ? arena_first() : nullptr; p && p < arena().top; p = next_block(p)) {
        if (!size_can_be(p, block_size(p))) return kBadBlockSize;
        if (int err = visit(p)) return err;
    }
    return 0;
}

}  // namespace lite
