// picolibc's aligned entry points, each under picolibc's C library lock (see src/abi/picolibc.cpp):
// an object of their own, so that only a program that calls one links the core's aligned code.
#include <malloc.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "prefixed.hpp"

namespace lite::picolibc {
void *locked(void *(*op)(size_t, size_t), size_t a, size_t b);  // src/abi/picolibc.cpp
}

using lite::picolibc::locked;

extern "C" {

void *aligned_alloc(size_t alignment, size_t size) { return locked(lite_aligned_alloc, alignment, size); }
void *memalign(size_t alignment, size_t size) { return locked(lite_aligned_alloc, alignment, size); }

int posix_memalign(void **out, size_t alignment, size_t size) {
    __LIBC_LOCK();
    int error = lite_posix_memalign(out, alignment, size);
    __LIBC_UNLOCK();
    return error;
}

}  // extern "C"
