// The aligned allocation behind every libc's aligned entry points (src/abi/aligned.cpp).
#pragma once

#include "../core/heap.hpp"

namespace lite {

// A block of n bytes whose payload is aligned to `alignment` (a power of two), or nullptr; errno
// is the caller's.
void *allocate_aligned(size_t n, size_t alignment);

// realloc's move of a block with kAligned set: a block of n bytes with the alignment p has, or
// nullptr; errno is the caller's.
extern "C" void *lite_alloc_move_aligned(char *p, size_t n);

// EINVAL for an alignment that is not a power of two, else 0.
LITE_INLINE int aligned_error(size_t alignment) { return alignment && !(alignment & (alignment - 1)) ? 0 : EINVAL; }

}  // namespace lite
