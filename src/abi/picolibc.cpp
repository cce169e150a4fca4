// picolibc's entry points. Its own malloc takes the C library's recursive lock around every heap
// operation (__LIBC_LOCK(): __retarget_lock_acquire_recursive(&__lock___libc_recursive_mutex)), which
// an RTOS implements (Zephyr does) to make the heap thread-safe; lite-alloc does the same. Built with
// -DLITE_ALLOC_PREFIXED (toolchains/libc/picolibc.mk), the core's entry points are lite_malloc, ...;
// the standard names here take the lock, call them and give it back.
// Also defined, so that a program calling one of them never links picolibc's heap: cfree (picolibc's
// nano-malloc-free.c.o defines it beside free), mallopt and malloc_trim (mallinfo and malloc_stats are
// in src/abi/mallinfo.cpp). valloc and pvalloc stay picolibc's: they only call memalign (ours).
// The aligned entry points are in src/abi/picolibc_aligned.cpp: a program that calls none of them
// links none of the core's aligned code (realloc reaches it through a weak symbol).
#include <malloc.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "prefixed.hpp"

namespace lite::picolibc {

// One locked heap operation, shared by every entry point (one copy of the lock calls).
void *locked(void *(*op)(size_t, size_t), size_t a, size_t b) {
    __LIBC_LOCK();
    void *result = op(a, b);
    __LIBC_UNLOCK();
    return result;
}

}  // namespace lite::picolibc

using lite::picolibc::locked;

namespace {

void *op_malloc(size_t n, size_t) { return lite_malloc(n); }
void *op_free(size_t p, size_t) { return lite_free((void *)p), nullptr; }
void *op_realloc(size_t p, size_t n) { return lite_realloc((void *)p, n); }
void *op_usable_size(size_t p, size_t) { return (void *)lite_malloc_usable_size((void *)p); }

}  // namespace

extern "C" {

void *malloc(size_t size) { return locked(op_malloc, size, 0); }
void free(void *ptr) { locked(op_free, (size_t)ptr, 0); }
void *calloc(size_t count, size_t size) { return locked(lite_calloc, count, size); }
void *realloc(void *ptr, size_t size) { return locked(op_realloc, (size_t)ptr, size); }
size_t malloc_usable_size(void *ptr) { return (size_t)locked(op_usable_size, (size_t)ptr, 0); }

void cfree(void *ptr) { free(ptr); }

int mallopt(int, int) { return 0; }  // no tunables: 0 means "not done"

int malloc_trim(size_t) { return 0; }  // 0: nothing given back (lite-alloc never does)

}  // extern "C"
