// Host backend: anonymous mmap, zero-filled, in chunks of 64 KiB like wasm pages so that
// footprints compare across targets. Chunks are rarely adjacent; the arena copes.
#include <sys/mman.h>

#include "backend.hpp"

namespace lite::backend {

constexpr size_t kChunk = 64 * 1024;

Span grow(size_t min_bytes) {
    size_t size = (min_bytes + kChunk - 1) & ~(kChunk - 1);  // min_bytes is far below SIZE_MAX
    void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return {nullptr, 0};
    return {(char *)p, size};
}

}  // namespace lite::backend
