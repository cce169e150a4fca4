/* Runs every group; the exit code is the number of failed tests. */
#include "suite.h"

int main(void) {
    int failed = 0;
    failed += _cmocka_run_group_tests("api", api_tests, api_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("traps", trap_tests, trap_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("strategy", strategy_tests, strategy_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("exhaustion", exhaustion_tests, exhaustion_tests_count, NULL, NULL);
    failed += _cmocka_run_group_tests("random", random_tests, random_tests_count, NULL, NULL);
    return failed;
}
