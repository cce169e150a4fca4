#include "arena.hpp"

#include "../backend/backend.hpp"
#include "strategy.hpp"

#ifdef LITE_ALLOC_FAULT_INJECTION
static long g_grow_budget = -1;
extern "C" void lite_alloc_set_grow_budget(long grants) { g_grow_budget = grants; }
#endif

namespace lite {

Arena g_arena;

// Makes [start, start + size) the newest segment; the caller guarantees room for one block. The
// old segment is retired: a fence closes it, and its bump space becomes a free block, released
// only once the new segment is in place so that it is never taken for the top block.
static void adopt_segment(char *start, size_t size) {
    char *old_top = g_arena.top, *old_segment = g_arena.segments;
    store_ptr(start, old_segment);
    g_arena.segments = start;
    g_arena.top = arena_first_block(start);
    char *blocks_end = old_top + ((size_t)(g_arena.end - old_top) & ~(kAlign - 1));
    if (kMinBlock > kAlign && (size_t)(blocks_end - old_top) < kMinBlock) blocks_end = old_top;  // too small to be free
    g_arena.end = g_arena.clean = start + size;
    if (backend::kFreshMemoryIsZero && !g_arena.fixed_region) g_arena.clean = g_arena.top;
    if (!old_segment) return;
    set_header(blocks_end, kInUse);  // the fence
    store_ptr(old_segment + kWord, blocks_end);
    if (blocks_end != old_top) {
        set_header(old_top, (size_t)(blocks_end - old_top) | kInUse);
        strategy::release(old_top);
    }
}

bool arena_reserve(size_t size) {
    if (size <= (size_t)(g_arena.end - g_arena.top)) return true;
    if (g_arena.fixed_region) return false;
#ifdef LITE_ALLOC_FAULT_INJECTION
    if (g_grow_budget == 0) return false;
    if (g_grow_budget > 0) --g_grow_budget;
#endif
    // Room for a new segment's header words and first-block alignment; size <= kMaxRequest.
    backend::Span span = backend::grow(size + 3 * kWord + kAlign);
    if (!span.start) return false;
    g_arena.claimed += span.size;
    if (span.start == g_arena.end && g_arena.segments) {
        g_arena.end += span.size;
    } else {
        adopt_segment(span.start, span.size);
    }
    return size <= (size_t)(g_arena.end - g_arena.top);
}

char *arena_take(size_t size, size_t alignment) {
    // The longest lead aligned_lead gives: alignment - kAlign, or, where a lead shorter than kMinBlock
    // takes one more alignment step, kMinBlock - kAlign + alignment. Reserving first may move top to
    // a new segment; the carve below must never pass the end (top <= end is an invariant).
    size_t worst = alignment > kAlign ? alignment + kMinBlock - kAlign : 0;
    if (!arena_reserve(size + worst)) return nullptr;
    char *p = g_arena.top;
    size += aligned_lead(p, alignment);  // the very lead the core will split off
    g_arena.top += size;
    set_header(p, size | kInUse);
    return p;
}

bool arena_resize_top(char *payload, size_t size) {
    size_t old = block_size(payload);
    // Reserving may start a new segment, which retires this block's one: then it is no longer on top.
    if (size > old && (!arena_reserve(size - old) || !arena_is_top(payload))) return false;
    if (size < old) arena_give_back(payload + size);
    g_arena.top = payload + size;
    set_header(payload, size | (header(payload) & kFlags));
    return true;
}

bool arena_holds(const char *p) {
    if ((size_t)p % kAlign) return false;
    for (char *base = g_arena.segments; base; base = load_ptr(base)) {
        if (p >= arena_first_block(base) && p < segment_limit(base)) return true;
    }
    return false;
}

bool arena_restart(char *start, size_t size) {
    strategy::reset();
    g_arena = Arena{};
    if (!start) return true;
    char *first = arena_first_block(start);
    if (first < start || (size_t)(first - start) > size || (size_t)(start + size - first) < kMinBlock) return false;
    g_arena.fixed_region = true;
    g_arena.claimed = size;
    adopt_segment(start, size);
    return true;
}

}  // namespace lite
