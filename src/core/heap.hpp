// The heap operations behind the C ABI, shared by src/abi/*.cpp. Sizes here are the user's.
//
// One layer per call: each entry point (src/abi) takes its libc's lock, calls these inline steps
// and sets errno; the only functions between it and the memory are allocate (one shared copy of
// the strategy's allocation), arena_grow (only when the heap grows; in size builds also to find
// that it need not) and the strategy's cold paths.
#pragma once

#include "strategy.hpp"
#include "valgrind_hooks.hpp"

// errno: the target's own codes (WASI and Emscripten differ from Linux). newlib's entry points
// write the errno of the reent they were given instead (src/abi/newlib_reent.cpp).
#if __has_include(<errno.h>) && !defined(LITE_ALLOC_NO_LIBC)
#include <errno.h>
#define LITE_SET_ERRNO(code) (errno = (code))
#else
#define LITE_SET_ERRNO(code) ((void)(code))
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EINVAL
#define EINVAL 22
#endif

// Test builds (and the recording build) export lite_malloc, lite_free, ...
#ifdef LITE_ALLOC_PREFIXED
#define LITE_NAME(name) lite_##name
#else
#define LITE_NAME(name) name
#endif

namespace lite {

// LITE_ALLOC_STATS: the counters that cost bytes on every call.
struct Stats {
    size_t in_use, peak_in_use, failed;
};
extern Stats g_stats;
LITE_INLINE void count_in_use(size_t delta) {
    if (!LITE_ALLOC_STATS) return;
    g_stats.in_use += delta;  // modular: a negative delta arrives as its two's complement
    if (g_stats.in_use > g_stats.peak_in_use) g_stats.peak_in_use = g_stats.in_use;
}
// A failed request: counted (LITE_ALLOC_STATS); the caller sets errno.
LITE_INLINE void count_failure() {
    if (LITE_ALLOC_STATS) ++g_stats.failed;
}

// A block handed out (or resized) becomes the user's: the canary, the statistics, memcheck.
LITE_INLINE void handed_out(char *p, size_t n) {
    checked::arm_canary(p, n);
    count_in_use(block_size(p));
}

// malloc's body without errno: a block of n payload bytes, or nullptr. One copy, out of line, for
// every entry point (src/core/heap.cpp).
void *allocate(size_t n);

// free's body, for a block already verified (checked::verify_owned).
LITE_INLINE void release(char *p) {
    vg::freed(p);
    count_in_use(0 - block_size(p));
    strategy::release(p);
}

// realloc in place: true when p now holds n bytes (it is left as it was otherwise).
LITE_INLINE bool resize(char *p, size_t n) {
    size_t old = block_size(p), kept = checked::requested_size(p);
    size_t size = block_size_for(n + checked::kCanaryBytes);  // (wraps above kMaxRequest: then unused)
    if (too_large(n) || !strategy::resize(p, size)) return false;
    count_in_use(0 - old);
    handed_out(p, n);
    vg::resized(p, kept, checked::requested_size(p));
    return true;
}

// calloc's count * size; SIZE_MAX when it overflows, which no allocation serves.
LITE_INLINE size_t calloc_bytes(size_t count, size_t size) {
#if defined(__thumb2__)  // (the wide product's high word, negated, borrows all ones when it is not 0: no compare, 2 bytes less)
    uint64_t wide = (uint64_t)count * size;
    return (size_t)wide | (size_t)((0 - (wide >> 32)) >> 32);
#else
    size_t n;
    return __builtin_mul_overflow(count, size, &n) ? SIZE_MAX : n;
#endif
}

// calloc's zeroing. With a zeroing backend, bytes at or above dirty_end (max(clean, top), taken
// before the allocation) were never written and need no clearing.
LITE_INLINE char *dirty_end() {
#if LITE_ALLOC_SKIP_FRESH_ZEROING
    return heap().top > heap().clean ? heap().top : heap().clean;
#else
    return nullptr;
#endif
}
LITE_INLINE void zero(void *ptr, size_t n, [[maybe_unused]] char *dirty_end) {
    char *p = (char *)ptr;
    size_t dirty = n;
#if LITE_ALLOC_SKIP_FRESH_ZEROING
    if (p >= dirty_end || (size_t)(dirty_end - p) < n) dirty = p >= dirty_end ? 0 : (size_t)(dirty_end - p);
#endif
    __builtin_memset(p, 0, dirty);
    vg::zeroed(p, n);
}

// The bytes realloc's move copies: all the old block held. A move is only ever to a larger size
// (every strategy shrinks in place, and a block that grows in place within its size stays put), so
// the new block holds them all.
LITE_INLINE size_t kept_bytes(const char *p) { return checked::requested_size(p); }

// A block with kAligned set keeps its alignment when realloc moves it (src/abi/aligned.cpp).
LITE_INLINE bool is_aligned_block(const char *p) { return header(p) & kAligned; }

}  // namespace lite
