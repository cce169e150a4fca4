// newlib's own code (stdio buffers, atexit, strdup, ...) allocates through the reentrant
// _malloc_r family, not through malloc. Defining every entry point of newlib's heap objects
// (nano-mallocr.o and friends in libc_nano.a, mallocr.o and friends in libc.a) here means the
// linker never needs one of them, so lite-alloc is the only heap. The aligned entry points are in
// newlib_aligned.cpp, so that a program that names none of them links no aligned allocation.
//
// Each entry point does what newlib's own does around its heap operation:
// - __malloc_lock(r) before it and __malloc_unlock(r) after it. newlib's defaults do nothing (or
//   take its retargetable recursive lock); RTOS ports (FreeRTOS, Zephyr, ThreadX) implement them to
//   make the heap thread-safe, and their protection carries over to lite-alloc.
// - a failure sets the errno of the reent it was given, r->_errno: the core writes its errno through
//   lite::g_errno, which each entry point points at r's.
// The plain names (malloc, free, ...) take the same lock, as newlib's wrappers do by calling
// _malloc_r(_REENT, ...): with LITE_ALLOC_NEWLIB_LOCKS (the Makefile's newlib builds) the core's
// entry points are compiled as lite_malloc, lite_free, ... (LITE_ALLOC_PREFIXED) and the standard
// names are defined here.
#include "newlib_reent.hpp"

#include "mallinfo.hpp"

namespace lite {
int *g_errno;

// One locked heap operation, shared by every entry point (one copy of the lock and errno code):
// op is the core's function under a common signature.
void *locked(struct _reent *r, void *(*op)(size_t, size_t), size_t a, size_t b) {
    heap_enter(r);
    void *p = op(a, b);
    __malloc_unlock(r);
    return p;
}
}  // namespace lite

static void *op_malloc(size_t n, size_t) { return LITE_HEAP(malloc)(n); }
static void *op_free(size_t p, size_t) { return LITE_HEAP(free)((void *)p), nullptr; }
static void *op_realloc(size_t p, size_t n) { return LITE_HEAP(realloc)((void *)p, n); }
static void *op_usable_size(size_t p, size_t) { return (void *)LITE_HEAP(malloc_usable_size)((void *)p); }

extern "C" {

void *_malloc_r(struct _reent *r, size_t size) { return lite::locked(r, op_malloc, size, 0); }
void _free_r(struct _reent *r, void *ptr) { lite::locked(r, op_free, (size_t)ptr, 0); }
void *_realloc_r(struct _reent *r, void *ptr, size_t size) { return lite::locked(r, op_realloc, (size_t)ptr, size); }
void *_calloc_r(struct _reent *r, size_t count, size_t size) { return lite::locked(r, LITE_HEAP(calloc), count, size); }
size_t _malloc_usable_size_r(struct _reent *r, void *ptr) { return (size_t)lite::locked(r, op_usable_size, (size_t)ptr, 0); }

// mallinfo, malloc_stats and mallopt share one object of libc (mstats.o) that calls all three, and
// malloc_trim calls _malloc_trim_r: ours, or newlib's heap would come in with theirs.
struct mallinfo _mallinfo_r(struct _reent *r) {
    __malloc_lock(r);
    struct mallinfo info = lite::abi::mallinfo_of<struct mallinfo>(lite_alloc_stats());
    __malloc_unlock(r);
    return info;
}

void _malloc_stats_r(struct _reent *r) {
    __malloc_lock(r);
    lite::abi::print_malloc_stats();
    __malloc_unlock(r);
}

int _mallopt_r(struct _reent *, int, int) { return 0; }      // no tunables: 0 means "not done"
int _malloc_trim_r(struct _reent *, size_t) { return 0; }    // nothing is ever given back

#if LITE_ALLOC_NEWLIB_LOCKS
// The plain names: the running thread's reent, as newlib's malloc.o and friends do (a tail call).
void *malloc(size_t size) { return _malloc_r(_REENT, size); }
void free(void *ptr) { _free_r(_REENT, ptr); }
void *calloc(size_t count, size_t size) { return _calloc_r(_REENT, count, size); }
void *realloc(void *ptr, size_t size) { return _realloc_r(_REENT, ptr, size); }
size_t malloc_usable_size(void *ptr) { return _malloc_usable_size_r(_REENT, ptr); }
#endif

}  // extern "C"
