// Emscripten backend: sbrk, in 64 KiB chunks like wasm pages, so that sbrk(0) and every other
// sbrk user (emscripten's runtime, the program) stay coherent with the heap. sbrk returning
// (void *)-1 is a refusal with nothing changed. Memory below the break may have been handed back
// with a negative sbrk and written before, so it is not taken to be zero (see emscripten.mk).
#include <emscripten/heap.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "../core/block.hpp"
#include "backend.hpp"

namespace lite::backend {

constexpr size_t kChunk = 64 * 1024;

LITE_BACKEND_GROW Span grow(size_t min_bytes) {
    // sbrk takes an intptr_t: anything beyond INTPTR_MAX once rounded can never be granted.
    if (min_bytes > (size_t)INTPTR_MAX - (kChunk - 1)) return refused();
    size_t size = round_up(min_bytes, kChunk);
    return make_span((char *)sbrk((intptr_t)size), size);  // (void *)-1 is refused()
}

}  // namespace lite::backend

// Emscripten up to 3.1.x (Debian's 3.1.6 among them) keeps sbrk in its malloc library, which
// -sMALLOC=none leaves out. These weak copies share emscripten's break pointer protocol; wherever
// libc does bring its own sbrk.o, its strong definitions replace both, so there is one break.
extern "C" char __heap_base;
static uintptr_t g_break = (uintptr_t)&__heap_base;

extern "C" __attribute__((weak)) uintptr_t *emscripten_get_sbrk_ptr() { return &g_break; }

extern "C" __attribute__((weak)) void *sbrk(intptr_t increment) {
    uintptr_t *break_ptr = emscripten_get_sbrk_ptr(), old_break = *break_ptr;
    uintptr_t new_break = old_break + (((uintptr_t)increment + 3) & ~(uintptr_t)3);  // keeps 4-byte alignment
    bool wrapped = increment >= 0 ? new_break < old_break : new_break > old_break;
    if (wrapped || (new_break > emscripten_get_heap_size() && !emscripten_resize_heap(new_break))) {
        errno = ENOMEM;
        return (void *)-1;
    }
    *break_ptr = new_break;
    return (void *)old_break;
}
