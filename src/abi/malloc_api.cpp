// The C allocation ABI where the libc takes no lock around its heap (host, wasm32, wasi, Emscripten;
// and, prefixed as lite_malloc & co., the test and recording builds): argument rules and errno
// here, the heap's steps inlined from src/core/heap.hpp. newlib's and picolibc's entry points, which
// take their libc's lock, are in src/abi/newlib_reent.cpp and src/abi/picolibc.cpp.
#include "../core/heap.hpp"

#include "../../include/lite_alloc.h"

using namespace lite;

// realloc's move: a new block for p's contents, of n bytes, or nullptr (errno set). Defined
// weakly below as malloc; src/abi/aligned.cpp, linked only by a program that names an aligned entry
// point (only such a program has aligned blocks), defines it to keep their alignment.
extern "C" void *LITE_NAME(lite_alloc_move)(char *p, size_t n);

// errno = ENOMEM unless p (where the target has errno), counted when LITE_ALLOC_STATS.
LITE_INLINE void *or_enomem(void *p) {
    if (!p) {
        count_failure();
        LITE_SET_ERRNO(ENOMEM);
    }
    return p;
}

extern "C" {

void *LITE_NAME(malloc)(size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("malloc(): ");
    return or_enomem(allocate(size));
}

void LITE_NAME(free)(void *ptr) {
    if (!ptr) return;
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("free(): ");
    checked::verify_owned((char *)ptr);
    release((char *)ptr);
}

// As with newlib and picolibc, errno is set in one place (malloc): calloc asks malloc for SIZE_MAX
// when count * size overflows, and realloc moves a block by malloc, memcpy and free.
void *LITE_NAME(calloc)(size_t count, size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    size_t n = calloc_bytes(count, size);
    char *clean_from = dirty_end();
    void *p = LITE_NAME(malloc)(n);
    if (p) zero(p, n, clean_from);
    return p;
}

void *LITE_NAME(realloc)(void *ptr, size_t size) {
    if (!ptr) return LITE_NAME(malloc)(size);
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("realloc(): ");
    char *p = (char *)ptr;
    checked::verify_owned(p);
    size_t kept = kept_bytes(p);
    if (resize(p, size)) return p;
    void *moved = LITE_NAME(lite_alloc_move)(p, size);
    if (moved) {  // else the old block stays as it was
        __builtin_memcpy(moved, p, kept);
        LITE_NAME(free)(p);
    }
    return moved;
}

#if !LITE_ALLOC_SINGLE_FILE  // (make dist's one file has src/abi/aligned.cpp's)
// realloc's move where no block is aligned (src/abi/aligned.cpp has the other).
[[gnu::weak]] void *LITE_NAME(lite_alloc_move)(char *, size_t n) { return LITE_NAME(malloc)(n); }
#endif

size_t LITE_NAME(malloc_usable_size)(void *ptr) {
    if (!ptr) return 0;
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("malloc_usable_size(): ");
    checked::verify_owned((char *)ptr);
    return checked::requested_size((char *)ptr);  // in the checked build, bytes beyond it are the canary
}

}  // extern "C"
