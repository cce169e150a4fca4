/* Emscripten's dlmalloc.c (compiled at bench time from /usr/share/emscripten/system/lib, where it
 * builds with the dl prefix). Footprint: dlmalloc_max_footprint(), its own count of sbrk + mmap. */
#include <stddef.h>
void *dlmalloc(size_t); void dlfree(void *); void *dlrealloc(void *, size_t); void *dlcalloc(size_t, size_t);
size_t dlmalloc_max_footprint(void);
void *bm_malloc(size_t n) { return dlmalloc(n); }
void bm_free(void *p) { dlfree(p); }
void *bm_realloc(void *p, size_t n) { return dlrealloc(p, n); }
void *bm_calloc(size_t c, size_t n) { return dlcalloc(c, n); }
size_t heap_footprint(void) { return dlmalloc_max_footprint(); }
