// The core's entry points as a build with LITE_ALLOC_PREFIXED names them (lite_malloc, ...): the
// libc layers that wrap them (newlib's locked entry points, the recorder) call these.
#pragma once

#include <stddef.h>

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
