// Everything that is the same for every strategy: alignment, realloc policy, calloc, counters,
// the heap check and, in the checked build, the verification of every pointer handed back.
#include "heap.hpp"

#include "../../include/lite_alloc.h"
#include "arena.hpp"
#include "strategy.hpp"
#include "valgrind_hooks.hpp"
#include "../backend/backend.hpp"

#if __has_include(<errno.h>) && !defined(LITE_ALLOC_NO_LIBC)
#include <errno.h>
#define LITE_SET_ERRNO(code) (errno = (code))
#else
#define LITE_SET_ERRNO(code) ((void)(code))
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif

#ifndef LITE_ALLOC_STATS
#define LITE_ALLOC_STATS 1
#endif
#ifndef LITE_ALLOC_CHECKED
#define LITE_ALLOC_CHECKED 0
#endif

namespace lite {

// realloc of an aligned block keeps at most this alignment (the block does not record its own).
constexpr size_t kMaxKeptAlignment = 65536;

static struct Counters {
    size_t in_use, peak_in_use, failed;
} g_counters;

// Out of line: four call sites share one copy (76 bytes less on wasm32 -Oz).
[[gnu::noinline]] static void count_in_use(size_t delta) {
    if (!LITE_ALLOC_STATS) return;
    g_counters.in_use += delta;  // modular: a negative delta arrives as its two's complement
    if (g_counters.in_use > g_counters.peak_in_use) g_counters.peak_in_use = g_counters.in_use;
}

void *heap_fail(int code) {
    if (LITE_ALLOC_STATS) ++g_counters.failed;
    LITE_SET_ERRNO(code);
    return nullptr;
}

#if LITE_ALLOC_CHECKED
[[noreturn]] void fatal(const char *call, const char *problem);  // src/abi/report.cpp

// The canary: the last payload word of every in-use block records the size that was asked for,
// mixed with the block's address, and the first kCanarySpan bytes after the request (fewer if the
// block ends sooner) hold kCanaryByte. A write past the request changes one of them; free, realloc
// and lite_alloc_check notice. Each block is one word larger for it. The span is bounded so that a
// small request served by a large free block does not make every heap check scan the slack.
constexpr size_t kCanaryBytes = kWord;
constexpr size_t kCanarySpan = 64;
constexpr unsigned char kCanaryByte = 0xCB;
static inline char *canary_word(char *p) { return p + block_size(p) - 2 * kWord; }
static inline size_t canary_key(const char *p) { return (size_t)p ^ (size_t)0x9E3779B97F4A7C15ull; }
static inline char *canary_end(char *p, size_t n, char *word) { return (size_t)(word - (p + n)) > kCanarySpan ? p + n + kCanarySpan : word; }

static void arm_canary(char *p, size_t n) {
    char *word = canary_word(p);
    __builtin_memset(p + n, kCanaryByte, (size_t)(canary_end(p, n, word) - (p + n)));
    store_word(word, n ^ canary_key(p));
}

// The size the block was asked for, or SIZE_MAX when its canary was overwritten.
static size_t requested_size(char *p) {
    char *word = canary_word(p);
    size_t n = load_word(word) ^ canary_key(p);
    if (n > (size_t)(word - p)) return SIZE_MAX;
    for (char *c = p + n, *end = canary_end(p, n, word); c < end; ++c)
        if ((unsigned char)*c != kCanaryByte) return SIZE_MAX;
    return n;
}

static void verify_heap() {
    if (int code = lite_alloc_check()) fatal("lite_alloc_check(): ", lite_alloc_check_message(code));
}

// Aborts unless ptr is a block this heap handed out and has not taken back, with its canary intact.
// A block freed twice may have been merged into a neighbour or the bump space since; the
// messages still say so.
static void verify_owned(const char *ptr, const char *call) {
    enum { kForeign, kLive, kInterior, kInsideFree, kFreed } found = kForeign;
    constexpr int kFound = -1;  // stops the walk; distinct from its kBadBlockSize
    if (arena_walk([&](char *p) {
            if (ptr < p - kWord || ptr >= next_block(p) - kWord) return 0;
            found = ptr == p ? (in_use(p) ? kLive : kFreed) : in_use(p) ? kInterior : kInsideFree;
            return kFound;
        }) == kBadBlockSize)
        verify_heap();
    if (found == kFreed) fatal(call, "block was already freed (double free)");
    if (found == kInsideFree) fatal(call, "pointer lies in a free block (double free, or a stray pointer)");
    if (found == kInterior) fatal(call, "pointer points inside a block, not at its start");
    if (found == kForeign && ptr >= g_arena.top && ptr < g_arena.end)
        fatal(call, "pointer lies in unused heap space (double free, or a stray pointer)");
    if (found == kForeign) fatal(call, "pointer was never handed out by this heap");
    if (requested_size((char *)ptr) == SIZE_MAX) fatal(call, "a write past the end of the block overwrote its canary");
    verify_heap();
}
#else
constexpr size_t kCanaryBytes = 0;
static inline void arm_canary(char *, size_t) {}
static inline size_t requested_size(char *p) { return block_size(p) - kWord; }
static inline void verify_heap() {}
static inline void verify_owned(const char *, const char *) {}
#endif

// Block size for a request of n bytes (the canary included), or 0 when n is too large.
static inline size_t block_size_for_request(size_t n) { return n > kMaxRequest ? 0 : block_size_for(n + kCanaryBytes); }

// A block of `size` bytes whose payload is aligned to `alignment` > kAlign: the strategy finds a
// block that holds it at its first aligned address; what lies in front becomes a free block of its
// own (both ends are kAlign-aligned, so it is a whole block) and the tail is trimmed if it can be.
static char *allocate_aligned(size_t size, size_t alignment) {
    if (alignment > kMaxRequest - size) return nullptr;
    char *p = strategy::allocate(size, alignment);
    if (!p) return nullptr;
    char *aligned = p + aligned_lead(p, alignment);
    if (aligned != p) {
        size_t lead = (size_t)(aligned - p);
        set_header(aligned, (block_size(p) - lead) | kInUse);
        set_header(p, lead | kInUse);
        strategy::release(p);
    }
    strategy::resize(aligned, size);
    set_header(aligned, header(aligned) | kAligned);
    return aligned;
}

void *heap_allocate(size_t n, size_t alignment) {
    [[maybe_unused]] vg::Quiet quiet;
    verify_heap();
    size_t size = block_size_for_request(n);
    char *p = !size ? nullptr : alignment <= kAlign ? strategy::allocate(size, kAlign) : allocate_aligned(size, alignment);
    if (!p) return heap_fail(ENOMEM);
    count_in_use(block_size(p));
    arm_canary(p, n);
    vg::allocated(p, requested_size(p));
    return p;
}

void *heap_zeroed(size_t count, size_t each) {
    size_t n;
    [[maybe_unused]] vg::Quiet quiet;
    if (__builtin_mul_overflow(count, each, &n)) return heap_fail(ENOMEM);
    // Bytes the bump space has never handed out are still zero from a zeroing backend.
    char *fresh = g_arena.top > g_arena.clean ? g_arena.top : g_arena.clean, *end = g_arena.end;
    char *p = (char *)heap_allocate(n, kAlign);
    if (p && !(backend::kFreshMemoryIsZero && p >= fresh && p < end)) __builtin_memset(p, 0, n);
    if (p) vg::zeroed(p, n);
    return p;
}

void heap_free(void *ptr) {
    if (!ptr) return;
    [[maybe_unused]] vg::Quiet quiet;
    verify_owned((char *)ptr, "free(): ");
    char *p = (char *)ptr;
    vg::freed(p);
    count_in_use(0 - block_size(p));
    strategy::release(p);
}

void *heap_reallocate(void *ptr, size_t n) {
    if (!ptr) return heap_allocate(n, kAlign);
    [[maybe_unused]] vg::Quiet quiet;
    verify_owned((char *)ptr, "realloc(): ");
    char *p = (char *)ptr;
    size_t size = block_size_for_request(n), old = block_size(p), kept = requested_size(p);
    if (!size) return heap_fail(ENOMEM);
    if (strategy::resize(p, size)) {
        count_in_use(block_size(p) - old);
        arm_canary(p, n);
        vg::resized(p, kept, requested_size(p));
        return p;
    }
    size_t alignment = kAlign;
    if (header(p) & kAligned) {
        alignment = (size_t)p & (0 - (size_t)p);  // at least the alignment it was given
        if (alignment > kMaxKeptAlignment) alignment = kMaxKeptAlignment;
    }
    char *moved = (char *)heap_allocate(n, alignment);
    if (!moved) return nullptr;  // the old block stays as it was
    __builtin_memcpy(moved, p, kept < n ? kept : n);
    heap_free(p);
    return moved;
}

size_t heap_usable_size(void *ptr) {
    if (!ptr) return 0;
    [[maybe_unused]] vg::Quiet quiet;
    verify_owned((char *)ptr, "malloc_usable_size(): ");
    return requested_size((char *)ptr);  // in the checked build, bytes beyond it are the canary
}

}  // namespace lite

using namespace lite;

extern "C" const char *lite_alloc_strategy(void) { return strategy::kName; }

extern "C" int lite_alloc_check(void) {
    [[maybe_unused]] vg::Quiet quiet;
    int err = strategy::mark_free_blocks();
    size_t in_use_bytes = 0;
    // The walk goes on after a fault so that every mark is cleared again.
    int walk_err = arena_walk([&](char *p) {
        Word h = header(p);
        if (h & kMarked) set_header(p, h & ~kMarked);
        if (h & kInUse) {
            in_use_bytes += h & ~kFlags;
            if ((h & kMarked) && !err) err = kCheckFreeListCorrupt;
            if (LITE_ALLOC_CHECKED && !err && requested_size(p) == SIZE_MAX) err = kCheckCanary;
        } else if (!(h & kMarked) && !err) {
            err = kCheckFreeNotListed;
        }
        return 0;
    });
    if (walk_err) return walk_err;
    if (g_arena.top > g_arena.end) return kCheckBumpOverrun;
    if (!err && LITE_ALLOC_STATS && in_use_bytes != g_counters.in_use) err = kCheckCounters;
    return err;
}

extern "C" const char *lite_alloc_check_message(int code) {
    static const char *const messages[] = {
        "heap is sound",
        "heap corrupt: a block header holds an impossible size (overflow past a block's end?)",
        "heap corrupt: a free list is broken (double free, or a write after free)",
        "heap corrupt: a free block is on no free list",
        "heap corrupt: a block sits in the bin of another size class",
        "heap corrupt: the address-ordered free list is out of order",
        "heap corrupt: two free blocks were left side by side",
        "heap corrupt: the bytes-in-use counter disagrees with the blocks",
        "heap corrupt: a write past the end of a block overwrote its canary",
        "heap corrupt: the bump pointer ran past the end of its memory",
    };
    return code >= 0 && code < (int)(sizeof messages / sizeof *messages) ? messages[code] : "heap corrupt";
}

extern "C" lite_alloc_stats_t lite_alloc_stats(void) {
    [[maybe_unused]] vg::Quiet quiet;
    lite_alloc_stats_t s{};
    s.claimed = g_arena.claimed;
    s.in_use = g_counters.in_use;
    s.peak_in_use = g_counters.peak_in_use;
    s.failed_requests = g_counters.failed;
    s.free_bytes = (size_t)(g_arena.end - g_arena.top);
    arena_walk([&](char *p) {
        if (!in_use(p)) s.free_bytes += block_size(p);
        return 0;
    });
    return s;
}

extern "C" int lite_alloc_init_region(void *start, size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    vg::forget_all();
    g_counters = Counters{};
    return arena_restart((char *)start, size) ? 0 : -1;
}
