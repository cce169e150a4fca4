/* wasm (Emscripten) and Cortex-M4 runs: whatever malloc the program is linked with (-sMALLOC=emmalloc|
 * dlmalloc, or -sMALLOC=none with liblite_alloc.a; newlib-nano's or newlib's). Footprint: on Emscripten
 * the sbrk break above __heap_base (every allocator there, lite-alloc's backend included, grows
 * through sbrk; sampled after every call with BENCH_SAMPLE=1); on the Cortex-M4 the heap's
 * high-water mark (cm_sbrk_peak.c, linked with -Wl,--wrap=_sbrk). */
#include <stdlib.h>
#include <stddef.h>
#ifdef __EMSCRIPTEN__
#include <unistd.h>
extern char __heap_base;
size_t heap_footprint(void) { return (size_t)((char *)sbrk(0) - &__heap_base); }
#elif defined(__arm__)
size_t bench_heap_peak(void);
size_t heap_footprint(void) { return bench_heap_peak(); }
#else
size_t heap_footprint(void) { return 0; }
#endif
void *bm_malloc(size_t n) { return malloc(n); }
void bm_free(void *p) { free(p); }
void *bm_realloc(void *p, size_t n) { return realloc(p, n); }
void *bm_calloc(size_t c, size_t n) { return calloc(c, n); }
