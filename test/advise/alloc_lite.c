/* The replayer's allocator: lite-alloc, the prefixed build (VARIANT=testing: lite_malloc, ...), so
 * that the replayer's own stdio keeps the platform's allocator. Each ra_* is a tail call (one jump):
 * instruction counts subtract it. */
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
size_t ra_footprint(void) { return lite_alloc_stats().claimed; }
int ra_check(void) { return lite_alloc_check(); }
int ra_limit(size_t bytes) { (void)bytes; return -2; } /* its limit is the region */
void ra_print_stats(void) {
    lite_alloc_stats_t s = lite_alloc_stats();
    printf("stats %s claimed %lu in_use %lu free %lu\n", lite_alloc_strategy(), (unsigned long)s.claimed,
           (unsigned long)s.in_use, (unsigned long)s.free_bytes);
}
