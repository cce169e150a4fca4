// A backend hands the arena fresh memory. One backend is linked per library (src/backend/*.cpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "../core/block.hpp"


namespace lite::backend {

// A span of memory. The library inlines its backend into the arena's growth: on wasm the pair then
// costs nothing; GCC for 32-bit ARM and RISC-V keeps it tighter as one 64-bit integer (measured).
#if UINTPTR_MAX == 0xFFFFFFFFu && !defined(__wasm__)
using Span = uint64_t;
LITE_INLINE Span make_span(char *start, size_t size) { return (uint64_t)size << 32 | (uintptr_t)start; }
LITE_INLINE char *span_start(Span s) { return (char *)(uintptr_t)(uint32_t)s; }
LITE_INLINE size_t span_size(Span s) { return (size_t)(s >> 32); }
#else
struct Span {
    char *start;
    size_t size;
};
LITE_INLINE Span make_span(char *start, size_t size) { return {start, size}; }
LITE_INLINE char *span_start(Span s) { return s.start; }
LITE_INLINE size_t span_size(Span s) { return s.size; }
#endif

// A refusal is the span at (char *)-1, sbrk's own answer, so that an sbrk backend passes it on.
LITE_INLINE Span refused() { return make_span((char *)(uintptr_t)-1, 0); }
LITE_INLINE bool is_refused(Span s) { return span_start(s) == (char *)(uintptr_t)-1; }

// At least min_bytes of memory nobody else uses, or refused(). Successive spans may or may not
// be adjacent; a refusal leaves the backend as it was. The library's backend is compiled into
// src/core/heap.cpp (LITE_ALLOC_BACKEND_SOURCE), inlined into the arena's growth; a test may link
// its own instead.
#ifdef LITE_ALLOC_BACKEND_SOURCE
#define LITE_BACKEND_GROW LITE_INLINE
#else
#define LITE_BACKEND_GROW
#endif
LITE_BACKEND_GROW Span grow(size_t min_bytes);


}  // namespace lite::backend
