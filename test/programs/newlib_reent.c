/* newlib's reentrant entry points as newlib's own malloc has them, under the program's RTOS hooks:
 *   - every _malloc_r-family call, every plain malloc/free/..., and every libc path that allocates (strdup, stdio, mallinfo) takes
 *     __malloc_lock(r) and gives it back with __malloc_unlock(r): balanced, at least one pair per
 *     call, with the reent it was given, and the heap grows (_sbrk) only while the lock is held;
 *   - a failure sets the _errno of the reent it was given and leaves the global errno alone
 *     (newlib and newlib-nano do this); a success leaves both alone;
 *   - mallinfo() reports lite-alloc's figures: arena = claimed, uordblks = in use, fordblks = free.
 * Linked with -Wl,--wrap=_sbrk and -llite_alloc. Prints "newlib_reent: ok" and exits 0 on success. */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lite_alloc.h"

/* volatile: the compiler may assume that malloc-like calls (strdup, free) touch no global of ours. */
static volatile unsigned g_locks, g_unlocks, g_depth, g_max_depth, g_sbrk_calls, g_sbrk_unlocked;
static struct _reent *volatile g_last_reent;

/* What an RTOS port implements (newlib's defaults do nothing): here they count. */
void __malloc_lock(struct _reent *r) {
    ++g_locks;
    if (++g_depth > g_max_depth) g_max_depth = g_depth;
    g_last_reent = r;
}
void __malloc_unlock(struct _reent *r) {
    ++g_unlocks;
    --g_depth;
    (void)r;
}

void *__real__sbrk(ptrdiff_t increment);
void *__wrap__sbrk(ptrdiff_t increment) {
    ++g_sbrk_calls;
    if (g_depth == 0) ++g_sbrk_unlocked;
    return __real__sbrk(increment);
}

static int g_failures;
#define REQUIRE(cond)                                                         \
    do {                                                                      \
        if (!(cond)) {                                                        \
            printf("newlib_reent: FAILED %s at line %d\n", #cond, __LINE__); \
            ++g_failures;                                                     \
        }                                                                     \
    } while (0)

/* One call between two snapshots of the counters: at least one lock, balanced, none held after. */
#define LOCKED(call, reent)                                                            \
    do {                                                                               \
        unsigned locks_before = g_locks;                                               \
        struct _reent *wanted = (reent);                                               \
        g_last_reent = 0;                                                              \
        call;                                                                          \
        if (!(g_locks > locks_before && g_locks == g_unlocks && g_depth == 0)) {       \
            printf("newlib_reent: FAILED %s: %u lock(s), %u unlock(s) in all\n", #call, \
                   g_locks - locks_before, g_unlocks);                                 \
            ++g_failures;                                                              \
        }                                                                              \
        if (wanted && g_last_reent != wanted) {                                        \
            printf("newlib_reent: FAILED %s locked another reent\n", #call);           \
            ++g_failures;                                                              \
        }                                                                              \
    } while (0)

static struct _reent g_other; /* another thread's reent, as an RTOS keeps one per task */

int main(void) {
    struct _reent *self = _REENT;
    void *p = 0, *q = 0, *a = 0, *big = 0;
    size_t usable = 0;
    char *copy = 0;
    printf("newlib_reent: start\n"); /* stdout's buffer exists from here on */

    /* Each entry point, with another thread's reent and with the running one's. */
    LOCKED(p = _malloc_r(&g_other, 100), &g_other);
    LOCKED(q = _calloc_r(self, 10, 10), self);
    LOCKED(p = _realloc_r(&g_other, p, 300), &g_other);
    LOCKED(a = _memalign_r(&g_other, 64, 40), &g_other);
    LOCKED(usable = _malloc_usable_size_r(&g_other, p), &g_other);
    LOCKED(big = _malloc_r(self, 3000), self); /* the heap may grow: _sbrk under the lock */
    REQUIRE(p && q && a && big && usable >= 300 && ((uintptr_t)a & 63) == 0);
    LOCKED(_free_r(&g_other, p), &g_other);
    LOCKED(_free_r(self, q), self);
    LOCKED(_free_r(self, a), self);
    LOCKED(_free_r(self, big), self);
    /* The plain names take the running thread's lock too, as newlib's wrappers do. */
    void *volatile plain = 0;
    LOCKED(plain = malloc(40), self);
    LOCKED(plain = realloc(plain, 80), self);
    LOCKED(free(plain), self);
    LOCKED(plain = calloc(4, 10), self);
    LOCKED(free(plain), self);
    LOCKED(plain = memalign(32, 10), self);
    LOCKED(free(plain), self);
    LOCKED(plain = aligned_alloc(16, 32), self);
    LOCKED(free(plain), self);
    void *aligned = 0;
    LOCKED(REQUIRE(posix_memalign(&aligned, 64, 10) == 0), self);
    LOCKED(free(aligned), self);
    /* libc's own allocating paths come through the same entry points. */
    LOCKED(copy = strdup("a string newlib copies"), 0);
    REQUIRE(copy && strcmp(copy, "a string newlib copies") == 0);
    LOCKED(free(copy), 0);
    struct mallinfo info;
    LOCKED(info = mallinfo(), 0);
    lite_alloc_stats_t stats = lite_alloc_stats();
    REQUIRE(info.arena == stats.claimed && info.arena > 0);
    REQUIRE(info.uordblks == stats.in_use);
    REQUIRE(info.fordblks == stats.free_bytes);
    REQUIRE(g_max_depth == 1);
    REQUIRE(g_sbrk_calls > 0);
    REQUIRE(g_sbrk_unlocked == 0);

    /* errno: a failure sets the given reent's, never the running thread's. */
    errno = 0;
    g_other._errno = 0;
    REQUIRE(_malloc_r(&g_other, SIZE_MAX / 2) == 0);
    REQUIRE(g_other._errno == ENOMEM && errno == 0);
    g_other._errno = 0;
    REQUIRE(_calloc_r(&g_other, SIZE_MAX / 4, 8) == 0); /* the product overflows */
    REQUIRE(g_other._errno == ENOMEM && errno == 0);
    g_other._errno = 0;
    p = _malloc_r(&g_other, 24);
    REQUIRE(p != 0);
    if (p) memcpy(p, "kept by a failed realloc", 24);
    REQUIRE(_realloc_r(&g_other, p, SIZE_MAX / 2) == 0);
    REQUIRE(g_other._errno == ENOMEM && errno == 0);
    REQUIRE(p && memcmp(p, "kept by a failed realloc", 24) == 0);
    g_other._errno = 0;
    REQUIRE(_memalign_r(&g_other, 64, SIZE_MAX / 2) == 0);
    REQUIRE(g_other._errno == ENOMEM && errno == 0);
    g_other._errno = 0;
    REQUIRE(_pvalloc_r(&g_other, SIZE_MAX) == 0);
    REQUIRE(g_other._errno == ENOMEM && errno == 0);
    /* A success leaves both alone, whatever they held. */
    g_other._errno = 1234;
    errno = 5678;
    q = _malloc_r(&g_other, 16);
    REQUIRE(q != 0 && g_other._errno == 1234 && errno == 5678);
    _free_r(&g_other, q);
    _free_r(&g_other, p);
    REQUIRE(g_other._errno == 1234 && errno == 5678);
    /* The running thread's reent is errno itself. */
    errno = 0;
    REQUIRE(_malloc_r(self, SIZE_MAX / 2) == 0);
    REQUIRE(errno == ENOMEM);
    REQUIRE(g_locks == g_unlocks && g_depth == 0);

    if (g_failures) return 1;
    printf("newlib_reent: ok (%u lock/unlock pairs, %u sbrk calls, all under the lock)\n", g_locks, g_sbrk_calls);
    return 0;
}
