// newlib's own code (stdio buffers, atexit, strdup, ...) allocates through the reentrant
// _malloc_r family, not through malloc. Defining every entry point of newlib's heap objects
// (nano-mallocr.o and friends in libc_nano.a, mallocr.o and friends in libc.a) here means the
// linker never needs one of them, so lite-alloc is the only heap. The aligned entry points are in
// newlib_aligned.cpp, so that a program that names none of them links no aligned allocation.
//
// Each entry point does what newlib's own does around its heap operation:
// - __malloc_lock(r) before it and __malloc_unlock(r) after it. newlib's defaults do nothing (or
//   take its retargetable recursive lock); RTOS ports (FreeRTOS, Zephyr, ThreadX) implement them to
//   make the heap thread-safe, and their protection carries over to lite-alloc;
// - a failure sets the errno of the reent it was given, r->_errno, in one place: _malloc_r. calloc
//   asks _malloc_r for SIZE_MAX when count * size overflows, and realloc moves a block as newlib-nano
//   does, by _malloc_r, memcpy and _free_r: only its attempt in place is a heap operation of its own.
//   So a realloc that moves takes the lock twice, with a window between (newlib-nano's too);
// - the plain names (malloc, free, ...) are newlib's wrappers: _malloc_r(_REENT, ...).
// With LITE_ALLOC_LIBC_LOCKS (the release and checked builds) the heap's steps are inlined here
// (src/core/heap.hpp): one function per entry point. The recording build (src/abi/record.cpp)
// compiles this file without it: the plain names are then the recorder's, and these call them.
#include "newlib_reent.hpp"

#include "mallinfo.hpp"

using namespace lite;

extern "C" {

#if LITE_ALLOC_LIBC_LOCKS
void *_malloc_r(struct _reent *r, size_t size) {
    __malloc_lock(r);
    checked::enter("malloc(): ");
    void *p = allocate(size);
    if (!p) {
        count_failure();
        LITE_REENT_ERRNO(r) = ENOMEM;
    }
    __malloc_unlock(r);
    return p;
}

void _free_r(struct _reent *r, void *ptr) {
    if (!ptr) return;
    __malloc_lock(r);
    checked::enter("free(): ");
    checked::verify_owned((char *)ptr);
    release((char *)ptr);
    __malloc_unlock(r);
}

void *_calloc_r(struct _reent *r, size_t count, size_t size) {
    size_t n = calloc_bytes(count, size);
    char *clean_from = dirty_end();
    void *p = _malloc_r(r, n);
    if (p) zero(p, n, clean_from);
    return p;
}

void *_realloc_r(struct _reent *r, void *ptr, size_t size) {
    if (!ptr) return _malloc_r(r, size);
    char *p = (char *)ptr;
    __malloc_lock(r);
    checked::enter("realloc(): ");
    checked::verify_owned(p);
    size_t kept = kept_bytes(p);
    bool in_place = resize(p, size);
    __malloc_unlock(r);
    if (in_place) return p;
    void *moved = _lite_alloc_move_r(r, size, p);
    if (moved) {  // else the old block stays as it was
        __builtin_memcpy(moved, p, kept);
        _free_r(r, p);
    }
    return moved;
}

#if !LITE_ALLOC_SINGLE_FILE  // (make dist's one file has newlib_aligned.cpp's)
// realloc's move where no block is aligned (newlib_aligned.cpp has the other).
[[gnu::weak]] void *_lite_alloc_move_r(struct _reent *r, size_t size, void *) { return _malloc_r(r, size); }
#endif

size_t _malloc_usable_size_r(struct _reent *r, void *ptr) {
    if (!ptr) return 0;
    __malloc_lock(r);
    checked::enter("malloc_usable_size(): ");
    checked::verify_owned((char *)ptr);
    size_t n = checked::requested_size((char *)ptr);  // in the checked build, bytes beyond it are the canary
    __malloc_unlock(r);
    return n;
}

// The plain names: the running thread's reent, as newlib's malloc.o and friends do (a tail call).
void *malloc(size_t size) { return _malloc_r(_REENT, size); }
void free(void *ptr) { _free_r(_REENT, ptr); }
void *calloc(size_t count, size_t size) { return _calloc_r(_REENT, count, size); }
void *realloc(void *ptr, size_t size) { return _realloc_r(_REENT, ptr, size); }
size_t malloc_usable_size(void *ptr) { return _malloc_usable_size_r(_REENT, ptr); }
#else
// The recording build: each forwards to the plain name (the recorder) under the lock; errno is the
// global one.
void *_malloc_r(struct _reent *r, size_t size) {
    __malloc_lock(r);
    void *p = malloc(size);
    __malloc_unlock(r);
    return p;
}
void _free_r(struct _reent *r, void *ptr) {
    __malloc_lock(r);
    free(ptr);
    __malloc_unlock(r);
}
void *_calloc_r(struct _reent *r, size_t count, size_t size) {
    __malloc_lock(r);
    void *p = calloc(count, size);
    __malloc_unlock(r);
    return p;
}
void *_realloc_r(struct _reent *r, void *ptr, size_t size) {
    __malloc_lock(r);
    void *p = realloc(ptr, size);
    __malloc_unlock(r);
    return p;
}
size_t _malloc_usable_size_r(struct _reent *r, void *ptr) {
    __malloc_lock(r);
    size_t n = malloc_usable_size(ptr);
    __malloc_unlock(r);
    return n;
}
#endif

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


}  // extern "C"
