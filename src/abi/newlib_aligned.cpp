// newlib's aligned entry points, apart from newlib_reent.cpp so that only a program that names
// one of them links lite-alloc's aligned allocation (src/abi/aligned.cpp) at all. Locked and with
// errno routed to the reent given, as in newlib_reent.cpp.
#include "aligned.hpp"
#include "newlib_reent.hpp"

// newlib's valloc and pvalloc align to a 4 KiB page, as here.
constexpr size_t kPage = 4096;

using namespace lite;

extern "C" {

#if LITE_ALLOC_LIBC_LOCKS
// One locked aligned allocation: ptr is the block realloc moves (its alignment is kept), or null.
static void *aligned_r(struct _reent *r, size_t alignment, size_t size, void *ptr) {
    __malloc_lock(r);
    checked::enter("aligned_alloc(): ");
    void *p = allocate_aligned_or_fail(alignment, size, ptr, [r](int error) { LITE_REENT_ERRNO(r) = error; });
    __malloc_unlock(r);
    return p;
}

void *_memalign_r(struct _reent *r, size_t alignment, size_t size) { return aligned_r(r, alignment, size, nullptr); }
void *_lite_alloc_move_r(struct _reent *r, size_t size, void *ptr) {  // realloc's move, keeping an alignment
    return is_aligned_block((char *)ptr) ? aligned_r(r, 1, size, ptr) : _malloc_r(r, size);
}

void *memalign(size_t alignment, size_t size) { return _memalign_r(_REENT, alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { return _memalign_r(_REENT, alignment, size); }
// POSIX: errors are returned, and *out is left alone on failure.
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (aligned_error(alignment) || alignment % sizeof(void *)) return EINVAL;
    void *p = _memalign_r(_REENT, alignment, size);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}
#else
// The recording build: memalign is the recorder's (src/abi/record.cpp).
void *_memalign_r(struct _reent *r, size_t alignment, size_t size) {
    __malloc_lock(r);
    void *p = memalign(alignment, size);
    __malloc_unlock(r);
    return p;
}
#endif

void *_valloc_r(struct _reent *r, size_t size) { return _memalign_r(r, kPage, size); }
void *_pvalloc_r(struct _reent *r, size_t size) {
    // A size that cannot be rounded up to a page is one no heap can serve: SIZE_MAX fails with ENOMEM.
    return _memalign_r(r, kPage, size > SIZE_MAX - (kPage - 1) ? SIZE_MAX : (size + kPage - 1) & ~(kPage - 1));
}

}  // extern "C"
