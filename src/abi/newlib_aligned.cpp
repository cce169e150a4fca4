// newlib's aligned entry points, apart from newlib_reent.cpp so that only a program that names
// one of them links lite-alloc's aligned allocation (src/abi/aligned.cpp) at all. Locked and with
// errno routed to the reent given, as in newlib_reent.cpp.
#include "newlib_reent.hpp"

// newlib's valloc and pvalloc align to a 4 KiB page, as here.
constexpr size_t kPage = 4096;

extern "C" {

void *_memalign_r(struct _reent *r, size_t alignment, size_t size) { return lite::locked(r, LITE_HEAP(aligned_alloc), alignment, size); }
void *_valloc_r(struct _reent *r, size_t size) { return _memalign_r(r, kPage, size); }
void *_pvalloc_r(struct _reent *r, size_t size) {
    // A size that cannot be rounded up to a page is one no heap can serve: SIZE_MAX fails with ENOMEM.
    return _memalign_r(r, kPage, size > SIZE_MAX - (kPage - 1) ? SIZE_MAX : (size + kPage - 1) & ~(kPage - 1));
}

#if LITE_ALLOC_NEWLIB_LOCKS
void *memalign(size_t alignment, size_t size) { return _memalign_r(_REENT, alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { return lite::locked(_REENT, lite_aligned_alloc, alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    __malloc_lock(_REENT);
    int err = lite_posix_memalign(out, alignment, size);
    __malloc_unlock(_REENT);
    return err;
}
#endif

}  // extern "C"
