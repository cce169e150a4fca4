/* The checked build's death test: freeing a block twice must end the program with lite-alloc's
 * message on stderr and a nonzero exit code. Reaching the end is the failure. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char *volatile block = malloc(24); /* volatile: the compiler must not see through the frees */
    free(block);
    free(block);
    printf("double_free: the second free returned\n");
    return 0;
}
