// The C allocation ABI: argument rules and errno here; the heap behind them is a strategy
// (src/strategy) over the arena (src/core). One pass through the layers per call; every failure
// leaves through fail(), out of line.
#include "../core/heap.hpp"

#include "../../include/lite_alloc.h"
#include "../core/valgrind_hooks.hpp"
#include "../backend/backend.hpp"

// realloc of a block with kAligned set moves it here (src/abi/aligned.cpp): a block of n bytes with
// the alignment p has. Named weakly: only a program that links an aligned entry point has such
// blocks, and only such a program links that code.
extern "C" [[gnu::weak]] void *lite_alloc_move_aligned(char *p, size_t n);

namespace lite {

Stats g_stats;
#if LITE_ALLOC_STATS
void count_in_use(size_t delta) {
    g_stats.in_use += delta;  // modular: a negative delta arrives as its two's complement
    if (g_stats.in_use > g_stats.peak_in_use) g_stats.peak_in_use = g_stats.in_use;
}
#else
void count_in_use(size_t) {}
#endif

[[gnu::noinline, gnu::cold]] void *fail() {
#if LITE_ALLOC_STATS
    ++g_stats.failed;
#endif
    LITE_SET_ERRNO(ENOMEM);
    return nullptr;
}

void handed_out(char *p, size_t n) {
    checked::arm_canary(p, n);
    if (LITE_ALLOC_STATS) count_in_use(block_size(p));
}

void *allocate_bytes(size_t n) {
    char *p = n <= kMaxRequest ? strategy::allocate(block_size_for(n + checked::kCanaryBytes)) : nullptr;
    if (!p) return fail();
    handed_out(p, n);
    vg::allocated(p, checked::requested_size(p));
    return p;
}

}  // namespace lite

using namespace lite;

extern "C" {

void *LITE_NAME(malloc)(size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("malloc(): ");
    return allocate_bytes(size);
}

void LITE_NAME(free)(void *ptr) {
    if (!ptr) return;
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("free(): ");
    char *p = (char *)ptr;
    checked::verify_owned(p);
    vg::freed(p);
    if (LITE_ALLOC_STATS) count_in_use(0 - block_size(p));
    strategy::release(p);
}

void *LITE_NAME(calloc)(size_t count, size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("calloc(): ");
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) return fail();
    // With a zeroing backend, bytes at or above max(clean, top) were never written.
    char *dirty_end = arena().top > arena().clean ? arena().top : arena().clean;
    char *p = (char *)allocate_bytes(n);
    if (p) {
        size_t dirty = n;
        if (LITE_ALLOC_SKIP_FRESH_ZEROING && (p >= dirty_end || (size_t)(dirty_end - p) < n)) dirty = p >= dirty_end ? 0 : (size_t)(dirty_end - p);
        __builtin_memset(p, 0, dirty);
        vg::zeroed(p, n);
    }
    return p;
}

void *LITE_NAME(realloc)(void *ptr, size_t size) {
    if (!ptr) return LITE_NAME(malloc)(size);
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("realloc(): ");
    char *p = (char *)ptr;
    checked::verify_owned(p);
    if (size > kMaxRequest) return fail();
    size_t old = block_size(p), kept = checked::requested_size(p);
    if (strategy::resize(p, block_size_for(size + checked::kCanaryBytes))) {
        if (LITE_ALLOC_STATS) count_in_use(0 - old);
        handed_out(p, size);
        vg::resized(p, kept, checked::requested_size(p));
        return p;
    }
    char *moved = (char *)(header(p) & kAligned ? lite_alloc_move_aligned(p, size) : allocate_bytes(size));
    if (moved) {  // else the old block stays as it was
        __builtin_memcpy(moved, p, kept < size ? kept : size);
        vg::freed(p);
        if (LITE_ALLOC_STATS) count_in_use(0 - block_size(p));
        strategy::release(p);
    }
    return moved;
}

size_t LITE_NAME(malloc_usable_size)(void *ptr) {
    if (!ptr) return 0;
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("malloc_usable_size(): ");
    checked::verify_owned((char *)ptr);
    return checked::requested_size((char *)ptr);  // in the checked build, bytes beyond it are the canary
}

}  // extern "C"
