/* Linked into the real programs of make bench on wasm (Emscripten with -sEXIT_RUNTIME=1, wasi): at exit,
 * prints the linear memory's size to stderr. Linear memory never shrinks, so this is its peak: static
 * data, stack and everything the allocator took, the same first two for every allocator. */
#include <stdio.h>
__attribute__((destructor, used)) static void bench_peak_memory(void) {
    fprintf(stderr, "peak_memory=%lu\n", (unsigned long)__builtin_wasm_memory_size(0) * 65536ul);
}
