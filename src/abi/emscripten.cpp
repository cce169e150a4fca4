// With -sMALLOC=none, Emscripten's libc still calls an allocator by other names: musl's internal
// __libc_malloc/__libc_calloc/__libc_free (atexit, locales, dlerror) and emscripten_builtin_malloc/
// _free/_memalign (mmap, environ). Its dlmalloc would define them; here they are lite-alloc.
#include "../../include/lite_alloc.h"

extern "C" {

void *__libc_malloc(size_t size) { return malloc(size); }
void *__libc_calloc(size_t count, size_t size) { return calloc(count, size); }
void __libc_free(void *ptr) { free(ptr); }
void *emscripten_builtin_malloc(size_t size) { return malloc(size); }
void emscripten_builtin_free(void *ptr) { free(ptr); }
void *emscripten_builtin_memalign(size_t alignment, size_t size) { return memalign(alignment, size); }

}  // extern "C"
