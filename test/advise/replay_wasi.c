/* The replayer on wasm32-wasi under node (run_wasi.mjs): replay.wasm MODE..., the trace compiled in
 * by advise.py as on Cortex-M. The region buffer comes from wasi-libc's own malloc (lite-alloc runs
 * prefixed beside it). No instruction count: node runs the wasm through its JIT. */
#include <stdio.h>
#include <stdlib.h>

#include "replay.h"

void replay_clock(void) {}

unsigned char *replay_region_buffer(size_t n) {
    static unsigned char *buffer;
    static size_t size;
    if (n > size) {
        free(buffer);
        buffer = aligned_alloc(64, (n + 63) & ~(size_t)63);
        size = buffer ? n : 0;
    }
    return buffer;
}

int main(int argc, char **argv) {
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    int rc = replay_main(argc, argv);
    fflush(stdout);
    return rc;
}
