/* A long random stream of every operation, checked against a shadow record of every live block. */
#include "suite.h"

#ifndef SUITE_RANDOM_OPS
#define SUITE_RANDOM_OPS 60000
#endif
enum { kSlots = 128 };

struct shadow {
    unsigned char *p;
    size_t n, align;
    unsigned seed;
};

static size_t random_size(uint32_t *rng, size_t cap) {
    uint32_t r = rng_next(rng), kind = r % 100;
    size_t n = kind < 60 ? r % 129 : kind < 90 ? r % 2049 : kind < 99 ? r % 16385 : r % 131073;
    return n % (cap + 1);
}

static void verify_disjoint(struct shadow *s) {
    for (int i = 0; i < kSlots; ++i) {
        if (!s[i].p) continue;
        assert_true(intact(s[i].p, s[i].n, s[i].seed));
        for (int j = i + 1; j < kSlots; ++j) {
            if (!s[j].p) continue;
            size_t ni = malloc_usable_size(s[i].p), nj = malloc_usable_size(s[j].p);
            assert_true(s[i].p + ni <= s[j].p || s[j].p + nj <= s[i].p);
        }
    }
}

static void run_stream(uint32_t seed, size_t cap) {
    struct shadow s[kSlots] = {{0}};
    uint32_t rng = seed;
    for (unsigned op = 0; op < SUITE_RANDOM_OPS; ++op) {
        int i = (int)(rng_next(&rng) % kSlots);
        uint32_t what = rng_next(&rng) % 10;
        size_t n = random_size(&rng, cap);
        if (s[i].p && what < 4) {
            assert_true(intact(s[i].p, s[i].n, s[i].seed));
            free(s[i].p);
            s[i].p = NULL;
        } else if (s[i].p) {
            unsigned char *q = realloc(s[i].p, n);
            if (!q) continue; /* a full region; the block is unchanged */
            assert_true(intact(q, n < s[i].n ? n : s[i].n, s[i].seed));
            assert_aligned(q, s[i].align > MAX_ALIGN ? s[i].align : MAX_ALIGN);
            s[i].p = q, s[i].n = n;
        } else {
            size_t align = MAX_ALIGN;
            unsigned char *p;
            if (what < 5) {
                p = malloc(n);
            } else if (what < 7) {
                p = calloc(1, n);
                if (p) assert_true(all_zero(p, n));
            } else {
                align = (size_t)1 << (rng_next(&rng) % (cap >= 100000 ? 17 : 10));
                p = what == 7 ? aligned_alloc(align, n) : memalign(align, n);
            }
            if (!p) continue;
            assert_aligned(p, align > MAX_ALIGN ? align : MAX_ALIGN);
            s[i] = (struct shadow){p, n, align, op};
        }
        if (s[i].p) {
            assert_true(malloc_usable_size(s[i].p) >= s[i].n);
            s[i].seed = op;
            fill(s[i].p, s[i].n, op);
        }
        if (op % 256 == 0) {
            assert_heap_sound();
            verify_disjoint(s);
        }
    }
    verify_disjoint(s);
    for (int i = 0; i < kSlots; ++i) free(s[i].p);
    assert_heap_sound();
    assert_int_equal(lite_alloc_stats().in_use, 0);
}

static void random_stream_on_the_backend(void **state) {
    (void)state;
    if (!SUITE_HAS_BACKEND) skip();
    use_backend();
    run_stream(0x12345678u, 131072);
}

static void random_stream_in_a_region(void **state) {
    (void)state;
    use_region(SUITE_HEAP_BYTES);
    run_stream(0x9E3779B9u, SUITE_HEAP_BYTES / 64);
}

const struct CMUnitTest random_tests[] = {
    cmocka_unit_test(random_stream_on_the_backend),
    cmocka_unit_test(random_stream_in_a_region),
};
SUITE_GROUP(random_tests);
