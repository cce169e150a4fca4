// newlib's aligned entry points, apart from newlib_reent.cpp so that only a program that names
// one of them links lite-alloc's aligned allocation (src/abi/aligned.cpp) at all.
#include <malloc.h>
#include <stdint.h>

#include "../../include/lite_alloc.h"

// newlib's valloc and pvalloc align to a 4 KiB page, as here.
constexpr size_t kPage = 4096;

extern "C" {

void *_memalign_r(struct _reent *, size_t alignment, size_t size) { return memalign(alignment, size); }
size_t _malloc_usable_size_r(struct _reent *, void *ptr) { return malloc_usable_size(ptr); }
void *_valloc_r(struct _reent *, size_t size) { return memalign(kPage, size); }
void *_pvalloc_r(struct _reent *, size_t size) {
    // A size that cannot be rounded up to a page is one no heap can serve: SIZE_MAX fails with ENOMEM.
    return memalign(kPage, size > SIZE_MAX - (kPage - 1) ? SIZE_MAX : (size + kPage - 1) & ~(kPage - 1));
}

}  // extern "C"
