/* The replayer on the host: replay TRACE.bin MODE... (TRACE.bin written by advise.py: "LAT1",
 * the number of operations and of block ids, then the operations, little-endian 32-bit words).
 * Every buffer of the replayer comes from mmap, so the allocator under test serves only the trace. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "replay.h"

static const struct op *trace_ops;
uint32_t trace_n_ops, trace_n_ids;
void **trace_slots;
uint32_t *trace_sizes;

void replay_clock(void) {}

static void *map(size_t n) {
    void *p = mmap(0, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? 0 : p;
}

unsigned char *replay_region_buffer(size_t *n) { return map(*n); } /* page-aligned, any size */

const struct op *trace_window(uint32_t i, uint32_t *n) { /* the whole file is mapped */
    *n = trace_n_ops - i;
    return trace_ops + i;
}

int main(int argc, char **argv) {
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out); /* no stdio buffer from the allocator under test */
    if (argc < 3) { fprintf(stderr, "usage: replay TRACE.bin MODE...\n"); return 2; }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 12) { perror(argv[1]); return 2; }
    const uint32_t *w = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (w == MAP_FAILED || memcmp(w, "LAT1", 4) || (size_t)st.st_size != TRACE_HEADER_BYTES + (size_t)w[1] * sizeof(struct op)) {
        fprintf(stderr, "%s: not a replay file of advise.py\n", argv[1]);
        return 2;
    }
    trace_n_ops = w[1];
    trace_n_ids = w[2];
    trace_ops = (const struct op *)(w + 3);
    trace_slots = map(trace_n_ids * sizeof(void *));
    trace_sizes = map(trace_n_ids * sizeof(uint32_t));
    int rc = replay_main(argc - 1, argv + 1);
    fflush(stdout);
    return rc;
}
