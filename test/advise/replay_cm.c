/* The replayer on Cortex-M under QEMU (mps2-an386, semihosting), linked with the test harness's
 * startup.c. The command line (-semihosting-config arg=...) is TRACE.bin MODE...: the trace file
 * written by advise.py, read from the host through semihosting in windows of operations, so that
 * neither the trace nor a region buffer takes the board's RAM from the allocator under test: the
 * block table and, in search and map modes only, the region come from _sbrk before the replay,
 * everything else of the RAM stays for the heap.
 * replay_clock reads QEMU's virtual time from SysTick on the processor clock (25 MHz: one tick
 * per 40 ns); under -icount shift=0 one guest instruction is one virtual ns, so the replay's
 * instructions between the two calls are printed as "insns N" (to 40). The same method as
 * test/bench/cortex_m.c, whose notes explain it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"

uint32_t trace_n_ops, trace_n_ids;
void **trace_slots;
uint32_t *trace_sizes;

static int semihost(int op, void *arg) {
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static int trace_file = -1;

static int read_at(uint32_t offset, void *buf, uint32_t bytes) { /* 0: read them all */
    uint32_t seek[2] = {(uint32_t)trace_file, offset};
    if (semihost(0x0A, seek) != 0) return -1; /* SYS_SEEK */
    uint32_t rd[3] = {(uint32_t)trace_file, (uint32_t)(uintptr_t)buf, bytes};
    return semihost(0x06, rd) == 0 ? 0 : -1;  /* SYS_READ: the bytes not read */
}

#define REG(a) (*(volatile uint32_t *)(a))

#define WINDOW 2048 /* operations read at once: 32 KiB */
static struct op window[WINDOW];
static uint32_t window_first = UINT32_MAX, window_n;

const struct op *trace_window(uint32_t i, uint32_t *n) {
    if (i - window_first >= window_n) {
        /* For QEMU's speed, not the guest's: rewriting MPU_CTRL (unchanged, the MPU stays off) makes
         * QEMU flush its TLB, and only at a flush does it grow the TLB to the pages in use. Without
         * it the TLB keeps its first 64 entries of 1 KiB pages, and an allocator that walks a free
         * list across a megabyte of heap (newlib-nano) runs 20 to 50 times slower under QEMU. Every
         * firmware does it at the same points (the null allocator's too): no instruction count
         * changes. */
        REG(0xE000ED94u) = REG(0xE000ED94u);
        window_n = trace_n_ops - i < WINDOW ? trace_n_ops - i : WINDOW;
        window_first = i;
        if (read_at(TRACE_HEADER_BYTES + i * (uint32_t)sizeof(struct op), window, window_n * sizeof(struct op))) {
            window_n = 0;
            return 0;
        }
    }
    *n = window_first + window_n - i;
    return window + (i - window_first);
}

/* The region: as much of what _sbrk has left as asked for, up to all of it. */
unsigned char *replay_region_buffer(size_t *n) {
    static unsigned char *buffer;
    static size_t size;
    if (!buffer) {
        size_t want = *n + 63, lo = 0, hi = want + 1; /* the most _sbrk grants: lo granted, hi refused */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (sbrk((ptrdiff_t)mid) == (void *)-1) { hi = mid; continue; }
            sbrk(-(ptrdiff_t)mid);
            lo = mid;
        }
        char *p = lo > 63 ? sbrk((ptrdiff_t)lo) : (char *)-1;
        if (p == (char *)-1) return 0;
        buffer = (unsigned char *)(((uintptr_t)p + 63) & ~(uintptr_t)63);
        size = (size_t)(p + lo - (char *)buffer);
    }
    if (*n > size) *n = size;
    return buffer;
}

static volatile uint32_t wraps;
static uint64_t clocks[2];
static int nclocks;
static void systick_handler(void) { wraps++; }
__attribute__((aligned(128))) static void (*ram_vectors[16])(void);

static void systick_start(void) {
    memcpy(ram_vectors, (const void *)(uintptr_t)REG(0xE000ED08u), sizeof ram_vectors);
    ram_vectors[15] = systick_handler;
    REG(0xE000ED08u) = (uint32_t)(uintptr_t)ram_vectors;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    REG(0xE000E014u) = 0xFFFFFFu;
    REG(0xE000E018u) = 0;
    REG(0xE000E010u) = 7;
    for (int i = 0; i < 1000 && REG(0xE000E018u) == 0; i++) {}
    wraps = 0;
}

void replay_clock(void) {
    uint32_t w, v;
    do { w = wraps; v = REG(0xE000E018u); } while (w != wraps);
    if (nclocks < 2) clocks[nclocks++] = ((uint64_t)w * 0x1000000u + (0xFFFFFFu - v)) * 40u;
}

int main(void) {
    static char line[1024];
    struct { char *buf; int len; } block = {line, sizeof line - 1};
    char *argv[8] = {0};
    int argc = 0;
    if (semihost(0x15, &block) == 0) /* SYS_GET_CMDLINE */
        for (char *p = strtok(line, " "); p && argc < 7; p = strtok(0, " ")) argv[argc++] = p;
    argv[argc] = 0;
    if (argc < 2) { printf("usage: replay TRACE.bin MODE...\n"); return 2; }
    struct { const char *name; int mode; int len; } open_args = {argv[0], 1 /* rb */, (int)strlen(argv[0])};
    trace_file = semihost(0x01, &open_args); /* SYS_OPEN */
    uint32_t head[3];
    uint32_t flen[1] = {(uint32_t)trace_file};
    if (trace_file == -1 || read_at(0, head, sizeof head) || memcmp(head, "LAT1", 4) ||
        (uint32_t)semihost(0x0C, flen) != TRACE_HEADER_BYTES + head[1] * (uint32_t)sizeof(struct op)) { /* SYS_FLEN */
        printf("%s: not a replay file of advise.py\n", argv[0]);
        return 2;
    }
    trace_n_ops = head[1];
    trace_n_ids = head[2];
    trace_slots = sbrk((ptrdiff_t)(trace_n_ids * sizeof(void *) + 8));
    trace_sizes = sbrk((ptrdiff_t)(trace_n_ids * sizeof(uint32_t) + 8));
    if (trace_slots == (void *)-1 || trace_sizes == (void *)-1) {
        printf("error: no room for the table of %lu blocks\n", (unsigned long)trace_n_ids);
        return 2;
    }
    systick_start();
    int rc = replay_main(argc, argv);
    if (nclocks == 2) printf("insns %lu\n", (unsigned long)(clocks[1] - clocks[0]));
    return rc;
}
