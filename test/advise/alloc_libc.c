/* The replayer's allocator: the platform's own malloc (glibc on the host, newlib or newlib-nano on
 * Cortex-M, wasi-libc's dlmalloc on wasm32-wasi). Footprint: glibc's mallinfo2 (arena + mmapped), newlib's
 * program break, the wasm memory's size. */
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
size_t ra_usable(void *p) { return malloc_usable_size(p); }
int ra_region(void *start, size_t size) { (void)start; (void)size; return -2; }
#ifdef __GLIBC__
size_t ra_footprint(void) {
    struct mallinfo2 m = mallinfo2();
    return m.arena + m.hblkhd;
}
int ra_limit(size_t bytes) { (void)bytes; return -2; }
#elif defined(__wasm__)
size_t ra_footprint(void) { return __builtin_wasm_memory_size(0) * 65536; } /* the memory's size */
int ra_limit(size_t bytes) { (void)bytes; return -2; }
#else
size_t ra_footprint(void) { return (size_t)sbrk(0); }
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
