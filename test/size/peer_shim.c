/* What Emscripten's allocator sources expect from Emscripten's libc when linked against wasi-libc:
 * its errno, and its aligned_alloc (system/lib/libc/musl/src/malloc/aligned_alloc.c -> memalign).
 * Without the latter, wasi-libc's own dlmalloc.o would be linked for aligned_alloc. */
#include <stddef.h>
void *memalign(size_t, size_t);
int *__errno_location(void) { static int e; return &e; }
__attribute__((weak)) void *aligned_alloc(size_t align, size_t size) { return memalign(align, size); }
