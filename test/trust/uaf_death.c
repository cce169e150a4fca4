/* Issue 21's death test: a write into every byte of the first 64 bytes of a freed block (its links,
 * their copies, its poison, freelist's footer), for every kind of free block, must end in the checked
 * build's "a freed block was written to after free" when the allocator next takes the block; never
 * a crash, a hang or a silent run. Linked against the CHECKED=1 library (the real malloc names).
 *
 * A case: a fresh heap in a static region (lite_alloc_init_region), a scene of blocks, the victim
 * freed, one byte or one word of it overwritten (see run_case), then malloc of the victim's size
 * until the victim comes back.
 * Scenes (what the victim is in each strategy):
 *   small   a block whose payload ends before byte 64: bump lists' last word, freelist's footer
 *   large   a block of 100 bytes: all 64 offsets inside it
 *   behind  second on its list behind a smaller block of the same class: reached through its
 *           neighbour's link (bump_freelist, freelist; an exact bin of its own in segregated_bump)
 *   big     as behind, above segregated_bump's bins (its size lists)
 *   merged  freed next to a free block below it: freelist merges it into that one; small and large
 * Where the program can go on after abort (host, newlib, picolibc, Emscripten), every case runs in
 * one process: abort() is the program's own and jumps back to the loop. Elsewhere (wasi,
 * freestanding wasm32) test/harness/run_cases.mjs runs one case per instance, the case's number in
 * argv[1] (wasi; elsewhere too when built with -DUAF_ONE_CASE) or as uaf_case's argument (wasm32).
 * Output, one line per case: "uaf <scene>.<flip|word> +<offset>: " then the library's message (none on wasm32,
 * which traps), then "uaf: aborted"; a case that returns prints "uaf: survived", and after the last
 * "uaf: <n> cases". test/trust/uaf_death.sh checks it. */
#include <stddef.h>
#include <stdint.h>

#include "lite_alloc.h"

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wuse-after-free" /* the point of the program */
#endif

#ifdef FREESTANDING
/* test/harness/run_cases.mjs provides it, as run_wasm.mjs does for test/harness/wasm32_libc */
__attribute__((import_module("env"), import_name("lite_write"))) void host_write(const void *p, size_t n);
#define write_err(p, n) host_write(p, n)
#else
#include <stdlib.h>
#include <unistd.h>
#define write_err(p, n) ((void)!write(2, p, n))
#if !defined(__wasi__) && !defined(UAF_ONE_CASE)
#include <setjmp.h>
#define IN_PROCESS 1
#endif
#endif

static size_t length(const char *s) {
    size_t n = 0;
    while (s[n]) ++n;
    return n;
}
static void say(const char *s) { write_err(s, length(s)); }
static void say_number(unsigned n) {
    char digits[12], *d = digits + sizeof digits;
    *--d = 0;
    do *--d = (char)('0' + n % 10); while (n /= 10);
    say(d);
}

static _Alignas(16) unsigned char g_region[4096];
static void *volatile g_sink; /* keeps the compiler from reasoning about the pointers */

static size_t block_bytes(const unsigned char *p) {
    const size_t *volatile header = (const size_t *)(p - sizeof(size_t));
    return *header & ~(size_t)7;
}

struct scene {
    const char *name;
    size_t victim, other; /* request sizes: the victim, and the block freed after it (behind, big) */
    int merged;           /* the block below the victim is freed before it */
};
static const struct scene g_scenes[] = {
    {"small", 40, 0, 0},  {"large", 100, 0, 0},       {"behind", 150, 120, 0},
    {"big", 700, 600, 0}, {"merged_small", 40, 0, 1}, {"merged_large", 100, 0, 1},
};
#define SCENES (sizeof g_scenes / sizeof *g_scenes)

/* Builds scene s, frees its victim and returns it (its block's payload bytes in *bytes); null when
 * the scene is not what it should be. */
static unsigned char *freed_victim(const struct scene *s, size_t *bytes) {
    lite_alloc_init_region(g_region, sizeof g_region);
    unsigned char *below = malloc(s->victim), *victim = malloc(s->victim), *guard = malloc(16);
    unsigned char *other = s->other ? malloc(s->other) : 0, *guard2 = malloc(16);
    /* every block escapes (else the compiler may drop a malloc and free pair); the guards keep the
     * victim and the other block off the top, and apart */
    g_sink = below, g_sink = guard, g_sink = other, g_sink = guard2;
    size_t block = block_bytes(victim);
    *bytes = block - sizeof(size_t);
    if (s->merged) free(below);
    free(victim);
    if (other) free(other); /* same list as the victim, smaller: first on it */
    const char *strategy = lite_alloc_strategy(); /* freelist must have merged the victim into below */
    if (s->merged && strategy[0] == 'f' && block_bytes(below) != 2 * block) return 0;
    return victim;
}

/* Case n: 0 when it ran to the end (the victim came back without a word), 1 when there is no case n.
 * A scene has two kinds of case: "flip", one byte flipped, at each byte of its victim's payload up to
 * 64; and "word", a whole word of 0x41 bytes (a pointer far outside any heap) at each word there. */
/* (never inlined into main: Emscripten's setjmp assumes that malloc and free do not longjmp, so
 * the call that may is main's call of run_case) */
__attribute__((noinline)) static int run_case(unsigned n) {
    for (unsigned s = 0; s < SCENES; ++s) {
        size_t bytes;
        unsigned char *victim = freed_victim(&g_scenes[s], &bytes);
        if (!victim) {
            say("uaf "), say(g_scenes[s].name), say(".scene +0: uaf: the scene is not as intended\n");
            return 0;
        }
        unsigned flips = bytes < 64 ? (unsigned)bytes : 64, words = flips / sizeof(size_t);
        if (n >= flips + words) {
            n -= flips + words;
            continue;
        }
        int flip = n < flips;
        unsigned offset = flip ? n : (n - flips) * (unsigned)sizeof(size_t);
        say("uaf "), say(g_scenes[s].name), say(flip ? ".flip +" : ".word +"), say_number(offset), say(": ");
        unsigned char *volatile dangling = victim; /* the use after free: */
        if (flip) dangling[offset] ^= 0x40;        /* a link moved by 64 bytes: aligned, in the heap */
        else
            for (unsigned i = 0; i < sizeof(size_t); ++i) dangling[offset + i] = 0x41;
        for (int i = 0; i < 4 && g_sink != victim; ++i) g_sink = malloc(g_scenes[s].victim);
        say("uaf: survived\n");
        return 0;
    }
    return 1;
}

#ifdef IN_PROCESS
static jmp_buf g_back;
static volatile int g_in_case;
/* The library's report ends in abort(): this one goes back to the loop. */
void abort(void) {
    if (g_in_case) longjmp(g_back, 1);
    _exit(134);
}
#endif

#if defined(FREESTANDING)
__attribute__((export_name("uaf_case"))) int uaf_case(unsigned n) { return run_case(n); }
#elif defined(IN_PROCESS)
int main(void) { /* every case; setjmp runs once (Emscripten keeps a table in the heap for each call) */
    static volatile unsigned n;
    if (setjmp(g_back)) {
        g_in_case = 0;
        say("uaf: aborted\n");
        ++n;
    }
    for (;; ++n) {
        g_in_case = 1;
        int done = run_case(n);
        g_in_case = 0;
        if (done) break;
    }
    say("uaf: "), say_number(n), say(" cases\n");
    _exit(0); /* no exit handlers: the C library's blocks are not in this heap */
}
#else /* wasi, and -DUAF_ONE_CASE: case argv[1] */
int main(int argc, char **argv) {
    unsigned n = 0;
    for (const char *d = argc > 1 ? argv[1] : ""; *d; ++d) n = n * 10 + (unsigned)(*d - '0');
    _exit(run_case(n) ? 3 : 0);
}
#endif
