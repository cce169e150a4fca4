// picolibc's aligned entry points, each under picolibc's C library lock (see src/abi/picolibc.cpp):
// an object of their own, so that only a program that calls one links the core's aligned code.
#include <malloc.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "aligned.hpp"
#include "picolibc.hpp"

using namespace lite;

// One locked aligned allocation: ptr is the block realloc moves (its alignment is kept), or null.
static void *aligned_locked(size_t alignment, size_t size, void *ptr) {
    __LIBC_LOCK();
    checked::enter("aligned_alloc(): ");
    void *p = allocate_aligned_or_fail(alignment, size, ptr, [](int error) { errno = error; });
    __LIBC_UNLOCK();
    return p;
}

extern "C" {

void *aligned_alloc(size_t alignment, size_t size) { return aligned_locked(alignment, size, nullptr); }
void *memalign(size_t alignment, size_t size) { return aligned_locked(alignment, size, nullptr); }
void *lite_picolibc_move(size_t size, void *ptr) {  // realloc's move, keeping an alignment
    return is_aligned_block((char *)ptr) ? aligned_locked(1, size, ptr) : malloc(size);
}

// POSIX: errors are returned, and *out is left alone on failure.
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (aligned_error(alignment) || alignment % sizeof(void *)) return EINVAL;
    void *p = aligned_locked(alignment, size, nullptr);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

}  // extern "C"
