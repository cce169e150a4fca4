/* lite-alloc, linked from build/<target>/<strategy>/liblite_alloc.a (it exports malloc...).
 * Footprint: lite_alloc_stats().claimed, the bytes obtained from the backend (host); on the Cortex-M4
 * the heap's high-water mark, as for newlib. */
#include <stddef.h>
#include "lite_alloc.h"
void *bm_malloc(size_t n) { return malloc(n); }
void bm_free(void *p) { free(p); }
void *bm_realloc(void *p, size_t n) { return realloc(p, n); }
void *bm_calloc(size_t c, size_t n) { return calloc(c, n); }
#ifdef __arm__  /* the Cortex-M4 runs: the heap's high-water mark, as for newlib (cm_sbrk_peak.c) */
size_t bench_heap_peak(void);
size_t heap_footprint(void) { return bench_heap_peak(); }
#else
size_t heap_footprint(void) { return lite_alloc_stats().claimed; }
#endif
