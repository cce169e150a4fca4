/* Cortex-M baseline: every allocation function executes two instructions (the replay loop's own
 * instructions do not depend on the allocator), so an allocator's instructions per call are
 * (its replay's instructions - this one's) / calls + 2 - 1 (ra_*'s tail jump). */
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

#include "replay.h"

__attribute__((used, aligned(8))) char null_scratch[64];
#define NULL_FN(ret, name, args) \
    __attribute__((naked)) ret name args { __asm__("ldr r0, =null_scratch\n\tbx lr\n\t.ltorg"); }
NULL_FN(void *, ra_malloc, (size_t n))
NULL_FN(void, ra_free, (void *p))
NULL_FN(void *, ra_realloc, (void *p, size_t n))
NULL_FN(void *, ra_calloc, (size_t c, size_t n))
NULL_FN(void *, ra_memalign, (size_t a, size_t n))
size_t ra_usable(void *p) { (void)p; return 0; }
int ra_region(void *start, size_t size) { (void)start; (void)size; return -2; }
/* Sampled as newlib's and lite-alloc's are (the program break), so that a run replay's instructions
 * outside the allocator are the same as theirs. */
size_t ra_footprint(void) { return (size_t)sbrk(0); }
size_t ra_footprint_own(void) { return ra_footprint(); }
void ra_gone(void *p) { (void)p; }
void ra_got(void *p) { (void)p; }
int ra_check(void) { return 0; }
int ra_limit(size_t bytes) { (void)bytes; return -2; }
void ra_print_stats(void) { printf("stats null\n"); }
