// wasi-libc's own code allocates through __libc_malloc, __libc_calloc and __libc_free (atexit,
// locales), which its dlmalloc.o defines next to malloc. Defining them here makes every symbol of
// dlmalloc.o already defined, so the linker never pulls it in: lite-alloc is the only heap.
#include "../../include/lite_alloc.h"

extern "C" {

void *__libc_malloc(size_t size) { return malloc(size); }
void *__libc_calloc(size_t count, size_t size) { return calloc(count, size); }
void __libc_free(void *ptr) { free(ptr); }

}  // extern "C"
