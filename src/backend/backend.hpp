// A backend hands the arena fresh memory. One backend is linked per library (src/backend/*.cpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

// newlib's libc allocates through _malloc_r and friends, which only src/abi/newlib_reent.cpp
// defines: an archive member is linked only when something names it, so every object of the heap
// names _malloc_r (an undefined symbol, no code). Then whatever part of lite-alloc a program links,
// newlib_reent.o comes with it and newlib's own heap cannot be linked beside ours.
#if defined(LITE_ALLOC_NEWLIB) && !defined(LITE_ALLOC_PREFIXED)
__asm__(".globl _malloc_r");
#endif

namespace lite::backend {

// A span of memory. On 32-bit targets it travels as one 64-bit integer, which ARM and wasm32 return
// in registers (a two-word struct would be returned through memory: bytes at every call).
#if UINTPTR_MAX == 0xFFFFFFFFu
using Span = uint64_t;
inline Span make_span(char *start, size_t size) { return (uint64_t)size << 32 | (uintptr_t)start; }
inline char *span_start(Span s) { return (char *)(uintptr_t)(uint32_t)s; }
inline size_t span_size(Span s) { return (size_t)(s >> 32); }
#else
struct Span {
    char *start;
    size_t size;
};
inline Span make_span(char *start, size_t size) { return {start, size}; }
inline char *span_start(Span s) { return s.start; }
inline size_t span_size(Span s) { return s.size; }
#endif

// At least min_bytes of memory nobody else uses, or make_span(nullptr, 0). Successive spans may or may not
// be adjacent; a refusal leaves the backend as it was.
Span grow(size_t min_bytes);


}  // namespace lite::backend
