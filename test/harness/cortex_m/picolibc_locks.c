/* picolibc's RTOS hook, as its own malloc has it: every heap call (malloc, free, calloc, realloc,
 * aligned_alloc, memalign, posix_memalign, malloc_usable_size, and libc paths that allocate: strdup)
 * takes the C library's recursive lock (__retarget_lock_acquire_recursive on
 * &__lock___libc_recursive_mutex) and gives it back: balanced, at least one pair per call, and the
 * heap grows (sbrk) only while the lock is held. An RTOS port (Zephyr) defines every function of
 * picolibc's lock member, as this program does, counting. Linked with -Wl,--wrap=sbrk and
 * -llite_alloc. Prints "picolibc_locks: ok" and exits 0 on success. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/lock.h>

struct __lock {
    int unused;
};
struct __lock __lock___libc_recursive_mutex;

/* volatile: the compiler may assume that malloc-like calls touch no global of ours. */
static volatile unsigned g_locks, g_unlocks, g_depth, g_other_locks, g_sbrk_calls, g_sbrk_unlocked;

void __retarget_lock_acquire_recursive(_LOCK_T lock) {
    if (lock != &__lock___libc_recursive_mutex) {
        ++g_other_locks;
        return;
    }
    ++g_locks;
    ++g_depth;
}
void __retarget_lock_release_recursive(_LOCK_T lock) {
    if (lock != &__lock___libc_recursive_mutex) return;
    ++g_unlocks;
    --g_depth;
}
/* The rest of picolibc's lock member: unused by the heap, defined so that member is never linked. */
void __retarget_lock_init(_LOCK_T *lock) { (void)lock; }
void __retarget_lock_init_recursive(_LOCK_T *lock) { (void)lock; }
void __retarget_lock_close(_LOCK_T lock) { (void)lock; }
void __retarget_lock_close_recursive(_LOCK_T lock) { (void)lock; }
void __retarget_lock_acquire(_LOCK_T lock) { (void)lock; }
void __retarget_lock_release(_LOCK_T lock) { (void)lock; }
int __retarget_lock_try_acquire(_LOCK_T lock) { return (void)lock, 1; }
int __retarget_lock_try_acquire_recursive(_LOCK_T lock) { return __retarget_lock_acquire_recursive(lock), 1; }

void *__real_sbrk(ptrdiff_t increment);
void *__wrap_sbrk(ptrdiff_t increment) {
    ++g_sbrk_calls;
    if (g_depth == 0) ++g_sbrk_unlocked;
    return __real_sbrk(increment);
}

static int g_failures;
#define CHECK_LOCKED(name, call)                                                                   \
    do {                                                                                           \
        unsigned before = g_locks;                                                                 \
        call;                                                                                      \
        if (g_locks == before || g_locks != g_unlocks || g_depth != 0) {                           \
            printf("picolibc_locks: FAILED %s: %u lock(s), %u unlock(s) in all, depth %u\n", name, \
                   g_locks - before, g_unlocks, g_depth);                                          \
            ++g_failures;                                                                          \
        }                                                                                          \
    } while (0)

int main(void) {
    void *p = NULL, *q = NULL;
    char *s = NULL;
    size_t n = 0;
    int rc = -1;
    CHECK_LOCKED("malloc", p = malloc(100));
    CHECK_LOCKED("malloc (grows the heap)", q = malloc(20000));
    CHECK_LOCKED("realloc", p = realloc(p, 3000));
    CHECK_LOCKED("malloc_usable_size", n = malloc_usable_size(p));
    CHECK_LOCKED("free", free(p));
    CHECK_LOCKED("free", free(q));
    CHECK_LOCKED("calloc", p = calloc(10, 10));
    CHECK_LOCKED("aligned_alloc", q = aligned_alloc(64, 64));
    CHECK_LOCKED("free (aligned)", free(q));
    CHECK_LOCKED("memalign", q = memalign(128, 10));
    CHECK_LOCKED("free (memalign)", free(q));
    void *r = NULL;
    CHECK_LOCKED("posix_memalign", rc = posix_memalign(&r, 32, 40));
    int aligned = ((uintptr_t)r & 31) == 0;
    CHECK_LOCKED("free (posix_memalign)", free(r));
    CHECK_LOCKED("strdup", s = strdup("picolibc"));
    int copied = s && strcmp(s, "picolibc") == 0;
    CHECK_LOCKED("free (strdup)", free(s));
    CHECK_LOCKED("free", free(p));
    void *volatile null_pointer = NULL; /* a literal free(NULL) is dropped by the compiler */
    CHECK_LOCKED("free(NULL)", free(null_pointer));
    if (n < 3000 || rc != 0 || !aligned || !copied) {
        printf("picolibc_locks: FAILED results: usable %u, posix_memalign %d\n", (unsigned)n, rc);
        ++g_failures;
    }
    if (g_sbrk_calls == 0 || g_sbrk_unlocked != 0) {
        printf("picolibc_locks: FAILED %u sbrk calls, %u without the lock\n", g_sbrk_calls, g_sbrk_unlocked);
        ++g_failures;
    }
    if (g_failures) return 1;
    printf("picolibc_locks: ok (%u lock/unlock pairs, %u sbrk calls, all under the lock)\n", g_locks, g_sbrk_calls);
    return 0;
}
