/* Benchmark workloads: plain C over the malloc API (through bm_malloc, bm_free, bm_realloc,
 * bm_calloc, defined per allocator in alloc_*.c), deterministic (fixed seed), so that any allocator
 * runs them unchanged. Usage: bench <churn|mixed|vector|frag|trace> [trace-file]
 * Prints: calls=<allocator calls> peak_live=<bytes> footprint=<bytes> runtime=<footprint at main's
 * entry: what the C runtime took> harness=<what the harness took after that, before the workload's
 * first call: must be 0> ns=<wall time of the workload>.
 * The footprint (heap_footprint, per allocator) is read at the end; with BENCH_SAMPLE set in the
 * environment it is also sampled after every call (for allocators that give memory back: glibc). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void *bm_malloc(size_t n);
void bm_free(void *p);
void *bm_realloc(void *p, size_t n);
void *bm_calloc(size_t c, size_t n);
size_t heap_footprint(void);

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next(void) {  /* xorshift64* */
    rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
    return (uint32_t)((rng * 0x2545F4914F6CDD1Dull) >> 32);
}
static uint32_t range(uint32_t lo, uint32_t hi) { return lo + next() % (hi - lo + 1); }
/* Log-uniform in [lo, hi]: as many tiny as huge requests per octave. */
static size_t log_size(size_t lo, size_t hi) {
    unsigned bits_lo = 0, bits_hi = 0;
    while ((2ull << bits_lo) <= lo) bits_lo++;
    while ((2ull << bits_hi) <= hi) bits_hi++;
    unsigned b = range(bits_lo, bits_hi);
    size_t n = ((size_t)1 << b) + (next() & (((size_t)1 << b) - 1));
    return n < lo ? lo : n > hi ? hi : n;
}

static unsigned long calls;
static size_t live, peak_live, peak_foot;
static int sample;
static struct timespec t0;  /* the workload's start: after the trace is loaded */
static size_t harness_before;  /* heap_footprint() before the workload's first call */
static void account(long delta) {
    live += delta;
    if (live > peak_live) peak_live = live;
    if (sample) { size_t f = heap_footprint(); if (f > peak_foot) peak_foot = f; }
}
static void *A(size_t n) { calls++; void *p = bm_malloc(n); if (!p) { puts("out of memory"); exit(1); } account(n); *(volatile char *)p = 1; return p; }
static void *C(size_t c, size_t n) { calls++; void *p = bm_calloc(c, n); if (!p) { puts("out of memory"); exit(1); } account(c * n); return p; }
static void *R(void *q, size_t old, size_t n) {
    calls++; void *p = bm_realloc(q, n); if (!p) { puts("out of memory"); exit(1); }
    account((long)n - (long)old); ((volatile char *)p)[n - 1] = 2; return p;
}
static void F(void *p, size_t n) { calls++; bm_free(p); account(-(long)n); }

#define SLOTS 1000
static void *slot[SLOTS];
static size_t slot_size[SLOTS];

static void churn(void) {  /* small objects, about 1000 live */
    for (int i = 0; i < SLOTS; i++) slot[i] = A(slot_size[i] = range(8, 128));
    for (int i = 0; i < 150000; i++) {
        int k = next() % SLOTS;
        F(slot[k], slot_size[k]);
        slot[k] = A(slot_size[k] = range(8, 128));
    }
    for (int i = 0; i < SLOTS; i++) F(slot[i], slot_size[i]);
}

/* Up to 400 live (the Cortex-M4 runs, with 4 MiB of RAM, build it with -DMIXED_SLOTS=64). */
#ifndef MIXED_SLOTS
#define MIXED_SLOTS 400
#endif
static void mixed(void) {  /* 8 B to 64 KiB, with realloc and calloc, up to MIXED_SLOTS live */
    enum { N = MIXED_SLOTS };
    for (int i = 0; i < 40000; i++) {
        int k = next() % N;
        uint32_t op = next() % 10;
        if (!slot[k]) {
            size_t n = log_size(8, 65536);
            if (op < 2) { slot[k] = C(1, n); } else slot[k] = A(n);
            slot_size[k] = n;
        } else if (op < 3) {
            size_t n = log_size(8, 65536);
            slot[k] = R(slot[k], slot_size[k], n);
            slot_size[k] = n;
        } else {
            F(slot[k], slot_size[k]);
            slot[k] = 0;
        }
    }
    for (int i = 0; i < N; i++) if (slot[i]) F(slot[i], slot_size[i]);
}

static void vector(void) {  /* vectors grown by realloc doubling, beside a few small objects */
    for (int round = 0; round < 300; round++) {
        size_t cap = 16;
        char *v = A(cap);
        size_t small_size = range(16, 64);
        void *small = A(small_size);
        while (cap < ((size_t)1 << (12 + round % 8))) {
            v = R(v, cap, cap * 2);
            cap *= 2;
        }
        F(small, small_size);
        F(v, cap);
    }
}

static void frag(void) {  /* many small blocks, free every other one, then larger ones */
    enum { M = 20000 };
    static void *p[M];
    static size_t s[M];
    for (int i = 0; i < M; i++) p[i] = A(s[i] = range(16, 48));
    for (int i = 0; i < M; i += 2) F(p[i], s[i]);
    for (int i = 0; i < M; i += 2) p[i] = A(s[i] = range(64, 160));
    for (int i = 0; i < M; i++) F(p[i], s[i]);
}

/* Trace: lines "m slot size", "c slot count size", "r slot size" (realloc of the slot's block, or of
 * NULL when the slot is empty), "f slot". The harness never allocates through the allocator under
 * test: the operations and the slot tables live in static storage (bss: on the host untouched pages
 * cost nothing, on wasm they lie below __heap_base), and the file is read with open/read, not stdio
 * (whose FILE and buffer would come from malloc). Builds without the trace (the Cortex-M4's 4 MiB):
 * -DTRACE_OPS_MAX=0. */
#ifndef TRACE_OPS_MAX
#define TRACE_OPS_MAX (1 << 18)
#endif
#ifndef TRACE_SLOTS_MAX
#define TRACE_SLOTS_MAX (1 << 16)
#endif
#if TRACE_OPS_MAX
#include <fcntl.h>
#include <unistd.h>
static struct op { char kind; uint32_t slot; uint32_t a, b; } ops[TRACE_OPS_MAX];
static void *tptr[TRACE_SLOTS_MAX];
static size_t tsize[TRACE_SLOTS_MAX];
static size_t load_trace(const char *path, size_t *maxslot) {
    static char buf[1 << 16];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); exit(1); }
    size_t n = 0;
    uint32_t field[4];
    int nf = 0, in_num = 0;
    char kind = 0;
    *maxslot = 0;
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0) { perror(path); exit(1); }
        for (ssize_t i = 0; i < (got ? got : 1); i++) {
            char c = got ? buf[i] : '\n';  /* the end of the file ends the last line */
            if (c >= '0' && c <= '9' && kind) {
                if (!in_num) { if (nf == 4) { fputs("trace: too many fields\n", stderr); exit(1); } field[nf++] = 0; in_num = 1; }
                field[nf - 1] = field[nf - 1] * 10 + (uint32_t)(c - '0');
            } else if (c == '\n') {
                if (kind && nf >= 1) {
                    if (n == TRACE_OPS_MAX || field[0] >= TRACE_SLOTS_MAX) {
                        fputs("trace larger than TRACE_OPS_MAX / TRACE_SLOTS_MAX\n", stderr); exit(1); }
                    ops[n++] = (struct op){kind, field[0], nf > 1 ? field[1] : 0, nf > 2 ? field[2] : 0};
                    if (field[0] + 1 > *maxslot) *maxslot = field[0] + 1;
                }
                kind = 0; nf = 0; in_num = 0;
            } else {
                in_num = 0;
                if (!kind && c != ' ') kind = c;
            }
        }
        if (got == 0) break;
    }
    close(fd);
    return n;
}

static void trace(const char *path) {
    size_t maxslot, n = load_trace(path, &maxslot);
    void **ptr = tptr;
    size_t *size = tsize;
    if (heap_footprint() > harness_before) harness_before = heap_footprint();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < n; i++) {
        struct op o = ops[i];
        switch (o.kind) {
        case 'm': ptr[o.slot] = A(size[o.slot] = o.a ? o.a : 1); break;
        case 'c': ptr[o.slot] = C(o.a, o.b); size[o.slot] = (size_t)o.a * o.b; break;
        case 'r':
            if (!ptr[o.slot]) size[o.slot] = 0;
            ptr[o.slot] = R(ptr[o.slot], size[o.slot], o.a ? o.a : 1);
            size[o.slot] = o.a ? o.a : 1;
            break;
        case 'f': if (ptr[o.slot]) F(ptr[o.slot], size[o.slot]); ptr[o.slot] = 0; break;
        }
    }
    for (size_t i = 0; i < maxslot; i++) if (ptr[i]) F(ptr[i], size[i]);
}
#endif

int main(int argc, char **argv) {
    if (argc < 2) { fputs("usage: bench <churn|mixed|vector|frag|trace> [trace]\n", stderr); return 2; }
    sample = getenv("BENCH_SAMPLE") != 0;
    const char *w = argv[1];
    struct timespec t1;
    /* What the C runtime took from the allocator before main (Emscripten's does: the same requests
     * whatever the allocator), and what the harness took after that, before the workload's first call
     * (bench.py asserts 0): read again before the trace's first call, after its loader. */
    size_t runtime = heap_footprint();
    harness_before = runtime;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!strcmp(w, "churn")) churn();
    else if (!strcmp(w, "mixed")) mixed();
    else if (!strcmp(w, "vector")) vector();
    else if (!strcmp(w, "frag")) frag();
#if TRACE_OPS_MAX
    else if (!strcmp(w, "trace") && argc > 2) trace(argv[2]);
#endif
    else { fputs("unknown workload\n", stderr); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    size_t f = heap_footprint();
    if (f > peak_foot) peak_foot = f;
    /* %lu, not %zu: newlib-nano's printf has no z */
    printf("calls=%lu peak_live=%lu footprint=%lu runtime=%lu harness=%lu ns=%lld\n", calls, (unsigned long)peak_live,
           (unsigned long)peak_foot, (unsigned long)runtime, (unsigned long)(harness_before - runtime),
           (long long)(t1.tv_sec - t0.tv_sec) * 1000000000ll + (t1.tv_nsec - t0.tv_nsec));
    return 0;
}
