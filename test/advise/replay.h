/* Between replay.c, the allocator under test (alloc_*.c) and the platform (replay_host.c,
 * replay_cm.c, and the trace: loaded from a file on the host, compiled in on Cortex-M). */
#include <stddef.h>
#include <stdint.h>

struct op {
    uint32_t kind; /* 'm' malloc(a), 'c' calloc(a, b), 'a' memalign(a, b), 'r' realloc(id, a), 'f' free(id) */
    uint32_t id;   /* the block: an index below trace_n_ids */
    uint32_t a, b;
};
extern const struct op *trace_ops;
extern uint32_t trace_n_ops, trace_n_ids;
extern void **trace_slots;     /* trace_n_ids pointers */
extern uint32_t *trace_sizes;  /* trace_n_ids sizes */

/* The allocator. ra_region returns 0, -1 (region too small) or -2 (no fixed-region mode). */
void *ra_malloc(size_t n);
void ra_free(void *p);
void *ra_realloc(void *p, size_t n);
void *ra_calloc(size_t c, size_t n);
void *ra_memalign(size_t align, size_t n);
size_t ra_usable(void *p);
int ra_region(void *start, size_t size);
size_t ra_footprint(void);  /* bytes it has taken from the system so far */
int ra_check(void);         /* 0: heap sound */
int ra_limit(size_t bytes); /* caps the memory taken from the system (newlib: _sbrk); -2: cannot */
void ra_print_stats(void);  /* a "stats ..." line */

/* The platform. */
void replay_clock(void);                      /* start / end of the timed replay */
unsigned char *replay_region_buffer(size_t n); /* n bytes, 64-byte aligned, or NULL */
int replay_main(int argc, char **argv);
