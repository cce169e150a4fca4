/* Running out of memory, at every point it can happen: NULL and ENOMEM, nothing live harmed. */
#include "suite.h"

enum { kLive = 48 };
struct live {
    unsigned char *p;
    size_t n;
};

static void verify_all(const struct live *blocks) {
    for (int i = 0; i < kLive; ++i)
        if (blocks[i].p) assert_true(intact(blocks[i].p, blocks[i].n, (unsigned)i));
}

/* A fixed script of requests that needs the heap to grow several times. Each request either works
 * or fails with ENOMEM; a failed realloc leaves its block as it was. Returns how many failed. */
static int run_script(struct live *blocks, size_t scale) {
    int failures = 0;
    for (int step = 0; step < 3 * kLive; ++step) {
        int i = (step * 7) % kLive;
        size_t n = ((size_t)(step % 5 == 0 ? 3000 : 40) * (size_t)(step % 9 + 1)) * scale / 8 + 1;
        errno = 0;
        if (!blocks[i].p) {
            unsigned char *p = step % 3 == 0 ? aligned_alloc(256, n) : step % 3 == 1 ? calloc(1, n) : malloc(n);
            if (!p) {
                assert_int_equal(errno, ENOMEM);
                ++failures;
                continue;
            }
            if (step % 3 == 1) assert_true(all_zero(p, n));
            blocks[i].p = p, blocks[i].n = n;
            fill(p, n, (unsigned)i);
        } else if (step % 2) {
            unsigned char *q = realloc(blocks[i].p, n);
            if (!q) {
                assert_int_equal(errno, ENOMEM);
                ++failures;
                continue;
            }
            assert_true(intact(q, n < blocks[i].n ? n : blocks[i].n, (unsigned)i));
            blocks[i].p = q, blocks[i].n = n;
            fill(q, n, (unsigned)i);
        } else {
            free(blocks[i].p);
            blocks[i].p = NULL;
        }
        verify_all(blocks);
    }
    assert_heap_sound();
    return failures;
}

static void free_all(struct live *blocks) {
    for (int i = 0; i < kLive; ++i) free(blocks[i].p), blocks[i].p = NULL;
    assert_heap_sound();
    assert_int_equal(lite_alloc_stats().in_use, 0);
}

/* The backend grants k requests and refuses the rest, for every k until the script stops failing. */
static void every_refused_growth_is_clean(void **state) {
    (void)state;
    if (!SUITE_HAS_BACKEND) skip();
    int budget = 0;
    for (;; ++budget) {
        struct live blocks[kLive] = {{0}};
        use_backend();
        lite_alloc_set_grow_budget(budget);
        int failures = run_script(blocks, 8);
        size_t claimed = lite_alloc_stats().claimed;
        lite_alloc_set_grow_budget(0); /* the heap keeps working in the memory it has */
        free_all(blocks);
        void *p = malloc(64);
        if (claimed) assert_non_null(p); /* with no memory at all (budget 0) it must fail cleanly */
        else assert_null(p);
        free(p);
        assert_int_equal(lite_alloc_stats().claimed, claimed);
        if (!failures) break;
        assert_true(budget < 200);
    }
    assert_true(budget > 1); /* the script did need the heap to grow */
}

/* A fixed region of every size from tiny to ample: the same script, then the heap still works. */
static void every_region_size_is_clean(void **state) {
    (void)state;
    size_t scale = SUITE_HEAP_BYTES >= (1u << 20) ? 8 : 1;
    for (size_t bytes = 64; bytes <= SUITE_HEAP_BYTES; bytes = bytes * 5 / 4 + 16) {
        struct live blocks[kLive] = {{0}};
        use_region(bytes);
        run_script(blocks, scale);
        free_all(blocks);
        lite_alloc_stats_t s = lite_alloc_stats();
        assert_true(s.free_bytes + 64 >= bytes); /* all of it is usable again */
        /* fill the region with small blocks until it refuses, then they must all be intact */
        unsigned char *last = NULL;
        unsigned count = 0;
        for (unsigned char *p; (p = malloc(24)) != NULL; ++count) {
            memcpy(p, &last, sizeof last);
            fill(p + sizeof last, 24 - sizeof last, count);
            last = p;
        }
        assert_int_equal(errno, ENOMEM);
        assert_heap_sound();
        while (last) {
            --count;
            assert_true(intact(last + sizeof last, 24 - sizeof last, count));
            unsigned char *prev;
            memcpy(&prev, last, sizeof prev);
            free(last);
            last = prev;
        }
        assert_heap_sound();
    }
}

/* A full fixed heap whose free blocks lie side by side serves a request as large as their run, in
 * their place, and what it leaves of the run still serves: freelist merges blocks when they are
 * freed, bump_freelist and segregated_bump when the heap cannot grow (one walk, then a split).
 * Built with LITE_ALLOC_MERGE=0, those two fail the request instead, and nothing changes. */
static void a_full_heap_merges_free_neighbours(void **state) {
    (void)state;
    enum { kMax = 256, kFirst = 10, kRun = 10 };
    unsigned char *blocks[kMax];
    int n = 0;
    use_region(4096);
    while (n < kMax && (blocks[n] = malloc(48)) != NULL) fill(blocks[n], 48, (unsigned)n), ++n;
    assert_true(n > kFirst + kRun && n < kMax); /* the region is full */
    for (int i = kFirst; i < kFirst + kRun; ++i) free(blocks[i]);
    assert_heap_sound();
    if (!SUITE_MERGE && strcmp(lite_alloc_strategy(), "freelist") != 0) {
        errno = 0;
        assert_null(malloc(8 * 48));
        assert_int_equal(errno, ENOMEM);
        assert_heap_sound();
        for (int i = kFirst; i < kFirst + kRun; ++i) { /* the freed blocks serve their own size again */
            unsigned char *p = malloc(48);
            assert_true(p >= blocks[kFirst] && p <= blocks[kFirst + kRun - 1]);
            fill(p, 48, 2000u + (unsigned)i);
        }
        assert_null(malloc(48));
        assert_heap_sound();
        for (int i = 0; i < n; ++i)
            if (i < kFirst || i >= kFirst + kRun) assert_true(intact(blocks[i], 48, (unsigned)i));
        return;
    }
    unsigned char *big = malloc(8 * 48), *rest = malloc(48);
    assert_non_null(big);
    assert_true(big >= blocks[kFirst] && big + 8 * 48 <= blocks[kFirst + kRun - 1] + 48);
    assert_non_null(rest); /* the rest of the run, split off */
    assert_true(rest > big && rest + 48 <= blocks[kFirst + kRun - 1] + 48);
    fill(big, 8 * 48, 1000), fill(rest, 48, 1001);
    assert_heap_sound();
    for (int i = 0; i < n; ++i)
        if (i < kFirst || i >= kFirst + kRun) assert_true(intact(blocks[i], 48, (unsigned)i)), free(blocks[i]);
    assert_true(intact(big, 8 * 48, 1000) && intact(rest, 48, 1001));
    free(big), free(rest);
    assert_heap_sound();
    assert_int_equal(lite_alloc_stats().in_use, 0);
    unsigned char *all = malloc(2048); /* everything merges again */
    assert_non_null(all);
    free(all);
    assert_heap_sound();
}

/* A growing heap, more than half of it freed in one run of blocks, and a request larger than any of
 * them that the bump space cannot hold: freelist (which merges on free) and LITE_ALLOC_MERGE=2 serve
 * it from the run, in place, without growing; bump_freelist and segregated_bump as shipped
 * (LITE_ALLOC_MERGE=1) grow the heap for it, above every block; LITE_ALLOC_MERGE=0 too. */
static void a_growing_heap_merges_once_half_is_freed(void **state) {
    (void)state;
    if (!SUITE_HAS_BACKEND) skip();
    enum { kBlocks = 100, kFreed = 80, kUnit = 1000, kBig = 60000 };
    unsigned char *blocks[kBlocks];
    use_backend();
    for (int i = 0; i < kBlocks; ++i) {
        blocks[i] = malloc(kUnit);
        assert_non_null(blocks[i]);
        fill(blocks[i], kUnit, (unsigned)i);
    }
    for (int i = 0; i < kFreed; ++i) free(blocks[i]);
    lite_alloc_stats_t before = lite_alloc_stats();
    assert_true(2 * before.free_bytes > before.claimed);      /* more than half freed */
    assert_true(before.free_bytes >= (size_t)kFreed * kUnit); /* below the live blocks */
    /* (a backend whose spans are apart, as the wasm32 harness's, leaves gap blocks in the run) */
    int one_run = 1;
    for (int i = 1; i < kFreed; ++i) one_run &= blocks[i] - blocks[i - 1] == blocks[1] - blocks[0];
    unsigned char *big = malloc(kBig);
    assert_non_null(big);
    fill(big, kBig, 1000);
    int in_place = SUITE_MERGE == 2 || strcmp(lite_alloc_strategy(), "freelist") == 0;
    if (one_run && in_place) {
        assert_true(big >= blocks[0] && big + kBig <= blocks[kFreed - 1] + kUnit);
        assert_int_equal(lite_alloc_stats().claimed, before.claimed);
    } else if (one_run) {
        assert_true(big > blocks[kBlocks - 1]);
        assert_true(lite_alloc_stats().claimed > before.claimed);
    }
    assert_heap_sound();
    for (int i = kFreed; i < kBlocks; ++i) assert_true(intact(blocks[i], kUnit, (unsigned)i)), free(blocks[i]);
    assert_true(intact(big, kBig, 1000));
    free(big);
    assert_heap_sound();
    assert_int_equal(lite_alloc_stats().in_use, 0);
}

const struct CMUnitTest exhaustion_tests[] = {
    cmocka_unit_test(a_full_heap_merges_free_neighbours),
    cmocka_unit_test(a_growing_heap_merges_once_half_is_freed),
    cmocka_unit_test(every_refused_growth_is_clean),
    cmocka_unit_test(every_region_size_is_clean),
};
SUITE_GROUP(exhaustion_tests);
