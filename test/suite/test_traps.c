/* The three bugs of the Rust design this library was ported from, each provoked on purpose. */
#include "suite.h"

/* Trap 1: a reuse path that hands out a recycled block without honouring the requested alignment.
 * Fill every free structure with blocks of many sizes, then ask for aligned blocks of those sizes. */
static void reused_blocks_honour_alignment(void **state) {
    (void)state;
    use_fresh_heap();
    enum { kCount = 96 };
    void *blocks[kCount];
    const unsigned count = SUITE_FRESH_BYTES >= 32768 ? kCount : kCount / 4;
    for (unsigned i = 0; i < count; ++i) blocks[i] = malloc(8 + (i % 12) * 24);
    for (unsigned i = 0; i < count; i += 2) free(blocks[i]); /* holes of every size, between live blocks */
    for (size_t align = 2 * MAX_ALIGN; align <= 1024; align *= 2) {
        for (unsigned i = 0; i < 12; ++i) {
            size_t n = 8 + i * 24;
            unsigned char *p = aligned_alloc(align, n);
            assert_non_null(p);
            assert_aligned(p, align);
            fill(p, n, (unsigned)(align + i));
            assert_heap_sound();
            assert_true(intact(p, n, (unsigned)(align + i)));
            free(p);
        }
    }
    for (unsigned i = 1; i < count; i += 2) free(blocks[i]);
    assert_heap_sound();
}

/* The same from fresh bump space: the top is moved by every multiple of the block alignment before
 * each aligned request, so every possible lead (none, too short to stand alone, long enough) is met.
 * A carve that disagreed with the core about the lead once left a block too small for its request. */
static void fresh_blocks_honour_alignment_at_every_offset(void **state) {
    (void)state;
    for (size_t align = 2 * MAX_ALIGN; align <= 256; align *= 2) {
        for (size_t shift = 0; shift <= 2 * align / MAX_ALIGN; ++shift) { /* minimum blocks differ */
            for (size_t n = 1; n <= 200; n += 49) {
                use_region(SUITE_HEAP_BYTES < 4096 ? SUITE_HEAP_BYTES : 4096);
                void *pad = shift ? malloc(shift * MAX_ALIGN - sizeof(size_t)) : NULL;
                unsigned char *p = aligned_alloc(align, n);
                assert_non_null(p);
                assert_aligned(p, align);
                assert_true(malloc_usable_size(p) >= n);
                unsigned char *after = malloc(24);
                assert_non_null(after);
                fill(p, n, 1), fill(after, 24, 2);
                assert_heap_sound();
                assert_true(intact(p, n, 1) && intact(after, 24, 2));
                free(after), free(p), free(pad);
                assert_heap_sound();
            }
        }
    }
}

/* Aligned requests right up to the end of the memory: for regions of every size around a fixed
 * request, fill with aligned blocks until the heap refuses. The carve must never pass the end
 * (a short reservation once let the bump pointer run past it, after which every request "fit"). */
static void aligned_requests_stop_at_the_end_of_memory(void **state) {
    (void)state;
    for (size_t bytes = 512; bytes <= 512 + 256; bytes += 8) {
        use_region(bytes);
        unsigned char *blocks[32];
        int count = 0;
        while (count < 32 && (blocks[count] = aligned_alloc(64, 40)) != NULL) {
            assert_aligned(blocks[count], 64);
            fill(blocks[count], 40, (unsigned)count);
            ++count;
        }
        assert_heap_sound();
        assert_true(count < 32);
        assert_null(malloc(bytes)); /* nothing larger than the region can come back */
        for (int i = 0; i < count; ++i) assert_true(intact(blocks[i], 40, (unsigned)i));
        for (int i = 0; i < count; ++i) free(blocks[i]);
        assert_heap_sound();
    }
}

/* Trap 2: a shrinking realloc that copies the old size into the smaller block, over its neighbour.
 * Shrink blocks in the middle of the heap, with live neighbours whose contents are checked. */
static void shrinking_realloc_spares_neighbours(void **state) {
    (void)state;
    use_fresh_heap();
    for (size_t big = 64; big <= SUITE_AT_MOST(8192, 2); big *= 2) {
        unsigned char *left = malloc(32), *p = malloc(big), *right = malloc(32);
        fill(left, 32, 1), fill(p, big, 2), fill(right, 32, 3);
        for (size_t n = big / 2; n >= 1; n /= 3) {
            unsigned char *q = realloc(p, n);
            assert_non_null(q);
            assert_true(intact(q, n, 2));
            p = q;
            /* anything in the freed tail must be reusable without touching p or its neighbours */
            unsigned char *tail = malloc(big / 4);
            assert_non_null(tail);
            fill(tail, big / 4, 4);
            assert_true(intact(left, 32, 1));
            assert_true(intact(right, 32, 3));
            assert_true(intact(p, n, 2));
            assert_heap_sound();
            free(tail);
        }
        free(left), free(p), free(right);
    }
    assert_heap_sound();
}

/* Trap 3: a block grown in place, later filed under a size class larger than it really is, so
 * that the next request of that class gets a block too small and overwrites its neighbour. */
static void block_grown_in_place_is_filed_by_its_real_size(void **state) {
    (void)state;
    use_fresh_heap();
    for (size_t grown = 17; grown <= 200; grown += 13) {
        unsigned char *p = malloc(16); /* on top of the bump space: realloc can grow it in place */
        p = realloc(p, grown);
        assert_non_null(p);
        fill(p, grown, 5);
        unsigned char *after = malloc(16);
        fill(after, 16, 6);
        free(p);
        assert_heap_sound(); /* in segregated_bump: every bin holds only its exact size */
        enum { kCount = 40 };
        unsigned char *reuse[kCount];
        for (unsigned i = 0; i < kCount; ++i) {
            size_t n = 16u << (i % 4); /* every class, 16 to 128 */
            reuse[i] = malloc(n);
            assert_true(malloc_usable_size(reuse[i]) >= n);
            fill(reuse[i], malloc_usable_size(reuse[i]), 10 + i);
        }
        assert_true(intact(after, 16, 6));
        for (unsigned i = 0; i < kCount; ++i) assert_true(intact(reuse[i], malloc_usable_size(reuse[i]), 10 + i));
        assert_heap_sound();
        for (unsigned i = 0; i < kCount; ++i) free(reuse[i]);
        free(after);
    }
    assert_heap_sound();
}

const struct CMUnitTest trap_tests[] = {
    cmocka_unit_test(reused_blocks_honour_alignment),
    cmocka_unit_test(fresh_blocks_honour_alignment_at_every_offset),
    cmocka_unit_test(aligned_requests_stop_at_the_end_of_memory),
    cmocka_unit_test(shrinking_realloc_spares_neighbours),
    cmocka_unit_test(block_grown_in_place_is_filed_by_its_real_size),
};
SUITE_GROUP(trap_tests);
