// The fuzz target's backend: spans from a static pool instead of mmap, so that every input starts
// from the same memory, nothing leaks from one input to the next, and the input itself decides how
// large the spans are, whether they are adjacent to the previous one (the arena then extends its
// newest segment) or leave a gap (a new segment), and when the pool runs dry.
// Spans are zero-filled, as mmap's are (the host library is built with FRESH_MEMORY_IS_ZERO=1).
#include "fuzz_backend.h"

#include <string.h>

#include "../../src/backend/backend.hpp"

alignas(65536) static char g_pool[FUZZ_POOL_BYTES];
struct fuzz_backend g_fuzz_backend;

extern "C" void fuzz_backend_reset(size_t chunk, unsigned gap_pattern, size_t limit) {
    g_fuzz_backend = fuzz_backend{};
    g_fuzz_backend.pool = g_pool;
    g_fuzz_backend.chunk = chunk ? chunk : 1;
    g_fuzz_backend.gap_pattern = gap_pattern;
    g_fuzz_backend.limit = limit < sizeof g_pool ? limit : sizeof g_pool;
}

namespace lite::backend {

Span grow(size_t min_bytes) {
    fuzz_backend &b = g_fuzz_backend;
    ++b.requests;
    size_t chunk = b.chunk;
    if (min_bytes > b.limit) return refused();
    if (b.granted == FUZZ_MAX_SPANS) return refused();  // never a span that inside_heap() cannot see
    size_t size = (min_bytes + chunk - 1) / chunk * chunk;
    // A gap of 0 makes this span adjacent to the last one; otherwise skip a few words (never less
    // than 4-byte alignment, as emscripten's sbrk keeps) or a whole page.
    size_t gap = 0;
    if (b.granted) {
        unsigned g = (b.gap_pattern >> (2 * (b.granted % 16))) & 3;
        gap = g == 0 ? 0 : g == 1 ? 4 * (1 + b.granted % 5) : g == 2 ? 8 : 4096;
    }
    size_t start = b.used + gap;
    if (start > b.limit || size > b.limit - start) return refused();
    char *p = b.pool + start;
    memset(p, 0, size);
    b.used = start + size;
    b.spans[b.granted++] = {p, size};
    return make_span(p, size);
}

}  // namespace lite::backend

#ifdef FUZZ_UAF
// fuzz_uaf: the checked build's report goes to the fuzz target, which checks it and goes on with the
// next input (src/abi/report.cpp is not linked).
extern "C" [[noreturn]] void fuzz_fatal(const char *call, const char *problem);
namespace lite {
[[noreturn]] void fatal(const char *call, const char *problem) { fuzz_fatal(call, problem); }
}  // namespace lite
#endif
