/* wasm (Emscripten) runs: whatever malloc the program is linked with (-sMALLOC=emmalloc|dlmalloc, or
 * -sMALLOC=none with liblite_alloc.a). Only wall time is measured there, not the footprint. */
#include <stdlib.h>
void *bm_malloc(size_t n) { return malloc(n); }
void bm_free(void *p) { free(p); }
void *bm_realloc(void *p, size_t n) { return realloc(p, n); }
void *bm_calloc(size_t c, size_t n) { return calloc(c, n); }
size_t heap_footprint(void) { return 0; }
