/* A program that never names an allocator: it allocates only through the C library (strdup, and
 * stdio's own buffers). Linked with nothing but the installed pkg-config file's flags, it must get
 * lite-alloc as its only heap (its Libs carry -Wl,-u,<the libc's entry point>). */
#include <stdio.h>
#include <string.h>

int main(void) {
    char *s = strdup("libc_only: ok");
    if (!s || strcmp(s, "libc_only: ok") != 0) return 1;
    printf("%s\n", s);
    return 0;
}
