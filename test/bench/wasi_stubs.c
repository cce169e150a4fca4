/* Lua on wasm32-wasi (make bench): wasi-libc declares system() and tmpfile() but has neither (no
 * processes, no temporary files). os.execute and io.tmpfile fail, as they would in any sandbox. */
#include <errno.h>
#include <stdio.h>
int system(const char *command) { (void)command; errno = ENOSYS; return command ? -1 : 0; }
FILE *tmpfile(void) { errno = ENOSYS; return 0; }
