// The heap operations behind the C ABI, common to every strategy. Sizes here are the user's.
#pragma once

#include <stddef.h>

namespace lite {

// alignment: a power of two. Failures return nullptr with errno = ENOMEM.
void *heap_allocate(size_t n, size_t alignment);
void *heap_zeroed(size_t count, size_t each);
void *heap_reallocate(void *ptr, size_t n);
void heap_free(void *ptr);
size_t heap_usable_size(void *ptr);
// errno = code (where the target has errno) and the failure is counted; returns nullptr.
void *heap_fail(int code);

}  // namespace lite
