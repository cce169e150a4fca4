/* lite-alloc: a tiny single-threaded malloc replacement for WebAssembly and Cortex-M.
 *
 * Link liblite_alloc.a and every allocation of the program (libc's own included) comes from it.
 * The standard functions keep their C meanings; where C leaves a choice, lite-alloc:
 *   - malloc(0) returns a unique minimum-size block (never NULL unless memory is exhausted);
 *   - realloc(p, 0) shrinks p to a minimum-size block and returns it: NULL always means failure;
 *   - every failure returns NULL with errno = ENOMEM (EINVAL for a bad alignment), and a failed
 *     realloc leaves the old block untouched;
 *   - aligned_alloc and memalign take any power-of-two alignment (no size-multiple rule);
 *     posix_memalign also needs a multiple of sizeof(void *), as POSIX says;
 *   - realloc keeps the alignment that aligned_alloc/posix_memalign/memalign gave a block, up to
 *     64 KiB: a block asked for with a larger alignment that realloc has to move comes back
 *     64 KiB-aligned (the block does not record its alignment; it keeps what its address has).
 * Not thread-safe: one thread, or the caller's own lock, as with newlib's __malloc_lock. */
#ifndef LITE_ALLOC_H
#define LITE_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **out, size_t alignment, size_t size);
void *memalign(size_t alignment, size_t size);
size_t malloc_usable_size(void *ptr);

/* Counters of the whole heap, computed by a walk of the heap when called (claimed, in_use and
 * free_bytes are exact; no call pays for them). Block sizes include lite-alloc's per-block header. */
typedef struct lite_alloc_stats_t {
    size_t claimed;          /* bytes obtained from the backend (or given by lite_alloc_init_region) */
    size_t in_use;           /* bytes of blocks handed out and not yet freed */
    size_t free_bytes;       /* bytes ready for reuse: free blocks plus the untouched bump space */
    size_t peak_in_use;      /* the highest in_use seen; 0 unless built with -DLITE_ALLOC_STATS=1 */
    size_t failed_requests;  /* allocations that returned NULL; 0 unless built with -DLITE_ALLOC_STATS=1 */
} lite_alloc_stats_t;

lite_alloc_stats_t lite_alloc_stats(void);

/* Walks the whole heap and verifies every invariant. Returns 0 when the heap is sound, otherwise a
 * nonzero code naming the first broken invariant (see lite_alloc_check_message). */
int lite_alloc_check(void);
const char *lite_alloc_check_message(int code);

/* Restarts the heap inside [start, start + size) and never asks the backend for memory again: the
 * fixed-region mode of o1heap, TLSF and FreeRTOS users. Everything allocated before is forgotten
 * (call it before the first allocation). lite_alloc_init_region(NULL, 0) restarts the heap on the
 * default backend instead. Returns 0, or -1 if the region cannot hold a single block; a refused
 * region changes nothing (the heap in use goes on). */
int lite_alloc_init_region(void *start, size_t size);

/* The strategy this library was built with: "bump_freelist", "segregated_bump" or "freelist". */
const char *lite_alloc_strategy(void);

#ifdef LITE_ALLOC_FAULT_INJECTION
/* Test builds only: the backend grants this many more requests for memory, then refuses every
 * one until the budget is set again. A negative budget never refuses. */
void lite_alloc_set_grow_budget(long grants);
#endif

#ifdef __cplusplus
}
#endif

#endif /* LITE_ALLOC_H */
