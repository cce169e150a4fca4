/* The checked build's death test: freeing a block twice must end the program (lite-alloc's
 * "double free" message on stderr where there is one, a trap on freestanding wasm32). */
#include "lite_alloc.h"

void *volatile g_block; /* volatile: the compiler may not drop the pair of frees */

int main(void) {
    g_block = malloc(32);
    free(g_block);
    free(g_block);
    return 0; /* reached only if the double free went unnoticed */
}

#ifdef FREESTANDING
void _start(void) { main(); }
#endif
