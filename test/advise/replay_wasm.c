/* The replayer on wasm32-wasi under node (run_wasi.mjs): replay.wasm MODE..., with the trace file
 * written by advise.py as its standard input, read in windows of operations. Nothing here calls
 * malloc: the block table and the region buffer come from sbrk (memory.grow), so that wasi-libc's
 * dlmalloc never starts in lite-alloc's replayer (it would take the same first piece of memory
 * as lite-alloc's backend, which the release library, replacing dlmalloc, never shares). No
 * instruction count: node runs the wasm through its JIT. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"

uint32_t trace_n_ops, trace_n_ids;
void **trace_slots;
uint32_t *trace_sizes;
static int trace_file = -1;

void replay_clock(void) {}

#define WINDOW 4096 /* operations read at once: 64 KiB */
static struct op window[WINDOW];
static uint32_t window_first = UINT32_MAX, window_n;

static int read_at(uint64_t offset, void *buf, size_t bytes) {
    for (size_t done = 0; done < bytes;) {
        ssize_t got = pread(trace_file, (char *)buf + done, bytes - done, (off_t)(offset + done));
        if (got <= 0) return -1;
        done += (size_t)got;
    }
    return 0;
}

const struct op *trace_window(uint32_t i, uint32_t *n) {
    if (i - window_first >= window_n) {
        window_n = trace_n_ops - i < WINDOW ? trace_n_ops - i : WINDOW;
        window_first = i;
        if (read_at(TRACE_HEADER_BYTES + (uint64_t)i * sizeof(struct op), window, window_n * sizeof(struct op))) {
            window_n = 0;
            return 0;
        }
    }
    *n = window_first + window_n - i;
    return window + (i - window_first);
}

static void *take(size_t n) { /* whole pages (wasi-libc's sbrk grows the memory by pages), or NULL */
    size_t page = 65536;
    if (n > SIZE_MAX - page) return 0;
    void *p = sbrk((intptr_t)((n + page - 1) / page * page));
    return p == (void *)-1 ? 0 : p;
}

unsigned char *replay_region_buffer(size_t *n) { /* one per run */
    static unsigned char *buffer;
    static size_t size;
    if (!buffer && (buffer = take(*n))) size = *n;
    if (*n > size) *n = size;
    return buffer;
}

int main(int argc, char **argv) {
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    if (argc < 2) { fprintf(stderr, "usage: replay MODE... < TRACE.bin\n"); return 2; }
    uint32_t head[3];
    trace_file = 0;
    off_t end = lseek(trace_file, 0, SEEK_END);
    if (read_at(0, head, sizeof head) || memcmp(head, "LAT1", 4) ||
        (uint64_t)end != TRACE_HEADER_BYTES + (uint64_t)head[1] * sizeof(struct op)) {
        fprintf(stderr, "standard input: not a replay file of advise.py\n");
        return 2;
    }
    trace_n_ops = head[1];
    trace_n_ids = head[2];
    trace_slots = take((trace_n_ids + 1) * sizeof(void *)); /* zero: fresh memory */
    trace_sizes = take((trace_n_ids + 1) * sizeof(uint32_t));
    int rc = trace_slots && trace_sizes ? replay_main(argc, argv) : 2;
    fflush(stdout);
    return rc;
}
