// picolibc: its own code (stdio, strdup, qsort, ...) calls the plain malloc, free, calloc, realloc,
// memalign and mallinfo, which lite-alloc defines (malloc_api.cpp, aligned.cpp, mallinfo.cpp). Its
// heap is one object per entry point (nano-malloc-*.c.o in libc.a); the names of those objects that
// lite-alloc does not define elsewhere are here, so that no program ever needs one of them (cfree
// lives in picolibc's free object: linking picolibc's would bring a second free).
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../include/lite_alloc.h"

// picolibc's valloc and pvalloc align to a 4 KiB page, as here.
constexpr size_t kPage = 4096;

extern "C" {

void cfree(void *ptr) { free(ptr); }
void *valloc(size_t size) { return memalign(kPage, size); }
void *pvalloc(size_t size) {
    // A size that cannot be rounded up to a page is one no heap can serve: SIZE_MAX fails with ENOMEM.
    return memalign(kPage, size > SIZE_MAX - (kPage - 1) ? SIZE_MAX : (size + kPage - 1) & ~(kPage - 1));
}

}  // extern "C"
