// Host backend: one large reservation of address space (PROT_NONE, no memory behind it), whose
// pages are made readable and writable in 64 KiB chunks as the heap grows, so that the heap grows
// in one piece as it does with sbrk or memory.grow, and fresh memory is zero-filled and costs no
// resident memory until it is touched. The reservation halves until the system grants it (under
// `ulimit -v`, it takes at most half of what is left). When it is used up a new one is reserved;
// one that lies below the last (the arena grows upwards only) is given back and growth refused.
#include <sys/mman.h>
#include <sys/resource.h>

#include "../core/block.hpp"
#include "backend.hpp"

namespace lite::backend {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kReservation = sizeof(size_t) == 8 ? (size_t)64 << 30 : (size_t)1 << 30;

static char *g_next, *g_limit;  // the committed part of the reservation ends at g_next

static bool reserve(size_t at_least) {
    size_t size = kReservation;
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && size > limit.rlim_cur / 2)
        size = (size_t)(limit.rlim_cur / 2) & ~(kChunk - 1);
    for (; size >= at_least && size >= kChunk; size /= 2) {
        void *p = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) continue;
        if (g_next && (char *)p < g_next) {
            munmap(p, size);
            return false;
        }
        g_next = (char *)p, g_limit = (char *)p + size;
        return true;
    }
    return false;
}

LITE_BACKEND_GROW Span grow(size_t min_bytes) {
    size_t size = round_up(min_bytes, kChunk);  // min_bytes is far below SIZE_MAX
    if ((size_t)(g_limit - g_next) < size && !reserve(size)) return refused();
    if (mprotect(g_next, size, PROT_READ | PROT_WRITE) != 0) return refused();
    char *start = g_next;
    g_next += size;
    return make_span(start, size);
}

}  // namespace lite::backend
