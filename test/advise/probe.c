/* The recorder's test program: a known sequence of allocation calls between two marker blocks of
 * 7001 and 7002 bytes. test/advise/test_advise.py records it (LD_PRELOAD on the host, a RECORD=1
 * build on the host and on Cortex-M4 under QEMU) and checks that the trace holds exactly these
 * operations on these blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int posix_memalign(void **out, size_t alignment, size_t size); /* newlib 3.3 does not declare it */

/* Every pointer goes through a volatile: a compiler may drop a malloc whose block is only freed. */
static void *volatile keep[8];

int main(void) {
    keep[0] = malloc(7001);                 /* the start marker */
    keep[1] = malloc(100);                  /* a */
    keep[2] = calloc(3, 7);                 /* b */
    keep[1] = realloc(keep[1], 200);        /* a */
    keep[3] = aligned_alloc(64, 10);        /* c */
    void *d = 0;
    int rc = posix_memalign(&d, 32, 48);    /* d */
    keep[4] = d;
    int ok = keep[0] && keep[1] && keep[2] && keep[3] && !rc && !((size_t)keep[3] & 63) && !((size_t)d & 31);
    free(keep[2]);
    keep[5] = malloc(5);                    /* e */
    ok = ok && keep[5];
    free(keep[1]);
    free(keep[3]);
    free(keep[4]);
    free(keep[5]);
    free(0);
    free(keep[0]);
    keep[6] = malloc(7002);                 /* the end marker */
    free(keep[6]);
    printf(ok ? "probe: ok\n" : "probe: FAILED\n");
    return !ok;
}
