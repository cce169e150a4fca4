// lite-alloc's own calls: statistics, the heap check, fixed regions, the strategy's name. Apart
// from the C ABI so that a program that calls none of them links none of it.
#include "../../include/lite_alloc.h"
#include "heap.hpp"
#include "valgrind_hooks.hpp"

using namespace lite;

extern "C" const char *lite_alloc_strategy(void) { return strategy::kName; }

extern "C" int lite_alloc_check(void) {
    [[maybe_unused]] vg::Quiet quiet;
    if (heap().top > heap().end) return kCheckBumpOverrun;
    strategy::FreeSummary walked{}, listed{};
    [[maybe_unused]] size_t blocks = 0;
    int err = arena_walk([&](char *p) {
        if (LITE_ALLOC_CHECKED) ++blocks;
        if (!in_use(p)) {
            if (header(p) & kFlags) return kBadBlockSize;  // a free block's header is its size alone
            walked.add(p);
            if (!free_block_intact(p)) return (int)kCheckPoison;
        } else if (LITE_ALLOC_CHECKED && !checked::is_gap(p) && checked::requested_size(p) == SIZE_MAX) {
            return (int)kCheckCanary;
        }
        return 0;
    });
    if (err) return err;
#if LITE_ALLOC_CHECKED
    checked::g_blocks_walked = blocks;
#endif
    if ((err = strategy::check_free(listed, walked.count))) return err;
    if (listed.count != walked.count || listed.bytes != walked.bytes || listed.xor_of_addresses != walked.xor_of_addresses)
        return kCheckFreeNotListed;
    return 0;
}

extern "C" const char *lite_alloc_check_message(int code) {
    static const char *const messages[] = {
        "heap is sound",
        "heap corrupt: a block header holds an impossible size (overflow past a block's end?)",
        "heap corrupt: a free list is broken (double free, or a write after free)",
        "heap corrupt: the free lists and the heap disagree on the free blocks",
        "heap corrupt: a block sits on the list of another size",
        "heap corrupt: a free block's boundary tag is wrong (a write past a block's end?)",
        "heap corrupt: two free blocks were left side by side",
        "heap corrupt: a write past the end of a block overwrote its canary",
        "heap corrupt: a freed block was written to after free (use after free)",
        "heap corrupt: the bump pointer ran past the end of its memory",
    };
    return code >= 0 && code < (int)(sizeof messages / sizeof *messages) ? messages[code] : "heap corrupt";
}

extern "C" lite_alloc_stats_t lite_alloc_stats(void) {
    [[maybe_unused]] vg::Quiet quiet;
    lite_alloc_stats_t s{};
    s.claimed = heap().claimed;
    s.free_bytes = (size_t)(heap().end - heap().top);
    size_t gaps = 0;  // (the marked gaps: the walk leaves them out of in_use)
    arena_walk([&](char *p) {
        (!in_use(p) ? s.free_bytes : header(p) & kGapMark ? gaps : s.in_use) += block_size(p);
        return 0;
    });
#if defined(LITE_ALLOC_STRATEGY_freelist)
    s.in_use -= heap().gaps;
#endif
#if LITE_ALLOC_QUICK
    s.in_use -= heap().quick_bytes, s.free_bytes += heap().quick_bytes;  // (free, though marked in use: freelist's quick lists)
#endif
    s.peak_in_use = g_stats.peak_in_use;
    s.failed_requests = g_stats.failed;
    return s;
}

extern "C" int lite_alloc_init_region(void *start, size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    char *first = (char *)round_up((size_t)start + kWord, kAlign);
    // A refused region changes nothing: the heap in use goes on.
    if (start && ((size_t)(first - (char *)start) > size || (size_t)((char *)start + size - first) < kMinBlock)) return -1;
    vg::forget_all();
    checked::forget_gaps();
    Heap &h = heap();
    h = Heap{};  // every free list forgotten too
    g_stats = Stats{};
    if (start) {
        h.top = first, h.end = (char *)start + size, h.base = first - kWord, h.claimed = size, h.fixed = true;
#if LITE_ALLOC_SKIP_FRESH_ZEROING
        h.clean = h.end;  // the region's memory may hold anything
#endif
    }
    return 0;
}
