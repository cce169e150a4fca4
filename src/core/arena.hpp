// The arena: where new blocks come from, for every strategy.
//
// Memory arrives from the backend in spans that need not be adjacent (other code may grow
// memory between our calls). Each non-adjacent span becomes a segment:
//
//   [ link to older segment | blocks end | block | block | ... | bump space ........ ]
//   ^ segment base                                              ^ top - kWord         ^ end
//
// Invariants:
//   - only the newest segment has bump space; a span adjacent to `end` just extends it;
//   - when a segment is retired, its bump space becomes one free block (if it holds kMinBlock, else
//     it stays unused beyond the fence), its second word records where its blocks end, and a fence header (size 0, in use) follows its
//     last block, so that a look at "the next block" never leaves the segment;
//   - `top` is the payload address the next carved block gets, so top is kAlign-aligned and
//     top <= end; blocks are carved in place, one after the other, and never overlap;
//   - with a zeroing backend, bytes at or above max(top, clean) and below end were never written.
#pragma once

#include "block.hpp"

namespace lite {

struct Arena {
    char *top;
    char *end;
    char *clean;
    char *segments;
    size_t claimed;
    bool fixed_region;  // lite_alloc_init_region was given memory: never ask the backend
};
extern Arena g_arena;

// Makes room for `size` more bytes of blocks in the bump space; false when the backend refuses.
bool arena_reserve(size_t size);
// A new in-use block carved from the bump space, holding `size` bytes at its first payload address
// aligned to `alignment` (see aligned_lead), or nullptr.
char *arena_take(size_t size, size_t alignment);
inline char *arena_first_block(char *segment) { return (char *)round_up((size_t)segment + 3 * kWord, kAlign); }
// Where a segment's blocks end: the bump pointer for the newest, the recorded end for a retired one.
inline char *segment_limit(char *segment) { return segment == g_arena.segments ? g_arena.top : load_ptr(segment + kWord); }
inline bool arena_is_top(char *payload) { return next_block(payload) == g_arena.top; }
// Lowers the bump pointer to new_top: what lay between is bump space again.
inline void arena_give_back(char *new_top) {
    if (g_arena.clean < g_arena.top) g_arena.clean = g_arena.top;  // those bytes were written
    g_arena.top = new_top;
}
// Resizes the block that ends at the bump pointer, in place; false if there is no room.
bool arena_resize_top(char *payload, size_t size);
// Forgets every segment; in fixed-region mode the heap lives in [start, start + size) only.
bool arena_restart(char *start, size_t size);

// Whether p is the payload address of a block inside some segment (for lite_alloc_check, which
// must not follow a corrupt link out of the heap). O(segments).
bool arena_holds(const char *p);

// Walks every block of every segment, newest segment first, and stops at the first nonzero
// answer of visit(payload). A block whose size cannot be right ends the walk with kBadBlockSize.
constexpr int kBadBlockSize = 1;
template <class Visit>
int arena_walk(Visit visit) {
    for (char *base = g_arena.segments; base; base = load_ptr(base)) {
        char *limit = segment_limit(base);
        for (char *p = arena_first_block(base); p < limit; p = next_block(p)) {
            size_t size = block_size(p);
            if (size < kMinBlock || size % kAlign || size > (size_t)(limit - p)) return kBadBlockSize;
            if (int err = visit(p)) return err;
        }
    }
    return 0;
}

}  // namespace lite
