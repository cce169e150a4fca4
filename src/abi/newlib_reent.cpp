// newlib's own code (stdio buffers, atexit, strdup, ...) allocates through the reentrant
// _malloc_r family, not through malloc. Defining every entry point of newlib's heap objects
// (nano-mallocr.o and friends in libc_nano.a, mallocr.o and friends in libc.a) here means the
// linker never needs one of them, so lite-alloc is the only heap.
//
// Each entry point does what newlib's own does around its heap operation:
// - __malloc_lock(r) before it and __malloc_unlock(r) after it. newlib's defaults do nothing (or
//   take its retargetable recursive lock); RTOS ports (FreeRTOS, Zephyr, ThreadX) implement them to
//   make the heap thread-safe, and their protection carries over to lite-alloc.
// - a failure sets the errno of the reent it was given, r->_errno, not the global errno (which is
//   _impure_ptr->_errno, the running thread's): lite-alloc's core sets errno, so that value is moved
//   to r and the global one restored.
// The plain names (malloc, free, ...) take the same lock, as newlib's wrappers do by calling
// _malloc_r(_REENT, ...): with LITE_ALLOC_NEWLIB_LOCKS (the Makefile's newlib builds) the core's
// entry points are compiled as lite_malloc, lite_free, ... (src/abi/malloc_api.cpp with
// LITE_ALLOC_PREFIXED) and the standard names are defined here, locked.
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>

#include "../../include/lite_alloc.h"
#include "mallinfo.hpp"

// newlib's valloc and pvalloc align to a 4 KiB page, as here.
constexpr size_t kPage = 4096;

#if LITE_ALLOC_NEWLIB_LOCKS
#define LITE_HEAP(name) lite_##name
extern "C" {
void *lite_malloc(size_t size);
void lite_free(void *ptr);
void *lite_calloc(size_t count, size_t size);
void *lite_realloc(void *ptr, size_t size);
void *lite_aligned_alloc(size_t alignment, size_t size);
void *lite_memalign(size_t alignment, size_t size);
int lite_posix_memalign(void **out, size_t alignment, size_t size);
size_t lite_malloc_usable_size(void *ptr);
}
#else
#define LITE_HEAP(name) name
#endif

#ifdef _REENT_ERRNO
#define LITE_REENT_ERRNO(r) _REENT_ERRNO(r)
#else
#define LITE_REENT_ERRNO(r) ((r)->_errno)
#endif

namespace {

// Held for the duration of one heap operation: the port's lock, and errno routed to r.
class HeapCall {
  public:
    explicit HeapCall(struct _reent *r) : r_(r), errno_(&errno) {
        __malloc_lock(r);
        saved_errno_ = *errno_;
        *errno_ = 0;
    }
    ~HeapCall() {
        int set = *errno_;
        *errno_ = saved_errno_;
        if (set) LITE_REENT_ERRNO(r_) = set;  // when r is the running thread's, this is errno itself
        __malloc_unlock(r_);
    }
    HeapCall(const HeapCall &) = delete;
    HeapCall &operator=(const HeapCall &) = delete;

  private:
    struct _reent *r_;
    int *errno_;  // the running thread's errno (newlib's errno is a call: __errno())
    int saved_errno_;
};

// Only the lock: operations that never fail.
class HeapLock {
  public:
    explicit HeapLock(struct _reent *r) : r_(r) { __malloc_lock(r); }
    ~HeapLock() { __malloc_unlock(r_); }
    HeapLock(const HeapLock &) = delete;
    HeapLock &operator=(const HeapLock &) = delete;

  private:
    struct _reent *r_;
};

}  // namespace

extern "C" {

void *_malloc_r(struct _reent *r, size_t size) {
    HeapCall call(r);
    return LITE_HEAP(malloc)(size);
}
void _free_r(struct _reent *r, void *ptr) {
    HeapLock lock(r);
    LITE_HEAP(free)(ptr);
}
void *_realloc_r(struct _reent *r, void *ptr, size_t size) {
    HeapCall call(r);
    return LITE_HEAP(realloc)(ptr, size);
}
void *_calloc_r(struct _reent *r, size_t count, size_t size) {
    HeapCall call(r);
    return LITE_HEAP(calloc)(count, size);
}
void *_memalign_r(struct _reent *r, size_t alignment, size_t size) {
    HeapCall call(r);
    return LITE_HEAP(memalign)(alignment, size);
}
size_t _malloc_usable_size_r(struct _reent *r, void *ptr) {
    HeapLock lock(r);
    return LITE_HEAP(malloc_usable_size)(ptr);
}
void *_valloc_r(struct _reent *r, size_t size) {
    HeapCall call(r);
    return LITE_HEAP(memalign)(kPage, size);
}
void *_pvalloc_r(struct _reent *r, size_t size) {
    HeapCall call(r);
    // A size that cannot be rounded up to a page is one no heap can serve: SIZE_MAX fails with ENOMEM.
    return LITE_HEAP(memalign)(kPage, size > SIZE_MAX - (kPage - 1) ? SIZE_MAX : (size + kPage - 1) & ~(kPage - 1));
}

// mallinfo, malloc_stats and mallopt share one object of libc (mstats.o) that calls all three, and
// malloc_trim calls _malloc_trim_r: ours, or newlib's heap would come in with theirs.
struct mallinfo _mallinfo_r(struct _reent *r) {
    HeapLock lock(r);
    return lite::abi::mallinfo_of<struct mallinfo>(lite_alloc_stats());
}

void _malloc_stats_r(struct _reent *r) {
    HeapLock lock(r);
    lite::abi::print_malloc_stats();
}

#if LITE_ALLOC_NEWLIB_LOCKS
// The plain names: the running thread's reent, as newlib's malloc.o and friends do (a tail call).
void *malloc(size_t size) { return _malloc_r(_REENT, size); }
void free(void *ptr) { _free_r(_REENT, ptr); }
void *calloc(size_t count, size_t size) { return _calloc_r(_REENT, count, size); }
void *realloc(void *ptr, size_t size) { return _realloc_r(_REENT, ptr, size); }
void *memalign(size_t alignment, size_t size) { return _memalign_r(_REENT, alignment, size); }
size_t malloc_usable_size(void *ptr) { return _malloc_usable_size_r(_REENT, ptr); }
void *aligned_alloc(size_t alignment, size_t size) {
    HeapLock lock(_REENT);
    return lite_aligned_alloc(alignment, size);
}
int posix_memalign(void **out, size_t alignment, size_t size) {
    HeapLock lock(_REENT);
    return lite_posix_memalign(out, alignment, size);
}
#endif

int _mallopt_r(struct _reent *, int, int) { return 0; }      // no tunables: 0 means "not done"
int _malloc_trim_r(struct _reent *, size_t) { return 0; }    // nothing is ever given back

}  // extern "C"
