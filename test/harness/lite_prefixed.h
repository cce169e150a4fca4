/* Declarations of the testing variant's exports: lite_malloc, lite_free, ... (the library built with
 * -DLITE_ALLOC_PREFIXED), plus its fault injection (lite_alloc_set_grow_budget). They come from
 * lite_alloc.h itself, read once with the standard names mapped to the prefixed ones. Define
 * LITE_PREFIXED_KEEP_NAMES first to keep the mapping, so that code calling malloc reaches
 * lite_malloc (the suite does). */
#ifndef LITE_PREFIXED_H
#define LITE_PREFIXED_H

#include <stddef.h>

#define malloc lite_malloc
#define free lite_free /* lite_alloc.h uses the name for nothing else */
#define calloc lite_calloc
#define realloc lite_realloc
#define aligned_alloc lite_aligned_alloc
#define posix_memalign lite_posix_memalign
#define memalign lite_memalign
#define malloc_usable_size lite_malloc_usable_size
#define LITE_ALLOC_FAULT_INJECTION 1
#include "lite_alloc.h"
#ifndef LITE_PREFIXED_KEEP_NAMES
#undef malloc
#undef free
#undef calloc
#undef realloc
#undef aligned_alloc
#undef posix_memalign
#undef memalign
#undef malloc_usable_size
#endif

#endif
