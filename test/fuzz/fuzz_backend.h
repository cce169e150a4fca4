/* The fuzz target's pool backend (fuzz_backend.cpp), seen from the harness. */
#pragma once

#include <stddef.h>

#define FUZZ_POOL_BYTES (8u << 20)
/* Every span is recorded (a block in an unrecorded one would look foreign, a false alarm that once
 * stopped long campaigns after 256 spans): the arena asks for at least 48 bytes a span, so the pool
 * cannot hold more than this; the backend refuses the next one if it ever could. */
#define FUZZ_MAX_SPANS (FUZZ_POOL_BYTES / 32)

struct fuzz_span {
    char *start;
    size_t size;
};

struct fuzz_backend {
    char *pool;
    size_t chunk;          /* spans are multiples of this */
    unsigned gap_pattern;  /* two bits per span: adjacent, a few words apart, 8 bytes, a page */
    size_t limit;          /* bytes of the pool this input may use */
    size_t used;
    unsigned requests, granted;
    struct fuzz_span spans[FUZZ_MAX_SPANS];
};

#ifdef __cplusplus
extern "C" {
#endif
extern struct fuzz_backend g_fuzz_backend;
void fuzz_backend_reset(size_t chunk, unsigned gap_pattern, size_t limit);
#ifdef __cplusplus
}
#endif
