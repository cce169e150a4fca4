/* Differential fuzz target: the input is a heap setup and a stream of allocation calls; every call
 * is checked against a shadow model of the live blocks (contents, alignment, bounds, no overlap),
 * against the C/lite-alloc rules for NULL and errno, and the heap is walked by lite_alloc_check()
 * after each one. Built per strategy against the library's testing variant (prefixed names, grow
 * budget) with the backend replaced by a pool (fuzz_backend.cpp), all under ASan + UBSan.
 *
 * Input layout (test/fuzz/make_corpus.py writes seeds in it):
 *   byte 0        heap: bit 0..1 = 0/1 fixed region, 2 pool backend, 3 pool backend + grow budget
 *   region:       byte 1 = start offset (0..63), bytes 2..3 = size / 16, byte 4 = size % 16
 *   backend:      byte 1 = chunk, bytes 2..3 = gap pattern, byte 4 = pool limit / 64 KiB, byte 5 = budget
 *   then ops:     opcode byte, then its arguments (sizes, alignments, slots: see the decoders) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_backend.h"

#include "../harness/lite_prefixed.h"
void lite_free(void *ptr); /* not renamed above: lite_alloc_stats_t has a member named free */

#define MAX_ALIGN _Alignof(max_align_t)
#define MAX_REQUEST ((size_t)PTRDIFF_MAX - 1024) /* block.hpp kMaxRequest: beyond it, always ENOMEM */
#define KEPT_ALIGNMENT ((size_t)65536)           /* realloc keeps an aligned block's alignment up to this */
#define REGION_BYTES ((size_t)1 << 20)
#define MAX_LIVE 256
#define EDGE 48 /* bytes checked at each end of every live block after every call */
/* What one call may take from the backend. A reservation (arena_grow) asks at most twice: what is
 * missing, then, if that span did not continue the heap, the whole size; it takes at most two spans,
 * one when it fails. The pool leaves a gap before any span, so both requests can be granted even
 * within one call (sbrk and memory.grow continue their last span within a call: only a foreign
 * caller between calls leaves a gap), and a smaller request can be granted after a larger one was
 * refused. The worst call is a realloc of an aligned block that fails
 * (regress-aligned-realloc-ten-requests, regress-aligned-realloc-six-spans), four reservations:
 *   in place (arena_resize_top)                       2 requests, 2 spans (the second apart)
 *   the strategy's block with room for any lead:
 *     its slow path (bump_freelist, segregated_bump)
 *     asks once per round (src/core/strategy.hpp)    6 requests, 3 spans (all three refused after one)
 *   the bump space with the lead the top needs         2 requests, 2 spans
 *   again if that moved the top (another lead)         2 requests, 2 spans
 * 12 requests and 9 spans; a runaway loop asks more. */
#define MAX_SPANS_PER_CALL 9
#define MAX_GROWS_PER_CALL 12
#ifndef FUZZ_CHECKED
#define FUZZ_CHECKED 0 /* 1: built against the checked library (test/trust.mk's fuzz_checked) */
#endif
/* 1 (with FUZZ_CHECKED, test/trust.mk's fuzz_uaf): a free may be followed by a write into the freed
 * block (one byte flipped in its first 64, chosen by the input), which the checked library must name
 * as a use after free at the latest when the input ends: at a call that touches the block or its
 * list, at its periodic whole-heap check, or by lite_alloc_check() once everything is freed. Its
 * report comes here (fuzz_fatal), and the input ends there. A block that was the highest live block
 * is not written to: the bump space may have taken it back. */
#ifndef FUZZ_UAF
#define FUZZ_UAF 0
#endif
#if FUZZ_UAF
#include <setjmp.h>
static jmp_buf g_uaf_back;
static int g_uaf_pending; /* a freed block was written to, and nothing has named it yet */
static unsigned long long g_uaf_written, g_uaf_named_by_call, g_uaf_named_at_end;
#endif

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "fuzz_alloc [%s]: check failed: %s (line %d, op %u)\n",          \
                    lite_alloc_strategy(), #cond, __LINE__, g_op);                           \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

static _Alignas(65536) unsigned char g_region[REGION_BYTES + 128];

struct block {
    unsigned char *p;
    size_t n;     /* bytes asked for */
    size_t align; /* alignment it must keep */
    unsigned seed;
};
static struct block g_live[MAX_LIVE];
static unsigned g_count, g_op, g_seed;
/* Every operation of every input, printed when the run ends (make fuzz sums them per strategy). */
static unsigned long long g_total_ops;
__attribute__((destructor)) static void report_total_ops(void) {
    fprintf(stderr, "fuzz_alloc: %llu operations\n", g_total_ops);
#if FUZZ_UAF
    fprintf(stderr, "fuzz_alloc: %llu writes after free, %llu named by the call that met them, %llu by the last check\n",
            g_uaf_written, g_uaf_named_by_call, g_uaf_named_at_end);
#endif
}
static unsigned char *g_lo, *g_hi; /* the region, in region mode */
static int g_backend_mode;
/* FUZZ_TRACE=1 in the environment prints every call: run a crash input with it for a reproducer. */
static int g_trace = -1;
#define TRACE(...) \
    do { \
        if (g_trace) fprintf(stderr, __VA_ARGS__); \
    } while (0)

/* ---- input reader ---- */
static const uint8_t *g_in, *g_end;
static unsigned byte(void) { return g_in < g_end ? *g_in++ : 0; }
static int more(void) { return g_in < g_end; }

/* 2^n, or the top bit where size_t is narrower (32-bit builds: the same inputs stay huge). */
#define SIZE_BITS (sizeof(size_t) * 8)
#define BIT(n) ((size_t)1 << ((n) < SIZE_BITS ? (n) : SIZE_BITS - 1))

static size_t decode_size(void) {
    static const size_t huge[16] = {
        SIZE_MAX,        SIZE_MAX - 1,      SIZE_MAX / 2,     (size_t)PTRDIFF_MAX,
        MAX_REQUEST,     MAX_REQUEST + 1,   MAX_REQUEST - 1,  BIT(32),
        BIT(40), BIT(48),   (size_t)1 << 20,  (size_t)2 << 20,
        SIZE_MAX - 15,   (size_t)PTRDIFF_MAX - 16, (size_t)4 << 20, (size_t)9 << 20,
    };
    unsigned s = byte();
    switch (s >> 6) {
    case 0: return s & 63;
    case 1: return (size_t)byte() * 4 + (s & 63);
    case 2: {
        size_t v = byte();
        v |= (size_t)byte() << 8;
        return (s & 32) ? v * (1 + (s & 7)) : v >> (s & 15); /* up to 512 KiB, mostly less */
    }
    default: return huge[s & 15];
    }
}

static size_t decode_alignment(void) {
    static const size_t odd[32] = {
        0, 3, 24, 48, 100, SIZE_MAX, BIT(63), BIT(62), BIT(40), 6, 12, 65537,
        (size_t)1 << 30, 1, 2, 4, 8, 16, 5, 7, 96, 192, SIZE_MAX / 2 + 2, SIZE_MAX - 1,
        (size_t)1 << 21, (size_t)1 << 22, (size_t)1 << 24, 17, 33, 1000, 4095, 4097,
    };
    unsigned a = byte();
    return a < 0xE0 ? (size_t)1 << (a % 18) : odd[a & 31];
}

static int pow2(size_t a) { return a && !(a & (a - 1)); }

/* ---- the shadow model ---- */
static unsigned char pattern(size_t i, unsigned seed) { return (unsigned char)((i * 131u) ^ (seed * 2654435761u) ^ (i >> 8)); }

/* The bytes of a block the model writes and checks: all of a small block; of a large one its first
 * and last SAMPLE bytes and one byte in every SAMPLE between (contents cost time, not coverage). */
#define SAMPLE 4096
static void fill_range(const struct block *b, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) b->p[i] = pattern(i, b->seed);
}
static void verify_range(const struct block *b, size_t from, size_t to) {
    if (to > b->n) to = b->n;
    for (size_t i = from; i < to; ++i) CHECK(b->p[i] == pattern(i, b->seed));
}
static void fill(const struct block *b) {
    if (b->n <= 4 * SAMPLE) return fill_range(b, 0, b->n);
    fill_range(b, 0, SAMPLE);
    for (size_t i = SAMPLE + 7; i < b->n - SAMPLE; i += SAMPLE) fill_range(b, i, i + 1);
    fill_range(b, b->n - SAMPLE, b->n);
}
/* Checks the bytes fill() wrote for a block of `as` bytes that lie below b->n. */
static void verify_sampled(const struct block *b, size_t as) {
    if (as <= 4 * SAMPLE) return verify_range(b, 0, as);
    verify_range(b, 0, SAMPLE);
    for (size_t i = SAMPLE + 7; i < as - SAMPLE && i < b->n; i += SAMPLE) verify_range(b, i, i + 1);
    verify_range(b, as - SAMPLE, as);
}
static void verify_full(const struct block *b) { verify_sampled(b, b->n); }
static void verify_edges(const struct block *b) {
    verify_range(b, 0, EDGE);
    verify_range(b, b->n > EDGE ? b->n - EDGE : 0, b->n);
}
static int all_zero(const unsigned char *p, size_t n) {
    static const unsigned char zeros[65536];
    for (size_t done = 0; done < n; done += sizeof zeros)
        if (memcmp(p + done, zeros, n - done < sizeof zeros ? n - done : sizeof zeros)) return 0;
    return 1;
}

/* Whether [p, p + n) lies in memory the heap was given (the region, or spans of the pool). */
static int inside_heap(const unsigned char *p, size_t n) {
    if (!g_backend_mode) return p >= g_lo && p <= g_hi && n <= (size_t)(g_hi - p);
    for (unsigned i = 0; i < g_fuzz_backend.granted && i < FUZZ_MAX_SPANS; ++i) {
        const unsigned char *s = (const unsigned char *)g_fuzz_backend.spans[i].start;
        size_t size = g_fuzz_backend.spans[i].size;
        /* adjacent spans form one segment: a block may straddle them */
        while (i + 1 < g_fuzz_backend.granted && i + 1 < FUZZ_MAX_SPANS &&
               g_fuzz_backend.spans[i + 1].start == (char *)s + size)
            size += g_fuzz_backend.spans[++i].size;
        if (p >= s && p <= s + size && n <= (size_t)(s + size - p)) return 1;
    }
    return 0;
}

static int by_address(const void *a, const void *b) {
    const struct block *x = a, *y = b;
    return (x->p > y->p) - (x->p < y->p);
}

/* After every call: the heap walks clean, and every live block is in the heap, aligned, apart
 * from the others, with its ends intact; the counters agree. */
static void verify_heap(void) {
#if FUZZ_UAF
    int code = g_uaf_pending ? 0 : lite_alloc_check(); /* it would name the write at once */
#else
    int code = lite_alloc_check();
#endif
    if (code) fprintf(stderr, "lite_alloc_check: %s\n", lite_alloc_check_message(code));
    CHECK(code == 0);
    static struct block sorted[MAX_LIVE];
    memcpy(sorted, g_live, g_count * sizeof *sorted);
    qsort(sorted, g_count, sizeof *sorted, by_address);
    size_t requested = 0;
    for (unsigned i = 0; i < g_count; ++i) {
        const struct block *b = &sorted[i];
        /* the checked build verifies the whole heap inside malloc_usable_size, and there it is the
         * request itself: asked once per block (in adopt), not for every block after every call */
        size_t usable = FUZZ_CHECKED ? b->n : lite_malloc_usable_size(b->p);
        CHECK(usable >= b->n);
        CHECK((uintptr_t)b->p % b->align == 0);
        CHECK(inside_heap(b->p, usable));
        if (i + 1 < g_count) CHECK(b->p + (usable ? usable : 1) <= sorted[i + 1].p);
        verify_edges(b);
        requested += b->n;
    }
    lite_alloc_stats_t s = lite_alloc_stats();
    CHECK(s.in_use >= requested + g_count * sizeof(size_t));
    CHECK(s.peak_in_use >= s.in_use);
    CHECK(g_count || s.in_use == 0);
    CHECK(s.in_use + s.free_bytes <= s.claimed);
}

static void adopt(unsigned char *p, size_t n, size_t align) {
    struct block *b = &g_live[g_count++];
    b->p = p, b->n = n, b->align = align, b->seed = ++g_seed;
    CHECK((uintptr_t)p % MAX_ALIGN == 0);
    CHECK((uintptr_t)p % align == 0);
    CHECK(n <= MAX_REQUEST);
    CHECK(inside_heap(p, n));
    CHECK(lite_malloc_usable_size(p) >= n);
    fill(b);
}

static void forget(unsigned i) { g_live[i] = g_live[--g_count]; }

/* A failed allocation: NULL with errno == want, counted as a failed request (posix_memalign's
 * EINVAL is returned, not counted). */
static void expect_failure(void *p, int err, int want, size_t failed_before) {
    CHECK(p == NULL);
    CHECK(err == want);
    CHECK(lite_alloc_stats().failed_requests == failed_before + 1);
}

/* Ends of a request that can never be met, whatever the heap holds. */
static int impossible(size_t n) { return n > MAX_REQUEST || n > FUZZ_POOL_BYTES; }

/* malloc (kind 0) or calloc (kind 1). */
static void op_allocate(unsigned kind) {
    size_t n = decode_size(), count = 1, failed = lite_alloc_stats().failed_requests;
    if (kind == 1) count = byte() % 4 == 0 ? decode_size() : byte() % 8;
    if (g_count == MAX_LIVE) return;
    int overflow = count && n > SIZE_MAX / count;
    errno = 0;
    unsigned char *p = kind == 1 ? lite_calloc(count, n) : lite_malloc(n);
    int err = errno;
    if (kind == 1) TRACE("calloc(%zu, %zu) = %p\n", count, n, (void *)p);
    else TRACE("malloc(%zu) = %p\n", n, (void *)p);
    if (overflow || impossible(count * n) || !p) return expect_failure(p, err, ENOMEM, failed);
    n *= count;
    if (kind == 1) CHECK(all_zero(p, n));
    adopt(p, n, MAX_ALIGN);
}

/* aligned_alloc, memalign and posix_memalign with the alignment as decoded (valid or not). */
static void op_aligned(unsigned kind) {
    size_t a = decode_alignment(), n = decode_size(), failed = lite_alloc_stats().failed_requests;
    int valid = pow2(a) && (kind != 2 || a % sizeof(void *) == 0);
    if (g_count == MAX_LIVE) return;
    unsigned char *p = NULL;
    int err, ret = 0;
    errno = 0;
    if (kind == 0) p = lite_aligned_alloc(a, n);
    else if (kind == 1) p = lite_memalign(a, n);
    else {
        void *out = (void *)&g_count; /* must be left alone on failure */
        ret = lite_posix_memalign(&out, a, n);
        p = ret ? NULL : out;
        if (ret) CHECK(out == (void *)&g_count);
    }
    err = kind == 2 ? ret : errno;
    TRACE("%s(%zu, %zu) = %p (err %d)\n", kind == 0 ? "aligned_alloc" : kind == 1 ? "memalign" : "posix_memalign", a, n,
          (void *)p, err);
    if (!valid) {
        CHECK(p == NULL && err == EINVAL);
        CHECK(lite_alloc_stats().failed_requests == failed + (kind != 2));
        return;
    }
    if (impossible(n) || a > MAX_REQUEST) return expect_failure(p, err, ENOMEM, failed);
    if (!p) return expect_failure(p, err, ENOMEM, failed);
    CHECK(kind != 2 || ret == 0);
    adopt(p, n, a > MAX_ALIGN ? a : MAX_ALIGN);
}

static void op_realloc(int null_ptr, int to_zero) {
    size_t n = to_zero ? 0 : decode_size(), failed = lite_alloc_stats().failed_requests;
    if (null_ptr) {
        if (g_count == MAX_LIVE) return;
        errno = 0;
        unsigned char *p = lite_realloc(NULL, n);
        int err = errno;
        TRACE("realloc(NULL, %zu) = %p\n", n, (void *)p);
        if (impossible(n) || !p) return expect_failure(p, err, ENOMEM, failed);
        adopt(p, n, MAX_ALIGN);
        return;
    }
    if (!g_count) return;
    unsigned i = byte() % g_count;
    struct block *b = &g_live[i];
    verify_full(b);
    size_t usable = lite_malloc_usable_size(b->p);
    errno = 0;
    unsigned char *q = lite_realloc(b->p, n);
    int err = errno;
    TRACE("realloc(%p, %zu) = %p\n", (void *)b->p, n, (void *)q);
    if (!q) {
        /* shrinking (or staying within the block) never fails */
        CHECK(n > usable);
        expect_failure(q, err, ENOMEM, failed);
        verify_full(b); /* untouched */
        return;
    }
    CHECK(!impossible(n));
    size_t keep = b->n < n ? b->n : n;
    size_t align = b->align > KEPT_ALIGNMENT ? KEPT_ALIGNMENT : b->align;
    CHECK((uintptr_t)q % align == 0);
    CHECK(inside_heap(q, n));
    size_t old_n = b->n;
    b->p = q;
    b->n = keep;
    verify_sampled(b, old_n); /* the kept prefix was copied */
    b->n = n;
    b->align = align;
    /* refill with a fresh seed so that a stale copy elsewhere cannot pass for this block */
    b->seed = ++g_seed;
    fill(b);
}

static void op_free(void) {
    if (!g_count) {
        lite_free(NULL);
        return;
    }
    unsigned i = byte() % g_count;
    verify_full(&g_live[i]);
    TRACE("free(%p)\n", (void *)g_live[i].p);
    lite_free(g_live[i].p);
#if FUZZ_UAF
    struct block b = g_live[i];
    int highest = 1;
    for (unsigned j = 0; j < g_count; ++j) highest &= g_live[j].p <= b.p;
    if (!g_uaf_pending && !highest && b.n && (byte() & 1)) {
        unsigned offset = byte() % (b.n < 64 ? (unsigned)b.n : 64);
        TRACE("(write after free) %p[%u] ^= 0x40\n", (void *)b.p, offset);
        unsigned char *volatile dangling = b.p;
        dangling[offset] ^= 0x40;
        g_uaf_pending = 1, ++g_uaf_written;
    }
#endif
    forget(i);
}

#if FUZZ_UAF
void fuzz_fatal(const char *call, const char *problem) {
    if (!g_uaf_pending || !strstr(problem, "a freed block was written to after free (use after free)")) {
        fprintf(stderr, "lite-alloc: %s%s\n", call, problem);
        CHECK(!"the checked build stopped, and not on the write after free");
    }
    ++g_uaf_named_by_call;
    longjmp(g_uaf_back, 1);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    g_in = data, g_end = data + size;
    if (g_trace < 0) g_trace = getenv("FUZZ_TRACE") != NULL;
    g_count = 0, g_op = 0, g_seed = 0;
#if FUZZ_UAF
    g_uaf_pending = 0;
    if (setjmp(g_uaf_back)) return 0; /* named: the heap is broken, the next input starts afresh */
#endif
    unsigned mode = byte() & 3;
    g_backend_mode = mode >= 2;
    if (!g_backend_mode) {
        unsigned offset = byte() & 63;
        size_t bytes = ((size_t)byte() | (size_t)byte() << 8) * 16 + (byte() & 15);
        if (bytes > REGION_BYTES) bytes = REGION_BYTES;
        g_lo = g_region + offset, g_hi = g_lo + bytes;
        if (lite_alloc_init_region(g_lo, bytes) != 0) {
            /* only a region too small for one block is refused: the segment's words, the first
             * block's alignment and the largest minimum block (freelist's four words) */
            CHECK(bytes < 3 * sizeof(size_t) + 2 * _Alignof(max_align_t) + 4 * sizeof(size_t));
            lite_alloc_init_region(g_region, REGION_BYTES);
            return 0;
        }
        lite_alloc_set_grow_budget(-1);
        TRACE("lite_alloc_init_region(region + %u, %zu)\n", offset, bytes);
    } else {
        static const size_t chunks[8] = {65536, 4096, 16, 8, 256, 65536, 1 << 20, 24};
        size_t chunk = chunks[byte() & 7];
        unsigned gaps = byte() | byte() << 8;
        gaps |= gaps << 16;
        size_t limit = ((size_t)byte() + 1) << 16;
        fuzz_backend_reset(chunk, gaps, limit);
        CHECK(lite_alloc_init_region(NULL, 0) == 0);
        long budget = mode == 3 ? (long)(byte() % 16) : -1;
        lite_alloc_set_grow_budget(budget);
        TRACE("pool backend: chunk %zu, gaps %#x, limit %zu, grow budget %ld\n", chunk, gaps & 0xffff, limit, budget);
    }
    verify_heap();
    while (more()) {
        ++g_op, ++g_total_ops;
        unsigned op = byte(), requests = g_fuzz_backend.requests, granted = g_fuzz_backend.granted;
        switch (op % 16) {
        case 0: case 1: case 2: op_allocate(0); break;
        case 3: op_allocate(1); break;
        case 4: case 5: op_realloc(0, 0); break;
        case 6: op_realloc(1, 0); break;
        case 7: op_realloc(0, 1); break;
        case 8: op_aligned(0); break;
        case 9: op_aligned(1); break;
        case 10: op_aligned(2); break;
        case 11: case 12: case 13: op_free(); break;
        case 14:
            if (g_backend_mode) lite_alloc_set_grow_budget(op & 0x80 ? -1 : (long)(op >> 4));
            if (g_backend_mode) TRACE("lite_alloc_set_grow_budget(%ld)\n", op & 0x80 ? -1 : (long)(op >> 4));
            else lite_free(NULL);
            break;
        default:
            if (g_count) verify_full(&g_live[byte() % g_count]);
            break;
        }
        /* a call asks the backend a bounded number of times: a span that does not continue the heap
         * loses what was left of the last one, and an arena that keeps asking for a size that only
         * an adjacent span would cover eats the whole pool for one small block */
        if (g_backend_mode && g_fuzz_backend.requests != requests)
            TRACE("  (backend: %u requests, %u spans granted)\n", g_fuzz_backend.requests - requests,
                  g_fuzz_backend.granted - granted);
        if (g_backend_mode) CHECK(g_fuzz_backend.granted - granted <= MAX_SPANS_PER_CALL);
        if (g_backend_mode) CHECK(g_fuzz_backend.requests - requests <= MAX_GROWS_PER_CALL);
        verify_heap();
    }
    for (unsigned i = 0; i < g_count; ++i) verify_full(&g_live[i]);
    while (g_count) {
        TRACE("free(%p)\n", (void *)g_live[g_count - 1].p);
        lite_free(g_live[g_count - 1].p);
        --g_count;
        if (g_count % 8 == 0) verify_heap();
    }
    verify_heap();
#if FUZZ_UAF
    if (g_uaf_pending) { /* every block is free: the whole-heap check must name it */
        int code = lite_alloc_check();
        CHECK(code && strstr(lite_alloc_check_message(code), "(use after free)"));
        ++g_uaf_named_at_end;
        return 0;
    }
#endif
    lite_alloc_stats_t s = lite_alloc_stats();
    CHECK(s.in_use == 0);
    /* the heap still works in the memory it holds: with no more growth, a small block comes from
     * it whenever it holds any memory at all */
    lite_alloc_set_grow_budget(0);
    errno = 0;
    void *p = lite_malloc(0); /* the minimum block, which any heap that was accepted can hold */
    TRACE("(all freed, no growth) malloc(0) = %p\n", p);
    /* every strategy merges what is free when the backend refuses (bump_freelist and segregated_bump
     * lazily, in one walk), so any heap that holds memory serves it */
    if (s.claimed) CHECK(p != NULL);
    else if (!p) CHECK(errno == ENOMEM);
    lite_free(p);
    CHECK(lite_alloc_check() == 0);
    return 0;
}
