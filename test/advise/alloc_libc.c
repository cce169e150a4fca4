/* The replayer's allocator: the platform's own malloc (glibc on the host, newlib or newlib-nano on
 * Cortex-M, wasi-libc's dlmalloc on wasm32-wasi, dlmalloc or emmalloc on Emscripten). Footprint,
 * O(1) per sample: glibc's arena (the program break's growth) + its mmapped chunks (counted per
 * call from the chunk's header), checked against mallinfo2 (a walk of its free lists) at the end;
 * newlib's and Emscripten's program break; the wasm memory's size. */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "replay.h"

void *ra_malloc(size_t n) { return malloc(n); }
void ra_free(void *p) { free(p); }
void *ra_realloc(void *p, size_t n) { return realloc(p, n); }
void *ra_calloc(size_t c, size_t n) { return calloc(c, n); }
#ifdef __wasi__
void *ra_memalign(size_t align, size_t n) { return aligned_alloc(align, n); } /* wasi-libc: no memalign */
#else
void *ra_memalign(size_t align, size_t n) { return memalign(align, n); }
#endif
#ifdef __GLIBC__
/* glibc serves large requests with mmap: the chunk's header says so (IS_MMAPPED, 2, in its size
 * word; the word before holds the chunk's offset in its mapping), and mallinfo2's hblkhd is the
 * sum of those mappings. The rest of its heap is the program break's growth (mallinfo2's arena:
 * one arena, single-threaded). */
static size_t mapped;
static size_t map_size(const void *p) {
    const size_t *h = (const size_t *)p;
    return p && (h[-1] & 2) ? (h[-1] & ~(size_t)7) + h[-2] : 0;
}
void ra_gone(void *p) { mapped -= map_size(p); }
void ra_got(void *p) { mapped += map_size(p); }
size_t ra_footprint(void) { return (size_t)sbrk(0) + mapped; }
size_t ra_footprint_own(void) {
    struct mallinfo2 m = mallinfo2();
    return m.arena + m.hblkhd;
}
#else
void ra_gone(void *p) { (void)p; }
void ra_got(void *p) { (void)p; }
#if defined(__wasm__) && !defined(__EMSCRIPTEN__)
size_t ra_footprint(void) { return __builtin_wasm_memory_size(0) * 65536; } /* the memory's size */
#else
size_t ra_footprint(void) { return (size_t)sbrk(0); } /* the program break */
#endif
size_t ra_footprint_own(void) { return ra_footprint(); }
#endif
size_t ra_usable(void *p) { return malloc_usable_size(p); }
int ra_region(void *start, size_t size) { (void)start; (void)size; return -2; }
#if !defined(__arm__) || defined(__linux__)
int ra_limit(size_t bytes) { (void)bytes; return -2; }
#else
#ifndef CAP_SBRK
int ra_limit(size_t bytes) { (void)bytes; return -2; }
#else

/* newlib's heap is the program break: the smallest heap it runs the trace in is the smallest cap on
 * the break's growth from the replay's start (built with -DCAP_SBRK, linked with -Wl,--wrap=_sbrk).
 * One cap per run: newlib's malloc cannot restart, so advise.py searches with a QEMU run per size. */
static size_t cap = (size_t)-1;
static char *first;
void *__real__sbrk(ptrdiff_t increment);
void *__wrap__sbrk(ptrdiff_t increment) {
    char *now = __real__sbrk(0);
    if (first && increment > 0 && (size_t)(now - first) + (size_t)increment > cap) {
        errno = ENOMEM;
        return (void *)-1;
    }
    return __real__sbrk(increment);
}
int ra_limit(size_t bytes) {  /* counted from the break when the replay starts, as ra_footprint */
    first = __real__sbrk(0);
    cap = bytes;
    return 0;
}
#endif
#endif
int ra_check(void) { return 0; }
void ra_print_stats(void) { printf("stats libc\n"); }
