/* The host libc's malloc (glibc). Footprint: mallinfo2's arena (sbrk heap) plus hblkhd (mmapped). */
#include <malloc.h>
#include <stdlib.h>
void *bm_malloc(size_t n) { return malloc(n); }
void bm_free(void *p) { free(p); }
void *bm_realloc(void *p, size_t n) { return realloc(p, n); }
void *bm_calloc(size_t c, size_t n) { return calloc(c, n); }
size_t heap_footprint(void) { struct mallinfo2 m = mallinfo2(); return m.arena + m.hblkhd; }
