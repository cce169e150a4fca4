// WebAssembly backend (wasi, freestanding wasm32): first the memory the linker left for the heap,
// from __heap_base to __heap_end (the end of the initial memory), then whole pages from
// memory.grow, which are zero-filled. Other code may grow memory before or between our calls
// (wasi-libc's sbrk does): pages past __heap_end that we did not grow ourselves are never ours.
#include "../core/arena.hpp"
#include "backend.hpp"

extern "C" char __heap_base, __heap_end;  // set by wasm-ld

namespace lite::backend {

constexpr size_t kWasmPage = 65536;

LITE_BACKEND_GROW Span grow(size_t min_bytes) {
    // The heap's first span (also after lite_alloc_init_region(NULL, 0) restarts it): the initial
    // memory, whatever its size. If it is not enough, the arena asks again, and the pages grown next
    // continue it (unless other code grew memory first: then the arena joins them by a gap).
    size_t have = (size_t)(&__heap_end - &__heap_base);
    if (!heap().end && have >= 64) return make_span(&__heap_base, have);  // (end: arena_grow has it loaded)
    // The arena asks for at most about kMaxRequest (2^31) bytes: rounding up cannot wrap.
    size_t pages = (min_bytes + kWasmPage - 1) / kWasmPage;
    size_t old_pages = __builtin_wasm_memory_grow(0, pages);
    if (old_pages == (size_t)-1) return refused();  // refused: nothing changed
    return make_span((char *)(old_pages * kWasmPage), pages * kWasmPage);  // fits in 4 GiB: no wrap
}

}  // namespace lite::backend
