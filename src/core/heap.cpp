// The heap's out-of-line code: its state, the one copy of the allocation, and growth.
#include "heap.hpp"

#include "../backend/backend.hpp"
#ifdef LITE_ALLOC_BACKEND_SOURCE
#include LITE_ALLOC_BACKEND_SOURCE
#endif

#ifdef LITE_ALLOC_FAULT_INJECTION
static long g_grow_budget = -1;
extern "C" void lite_alloc_set_grow_budget(long grants) { g_grow_budget = grants; }
#endif

namespace lite {

void *allocate(size_t n) {
    size_t size = block_size_for(n + checked::kCanaryBytes);  // (wraps above kMaxRequest: then unused)
    char *p = !too_large(n) ? strategy::allocate(size) : nullptr;
    if (p) {
        handed_out(p, n);
        vg::allocated(p, checked::requested_size(p));
    }
    return p;
}

char *arena_grow(size_t size) {
    Heap &h = heap();
    // What is missing; once a span did not continue the heap (the loop goes round again only then: an
    // adjacent span holds what was asked), all of size, so that a reservation asks at most twice.
    size_t ask = size - (size_t)(h.end - h.top);
    while ((size_t)(h.end - h.top) < size) {
        if (h.fixed) return nullptr;
#if LITE_ALLOC_MERGE == 2
        if (h.freed > h.claimed >> 1) return nullptr;  // the lists are due: the strategy looks and merges first
#endif
#ifdef LITE_ALLOC_FAULT_INJECTION
        if (g_grow_budget == 0) return nullptr;
        if (g_grow_budget > 0) --g_grow_budget;
#endif
        // (plus what a span that is not adjacent loses to its first header)
        backend::Span span = backend::grow(ask + 3 * kAlign);
        ask = size;
        char *start = backend::span_start(span);
        // (the checked build remembers its gaps, up to a bound: past it, growth is refused)
        if (backend::is_refused(span) || (start != h.end && h.top && !checked::note_gap(h.top))) return nullptr;
        h.claimed += backend::span_size(span);
        if (start != h.end) {
            char *first = (char *)round_up((size_t)start + kWord, kAlign);
            if (h.top) {  // what was left of the last span is lost to the gap
                if (kMinBlock > kAlign && (size_t)(first - h.top) < kMinBlock) first += kAlign;  // a gap is a block too
                size_t gap = (size_t)(first - h.top);
                set_header(h.top, gap + kInUse + kGapMark);  // the gap block
#if defined(LITE_ALLOC_STRATEGY_freelist)
                h.gaps += gap;
#endif
            } else {
                h.base = first - kWord;
            }
            h.top = first;
        }
        h.end = start + backend::span_size(span);
    }
    return h.top;
}

}  // namespace lite
