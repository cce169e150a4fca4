// Shared by newlib_reent.cpp and newlib_aligned.cpp: newlib's headers, and where a failure's errno goes.
#pragma once

#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>

#include "../../include/lite_alloc.h"
#include "../core/heap.hpp"

#ifdef _REENT_ERRNO
#define LITE_REENT_ERRNO(r) _REENT_ERRNO(r)
#else
#define LITE_REENT_ERRNO(r) ((r)->_errno)
#endif

extern "C" {
// realloc's move of an aligned block, under the lock, errno to r (newlib_aligned.cpp). Named
// weakly: only a program that links an aligned entry point has such blocks.
[[gnu::weak]] void *_lite_alloc_move_aligned_r(struct _reent *r, void *ptr, size_t size);
}
