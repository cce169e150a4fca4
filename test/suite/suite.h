/* The test suite's common ground. The same sources run under cmocka on the host and under
 * test/harness/mini_cmocka.h where cmocka cannot run (wasm, Cortex-M).
 *
 * The suite links the library's testing variant, which exports lite_malloc, lite_free, ... so the
 * harness and libc keep their own allocator and each test can restart our heap from nothing. */
#ifndef LITE_SUITE_H
#define LITE_SUITE_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef LITE_SUITE_MINI
#include "../harness/mini_cmocka.h"
#else
#include <setjmp.h> /* cmocka.h needs it first */
#include <cmocka.h>
#endif

/* The tests call the standard names; they reach the prefixed functions. */
#define LITE_PREFIXED_KEEP_NAMES
#include "../harness/lite_prefixed.h"

/* The static region tests run in; small targets set it lower. */
#ifndef SUITE_HEAP_BYTES
#define SUITE_HEAP_BYTES (1u << 20)
#endif
/* The library's LITE_ALLOC_MERGE: 0, a full heap neither splits nor merges; 2, a growing heap also
 * merges before it grows (wasi's and Emscripten's default, test/wasm.mk). */
#ifndef SUITE_MERGE
#define SUITE_MERGE 1
#endif
/* Whether the target has a backend that can grow (not so on the fixed-region builds). */
#ifndef SUITE_HAS_BACKEND
#define SUITE_HAS_BACKEND 1
#endif

/* The most use_fresh_heap() can hold: a fixed request size of a test shrinks to a share of it on a
 * board with less RAM than the size (the micro:bit's 16 KiB); elsewhere sizes stay as written. */
#define SUITE_FRESH_BYTES (SUITE_HAS_BACKEND ? (size_t)-1 / 2 : (size_t)SUITE_HEAP_BYTES)
#define SUITE_AT_MOST(bytes, share) \
    ((size_t)(bytes) < SUITE_FRESH_BYTES / (share) ? (size_t)(bytes) : SUITE_FRESH_BYTES / (share))

/* Whether the library is the checked build, which aborts on the corruption some tests provoke. */
#ifndef SUITE_CHECKED
#define SUITE_CHECKED 0
#endif

#define MAX_ALIGN _Alignof(max_align_t)

/* A fresh heap inside the first `bytes` of the suite's static region (fixed-region mode). */
void use_region(size_t bytes);
/* A fresh heap on the library's own backend, with no grow budget. */
void use_backend(void);
/* A fresh heap: the backend where there is one, else the whole static region. */
void use_fresh_heap(void);

/* A byte pattern that depends on the seed and the offset, to detect any stray write or lost copy. */
void fill(void *p, size_t n, unsigned seed);
int intact(const void *p, size_t n, unsigned seed);
int all_zero(const void *p, size_t n);
uint32_t rng_next(uint32_t *state);

/* Tests that overwrite a header or a freed block's links on purpose tell memcheck first (the host's
 * valgrind run of the library with its hooks: those bytes are no block's, or a freed one's). */
#if defined(__linux__) && __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define allow_poke(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#else
#define allow_poke(p, n) ((void)(p), (void)(n))
#endif

#define assert_heap_sound() assert_int_equal(lite_alloc_check(), 0)
#define assert_aligned(p, a) assert_int_equal((uintptr_t)(p) % (uintptr_t)(a), 0)
#define assert_fails_with(expr, code)     \
    do {                                  \
        errno = 0;                        \
        assert_null(expr);                \
        assert_int_equal(errno, (code));  \
    } while (0)

/* Each test file's group. */
extern const struct CMUnitTest api_tests[], trap_tests[], random_tests[], exhaustion_tests[], strategy_tests[], review_tests[];
extern const size_t api_tests_count, trap_tests_count, random_tests_count, exhaustion_tests_count, strategy_tests_count,
    review_tests_count;
#define SUITE_GROUP(name) const size_t name##_count = sizeof name / sizeof *name

#endif
