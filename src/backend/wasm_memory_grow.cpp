// WebAssembly backend (wasi, freestanding wasm32): the memory between __heap_base and the end of
// linear memory first, then whole pages from memory.grow, which are zero-filled. Other code may
// grow memory between our calls (wasi-libc's sbrk does), so only pages we grew ourselves are ours,
// plus, on the first call, the tail that the linker left free after __heap_base.
#include "backend.hpp"

extern "C" char __heap_base;  // set by wasm-ld: the first byte past static data and the stack

namespace lite::backend {

constexpr size_t kWasmPage = 65536;

static bool g_took_initial_tail;

Span grow(size_t min_bytes) {
    char *start = nullptr;
    size_t have = 0;
    if (!g_took_initial_tail) {
        start = &__heap_base;
        // Modular: with all 4 GiB present the end wraps to 0, and the difference is still right.
        have = __builtin_wasm_memory_size(0) * kWasmPage - (size_t)start;
        if (have >= min_bytes) {
            g_took_initial_tail = true;
            return {start, have};
        }
    }
    size_t missing = min_bytes - have;
    size_t pages = missing / kWasmPage + (missing % kWasmPage != 0);  // no overflow near SIZE_MAX
    size_t old_pages = __builtin_wasm_memory_grow(0, pages);
    if (old_pages == (size_t)-1) return {nullptr, 0};  // refused: nothing changed
    char *grown = (char *)(old_pages * kWasmPage);
    size_t grown_bytes = pages * kWasmPage;  // the grant fits in 4 GiB, so this does not wrap
    if (!start) return {grown, grown_bytes};
    // First call: nothing ran between reading the size and growing, so the tail and the new pages
    // are one span.
    g_took_initial_tail = true;
    return {start, have + grown_bytes};
}

}  // namespace lite::backend
