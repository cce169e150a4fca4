/* Host stand-in for Emscripten's header, so that emmalloc.c compiles for the benchmark on the host. */
#include <stddef.h>
#define EM_ASM(...) ((void)0)
#define MAIN_THREAD_ASYNC_EM_ASM(...) ((void)0)
#define EMSCRIPTEN_KEEPALIVE
static inline size_t emscripten_get_heap_size(void) { return 0; }
static inline size_t emscripten_get_heap_max(void) { return 0; }
/* emmalloc is written for wasm32, where max_align_t has alignment 8. */
typedef struct { long long l; double d; } emm_max_align_t;
#define max_align_t emm_max_align_t
