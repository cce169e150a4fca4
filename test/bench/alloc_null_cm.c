/* Cortex-M baseline of the bench: every allocator function executes exactly two instructions and
 * hands back one static scratch block (big enough for any request of the Cortex-M workloads). The
 * workload's code runs the same instructions whatever the allocator, so an allocator's
 * instructions per call are (its workload's instructions - this one's) / calls + 2. */
#include <stddef.h>
__attribute__((used, aligned(8))) char bench_scratch[1 << 20];
#define NULL_FN(ret, name, args) \
    __attribute__((naked)) ret name args { __asm__("ldr r0, =bench_scratch\n\tbx lr\n\t.ltorg"); }
NULL_FN(void *, bm_malloc, (size_t n))
NULL_FN(void, bm_free, (void *p))
NULL_FN(void *, bm_realloc, (void *p, size_t n))
NULL_FN(void *, bm_calloc, (size_t c, size_t n))
size_t heap_footprint(void) { return 0; }
