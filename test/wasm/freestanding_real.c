/* A real freestanding wasm32 program (clang --target=wasm32 -nostdlib): no libc, lite-alloc's
 * release build as its only heap, linked with a small --max-memory so that exhaustion is real.
 * Reports through two imports of test/harness/run_wasm.mjs; prints "freestanding: ok" on success. */
#include <stddef.h>
#include <stdint.h>

#include "lite_alloc.h"

__attribute__((import_module("env"), import_name("lite_write"))) void host_write(const char *bytes, size_t length);
__attribute__((import_module("env"), import_name("lite_exit"))) _Noreturn void host_exit(int code);
extern char __heap_base;

static void say(const char *s) {
    size_t n = 0;
    while (s[n]) ++n;
    host_write(s, n);
}

#define REQUIRE(cond)                                          \
    do {                                                       \
        if (!(cond)) {                                         \
            say("freestanding: FAILED " #cond "\n");           \
            host_exit(1);                                      \
        }                                                      \
    } while (0)

static unsigned char pattern(size_t i, unsigned seed) { return (unsigned char)(i * 131u ^ seed * 7u); }
static void fill(unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; ++i) p[i] = pattern(i, seed);
}
static int intact(const unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; ++i)
        if (p[i] != pattern(i, seed)) return 0;
    return 1;
}
static int disjoint(const unsigned char *a, size_t na, const unsigned char *b, size_t nb) { return a + na <= b || b + nb <= a; }

enum { kPage = 65536 };

void _start(void) {
    /* The first block comes from the memory the linker left free after __heap_base. */
    size_t initial_end = __builtin_wasm_memory_size(0) * kPage;
    unsigned char *first = malloc(100);
    REQUIRE(first && first >= (unsigned char *)&__heap_base && first < (unsigned char *)initial_end);
    REQUIRE((uintptr_t)first % _Alignof(max_align_t) == 0);
    fill(first, 100, 1);

    /* Other code grows memory between our calls: those pages are not ours to hand out. */
    size_t foreign_page = __builtin_wasm_memory_grow(0, 1);
    REQUIRE(foreign_page != (size_t)-1);
    unsigned char *foreign = (unsigned char *)(foreign_page * kPage);
    fill(foreign, kPage, 2);

    enum { kCount = 40 };
    unsigned char *blocks[kCount];
    for (unsigned i = 0; i < kCount; ++i) {
        size_t n = 1000u * (i + 1) * (i % 3 + 1); /* up to 120 kB: the heap grows several times */
        blocks[i] = i % 4 == 3 ? aligned_alloc(4096, n) : calloc(1, n);
        REQUIRE(blocks[i]);
        REQUIRE((uintptr_t)blocks[i] % (i % 4 == 3 ? 4096 : _Alignof(max_align_t)) == 0);
        if (i % 4 != 3) for (size_t k = 0; k < n; ++k) REQUIRE(blocks[i][k] == 0);
        REQUIRE(disjoint(blocks[i], n, foreign, kPage));
        fill(blocks[i], n, 10 + i);
    }
    REQUIRE(intact(foreign, kPage, 2) && intact(first, 100, 1));
    for (unsigned i = 0; i < kCount; ++i) REQUIRE(intact(blocks[i], 1000u * (i + 1) * (i % 3 + 1), 10 + i));
    REQUIRE(lite_alloc_check() == 0);
    for (unsigned i = 0; i < kCount; i += 2) free(blocks[i]);
    first = realloc(first, 5000);
    REQUIRE(first && intact(first, 100, 1));
    REQUIRE(lite_alloc_check() == 0);

    /* Exhaustion: memory.grow refuses at --max-memory; malloc returns NULL and the heap lives on. */
    size_t count = 0;
    unsigned char *last = NULL;
    for (unsigned char *p; (p = malloc(30000)) != NULL; last = p, ++count) {
        __builtin_memcpy(p, &last, sizeof last);
        fill(p + sizeof last, 100, (unsigned)count);
    }
    REQUIRE(count > 10);
    REQUIRE(malloc((size_t)-1 / 2) == NULL && malloc(3u << 30) == NULL);
    REQUIRE(lite_alloc_check() == 0);
    while (last) {
        --count;
        REQUIRE(intact(last + sizeof last, 100, (unsigned)count));
        unsigned char *previous;
        __builtin_memcpy(&previous, last, sizeof previous);
        free(last);
        last = previous;
    }
    REQUIRE(lite_alloc_check() == 0);
    unsigned char *again = malloc(30000);
    REQUIRE(again);
    free(again);
    for (unsigned i = 1; i < kCount; i += 2) {
        REQUIRE(intact(blocks[i], 1000u * (i + 1) * (i % 3 + 1), 10 + i));
        free(blocks[i]);
    }
    free(first);
    REQUIRE(lite_alloc_check() == 0 && lite_alloc_stats().in_use == 0);
    say("freestanding: ok (");
    say(lite_alloc_strategy());
    say(")\n");
    host_exit(0);
}
