// picolibc backend: picolibc's sbrk (picosbrk.c), which hands out the RAM between its linker script's
// __heap_start and __heap_end (picolibc.ld: what is left of __ram_size after data, bss and the stack),
// as picolibc's own malloc uses it. A program may define its own sbrk instead. Spans are only what
// was asked for, rounded to kAlign; sbrk returning (void *)-1 is a refusal with nothing changed.
// Other sbrk callers may take memory between our calls: the arena copes with spans that are apart.
// RAM from sbrk holds whatever was there before, so LITE_ALLOC_FRESH_MEMORY_IS_ZERO stays 0.
#include <stdint.h>

#include "../core/block.hpp"
#include "backend.hpp"

extern "C" void *sbrk(ptrdiff_t increment);

namespace lite::backend {

Span grow(size_t min_bytes) {
    if (min_bytes > (size_t)PTRDIFF_MAX - (kAlign - 1)) return make_span(nullptr, 0);
    size_t size = round_up(min_bytes, kAlign);
    void *start = sbrk((ptrdiff_t)size);
    if (start == (void *)-1) return make_span(nullptr, 0);
    return make_span((char *)start, size);
}

}  // namespace lite::backend
