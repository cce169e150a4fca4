/* A real C program linked the platform's usual way with lite-alloc as its only allocator. It uses
 * libc's own allocating paths (stdio buffers, atexit, strdup, qsort) and checks that lite-alloc saw
 * the allocations. Prints "real_c: ok" and exits 0 on success. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lite_alloc.h"

static int compare_ints(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static char *g_farewell;
static void say_farewell(void) {
    printf("%s\n", g_farewell);
    free(g_farewell);
}

#define REQUIRE(cond)                                                   \
    do {                                                                \
        if (!(cond)) {                                                  \
            printf("real_c: FAILED %s at line %d\n", #cond, __LINE__); \
            return 1;                                                   \
        }                                                               \
    } while (0)

int main(void) {
    enum { kCount = 500 };
    int *numbers = malloc(kCount * sizeof *numbers);
    REQUIRE(numbers);
    for (int i = 0; i < kCount; ++i) numbers[i] = (i * 7919) % kCount;
    qsort(numbers, kCount, sizeof *numbers, compare_ints);
    for (int i = 0; i < kCount; ++i) REQUIRE(numbers[i] == i);

    char *words[64];
    char buffer[32];
    for (int i = 0; i < 64; ++i) {
        snprintf(buffer, sizeof buffer, "word-%d", i * i);
        words[i] = strdup(buffer);
        REQUIRE(words[i]);
    }
    for (int i = 0; i < 64; ++i) {
        snprintf(buffer, sizeof buffer, "word-%d", i * i);
        REQUIRE(strcmp(words[i], buffer) == 0);
        free(words[i]);
    }
    numbers = realloc(numbers, 4 * kCount * sizeof *numbers);
    REQUIRE(numbers && numbers[kCount - 1] == kCount - 1);
    free(numbers);

    g_farewell = strdup("real_c: atexit ran");
    REQUIRE(g_farewell && atexit(say_farewell) == 0);

    lite_alloc_stats_t s = lite_alloc_stats();
    printf("real_c: claimed=%lu in_use=%lu peak=%lu\n", (unsigned long)s.claimed, (unsigned long)s.in_use,
           (unsigned long)s.peak_in_use);
    REQUIRE(s.claimed >= 4 * kCount * sizeof(int) && s.in_use > 0); /* our heap served this program */
    REQUIRE(lite_alloc_check() == 0);
    REQUIRE(strcmp(lite_alloc_strategy(), LITE_ALLOC_EXPECTED_STRATEGY) == 0);
    printf("real_c: ok (%s)\n", lite_alloc_strategy());
    return 0;
}
