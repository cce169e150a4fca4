/* The memory behind the suite's backend. In the suite's copy of the library, lite-alloc's calls to
 * _sbrk are renamed suite_backend_sbrk (objcopy --redefine-sym): they take from a pool of their
 * own, which rewinds whenever a test restarts the heap on the backend. lite_alloc_init_region(NULL,
 * 0) forgets every span it had; with the real _sbrk those would stay taken, and a suite made of
 * restarts would exhaust any board. newlib's heap, which serves the harness's stdio, keeps the
 * real _sbrk. The backend's own code is the same newlib_sbrk.o the release library ships. */
#include <errno.h>
#include <stddef.h>

#include "lite_alloc.h"

static _Alignas(8) char g_pool[SUITE_BACKEND_BYTES];
static size_t g_used;

void *suite_backend_sbrk(ptrdiff_t increment) {
    if (increment < 0 ? (size_t)-increment > g_used : (size_t)increment > sizeof g_pool - g_used) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *old = g_pool + g_used;
    g_used += (size_t)increment;
    return old;
}

/* Linked with --wrap=lite_alloc_init_region: the suite's calls come here first. */
int __real_lite_alloc_init_region(void *start, size_t size);
int __wrap_lite_alloc_init_region(void *start, size_t size) {
    if (!start) g_used = 0;
    return __real_lite_alloc_init_region(start, size);
}
