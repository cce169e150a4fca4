/* Every function of the C ABI and every error path, for whichever strategy the library has. */
#include "suite.h"

static void malloc_gives_aligned_disjoint_blocks(void **state) {
    (void)state;
    use_fresh_heap();
    enum { kCount = 160 };
    void *blocks[kCount];
    for (unsigned i = 0; i < kCount; ++i) {
        size_t n = SUITE_AT_MOST(i < 130 ? i : (size_t)i * 97, 256);
        blocks[i] = malloc(n);
        assert_non_null(blocks[i]);
        assert_aligned(blocks[i], MAX_ALIGN);
        assert_true(malloc_usable_size(blocks[i]) >= n);
        fill(blocks[i], malloc_usable_size(blocks[i]), i);
    }
    for (unsigned i = 0; i < kCount; ++i) assert_true(intact(blocks[i], malloc_usable_size(blocks[i]), i));
    assert_heap_sound();
    lite_alloc_stats_t s = lite_alloc_stats();
    assert_true(s.in_use > 0 && s.peak_in_use >= s.in_use);
    for (unsigned i = 0; i < kCount; i += 2) free(blocks[i]);
    assert_heap_sound();
    for (unsigned i = 1; i < kCount; i += 2) assert_true(intact(blocks[i], malloc_usable_size(blocks[i]), i));
    for (unsigned i = 1; i < kCount; i += 2) free(blocks[i]);
    assert_heap_sound();
    assert_int_equal(lite_alloc_stats().in_use, 0);
    free(NULL);
}

static void malloc_zero_gives_unique_blocks(void **state) {
    (void)state;
    use_fresh_heap();
    void *a = malloc(0), *b = malloc(0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    free(a);
    free(b);
    assert_heap_sound();
}

static void impossible_sizes_fail_with_enomem(void **state) {
    (void)state;
    use_fresh_heap();
    const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - MAX_ALIGN, SIZE_MAX / 2 + 1, PTRDIFF_MAX};
    size_t failed = lite_alloc_stats().failed_requests;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; ++i) {
        assert_fails_with(malloc(sizes[i]), ENOMEM);
        assert_fails_with(calloc(1, sizes[i]), ENOMEM);
        assert_fails_with(aligned_alloc(64, sizes[i]), ENOMEM);
    }
    assert_int_equal(lite_alloc_stats().failed_requests, failed + 3 * (sizeof sizes / sizeof *sizes));
    assert_heap_sound();
    void *p = malloc(100);  /* still usable */
    assert_non_null(p);
    free(p);
}

static void calloc_zeroes_reused_memory(void **state) {
    (void)state;
    use_fresh_heap();
    for (size_t n = 1; n <= SUITE_AT_MOST(4096, 4); n = n * 3 + 1) {
        unsigned char *dirty = malloc(n);
        assert_non_null(dirty);
        memset(dirty, 0xA5, malloc_usable_size(dirty));
        free(dirty);
        unsigned char *z = calloc(n, 1);
        assert_non_null(z);
        assert_true(all_zero(z, n));
        unsigned char *fresh = calloc(3, n);
        assert_non_null(fresh);
        assert_true(all_zero(fresh, 3 * n));
        memset(fresh, 0x5A, 3 * n);
        free(z);
        free(fresh);
    }
    void *a = calloc(0, 16), *b = calloc(16, 0);
    assert_non_null(a);
    assert_non_null(b);
    free(a);
    free(b);
    assert_heap_sound();
}

static void calloc_overflow_fails_with_enomem(void **state) {
    (void)state;
    use_fresh_heap();
    const size_t half = (size_t)1 << (sizeof(size_t) * 4);
    assert_fails_with(calloc(half, half), ENOMEM);          /* product wraps to exactly 0 */
    assert_fails_with(calloc(half + 1, half), ENOMEM);      /* wraps to a small number */
    assert_fails_with(calloc(SIZE_MAX, SIZE_MAX), ENOMEM);
    assert_fails_with(calloc(SIZE_MAX / 2 + 1, 2), ENOMEM);
    assert_fails_with(calloc(2, SIZE_MAX / 2 + 1), ENOMEM);
    assert_heap_sound();
}

static void realloc_null_is_malloc_and_copies_min(void **state) {
    (void)state;
    use_fresh_heap();
    unsigned char *p = realloc(NULL, 40);
    assert_non_null(p);
    assert_aligned(p, MAX_ALIGN);
    fill(p, 40, 1);
    void *guard = malloc(40); /* p is not on top: growth must move or use a free neighbour */
    fill(guard, 40, 2);
    for (size_t n = 40; n <= SUITE_AT_MOST(40000, 8); n = n * 2 + 7) {
        p = realloc(p, n * 2);
        assert_non_null(p);
        assert_aligned(p, MAX_ALIGN);
        assert_true(intact(p, n < 40 ? n : 40, 1));
        fill(p, n * 2, 1);
    }
    for (size_t n = SUITE_AT_MOST(30000, 8); n >= 8; n /= 3) { /* shrinking keeps the first n bytes */
        p = realloc(p, n);
        assert_non_null(p);
        assert_true(intact(p, n, 1));
        assert_heap_sound();
    }
    assert_true(intact(guard, 40, 2));
    free(p);
    free(guard);
    assert_heap_sound();
}

static void realloc_to_zero_keeps_a_minimum_block(void **state) {
    (void)state;
    use_fresh_heap();
    void *p = malloc(100);
    void *q = realloc(p, 0);
    assert_ptr_equal(p, q); /* documented: shrinks in place, NULL only ever means failure */
    assert_true(malloc_usable_size(q) < 100);
    free(q);
    assert_heap_sound();
}

static void failed_realloc_leaves_block_untouched(void **state) {
    (void)state;
    use_region(SUITE_HEAP_BYTES < 64 * 1024 ? SUITE_HEAP_BYTES : 64 * 1024);
    unsigned char *p = malloc(1000);
    fill(p, 1000, 7);
    assert_fails_with(realloc(p, SIZE_MAX), ENOMEM);
    assert_fails_with(realloc(p, SIZE_MAX / 2), ENOMEM);
    assert_fails_with(realloc(p, 1u << 20), ENOMEM); /* more than the region holds */
    assert_true(intact(p, 1000, 7));
    assert_int_equal(malloc_usable_size(p) >= 1000, 1);
    assert_heap_sound();
    p = realloc(p, 2000); /* and it still grows when it can */
    assert_non_null(p);
    assert_true(intact(p, 1000, 7));
    free(p);
    assert_heap_sound();
}

static void aligned_functions_honour_every_power_of_two(void **state) {
    (void)state;
    use_fresh_heap();
    size_t top = SUITE_HEAP_BYTES >= (1u << 19) ? 65536 : SUITE_FRESH_BYTES >= (1u << 14) ? 1024 : 256;
    for (size_t align = 1; align <= top; align *= 2) {
        for (size_t n = 1; n <= SUITE_AT_MOST(3000, 16); n = n * 5 + 3) {
            void *a = aligned_alloc(align, n), *m = memalign(align, n), *pm = NULL;
            int rc = posix_memalign(&pm, align < sizeof(void *) ? sizeof(void *) : align, n);
            assert_int_equal(rc, 0);
            void *blocks[] = {a, m, pm};
            for (int i = 0; i < 3; ++i) {
                assert_non_null(blocks[i]);
                assert_aligned(blocks[i], align > MAX_ALIGN ? align : MAX_ALIGN);
                assert_true(malloc_usable_size(blocks[i]) >= n);
                fill(blocks[i], n, (unsigned)(align + n + i));
            }
            assert_heap_sound();
            for (int i = 0; i < 3; ++i) assert_true(intact(blocks[i], n, (unsigned)(align + n + i)));
            for (int i = 0; i < 3; ++i) free(blocks[i]);
        }
    }
    assert_heap_sound();
    assert_int_equal(lite_alloc_stats().in_use, 0);
}

static void bad_alignments_are_rejected(void **state) {
    (void)state;
    use_fresh_heap();
    const size_t bad[] = {0, 3, 6, 24, 48, 100, SIZE_MAX};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
        assert_fails_with(aligned_alloc(bad[i], 16), EINVAL);
        assert_fails_with(memalign(bad[i], 16), EINVAL);
        void *out = &out;
        errno = 0;
        assert_int_equal(posix_memalign(&out, bad[i], 16), EINVAL);
        assert_ptr_equal(out, &out); /* untouched */
    }
    void *out = &out;
    assert_int_equal(posix_memalign(&out, sizeof(void *) / 2, 16), EINVAL); /* not a multiple of sizeof(void *) */
    assert_ptr_equal(out, &out);
    assert_int_equal(posix_memalign(&out, 64, SIZE_MAX - 8), ENOMEM);
    assert_ptr_equal(out, &out);
    size_t huge_align = (size_t)1 << (sizeof(size_t) * 8 - 1);
    assert_fails_with(aligned_alloc(huge_align, 1), ENOMEM);
    assert_fails_with(aligned_alloc(SIZE_MAX / 4 + 1, SIZE_MAX / 4), ENOMEM);
    assert_heap_sound();
}

static void realloc_keeps_an_aligned_blocks_alignment(void **state) {
    (void)state;
    use_fresh_heap();
    for (size_t align = 64; align <= 4096; align *= 4) {
        unsigned char *p = aligned_alloc(align, 100);
        assert_non_null(p);
        fill(p, 100, 3);
        void *guard = malloc(8); /* keeps p from growing in place */
        unsigned char *q = realloc(p, 5000);
        assert_non_null(q);
        assert_aligned(q, align);
        assert_true(intact(q, 100, 3));
        q = realloc(q, 50); /* shrinking stays put */
        assert_aligned(q, align);
        assert_true(intact(q, 50, 3));
        free(q);
        free(guard);
    }
    assert_heap_sound();
}

static void usable_size_is_really_usable(void **state) {
    (void)state;
    use_fresh_heap();
    assert_int_equal(malloc_usable_size(NULL), 0);
    void *blocks[64];
    for (unsigned i = 0; i < 64; ++i) {
        blocks[i] = malloc(i * 7 + 1);
        fill(blocks[i], malloc_usable_size(blocks[i]), i);
    }
    for (unsigned i = 0; i < 64; ++i) assert_true(intact(blocks[i], malloc_usable_size(blocks[i]), i));
    assert_heap_sound();
    for (unsigned i = 0; i < 64; ++i) free(blocks[i]);
}

static void stats_follow_the_heap(void **state) {
    (void)state;
    use_region(SUITE_HEAP_BYTES);
    lite_alloc_stats_t s = lite_alloc_stats();
    assert_int_equal(s.claimed, SUITE_HEAP_BYTES);
    assert_int_equal(s.in_use, 0);
    assert_true(s.free_bytes > SUITE_HEAP_BYTES - 256 && s.free_bytes <= SUITE_HEAP_BYTES);
    void *a = malloc(1000), *b = malloc(3000);
    s = lite_alloc_stats();
    assert_true(s.in_use >= 4000 && s.in_use <= 4000 + 4 * MAX_ALIGN);
    size_t peak = s.peak_in_use;
    assert_int_equal(peak, s.in_use);
    free(b);
    s = lite_alloc_stats();
    assert_true(s.in_use >= 1000 && s.in_use < 2000);
    assert_int_equal(s.peak_in_use, peak);
    assert_true(s.in_use + s.free_bytes <= s.claimed && s.in_use + s.free_bytes > s.claimed - 256);
    assert_null(malloc(SUITE_HEAP_BYTES));
    assert_int_equal(lite_alloc_stats().failed_requests, 1);
    free(a);
    assert_int_equal(lite_alloc_stats().in_use, 0);
}

static void check_finds_a_broken_header(void **state) {
    (void)state;
    if (SUITE_CHECKED) skip(); /* the checked build aborts on it: test/trust covers that */
    use_region(SUITE_HEAP_BYTES);
    /* (b larger than freelist's quick lists take, on wasi and Emscripten: freed, it is a free block) */
    unsigned char *a = malloc(24), *b = malloc(200), *c = malloc(24);
    (void)c;
    assert_heap_sound();
    size_t word = sizeof(size_t), saved;
    allow_poke(b - word, 2 * word);
    memcpy(&saved, b - word, word);
    memset(b - word, 0x7F, word); /* what an overflow of a would do to b's header */
    assert_int_not_equal(lite_alloc_check(), 0);
    memcpy(b - word, &saved, word);
    assert_heap_sound();
    free(b);
    allow_poke(b - word, 2 * word);
    memcpy(&saved, b, word);
    memset(b, 0x11, word); /* a write after free, into the free block's list link */
    int code = lite_alloc_check();
    memcpy(b, &saved, word);
    assert_heap_sound();
    (void)code; /* a stray link may still look valid; the header case above must be caught */
    memcpy(&saved, b - word, word);
    size_t flagged = saved | 4; /* a flag in a free block's header, whose size the code reads unmasked */
    memcpy(b - word, &flagged, word);
    assert_int_equal(lite_alloc_check(), 1);
    memcpy(b - word, &saved, word);
    assert_heap_sound();
    assert_non_null(lite_alloc_check_message(1));
    free(a);
}

/* A small freed block (on freelist's quick lists where wasi and Emscripten keep them, marked in
 * use) with a flag written into its header: lite_alloc_check names it on every strategy. */
static void check_finds_a_small_freed_blocks_broken_header(void **state) {
    (void)state;
    if (SUITE_CHECKED) skip(); /* the checked build aborts on it: test/trust covers that */
    use_region(SUITE_HEAP_BYTES);
    unsigned char *a = malloc(24), *b = malloc(24), *c = malloc(24);
    free(b);
    assert_heap_sound();
    size_t word = sizeof(size_t), saved, flagged;
    allow_poke(b - word, word);
    memcpy(&saved, b - word, word);
    flagged = saved | 4;
    memcpy(b - word, &flagged, word);
    assert_int_not_equal(lite_alloc_check(), 0);
    memcpy(b - word, &saved, word);
    assert_heap_sound();
    free(a);
    free(c);
    assert_heap_sound();
}

static void init_region_rejects_what_cannot_hold_a_block(void **state) {
    (void)state;
    static _Alignas(16) unsigned char tiny[64];
    assert_int_equal(lite_alloc_init_region(tiny, 4), -1);
    assert_int_equal(lite_alloc_init_region(tiny, sizeof tiny), 0);
    void *p = malloc(8);
    assert_non_null(p);
    assert_true((unsigned char *)p >= tiny && (unsigned char *)p < tiny + sizeof tiny);
    assert_fails_with(malloc(64), ENOMEM);
    assert_heap_sound();
    use_fresh_heap();
}

const struct CMUnitTest api_tests[] = {
    cmocka_unit_test(malloc_gives_aligned_disjoint_blocks),
    cmocka_unit_test(malloc_zero_gives_unique_blocks),
    cmocka_unit_test(impossible_sizes_fail_with_enomem),
    cmocka_unit_test(calloc_zeroes_reused_memory),
    cmocka_unit_test(calloc_overflow_fails_with_enomem),
    cmocka_unit_test(realloc_null_is_malloc_and_copies_min),
    cmocka_unit_test(realloc_to_zero_keeps_a_minimum_block),
    cmocka_unit_test(failed_realloc_leaves_block_untouched),
    cmocka_unit_test(aligned_functions_honour_every_power_of_two),
    cmocka_unit_test(bad_alignments_are_rejected),
    cmocka_unit_test(realloc_keeps_an_aligned_blocks_alignment),
    cmocka_unit_test(usable_size_is_really_usable),
    cmocka_unit_test(stats_follow_the_heap),
    cmocka_unit_test(check_finds_a_broken_header),
    cmocka_unit_test(check_finds_a_small_freed_blocks_broken_header),
    cmocka_unit_test(init_region_rejects_what_cannot_hold_a_block),
};
SUITE_GROUP(api_tests);
