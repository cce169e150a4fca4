/* What each strategy promises beyond the ABI: reuse, in-place realloc, coalescing. */
#include "suite.h"

static int is(const char *name) { return strcmp(lite_alloc_strategy(), name) == 0; }

static void freed_block_is_reused_first(void **state) {
    (void)state;
    use_fresh_heap();
    void *keep = malloc(8);
    void *p = malloc(100);
    void *guard = malloc(8);
    free(p);
    void *q = malloc(100);
    assert_ptr_equal(p, q); /* every strategy reuses the exact block */
    free(q), free(guard), free(keep);
    assert_heap_sound();
}

static void realloc_grows_in_place_at_the_top(void **state) {
    (void)state;
    use_fresh_heap();
    unsigned char *p = malloc(100);
    fill(p, 100, 1);
    for (size_t n = 200; n <= SUITE_AT_MOST(12800, 2); n *= 2) {
        unsigned char *q = realloc(p, n);
        assert_ptr_equal(q, p);
        assert_true(intact(q, 100, 1));
    }
    free(p);
    assert_heap_sound();
}

static void steady_loops_reach_a_fixed_footprint(void **state) {
    (void)state;
    use_fresh_heap();
    const size_t sizes[] = {5000, 24, SUITE_HEAP_BYTES / 10, 130, 7};
    void *first = malloc(1);
    size_t claimed = 0;
    for (int round = 0; round < 2000; ++round) {
        void *a = malloc(sizes[round % 5]), *b = malloc(sizes[(round + 2) % 5]);
        assert_non_null(a);
        assert_non_null(b);
        free(a), free(b);
        if (round == 10) claimed = lite_alloc_stats().claimed;
        if (round > 10) assert_int_equal(lite_alloc_stats().claimed, claimed);
    }
    free(first);
    assert_heap_sound();
}

/* A block shrunk in place and then freed must be reusable by the next round's larger request:
 * once it was filed small and the heap grew 64 bytes a pass (found by the fuzzing work). */
static void steady_realloc_loops_reach_a_fixed_footprint(void **state) {
    (void)state;
    use_fresh_heap();
    size_t claimed = 0;
    for (int round = 0; round < 5000; ++round) {
        unsigned char *p = malloc(100);
        assert_non_null(p);
        fill(p, 100, 9);
        p = realloc(p, 50);
        assert_true(intact(p, 50, 9));
        free(p);
        if (round == 1) claimed = lite_alloc_stats().claimed;
        if (round > 1) assert_int_equal(lite_alloc_stats().claimed, claimed);
    }
    assert_heap_sound();
}

/* With nothing live, a tiny region must serve again whatever it served before. */
static void tiny_region_serves_again_once_empty(void **state) {
    (void)state;
    static _Alignas(64) unsigned char region[256];
    for (size_t bytes = 48; bytes <= sizeof region; bytes += 16) {
        if (lite_alloc_init_region(region, bytes) != 0) continue; /* cannot hold one block: refused */
        void *p = malloc(0);
        if (!p) continue; /* segregated_bump's smallest class block may not fit */
        p = realloc(p, 0);
        free(p);
        void *q = malloc(0);
        assert_non_null(q);
        free(q);
        assert_int_equal(lite_alloc_stats().in_use, 0);
        assert_heap_sound();
    }
}

static void freelist_coalesces_both_neighbours(void **state) {
    (void)state;
    if (!is("freelist")) skip();
    use_region(SUITE_HEAP_BYTES);
    unsigned char *a = malloc(100), *b = malloc(200), *c = malloc(300), *top_guard = malloc(8);
    free(a), free(c), free(b); /* b's release merges with both */
    assert_heap_sound(); /* lite_alloc_check fails on two adjacent free blocks */
    unsigned char *all = malloc(560); /* fits only in the merged block */
    assert_ptr_equal(all, a);
    free(all), free(top_guard);
    lite_alloc_stats_t s = lite_alloc_stats();
    assert_int_equal(s.in_use, 0);
    assert_true(s.free_bytes > SUITE_HEAP_BYTES - 256); /* everything went back to the bump space */
}

static void freelist_realloc_grows_into_free_neighbour(void **state) {
    (void)state;
    if (!is("freelist")) skip();
    use_region(SUITE_HEAP_BYTES);
    unsigned char *a = malloc(100), *b = malloc(400), *guard = malloc(8);
    fill(a, 100, 1), fill(guard, 8, 2);
    free(b);
    unsigned char *grown = realloc(a, 300);
    assert_ptr_equal(grown, a);
    assert_true(intact(grown, 100, 1));
    assert_heap_sound();
    unsigned char *rest = malloc(150); /* the neighbour's remainder is still free and usable */
    assert_true(rest > grown && rest < guard);
    assert_true(intact(guard, 8, 2));
    free(rest), free(grown), free(guard);
    assert_heap_sound();
}

static void segregated_bins_are_lifo_and_exact(void **state) {
    (void)state;
    if (!is("segregated_bump")) skip();
    use_region(SUITE_HEAP_BYTES);
    void *small[4];
    for (int c = 0; c < 4; ++c) small[c] = malloc(16u << c);
    for (int c = 0; c < 4; ++c) free(small[c]);
    for (int c = 3; c >= 0; --c) assert_ptr_equal(malloc((16u << c) - 3), small[c]);
    assert_heap_sound();
}

const struct CMUnitTest strategy_tests[] = {
    cmocka_unit_test(freed_block_is_reused_first),
    cmocka_unit_test(realloc_grows_in_place_at_the_top),
    cmocka_unit_test(steady_loops_reach_a_fixed_footprint),
    cmocka_unit_test(steady_realloc_loops_reach_a_fixed_footprint),
    cmocka_unit_test(tiny_region_serves_again_once_empty),
    cmocka_unit_test(freelist_coalesces_both_neighbours),
    cmocka_unit_test(freelist_realloc_grows_into_free_neighbour),
    cmocka_unit_test(segregated_bins_are_lifo_and_exact),
};
SUITE_GROUP(strategy_tests);
