#include "arena.hpp"

#include "../backend/backend.hpp"
#include "checked.hpp"

#ifdef LITE_ALLOC_FAULT_INJECTION
static long g_grow_budget = -1;
extern "C" void lite_alloc_set_grow_budget(long grants) { g_grow_budget = grants; }
#endif

namespace lite {

Arena g_arena;
#ifdef __wasm__
Arena *g_arena_at = &g_arena;
#endif

bool arena_reserve(size_t size) {
    Arena &a = arena();
    bool whole = false;  // after a span that did not continue the heap, ask for all of size
    while ((size_t)(a.end - a.top) < size) {
        if (a.fixed) return false;
#ifdef LITE_ALLOC_FAULT_INJECTION
        if (g_grow_budget == 0) return false;
        if (g_grow_budget > 0) --g_grow_budget;
#endif
        // What is missing, plus what a span that is not adjacent loses to its first header.
        backend::Span span = backend::grow((whole ? size : size - (size_t)(a.end - a.top)) + 3 * kAlign);
        char *start = backend::span_start(span);
        // (the checked build remembers its gaps, up to a bound: past it, growth is refused)
        if (!start || (start != a.end && a.top && !checked::note_gap(a.top))) return false;
        a.claimed += backend::span_size(span);
        if (start != a.end) {
            char *first = (char *)round_up((size_t)start + kWord, kAlign);
            if (a.top) {
                whole = true;  // what was left of the last span is lost to the gap
                if (kMinBlock > kAlign && (size_t)(first - a.top) < kMinBlock) first += kAlign;  // a gap is a block too
                set_header(a.top, (size_t)(first - a.top) | kInUse);  // the gap block
                a.gaps += (size_t)(first - a.top);
            } else {
                a.base = first - kWord;
            }
            a.top = first;
        }
        a.end = start + backend::span_size(span);
    }
    return true;
}

char *arena_take(size_t size) {
    if (!arena_reserve(size)) return nullptr;
    char *p = arena().top;
    arena().top += size;
    set_header(p, size | kInUse);
    return p;
}

bool arena_resize_top(char *payload, size_t size) {
    size_t old = block_size(payload);
    // Growing may continue the heap after a gap: then this block is no longer on top.
    if (size > old && (!arena_reserve(size - old) || !arena_is_top(payload))) return false;
    if (size < old) arena_give_back(payload + size);
    arena().top = payload + size;
    set_header(payload, size | (header(payload) & kFlags));
    return true;
}

}  // namespace lite
