// WebAssembly backend (wasi, freestanding wasm32): first the memory the linker left for the heap,
// from __heap_base to __heap_end (the end of the initial memory), then whole pages from
// memory.grow, which are zero-filled. Other code may grow memory before or between our calls
// (wasi-libc's sbrk does): pages past __heap_end that we did not grow ourselves are never ours.
#include "backend.hpp"

extern "C" char __heap_base, __heap_end;  // set by wasm-ld

namespace lite::backend {

constexpr size_t kWasmPage = 65536;

static bool g_took_initial;

Span grow(size_t min_bytes) {
    char *start = nullptr;
    size_t have = 0;
    if (!g_took_initial) {
        start = &__heap_base;
        have = (size_t)(&__heap_end - &__heap_base);
        if (have >= min_bytes) {
            g_took_initial = true;
            return {start, have};
        }
    }
    size_t missing = min_bytes - have;
    size_t pages = missing / kWasmPage + (missing % kWasmPage != 0);  // no overflow near SIZE_MAX
    size_t old_pages = __builtin_wasm_memory_grow(0, pages);
    if (old_pages == (size_t)-1) return {nullptr, 0};  // refused: nothing changed
    char *grown = (char *)(old_pages * kWasmPage);
    size_t grown_bytes = pages * kWasmPage;  // the grant fits in 4 GiB, so this does not wrap
    if (start) {
        g_took_initial = true;
        // The linker's tail and the new pages are one span, unless other code grew memory first.
        if (grown == &__heap_end) return {start, have + grown_bytes};
    }
    return {grown, grown_bytes};
}

}  // namespace lite::backend
