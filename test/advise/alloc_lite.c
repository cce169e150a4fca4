/* The replayer's allocator: lite-alloc, the prefixed build (VARIANT=testing: lite_malloc, ...), so
 * that the replayer's own stdio keeps the platform's allocator. Each ra_* is a tail call (one jump):
 * instruction counts subtract it.
 * The footprint is what the default backend granted, counted where the heap grows, O(1) per sample
 * (lite_alloc_stats() walks the heap: it is only the check at the end of a run, ra_footprint_own). */
#include <stdio.h>

#include "../../test/harness/lite_prefixed.h"
#include "replay.h"

void *ra_malloc(size_t n) { return lite_malloc(n); }
void ra_free(void *p) { lite_free(p); }
void *ra_realloc(void *p, size_t n) { return lite_realloc(p, n); }
void *ra_calloc(size_t c, size_t n) { return lite_calloc(c, n); }
void *ra_memalign(size_t align, size_t n) { return lite_memalign(align, n); }
size_t ra_usable(void *p) { return lite_malloc_usable_size(p); }
int ra_region(void *start, size_t size) { return lite_alloc_init_region(start, size) ? -1 : 0; }
size_t ra_footprint_own(void) { return lite_alloc_stats().claimed; }
void ra_gone(void *p) { (void)p; }
void ra_got(void *p) { (void)p; }
int ra_check(void) { return lite_alloc_check(); }
int ra_limit(size_t bytes) { (void)bytes; return -2; } /* its limit is the region */
void ra_print_stats(void) {
    lite_alloc_stats_t s = lite_alloc_stats();
    printf("stats %s claimed %lu in_use %lu free %lu\n", lite_alloc_strategy(), (unsigned long)s.claimed,
           (unsigned long)s.in_use, (unsigned long)s.free_bytes);
}

#if defined(__linux__)
/* Host (mmap backend): the heap's pages are made readable and writable with mprotect as it grows;
 * linked with -Wl,--wrap=mprotect, which only the library calls. */
#include <sys/mman.h>
static size_t granted;
int __real_mprotect(void *start, size_t n, int prot);
int __wrap_mprotect(void *start, size_t n, int prot) {
    int r = __real_mprotect(start, n, prot);
    if (r == 0 && (prot & PROT_WRITE)) granted += n;
    return r;
}
size_t ra_footprint(void) { return granted; }
#elif defined(__EMSCRIPTEN__) || (defined(__arm__) && !defined(__linux__))
/* Emscripten and newlib: the heap grows the program break (sbrk), which nothing else moves while
 * the trace replays (the replayer's own buffers are taken before). */
#include <unistd.h>
size_t ra_footprint(void) { return (size_t)sbrk(0); }
#elif defined(__wasm__)
/* wasm32-wasi: the backend takes the memory the linker left above the static data first
 * (__heap_base to __heap_end), then grows the memory (memory.grow, an instruction: not wrapped).
 * The count: the memory's size, plus that first piece once the heap has started (the replayer
 * samples once before any call, then only after an allocation has succeeded). */
extern char __heap_base, __heap_end;
size_t ra_footprint(void) {
    static int started;
    size_t first = started && &__heap_end - &__heap_base >= 64 ? (size_t)(&__heap_end - &__heap_base) : 0;
    started = 1;
    return (size_t)__builtin_wasm_memory_size(0) * 65536 + first;
}
#else
#error "no footprint count for this platform"
#endif
