// picolibc's entry points. Its own malloc takes the C library's recursive lock around every heap
// operation (__LIBC_LOCK(): __retarget_lock_acquire_recursive(&__lock___libc_recursive_mutex)), which
// an RTOS implements (Zephyr does) to make the heap thread-safe; lite-alloc does the same: each entry
// point takes the lock around the heap's steps (src/core/heap.hpp, inlined). As in newlib_reent.cpp,
// errno is set in one place (malloc): calloc asks malloc for SIZE_MAX when count * size overflows,
// and realloc moves a block by malloc, memcpy and free, under two locks.
// Also defined, so that a program calling one of them never links picolibc's heap: cfree (picolibc's
// nano-malloc-free.c.o defines it beside free), mallopt and malloc_trim (mallinfo and malloc_stats are
// in src/abi/mallinfo.cpp). valloc and pvalloc stay picolibc's: they only call memalign (ours).
// The aligned entry points are in src/abi/picolibc_aligned.cpp: a program that calls none of them
// links none of the core's aligned code (realloc reaches it through a weak symbol).
#include <malloc.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "picolibc.hpp"

using namespace lite;

extern "C" {

void *malloc(size_t size) {
    __LIBC_LOCK();
    checked::enter("malloc(): ");
    void *p = allocate(size);
    if (!p) {
        count_failure();
        errno = ENOMEM;
    }
    __LIBC_UNLOCK();
    return p;
}

void free(void *ptr) {
    __LIBC_LOCK();  // even for NULL, as picolibc's own free
    if (ptr) {
        checked::enter("free(): ");
        checked::verify_owned((char *)ptr);
        release((char *)ptr);
    }
    __LIBC_UNLOCK();
}

void *calloc(size_t count, size_t size) {
    size_t n = calloc_bytes(count, size);
    char *clean_from = dirty_end();
    void *p = malloc(n);
    if (p) zero(p, n, clean_from);
    return p;
}

void *realloc(void *ptr, size_t size) {
    if (!ptr) return malloc(size);
    char *p = (char *)ptr;
    __LIBC_LOCK();
    checked::enter("realloc(): ");
    checked::verify_owned(p);
    size_t kept = kept_bytes(p);
    bool in_place = resize(p, size);
    __LIBC_UNLOCK();
    if (in_place) return p;
    void *moved = lite_picolibc_move(size, p);
    if (moved) {  // else the old block stays as it was
        __builtin_memcpy(moved, p, kept);
        free(p);
    }
    return moved;
}

#if !LITE_ALLOC_SINGLE_FILE  // (make dist's one file has picolibc_aligned.cpp's)
// realloc's move where no block is aligned (picolibc_aligned.cpp has the other).
[[gnu::weak]] void *lite_picolibc_move(size_t size, void *) { return malloc(size); }
#endif

size_t malloc_usable_size(void *ptr) {
    if (!ptr) return 0;
    __LIBC_LOCK();
    checked::enter("malloc_usable_size(): ");
    checked::verify_owned((char *)ptr);
    size_t n = checked::requested_size((char *)ptr);  // in the checked build, bytes beyond it are the canary
    __LIBC_UNLOCK();
    return n;
}

void cfree(void *ptr) { free(ptr); }

int mallopt(int, int) { return 0; }  // no tunables: 0 means "not done"

int malloc_trim(size_t) { return 0; }  // 0: nothing given back (lite-alloc never does)

}  // extern "C"
