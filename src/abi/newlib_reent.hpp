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
// realloc's move: a new block for ptr's contents, of `size` bytes, or null (errno set). Defined
// weakly in newlib_reent.cpp as _malloc_r; newlib_aligned.cpp, linked only by a program that names an
// aligned entry point (only such a program has aligned blocks), defines it to keep their alignment.
void *_lite_alloc_move_r(struct _reent *r, size_t size, void *ptr);  // (size second, where _malloc_r takes it)
}
