// newlib backend: the program's own _sbrk, as newlib's malloc would use it. Spans are only what
// was asked for, rounded to kAlign, so that a small heap is not wasted near the stack; _sbrk
// returning (void *)-1 (the heap would meet the stack) is a refusal with nothing changed. Other
// _sbrk callers may take memory between our calls: the arena copes with spans that are apart.
// RAM from _sbrk holds whatever was there before, so LITE_ALLOC_FRESH_MEMORY_IS_ZERO stays 0.
#include <stdint.h>

#include "../core/block.hpp"
#include "backend.hpp"

// picolibc_sbrk.cpp reuses this file with its libc's sbrk.
#ifndef LITE_ALLOC_SBRK
#define LITE_ALLOC_SBRK _sbrk
#endif
extern "C" void *LITE_ALLOC_SBRK(ptrdiff_t increment);

namespace lite::backend {

LITE_BACKEND_GROW Span grow(size_t min_bytes) {
    // _sbrk takes a ptrdiff_t: beyond PTRDIFF_MAX once rounded, it can never be granted (the arena
    // asks for at most kMaxRequest and a little more: with a kMaxRequest of 2^30, never).
    if (kMaxRequest > PTRDIFF_MAX / 2 && min_bytes > (size_t)PTRDIFF_MAX - (kAlign - 1)) return refused();
    size_t size = round_up(min_bytes, kAlign);
    return make_span((char *)LITE_ALLOC_SBRK((ptrdiff_t)size), size);  // (void *)-1 is refused()
}

}  // namespace lite::backend
