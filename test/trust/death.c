/* The checked build's death tests: linked against the CHECKED=1 library (the real malloc/free
 * names), each case commits one heap crime and must die with lite-alloc's message; on the host
 * test/trust/death.sh runs every case and checks SIGABRT and the message; on wasm and Cortex-M,
 * where the case is compiled in (-DDEATH_CASE=\"interior_pointer\"), test/wasm.mk and
 * test/cortex_m.mk check the exit code and the message. "none" commits none and exits 0. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lite_alloc.h"

static void *volatile sink; /* keeps the compiler from reasoning about the pointers */

int main(int argc, char **argv) {
#ifdef DEATH_CASE
    const char *what = DEATH_CASE;
    (void)argc, (void)argv;
#else
    const char *what = argc > 1 ? argv[1] : "none";
#endif
    char *a = malloc(40), *b = malloc(40), *c = malloc(40);
    if (!a || !b || !c) return 2;
    memset(a, 1, 40), memset(b, 2, 40), memset(c, 3, 40);
    sink = a, sink = c; /* they escape: the compiler may not drop them (b must not be the top block) */
    if (!strcmp(what, "double_free")) {
        free(b);
        sink = b;
        free(sink);
    } else if (!strcmp(what, "stack_pointer")) {
        char local[64];
        sink = local + 16;
        free(sink);
    } else if (!strcmp(what, "foreign_heap")) {
        /* a block of another heap, with a header that looks like one of ours */
        static _Alignas(16) unsigned char other[256];
        size_t header = 64 | 1;
        memcpy(other + 64 - sizeof header, &header, sizeof header);
        sink = other + 64;
        free(sink);
    } else if (!strcmp(what, "interior_pointer")) {
        sink = b + 16;
        free(sink);
    } else if (!strcmp(what, "overflow")) {
        sink = b;
        memset(sink, 0x55, 41); /* one byte past the 40 asked for */
        free(b);
    } else if (!strcmp(what, "use_after_free")) {
        free(b);
        sink = b;
        ((char *)sink)[20] = 'x'; /* past the free block's links, into its poisoned bytes */
        sink = malloc(40);        /* takes b again: its poison is verified */
    } else if (!strcmp(what, "header_write")) {
        sink = b;
        ((char *)sink)[-1] = 0x7F; /* one byte before the block: its header */
        free(b);
    } else if (!strcmp(what, "realloc_freed")) {
        free(b);
        sink = b;
        sink = realloc(sink, 100);
    } else if (!strcmp(what, "overflow_unfreed")) {
        /* a write past a block that is never handed back: only the whole-heap check sees it, every
         * LITE_ALLOC_CHECK_INTERVAL calls; death.sh counts the "call" lines printed before it */
        sink = a;
        memset(sink, 0x55, 41);
        for (int i = 0; i < 3000; ++i) {
            fprintf(stderr, "call %d\n", i);
            sink = malloc(24);
            free(sink);
        }
    } else if (strcmp(what, "none")) {
        return 2;
    }
    free(a), free(c);
    if (!strcmp(what, "none")) free(b);
    printf("death: %s: survived\n", what);
    return 0;
}
