/* The replayer's allocator: the platform's own malloc (glibc on the host, newlib or newlib-nano on
 * Cortex-M). Footprint: glibc's mallinfo2 (arena + mmapped), newlib's program break. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "replay.h"

void *ra_malloc(size_t n) { return malloc(n); }
void ra_free(void *p) { free(p); }
void *ra_realloc(void *p, size_t n) { return realloc(p, n); }
void *ra_calloc(size_t c, size_t n) { return calloc(c, n); }
void *ra_memalign(size_t align, size_t n) { return memalign(align, n); }
size_t ra_usable(void *p) { return malloc_usable_size(p); }
int ra_region(void *start, size_t size) { (void)start; (void)size; return -2; }
#ifdef __GLIBC__
size_t ra_footprint(void) {
    struct mallinfo2 m = mallinfo2();
    return m.arena + m.hblkhd;
}
#else
size_t ra_footprint(void) { return (size_t)sbrk(0); }
#endif
int ra_check(void) { return 0; }
void ra_print_stats(void) { printf("stats libc\n"); }
