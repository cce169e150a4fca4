/* Between replay.c, the allocator under test (alloc_*.c) and the platform (replay_host.c,
 * replay_cm.c, replay_wasi.c, replay_em.c: each reads the trace file written by advise.py). */
#include <stddef.h>
#include <stdint.h>

struct op {
    uint32_t kind; /* 'm' malloc(a), 'c' calloc(a, b), 'a' memalign(a, b), 'r' realloc(id, a), 'f' free(id) */
    uint32_t id;   /* the block: an index below trace_n_ids */
    uint32_t a, b;
};
/* The trace file ("LAT1", the number of operations and of block ids, then the operations,
 * little-endian 32-bit words), opened by the platform before replay_main. */
#define TRACE_HEADER_BYTES 12
extern uint32_t trace_n_ops, trace_n_ids;
extern void **trace_slots;     /* trace_n_ids pointers */
extern uint32_t *trace_sizes;  /* trace_n_ids sizes */
/* Operation i and those after it that are in memory with it: their number in *n (at least 1), or
 * NULL when the file cannot be read. Streamed in windows where memory is small (Cortex-M, wasm). */
const struct op *trace_window(uint32_t i, uint32_t *n);

/* The allocator. ra_region returns 0, -1 (region too small) or -2 (no fixed-region mode).
 * ra_footprint is O(1): the replayer samples it after every call. */
void *ra_malloc(size_t n);
void ra_free(void *p);
void *ra_realloc(void *p, size_t n);
void *ra_calloc(size_t c, size_t n);
void *ra_memalign(size_t align, size_t n);
size_t ra_usable(void *p);
int ra_region(void *start, size_t size);
size_t ra_footprint(void);  /* bytes it has taken from the system so far, counted where it grows */
size_t ra_footprint_own(void); /* the same by the allocator's own account (may walk the heap) */
void ra_gone(void *p);      /* run: block p is about to be freed or reallocated */
void ra_got(void *p);       /* run: block p was just returned */
int ra_check(void);         /* 0: heap sound */
int ra_limit(size_t bytes); /* caps the memory taken from the system (newlib: _sbrk); -2: cannot */
void ra_print_stats(void);  /* a "stats ..." line */

/* The platform. */
void replay_clock(void);                          /* start / end of the timed replay */
unsigned char *replay_region_buffer(size_t *n);   /* up to *n bytes, 64-byte aligned: *n says how many */
int replay_main(int argc, char **argv);
