/* Running out of real memory: run under `ulimit -v` (test/trust.mk does, with a few hundred MB) so
 * that mmap itself fails. Linked against the testing variant (lite_malloc ..., the host mmap
 * backend). Allocates until even the smallest block is refused, with every call checked for
 * NULL + ENOMEM, then verifies that every live block is intact and the heap sound, frees half and
 * allocates the same again, and frees everything. Prints how many refusals (fault points) it met. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *lite_malloc(size_t);
void *lite_calloc(size_t, size_t);
void *lite_realloc(void *, size_t);
void *lite_aligned_alloc(size_t, size_t);
int lite_posix_memalign(void **, size_t, size_t);
void lite_free(void *);
#define LITE_ALLOC_FAULT_INJECTION 1
#include "lite_alloc.h"

#define FAIL(...)                                                           \
    do {                                                                    \
        fprintf(stderr, "exhaust [%s]: ", lite_alloc_strategy());           \
        fprintf(stderr, __VA_ARGS__);                                       \
        fprintf(stderr, " (line %d)\n", __LINE__);                          \
        exit(1);                                                            \
    } while (0)
#define REQUIRE(cond) \
    do {              \
        if (!(cond)) FAIL("%s", #cond); \
    } while (0)

enum { kMaxBlocks = 1 << 20 };
struct block {
    unsigned char *p;
    size_t n;
};
static struct block *g_blocks; /* from mmap-free storage: static, so the heap under test owns no record */
static struct block g_storage[kMaxBlocks];
static size_t g_count, g_faults;

static unsigned char pattern(size_t i, size_t id) { return (unsigned char)(i * 131u ^ id * 2654435761u ^ i >> 9); }
/* every byte of small blocks, and the ends and every 512th byte of large ones */
static void touch(struct block *b, size_t id, int check) {
    for (size_t i = 0; i < b->n; i = (i < 64 || i + 64 >= b->n) ? i + 1 : (i + 512 < b->n - 64 ? i + 512 : b->n - 64)) {
        if (check && b->p[i] != pattern(i, id)) FAIL("block %zu (%zu bytes at %p) changed at byte %zu", id, b->n, (void *)b->p, i);
        b->p[i] = pattern(i, id);
    }
}

static size_t size_for(size_t i) {
    static const size_t sizes[] = {24, 200, 4000, 65536, 1000, 300000, 48, 9000, 1 << 20, 130};
    return sizes[i % (sizeof sizes / sizeof *sizes)];
}

/* A refused request: NULL and ENOMEM. */
static void refused(void *p, const char *what, size_t n) {
    if (p) FAIL("%s(%zu) succeeded after the heap ran out", what, n);
    if (errno != ENOMEM) FAIL("%s(%zu): errno %d, not ENOMEM", what, n, errno);
    ++g_faults;
}

int main(void) {
    g_blocks = g_storage;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("exhaust [%s]: allocating until mmap fails\n", lite_alloc_strategy());
    /* 1. grow until a request is refused, then keep asking with ever smaller sizes (and every other
     *    call) until even the smallest block is refused: each refusal is a fault point. */
    size_t first_fault_at = 0;
    for (size_t i = 0;; ++i) {
        if (g_count == kMaxBlocks) FAIL("the limit was never reached");
        size_t n = g_faults ? (size_t)1 << (20 - (g_faults < 20 ? g_faults : 20)) : size_for(i);
        if (g_faults && n < 16) n = 1;
        errno = 0;
        unsigned char *p = i % 3 == 0 ? lite_calloc(1, n) : i % 3 == 1 ? lite_malloc(n) : lite_aligned_alloc(64, n);
        if (!p) {
            refused(p, i % 3 == 0 ? "calloc" : i % 3 == 1 ? "malloc" : "aligned_alloc", n);
            if (!first_fault_at) first_fault_at = g_count;
            /* what needs more is refused too, and a failed realloc leaves its block alone */
            if (i % 3 != 2) {
                errno = 0;
                refused(lite_malloc(n + 1), "malloc", n + 1);
                void *out = &g_count;
                REQUIRE(lite_posix_memalign(&out, 4096, n << 4) == ENOMEM && out == &g_count);
                ++g_faults;
            }
            if (g_count) {
                struct block *b = &g_blocks[g_count - 1];
                errno = 0;
                refused(lite_realloc(b->p, b->n + (64 << 20)), "realloc", b->n + (64 << 20));
                touch(b, g_count - 1, 1);
            }
            if (n == 1) break;
            continue;
        }
        if (i % 3 == 0)
            for (size_t k = 0; k < n; k += 4096) REQUIRE(p[k] == 0 && p[n - 1] == 0);
        if (i % 3 == 2) REQUIRE((uintptr_t)p % 64 == 0);
        g_blocks[g_count] = (struct block){p, n};
        touch(&g_blocks[g_count], g_count, 0);
        ++g_count;
    }
    lite_alloc_stats_t s = lite_alloc_stats();
    printf("exhaust [%s]: %zu blocks, %zu bytes claimed from mmap, first refusal after %zu blocks, "
           "%zu refusals (fault points), failed_requests %zu\n",
           lite_alloc_strategy(), g_count, s.claimed, first_fault_at, g_faults, s.failed_requests);
    REQUIRE(s.claimed > (64u << 20)); /* the limit, not something else, stopped it */
    /* 2. everything live is intact and the heap is sound */
    int code = lite_alloc_check();
    if (code) FAIL("lite_alloc_check: %s", lite_alloc_check_message(code));
    for (size_t i = 0; i < g_count; ++i) touch(&g_blocks[i], i, 1);
    /* 3. free every other block, then ask for the same sizes again, last freed first: mmap still
     *    refuses, so what is served comes from the memory the heap already has. A strategy need not
     *    pack them back perfectly, but most of it must be reused: at least 90% of the bytes. */
    size_t freed = 0, freed_bytes = 0, again = 0, again_bytes = 0;
    for (size_t i = 0; i < g_count; i += 2)
        lite_free(g_blocks[i].p), g_blocks[i].p = NULL, ++freed, freed_bytes += g_blocks[i].n;
    REQUIRE(lite_alloc_check() == 0);
    for (size_t i = (g_count - 1) & ~(size_t)1;; i -= 2) {
        errno = 0;
        g_blocks[i].p = lite_malloc(g_blocks[i].n);
        if (g_blocks[i].p) touch(&g_blocks[i], i, 0), ++again, again_bytes += g_blocks[i].n;
        else if (errno != ENOMEM) FAIL("malloc(%zu) failed with errno %d", g_blocks[i].n, errno);
        if (i == 0) break;
    }
    printf("exhaust [%s]: freed %zu blocks (%zu bytes); allocated again %zu (%zu bytes) without new memory\n",
           lite_alloc_strategy(), freed, freed_bytes, again, again_bytes);
    REQUIRE(again_bytes >= freed_bytes / 10 * 9);
    REQUIRE(lite_alloc_check() == 0);
    for (size_t i = 0; i < g_count; ++i)
        if (g_blocks[i].p) touch(&g_blocks[i], i, 1);
    REQUIRE(lite_alloc_stats().claimed == s.claimed);
    /* 4. free everything */
    for (size_t i = 0; i < g_count; ++i) lite_free(g_blocks[i].p);
    REQUIRE(lite_alloc_check() == 0);
    REQUIRE(lite_alloc_stats().in_use == 0);
    void *p = lite_malloc(100000);
    REQUIRE(p != NULL);
    lite_free(p);
    printf("exhaust [%s]: ok: NULL + ENOMEM at every refusal, all blocks intact, heap sound and usable\n",
           lite_alloc_strategy());
    return 0;
}
