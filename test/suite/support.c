#include "suite.h"

static _Alignas(65536) unsigned char g_region[SUITE_HEAP_BYTES];

void use_region(size_t bytes) {
    assert_true(bytes <= sizeof g_region);
    assert_int_equal(lite_alloc_init_region(g_region, bytes), 0);
    lite_alloc_set_grow_budget(-1);
    assert_heap_sound();
}

void use_backend(void) {
    assert_int_equal(lite_alloc_init_region(NULL, 0), 0);
    lite_alloc_set_grow_budget(-1);
    assert_heap_sound();
}

void use_fresh_heap(void) {
    if (SUITE_HAS_BACKEND) use_backend();
    else use_region(sizeof g_region);
}

static unsigned char pattern(size_t i, unsigned seed) { return (unsigned char)((i * 131u) ^ (seed * 2654435761u) ^ (i >> 8)); }

void fill(void *p, size_t n, unsigned seed) {
    unsigned char *b = p;
    for (size_t i = 0; i < n; ++i) b[i] = pattern(i, seed);
}

int intact(const void *p, size_t n, unsigned seed) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; ++i)
        if (b[i] != pattern(i, seed)) return 0;
    return 1;
}

int all_zero(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; ++i)
        if (b[i]) return 0;
    return 1;
}

uint32_t rng_next(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    return *state = x;
}
