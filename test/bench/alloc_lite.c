/* lite-alloc, linked from build/<target>/<strategy>/liblite_alloc.a (it exports malloc...).
 * Footprint: lite_alloc_stats().claimed, the bytes obtained from the backend. */
#include <stddef.h>
#include "lite_alloc.h"
void *bm_malloc(size_t n) { return malloc(n); }
void bm_free(void *p) { free(p); }
void *bm_realloc(void *p, size_t n) { return realloc(p, n); }
void *bm_calloc(size_t c, size_t n) { return calloc(c, n); }
size_t heap_footprint(void) { return lite_alloc_stats().claimed; }
