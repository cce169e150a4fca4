// The C allocation ABI. Argument rules live here; the heap behind them is in src/core.
#include "../../include/lite_alloc.h"
#include "../core/block.hpp"
#include "../core/heap.hpp"

#if __has_include(<errno.h>) && !defined(LITE_ALLOC_NO_LIBC)
#include <errno.h>  // the target's own codes: WASI and Emscripten differ from Linux
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif

using namespace lite;

// Test builds export lite_malloc, lite_free, ... so that the test harness keeps its own allocator.
#ifdef LITE_ALLOC_PREFIXED
#define LITE_NAME(name) lite_##name
#else
#define LITE_NAME(name) name
#endif

static inline bool is_power_of_two(size_t n) { return n && !(n & (n - 1)); }

extern "C" {

void *LITE_NAME(malloc)(size_t size) { return heap_allocate(size, kAlign); }

void LITE_NAME(free)(void *ptr) { heap_free(ptr); }

void *LITE_NAME(calloc)(size_t count, size_t size) { return heap_zeroed(count, size); }

void *LITE_NAME(realloc)(void *ptr, size_t size) { return heap_reallocate(ptr, size); }

// Any power of two; C17 dropped the rule that size be a multiple of it.
void *LITE_NAME(aligned_alloc)(size_t alignment, size_t size) {
    if (!is_power_of_two(alignment)) return heap_fail(EINVAL);
    return heap_allocate(size, alignment);
}

void *LITE_NAME(memalign)(size_t alignment, size_t size) { return LITE_NAME(aligned_alloc)(alignment, size); }

// POSIX: errors are returned, not put in errno, and *out is left alone on failure.
int LITE_NAME(posix_memalign)(void **out, size_t alignment, size_t size) {
    if (!is_power_of_two(alignment) || alignment % sizeof(void *)) return EINVAL;
    void *p = heap_allocate(size, alignment);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

size_t LITE_NAME(malloc_usable_size)(void *ptr) { return heap_usable_size(ptr); }

}  // extern "C"
