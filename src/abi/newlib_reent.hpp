// Shared by newlib_reent.cpp and newlib_aligned.cpp: the core's entry points under the names the
// build gives them, and the start of a locked heap operation.
#pragma once

#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>

#include "../../include/lite_alloc.h"
#include "prefixed.hpp"

#if LITE_ALLOC_NEWLIB_LOCKS
#define LITE_HEAP(name) lite_##name
#else
#define LITE_HEAP(name) name
#endif

#ifdef _REENT_ERRNO
#define LITE_REENT_ERRNO(r) _REENT_ERRNO(r)
#else
#define LITE_REENT_ERRNO(r) ((r)->_errno)
#endif

namespace lite {
// Where the core puts errno (src/core/heap.hpp): the reent of the running entry point.
extern int *g_errno;
// The port's lock, and errno routed to r, for one heap operation that can fail.
inline void heap_enter(struct _reent *r) {
    __malloc_lock(r);
    g_errno = &LITE_REENT_ERRNO(r);
}
// One locked heap operation (newlib_reent.cpp): op is the core's function under a common signature.
void *locked(struct _reent *r, void *(*op)(size_t, size_t), size_t a, size_t b);
}  // namespace lite
