/* mallinfo() from the libc's own <malloc.h>, served by lite-alloc: arena = bytes claimed,
 * uordblks = bytes in use, fordblks = bytes free, the same figures as lite_alloc_stats(), and they
 * follow an allocation and its free. glibc also has mallinfo2, malloc_trim and malloc_stats.
 * Prints "mallinfo: ok" and exits 0 on success. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lite_alloc.h"

#ifdef __GLIBC__
#pragma GCC diagnostic ignored "-Wdeprecated-declarations" /* mallinfo, in favour of mallinfo2 */
#endif

static int g_failures;
#define REQUIRE(cond)                                                     \
    do {                                                                  \
        if (!(cond)) {                                                    \
            printf("mallinfo: FAILED %s at line %d\n", #cond, __LINE__); \
            ++g_failures;                                                 \
        }                                                                 \
    } while (0)

#define SAME_AS_STATS(info, stats)                            \
    do {                                                      \
        REQUIRE((size_t)(info).arena == (stats).claimed);     \
        REQUIRE((size_t)(info).uordblks == (stats).in_use);   \
        REQUIRE((size_t)(info).fordblks == (stats).free_bytes); \
    } while (0)

static void *volatile g_keep; /* volatile: the compiler may drop a malloc/free pair */

int main(void) {
    printf("mallinfo: start\n"); /* stdout's buffer, if any, is allocated before the figures are */
    g_keep = malloc(100);         /* the heap exists */
    struct mallinfo before = mallinfo();
    lite_alloc_stats_t stats = lite_alloc_stats();
    SAME_AS_STATS(before, stats);
    REQUIRE(before.arena > 0 && (size_t)before.uordblks >= 100);

    char *volatile block = malloc(50000);
    REQUIRE(block != NULL);
    if (block) memset(block, 1, 50000);
    struct mallinfo during = mallinfo();
    stats = lite_alloc_stats();
    SAME_AS_STATS(during, stats);
    REQUIRE(during.uordblks >= before.uordblks + 50000);
    REQUIRE(during.arena + 64 * 1024 >= during.uordblks + during.fordblks); /* loosely: claimed covers in use (no unsigned wrap) */

    free(block);
    struct mallinfo after = mallinfo();
    stats = lite_alloc_stats();
    SAME_AS_STATS(after, stats);
    REQUIRE(after.uordblks == before.uordblks);
    REQUIRE(after.fordblks >= 50000);
#ifdef __GLIBC__
    struct mallinfo2 info2 = mallinfo2();
    SAME_AS_STATS(info2, stats);
    REQUIRE(malloc_trim(0) == 0); /* lite-alloc gives nothing back */
#endif
    malloc_stats(); /* three lines on stderr */
    free(g_keep);
    if (g_failures) return 1;
    printf("mallinfo: ok (arena %lu, in use %lu, free %lu)\n", (unsigned long)after.arena,
           (unsigned long)after.uordblks, (unsigned long)after.fordblks);
    return 0;
}
