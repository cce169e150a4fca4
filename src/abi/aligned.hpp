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

// An aligned entry point's body: a block of `size` bytes aligned to `alignment`, or, when
// move_from is a block, one with the alignment it has (realloc's move); on failure, EINVAL for a bad
// alignment, else ENOMEM, through set_errno.
template <class SetErrno>
LITE_INLINE void *allocate_aligned_or_fail(size_t alignment, size_t size, void *move_from, SetErrno set_errno) {
    int error = aligned_error(alignment);
    void *p = error ? nullptr : move_from ? lite_alloc_move_aligned((char *)move_from, size) : allocate_aligned(size, alignment);
    if (!p) {
        count_failure();
        set_errno(error ? error : ENOMEM);
    }
    return p;
}

}  // namespace lite
