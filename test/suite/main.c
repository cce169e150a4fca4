/* Runs every group. Under cmocka the exit code is the number of failed tests; under the mini
 * harness a failure has already ended the run, so reaching the end means every test passed. */
#ifdef LITE_SUITE_MINI
#define MINI_CMOCKA_IMPLEMENTATION
#endif
#include "suite.h"

int main(void) {
    int failed = 0;
    failed += _cmocka_run_group_tests("api", api_tests, api_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("traps", trap_tests, trap_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("strategy", strategy_tests, strategy_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("exhaustion", exhaustion_tests, exhaustion_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("random", random_tests, random_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("review", review_tests, review_tests_count, NULL, NULL);
#ifdef LITE_SUITE_MINI
    printf("%s: %u passed, 0 failed, %u skipped\n", lite_alloc_strategy(), mini_cmocka_passed, mini_cmocka_skipped);
#endif
    return failed;
}
