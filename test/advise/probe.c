/* The recorder's test program: a known sequence of allocation calls between two marker blocks of
 * 7001 and 7002 bytes. test/advise/test_advise.py records it (LD_PRELOAD on the host, a RECORD=1
 * build on the host and on Cortex-M4 under QEMU) and checks that the trace holds exactly these
 * operations on these blocks. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int posix_memalign(void **out, size_t alignment, size_t size); /* newlib 3.3 does not declare it */

int main(void) {
    void *volatile marker = malloc(7001);
    char *a = malloc(100);
    char *b = calloc(3, 7);
    char *a2 = realloc(a, 200);
    char *c = memalign(64, 10);
    void *d = 0;
    int rc = posix_memalign(&d, 32, 48);
    free(b);
    char *e = malloc(5);
    free(a2);
    free(c);
    free(d);
    free(e);
    free(0);
    free(marker);
    void *volatile end = malloc(7002);
    free(end);
    if (!a || !b || !a2 || !c || rc || !e || ((size_t)c & 63) || ((size_t)d & 31)) {
        printf("probe: FAILED\n");
        return 1;
    }
    printf("probe: ok\n");
    return 0;
}
