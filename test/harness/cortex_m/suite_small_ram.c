/* The suite's main for a board with less RAM than some tests were written for (the micro:bit's
 * 16 KiB): the groups of test/suite/main.c, minus the tests listed below, whose fixed request
 * sizes need more memory than the whole board has. Those count as skipped and are named. */
#define MINI_CMOCKA_IMPLEMENTATION
#include "../../suite/suite.h"

/* SMALL_RAM_SKIPS: "name", "name", ... (from test/cortex_m.mk), possibly none. */
static const char *const kNeedsMoreRam[] = {SMALL_RAM_SKIPS NULL};

static int needs_more_ram(const char *name) {
    for (size_t i = 0; i < sizeof kNeedsMoreRam / sizeof *kNeedsMoreRam; ++i)
        if (kNeedsMoreRam[i] && strcmp(kNeedsMoreRam[i], name) == 0) return 1;
    return 0;
}

static void run_group(const char *group, const struct CMUnitTest *tests, size_t count) {
    struct CMUnitTest fitting[64];
    size_t kept = 0;
    for (size_t i = 0; i < count && kept < sizeof fitting / sizeof *fitting; ++i) {
        if (!needs_more_ram(tests[i].name)) {
            fitting[kept++] = tests[i];
            continue;
        }
        ++mini_cmocka_skipped;
        printf("[ SKIPPED ] %s.%s: needs more RAM than this board has\n", group, tests[i].name);
    }
    assert_true(kept + mini_cmocka_skipped >= count); /* the table above was big enough */
    _cmocka_run_group_tests(group, fitting, kept, NULL, NULL);
}

int main(void) {
    run_group("api", api_tests, api_tests_count);
    run_group("traps", trap_tests, trap_tests_count);
    run_group("strategy", strategy_tests, strategy_tests_count);
    run_group("exhaustion", exhaustion_tests, exhaustion_tests_count);
    run_group("random", random_tests, random_tests_count);
    printf("%s: %u passed, 0 failed, %u skipped\n", lite_alloc_strategy(), mini_cmocka_passed, mini_cmocka_skipped);
    return 0;
}
