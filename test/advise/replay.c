/* The replayer of make advise (test/advise/advise.py): runs a trace's operations on one allocator.
 * Portable C for the host, Cortex-M under QEMU and wasm under node. The allocator is the ra_*
 * functions of one of alloc_lite.c / alloc_libc.c / alloc_null_cm.c; the trace is read through
 * trace_window() (struct op, already validated by advise.py, checked again here: a bad block id is
 * a message, never a crash). Nothing done per call depends on the size of the heap or the trace.
 * Modes (argv[1]):
 *   time              replays once on the allocator's default backend, nothing else between the
 *                     calls (measured by callgrind on the host, by QEMU -icount on Cortex-M);
 *   run               the same, sampling the allocator's footprint after every call (O(1), counted
 *                     where it grows): its peak; at the end, the count is checked against the
 *                     allocator's own account. Timed too (Cortex-M: the null allocator samples
 *                     the same way, so that the difference is still the allocator's alone);
 *   search MAX STEP   lite-alloc only: the smallest region (lite_alloc_init_region), a multiple of
 *                     STEP up to MAX (or what the platform has), that runs the whole trace without a
 *                     failed request, by binary search between the peak live payload (fails) and
 *                     the highest block end of the replay at MAX (succeeds); then verified: a replay
 *                     at N that succeeds and passes lite_alloc_check, and one at N - STEP that fails;
 *   limit N           newlib: replays with the program break's growth capped at N bytes;
 *   map N SAMPLES     replays in a region of N bytes: the live blocks at the trace's peak of live
 *                     payload and the region's high-water mark (highest block end so far) over time.
 * Output: one "key values..." line per fact, read by advise.py. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

static unsigned char *region_base;

static int bad_block(uint32_t i, const struct op *o, const char *what) {
    printf("error op %lu: %s block %lu\n", (unsigned long)i, what, (unsigned long)o->id);
    return -2;
}

static int unreadable(uint32_t i) {
    printf("error op %lu: the trace file cannot be read\n", (unsigned long)i);
    return -2;
}

/* Tracking for run and map. Every sample is O(1): the footprint is counted where the allocator
 * grows (ra_footprint), the high-water mark from the block just returned. */
static int tracking; /* 1: footprint (run), 2: region high-water and samples (map), 3: high-water only */
static size_t live, peak_live, peak_footprint, footprint_base, high_water;
static uint32_t snapshot_at = UINT32_MAX, bucket;
static size_t bucket_hw, bucket_live;

static void snapshot(void) {
    printf("snapshot op %lu live %lu high_water %lu\n", (unsigned long)snapshot_at, (unsigned long)live,
           (unsigned long)high_water);
    for (uint32_t id = 0; id < trace_n_ids; id++) {
        if (!trace_slots[id]) continue;
        printf("block %lu %lu\n", (unsigned long)((unsigned char *)trace_slots[id] - region_base),
               (unsigned long)ra_usable(trace_slots[id]));
    }
    ra_print_stats();
}

static void track(uint32_t i, void *p) {
    if (tracking == 1) {
        if (p) ra_got(p);
        size_t f = ra_footprint() - footprint_base;
        if (f > peak_footprint) peak_footprint = f;
    } else if (tracking >= 2) {
        if (p) {
            size_t end = (size_t)((unsigned char *)p - region_base) + ra_usable(p);
            if (end > high_water) high_water = end;
        }
        if (tracking == 3) return;
        if (high_water > bucket_hw) bucket_hw = high_water;
        if (live > bucket_live) bucket_live = live;
        if ((i + 1) % bucket == 0 || i + 1 == trace_n_ops) {
            printf("fp %lu %lu %lu\n", (unsigned long)i, (unsigned long)bucket_hw, (unsigned long)bucket_live);
            bucket_hw = high_water;
            bucket_live = live;
        }
        if (i == snapshot_at) snapshot();
    }
}

/* Replays every operation; returns -1 when all succeeded, the index of the first failed request,
 * or -2 on a bad trace. Every block still live at the end is left allocated (the next region or
 * restart forgets it). */
static long replay(void) {
    for (uint32_t id = 0; id < trace_n_ids; id++) trace_slots[id] = 0;
    live = peak_live = 0;
    uint32_t n = 0;
    const struct op *o = 0;
    for (uint32_t i = 0; i < trace_n_ops; i++, o++, n--) {
        if (!n && !(o = trace_window(i, &n))) return unreadable(i);
        if (o->id >= trace_n_ids) return bad_block(i, o, "no such");
        void **slot = &trace_slots[o->id];
        void *p = 0;
        size_t size = 0;
        switch (o->kind) {
        case 'm': case 'c': case 'a':
            if (*slot) return bad_block(i, o, "allocation into the live");
            size = o->kind == 'c' ? (size_t)o->a * o->b : o->kind == 'a' ? o->b : o->a;
            p = o->kind == 'm' ? ra_malloc(o->a) : o->kind == 'c' ? ra_calloc(o->a, o->b) : ra_memalign(o->a, o->b);
            if (!p) return (long)i;
            *slot = p;
            break;
        case 'r':
            if (!*slot) return bad_block(i, o, "realloc of the never-allocated");
            if (tracking == 1) ra_gone(*slot);
            p = ra_realloc(*slot, o->a);
            if (!p) return (long)i;
            *slot = p;
            size = o->a;
            if (tracking) live -= trace_sizes[o->id];
            break;
        case 'f':
            if (!*slot) return bad_block(i, o, "free of the never-allocated");
            if (tracking == 1) ra_gone(*slot);
            ra_free(*slot);
            *slot = 0;
            if (tracking) live -= trace_sizes[o->id];
            break;
        default:
            printf("error op %lu: unknown operation %lu\n", (unsigned long)i, (unsigned long)o->kind);
            return -2;
        }
        if (tracking) {
            if (o->kind != 'f') { trace_sizes[o->id] = (uint32_t)size; live += size; }
            if (live > peak_live) peak_live = live;
            track(i, p);
        }
    }
    return -1;
}

/* The op after which the live payload (sizes requested and not freed) is highest: the trace's own
 * peak, the same moment for every allocator; and that payload. */
static uint32_t peak_live_op(size_t *payload) {
    size_t now = 0, best = 0;
    uint32_t at = 0, n = 0;
    const struct op *o = 0;
    for (uint32_t id = 0; id < trace_n_ids; id++) trace_sizes[id] = 0;
    for (uint32_t i = 0; i < trace_n_ops; i++, o++, n--) {
        if (!n && !(o = trace_window(i, &n))) break;
        if (o->id >= trace_n_ids) break;
        size_t size = o->kind == 'c' ? (size_t)o->a * o->b : o->kind == 'a' ? o->b : o->a;
        if (o->kind == 'r' || o->kind == 'f') now -= trace_sizes[o->id];
        trace_sizes[o->id] = o->kind == 'f' ? 0 : (uint32_t)size;
        now += trace_sizes[o->id];
        if (now > best) { best = now; at = i; }
    }
    *payload = best;
    return at;
}

static long in_region(size_t n) {
    if (ra_region(region_base, n) != 0) return 0; /* too small for one block: fails at op 0 */
    return replay();
}

int replay_main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "time")) {
        replay_clock();
        long r = replay();
        replay_clock();
        printf("time calls %lu failed_at %ld\n", (unsigned long)trace_n_ops, r);
        return r == -2;
    }
    if (!strcmp(mode, "limit") && argc > 2) {
        if (ra_limit((size_t)strtoul(argv[2], 0, 10)) != 0) { printf("limit unsupported\n"); return 0; }
        long r = replay();
        printf("limit bytes %s failed_at %ld\n", argv[2], r);
        return r == -2;
    }
    if (!strcmp(mode, "run")) {
        tracking = 1;
        size_t own_base = ra_footprint_own();
        footprint_base = ra_footprint();
        replay_clock();
        long r = replay();
        replay_clock();
        if (r == -2) return 1;
        /* The count where the allocator grows must agree with the allocator's own account. */
        size_t counted = ra_footprint() - footprint_base, own = ra_footprint_own() - own_base;
        if (counted != own) {
            printf("error run: %lu bytes counted where the heap grew, the allocator says %lu\n",
                   (unsigned long)counted, (unsigned long)own);
            return 1;
        }
        printf("run calls %lu failed_at %ld peak_footprint %lu peak_live %lu\n", (unsigned long)trace_n_ops, r,
               (unsigned long)peak_footprint, (unsigned long)peak_live);
        return 0;
    }
    if (!strcmp(mode, "search") && argc > 3) {
        /* Known to fail: a region no larger than the peak live payload (every block has a header).
         * Known to succeed, once a region of max bytes has: one that reaches the highest block end
         * of that replay (checked, as every answer is). */
        size_t max = (size_t)strtoul(argv[2], 0, 10), step = (size_t)strtoul(argv[3], 0, 10), payload;
        region_base = replay_region_buffer(&max);
        if (!region_base || ra_region(region_base, 0) == -2) { printf("search unsupported\n"); return 0; }
        max -= max % step;
        peak_live_op(&payload);
        tracking = 3;
        high_water = 0;
        long r = in_region(max);
        tracking = 0;
        if (r == -2) return 1;
        if (r >= 0) { printf("search too_small %lu failed_at %ld\n", (unsigned long)max, r); return 0; }
        size_t lo = payload / step, hi = max / step; /* fails at lo * step, succeeds at hi * step */
        size_t reach = (high_water + step - 1) / step;
        unsigned long replays = 1;
        if (reach > lo && reach < hi) {
            replays++;
            if (in_region(reach * step) == -1) hi = reach; else lo = reach;
        }
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            replays++;
            if (in_region(mid * step) == -1) hi = mid; else lo = mid;
        }
        size_t n = hi * step;
        long ok = in_region(n);
        int check = ok == -1 ? ra_check() : -1;
        long below = in_region(n - step);
        printf("search region %lu step %lu ok %d check %d below_failed_at %ld replays %lu max %lu\n",
               (unsigned long)n, (unsigned long)step, ok == -1, check, below, replays + 2, (unsigned long)max);
        return ok != -1 || check != 0 || below < 0;
    }
    if (!strcmp(mode, "map") && argc > 3) {
        size_t n = (size_t)strtoul(argv[2], 0, 10), got = n, payload;
        unsigned long samples = strtoul(argv[3], 0, 10);
        region_base = replay_region_buffer(&got);
        snapshot_at = peak_live_op(&payload);
        bucket = trace_n_ops / (samples ? samples : 1);
        if (!bucket) bucket = 1;
        tracking = 2;
        high_water = bucket_hw = bucket_live = 0;
        long r = region_base && got >= n ? in_region(n) : 0;
        printf("map region %lu failed_at %ld peak_live %lu\n", (unsigned long)n, r, (unsigned long)peak_live);
        return r == -2;
    }
    printf("usage: replay time | run | search MAX STEP | limit BYTES | map REGION SAMPLES\n");
    return 2;
}
