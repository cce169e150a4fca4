// A backend hands the arena fresh memory. One backend is linked per library (src/backend/*.cpp).
#pragma once

#include <stddef.h>

namespace lite::backend {

struct Span {
    char *start;
    size_t size;
};

// At least min_bytes of memory nobody else uses, or {nullptr, 0}. Successive spans may or may not
// be adjacent; a refusal leaves the backend as it was.
Span grow(size_t min_bytes);

// True when fresh spans are zero-filled (wasm memory.grow, mmap): calloc then skips zeroing them.
#ifndef LITE_ALLOC_FRESH_MEMORY_IS_ZERO
#define LITE_ALLOC_FRESH_MEMORY_IS_ZERO 0
#endif
constexpr bool kFreshMemoryIsZero = LITE_ALLOC_FRESH_MEMORY_IS_ZERO;

}  // namespace lite::backend
