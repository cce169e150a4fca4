/* A program with two deliberate bugs of its own, linked against the library built with
 * LITE_ALLOC_VALGRIND=1 (release names: it is the program's only malloc). Run under memcheck with
 * --soname-synonyms=somalloc=nouserintercepts (so that valgrind does not replace our malloc by its
 * own), memcheck must report both: test/trust.mk's check-valgrind-hooks checks the log.
 *   - use_after_free(): reads a block after free();
 *   - leak(): loses the only pointer to a 4000-byte block.
 * Everything else (realloc in place and moving, calloc of fresh memory, blocks reused after free)
 * is correct and must draw no report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lite_alloc.h"

static char *volatile keep;

static __attribute__((noinline)) int use_after_free(void) {
    char *p = malloc(64);
    strcpy(p, "freed too early");
    free(p);
    return p[3]; /* the bug */
}

static __attribute__((noinline)) void leak(void) {
    keep = malloc(4000);
    memset(keep, 7, 4000);
    keep = NULL; /* the bug: the block is lost */
}

int main(void) {
    /* correct use, every path: must stay silent */
    char *a = calloc(100, 10), *b = malloc(24);
    for (int i = 0; i < 1000; ++i)
        if (a[i]) return 2;
    strcpy(b, "grow me");
    b = realloc(b, 200);   /* in place at the top, or moved */
    a = realloc(a, 20000); /* moved or grown */
    if (strcmp(b, "grow me") || a[999]) return 2;
    b = realloc(b, 8);
    free(a);
    char *c = malloc(900); /* reuses freed memory */
    memset(c, 1, 900);
    free(c), free(b);
    int v = use_after_free();
    /* before the leak: the heap walk behind lite_alloc_stats() leaves block addresses in registers,
     * which memcheck would count as pointers to the lost block */
    size_t in_use = lite_alloc_stats().in_use;
    leak();
    printf("valgrind_user_bugs: ran on %s, %zu bytes in use before the leak\n", lite_alloc_strategy(), in_use);
    return v == 0x100; /* v's value is irrelevant; 0 */
}
