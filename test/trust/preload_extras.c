/* Compiled into the LD_PRELOAD build only (build/host/<s>/liblite_alloc.so), never into the library.
 * glibc allocation functions that lite-alloc does not define: glibc's own versions would take the
 * block from glibc's heap and the program would then hand it to our free() (a mixed heap).
 *   valloc, pvalloc     glibc allocates from its own arena: mixed heap -> defined here on memalign.
 *   reallocarray        glibc's calls realloc through the PLT (no mixing), but defined here too so
 *                       the overflow rule is ours and nothing depends on glibc internals.
 *   malloc_trim, mallopt, mallinfo, mallinfo2, malloc_stats: glibc's act on its own, unused, arena;
 *                       harmless (no block changes hands), so they are left to glibc. */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

void *memalign(size_t alignment, size_t size);
void *realloc(void *ptr, size_t size);

static size_t page_size(void) {
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096;
}

void *valloc(size_t size) { return memalign(page_size(), size); }

void *pvalloc(size_t size) {
    size_t page = page_size();
    if (size > SIZE_MAX - page) {
        errno = ENOMEM;
        return NULL;
    }
    return memalign(page, (size + page - 1) & ~(page - 1));
}

void *reallocarray(void *ptr, size_t count, size_t size) {
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, n);
}

/* With LITE_ALLOC_PRELOAD_REPORT set, prints at exit what the heap saw, to show that the program
 * really ran on lite-alloc (test/trust/preload.sh reads it). */
#include <stdio.h>
#include <stdlib.h>

#include "lite_alloc.h"

__attribute__((destructor)) static void report(void) {
    if (!getenv("LITE_ALLOC_PRELOAD_REPORT")) return;
    lite_alloc_stats_t s = lite_alloc_stats();
    char line[256];
    int n = snprintf(line, sizeof line, "lite-alloc preload: strategy %s claimed %zu peak_in_use %zu in_use %zu failed %zu check %d\n",
                     lite_alloc_strategy(), s.claimed, s.peak_in_use, s.in_use, s.failed_requests, lite_alloc_check());
    if (n > 0) (void)!write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}
