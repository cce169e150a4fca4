// Host backend: anonymous mmap, zero-filled, in chunks of 64 KiB like wasm pages so that
// footprints compare across targets. Each chunk is asked for right after the previous one, so
// that the heap grows in one piece as it does with sbrk or memory.grow (the arena then just
// extends its segment); where that address is taken, any address will do.
#include <sys/mman.h>

#include "backend.hpp"

namespace lite::backend {

constexpr size_t kChunk = 64 * 1024;

static char *g_next;  // just past the last chunk

static void *map(void *where, size_t size, int extra_flags) {
    return mmap(where, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
}

Span grow(size_t min_bytes) {
    size_t size = (min_bytes + kChunk - 1) & ~(kChunk - 1);  // min_bytes is far below SIZE_MAX
    void *p = g_next ? map(g_next, size, MAP_FIXED_NOREPLACE) : MAP_FAILED;
    if (p != MAP_FAILED && p != g_next) munmap(p, size), p = MAP_FAILED;  // kernels before 4.17 ignore the flag
    if (p == MAP_FAILED) p = map(nullptr, size, 0);
    if (p == MAP_FAILED) return {nullptr, 0};
    g_next = (char *)p + size;
    return {(char *)p, size};
}

}  // namespace lite::backend
