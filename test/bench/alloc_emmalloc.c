/* Emscripten's emmalloc.c (compiled at bench time from /usr/share/emscripten/system/lib; on the host
 * with the stand-in headers of emscripten_host/). Footprint: how far the sbrk break moved. */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
void *emmalloc_malloc(size_t); void emmalloc_free(void *); void *emmalloc_realloc(void *, size_t);
void *emmalloc_calloc(size_t, size_t);
static char *base;
void *bm_malloc(size_t n) { if (!base) base = sbrk(0); return emmalloc_malloc(n); }
void bm_free(void *p) { emmalloc_free(p); }
void *bm_realloc(void *p, size_t n) { if (!base) base = sbrk(0); return emmalloc_realloc(p, n); }
void *bm_calloc(size_t c, size_t n) { if (!base) base = sbrk(0); return emmalloc_calloc(c, n); }
size_t heap_footprint(void) { return base ? (size_t)((char *)sbrk(0) - base) : 0; }
