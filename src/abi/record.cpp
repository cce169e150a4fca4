// RECORD=1 (VARIANT=record): the allocation ABI of a recording build. The library is compiled with
// -DLITE_ALLOC_PREFIXED, so the heap exports lite_malloc, lite_free, ...; the standard names here
// call those and write one line per call to file descriptor 1 (stdout: the console under
// semihosting, node's stdout under wasm), for test/advise/advise.py to turn into a trace:
//   @la1 m <size> <result>            malloc
//   @la1 c <count> <size> <result>    calloc
//   @la1 a <alignment> <size> <result>  aligned_alloc, memalign, posix_memalign (result 0: failed)
//   @la1 r <old> <size> <result>      realloc
//   @la1 f <pointer>                  free (free(NULL) is not written)
// Numbers are hexadecimal without 0x. The line may follow other output on the same console line
// (a printf without a newline): the reader looks for "@la1 " anywhere. write() allocates nothing,
// so recording never recurses; a busy flag guards against a libc whose write would.
#include <stdint.h>
#include <unistd.h>

#include "../../include/lite_alloc.h"

#include "prefixed.hpp"

// newlib: its _malloc_r family (newlib's own stdio, strdup, ... allocate through it) comes from
// newlib_reent.cpp, compiled into this object rather than on its own, so that it is always linked
// with the recorder (nothing else names _malloc_r in a prefixed build) and forwards to the standard
// names below, the recording ones: the heap itself is compiled prefixed (lite_malloc, ...).
#if defined(LITE_ALLOC_NEWLIB)
#include "newlib_reent.cpp"
#endif

namespace {

bool busy;

// One line: "@la1 <op>" then up to three hexadecimal numbers.
void record(char op, int count, uintptr_t a, uintptr_t b, uintptr_t c) {
    if (busy) return;
    busy = true;
    char line[5 + 2 + 3 * (1 + 2 * sizeof(uintptr_t)) + 1];
    char *out = line;
    for (const char *p = "@la1 "; *p; p++) *out++ = *p;
    *out++ = op;
    const uintptr_t values[3] = {a, b, c};
    for (int i = 0; i < count; i++) {
        *out++ = ' ';
        uintptr_t v = values[i];
        int digits = 1;
        while (digits < (int)(2 * sizeof v) && (v >> (4 * digits))) digits++;
        for (int d = digits - 1; d >= 0; d--) *out++ = "0123456789abcdef"[(v >> (4 * d)) & 15];
    }
    *out++ = '\n';
    (void)!write(1, line, (size_t)(out - line));
    busy = false;
}

uintptr_t u(const void *p) { return (uintptr_t)p; }

}  // namespace

extern "C" {

void *malloc(size_t size) {
    void *p = lite_malloc(size);
    record('m', 2, size, u(p), 0);
    return p;
}

void free(void *ptr) {
    if (ptr) record('f', 1, u(ptr), 0, 0);
    lite_free(ptr);
}

void *calloc(size_t count, size_t size) {
    void *p = lite_calloc(count, size);
    record('c', 3, count, size, u(p));
    return p;
}

void *realloc(void *ptr, size_t size) {
    void *p = lite_realloc(ptr, size);
    record('r', 3, u(ptr), size, u(p));
    return p;
}

void *aligned_alloc(size_t alignment, size_t size) {
    void *p = lite_aligned_alloc(alignment, size);
    record('a', 3, alignment, size, u(p));
    return p;
}

void *memalign(size_t alignment, size_t size) {
    void *p = lite_memalign(alignment, size);
    record('a', 3, alignment, size, u(p));
    return p;
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    int rc = lite_posix_memalign(out, alignment, size);
    record('a', 3, alignment, size, rc ? 0 : u(*out));
    return rc;
}

size_t malloc_usable_size(void *ptr) { return lite_malloc_usable_size(ptr); }

}  // extern "C"
