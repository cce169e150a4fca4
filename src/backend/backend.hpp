// A backend hands the arena fresh memory. One backend is linked per library (src/backend/*.cpp).
#pragma once

#include <stddef.h>

// newlib's libc allocates through _malloc_r and friends, which only src/abi/newlib_reent.cpp
// defines: an archive member is linked only when something names it, so every object of the heap
// names _malloc_r (an undefined symbol, no code). Then whatever part of lite-alloc a program links,
// newlib_reent.o comes with it and newlib's own heap cannot be linked beside ours.
#if defined(LITE_ALLOC_NEWLIB) && !defined(LITE_ALLOC_PREFIXED)
__asm__(".globl _malloc_r");
#endif

namespace lite::backend {

struct Span {
    char *start;
    size_t size;
};

// At least min_bytes of memory nobody else uses, or {nullptr, 0}. Successive spans may or may not
// be adjacent; a refusal leaves the backend as it was.
Span grow(size_t min_bytes);


}  // namespace lite::backend
