/* Linked into the real programs of make bench on wasm (Emscripten with -sEXIT_RUNTIME=1, wasi): at exit,
 * prints the linear memory's size to stderr. Linear memory never shrinks, so this is its peak: static
 * data, stack and everything the allocator took, the same first two for every allocator. On Emscripten
 * also the sbrk break above __heap_base: the heap's high-water mark (no allocator there gives memory
 * back through sbrk: dlmalloc is built with MORECORE_CANNOT_TRIM, emmalloc does only in malloc_trim,
 * which these programs never call, and lite-alloc never does). */
#include <stdio.h>
#ifdef __EMSCRIPTEN__
#include <unistd.h>
extern char __heap_base;
#endif
__attribute__((destructor, used)) static void bench_peak_memory(void) {
    fprintf(stderr, "peak_memory=%lu\n", (unsigned long)__builtin_wasm_memory_size(0) * 65536ul);
#ifdef __EMSCRIPTEN__
    fprintf(stderr, "heap_break=%lu\n", (unsigned long)((char *)sbrk(0) - &__heap_base));
#endif
}
