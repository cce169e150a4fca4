/* The subset of cmocka's API the suite uses, for targets where cmocka cannot run (wasm, Cortex-M).
 * A failed assertion prints where and ends the run at once (no setjmp needed): the exit code is the
 * number of failures. The closing line is "N passed, N failed, N skipped". Needs only printf/exit. */
#ifndef LITE_MINI_CMOCKA_H
#define LITE_MINI_CMOCKA_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct CMUnitTest {
    const char *name;
    void (*test_func)(void **state);
};
#define cmocka_unit_test(f) {#f, f}

extern int mini_cmocka_skipped_now;
extern unsigned mini_cmocka_passed, mini_cmocka_skipped;

static inline void mini_cmocka_fail(const char *what, const char *file, int line) {
    printf("[  FAILED  ] %s:%d: %s\n", file, line, what);
    printf("%u passed, 1 failed, %u skipped\n", mini_cmocka_passed, mini_cmocka_skipped);
    fflush(stdout);
    exit(1);
}
#define MINI_CHECK(cond, what) ((cond) ? (void)0 : mini_cmocka_fail(what, __FILE__, __LINE__))
#define assert_true(c) MINI_CHECK((c), #c)
#define assert_false(c) MINI_CHECK(!(c), "!(" #c ")")
#define assert_int_equal(a, b) MINI_CHECK((intmax_t)(a) == (intmax_t)(b), #a " == " #b)
#define assert_int_not_equal(a, b) MINI_CHECK((intmax_t)(a) != (intmax_t)(b), #a " != " #b)
#define assert_null(p) MINI_CHECK((p) == NULL, #p " == NULL")
#define assert_non_null(p) MINI_CHECK((p) != NULL, #p " != NULL")
#define assert_ptr_equal(a, b) MINI_CHECK((const void *)(a) == (const void *)(b), #a " == " #b)
#define assert_ptr_not_equal(a, b) MINI_CHECK((const void *)(a) != (const void *)(b), #a " != " #b)
/* Only ever called directly in a test function, so a plain return ends the test. */
#define skip()                          \
    do {                                \
        mini_cmocka_skipped_now = 1;    \
        return;                         \
    } while (0)

/* Define MINI_CMOCKA_IMPLEMENTATION in exactly one file (the target's main). */
#ifdef MINI_CMOCKA_IMPLEMENTATION
int mini_cmocka_skipped_now;
unsigned mini_cmocka_passed, mini_cmocka_skipped;
int _cmocka_run_group_tests(const char *group, const struct CMUnitTest *tests, size_t count, void *setup, void *teardown) {
    (void)setup, (void)teardown;
    for (size_t i = 0; i < count; ++i) {
        mini_cmocka_skipped_now = 0;
        tests[i].test_func(NULL);
        if (mini_cmocka_skipped_now) ++mini_cmocka_skipped;
        else ++mini_cmocka_passed;
        printf("[ %s ] %s.%s\n", mini_cmocka_skipped_now ? "SKIPPED" : "     OK", group, tests[i].name);
    }
    return 0;
}
#else
int _cmocka_run_group_tests(const char *group, const struct CMUnitTest *tests, size_t count, void *setup, void *teardown);
#endif

#endif
