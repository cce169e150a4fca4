/* Running out of the memory _sbrk hands out (the heap meeting the stack): malloc fails cleanly with
 * ENOMEM, everything allocated is intact, and after freeing it all the heap serves again. Blocks
 * are chained through their first bytes, so the test needs no memory of its own. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lite_alloc.h"

#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("out_of_memory: FAILED %s at line %d\n", #cond, __LINE__); \
            return 1;                                                          \
        }                                                                      \
    } while (0)

enum { kBlock = 200 };

int main(void) {
    printf("out_of_memory: start\n"); /* stdout's buffer comes from the heap before it runs out */
    void *chain = NULL;
    unsigned count = 0;
    for (void *block; (block = malloc(kBlock)) != NULL; ++count) {
        memcpy(block, &chain, sizeof chain);
        memset((char *)block + sizeof chain, (int)(count & 0xFF), kBlock - sizeof chain);
        chain = block;
    }
    REQUIRE(errno == ENOMEM);
    REQUIRE(count > 0);
    REQUIRE(lite_alloc_check() == 0);
    size_t claimed = lite_alloc_stats().claimed;
    while (chain) {
        --count;
        for (size_t i = sizeof chain; i < kBlock; ++i) REQUIRE(((unsigned char *)chain)[i] == (count & 0xFF));
        void *previous;
        memcpy(&previous, chain, sizeof previous);
        free(chain);
        chain = previous;
    }
    REQUIRE(lite_alloc_stats().in_use < 2048); /* only stdio's own blocks are left */
    void *again = malloc(kBlock);
    REQUIRE(again != NULL);
    free(again);
    REQUIRE(lite_alloc_check() == 0);
    printf("out_of_memory: ok (%lu bytes from _sbrk)\n", (unsigned long)claimed);
    return 0;
}
