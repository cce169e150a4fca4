/* Cortex-M4 runs of the bench (bench.py, QEMU mps2-an386 with -icount shift=0 and semihosting),
 * linked with the test harness's startup.o (test/harness/cortex_m/startup.c, which calls main(void)).
 *   - main: takes the workload's arguments from the semihosting command line (SYS_GET_CMDLINE, set
 *     by -semihosting-config arg=...) and runs workloads.c's main, compiled as bench_main; a first
 *     argument heap_cap=<bytes> caps the heap (cm_sbrk_peak.c's bench_heap_cap) and is not passed on;
 *   - clock_gettime: QEMU's virtual time, read from SysTick on the processor clock (25 MHz on the
 *     MPS2: one tick per 40 ns). Under -icount shift=0 every guest instruction is one virtual ns,
 *     so the workload's "ns" is the number of guest instructions it executed, to 40. SysTick's
 *     24 bits wrap every 671 M instructions: its interrupt counts the wraps (a vector table in RAM,
 *     through VTOR: startup.c's own table sends SysTick to its fault handler);
 *   - prints insns=<guest instructions between the workload's start and end> after bench_main's line,
 *     and (for the real programs, whose main is bench_main) total_insns=<guest instructions of the
 *     whole bench_main> and heap_peak=<the heap's high-water mark> when cm_sbrk_peak.c is linked. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REG(a) (*(volatile uint32_t *)(a))
#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SCB_VTOR 0xE000ED08u
#define NS_PER_TICK 40u /* MPS2 SYSCLK, 25 MHz */

int bench_main(int argc, char **argv);
size_t bench_heap_peak(void) __attribute__((weak));
void bench_heap_cap(size_t bytes) __attribute__((weak));

static volatile uint32_t wraps;
static uint64_t last, previous;

static void systick_handler(void) { wraps++; }

__attribute__((aligned(128))) static void (*ram_vectors[16])(void);

static void systick_start(void) {
    /* The table in use (at VTOR, 0 after reset: a volatile read, not a constant null pointer). */
    memcpy(ram_vectors, (const void *)(uintptr_t)REG(SCB_VTOR), sizeof ram_vectors);
    ram_vectors[15] = systick_handler;
    REG(SCB_VTOR) = (uint32_t)(uintptr_t)ram_vectors;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    REG(SYST_RVR) = 0xFFFFFFu;
    REG(SYST_CVR) = 0;
    REG(SYST_CSR) = 7; /* processor clock, interrupt, enable */
    /* The counter reloads (and may count a wrap) on its first tick: start counting after it. */
    for (int i = 0; i < 1000 && REG(SYST_CVR) == 0; i++) {}
    wraps = 0;
}

static uint64_t now_ns(void) {
    uint32_t w, v;
    do { w = wraps; v = REG(SYST_CVR); } while (w != wraps);
    return ((uint64_t)w * 0x1000000u + (0xFFFFFFu - v)) * NS_PER_TICK;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    (void)id;
    uint64_t t = now_ns();
    ts->tv_sec = (time_t)(t / 1000000000u);
    ts->tv_nsec = (long)(t % 1000000000u);
    previous = last;  /* workloads.c reads the clock at the start (twice for the trace) and the end */
    last = t;
    return 0;
}

static int semihost(int op, void *arg) {
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void print_u64(const char *key, uint64_t v) {
    char digits[24], *d = digits + sizeof digits;
    *--d = 0;
    do *--d = (char)('0' + v % 10); while (v /= 10);
    printf("%s=%s\n", key, d);
}

int main(void) {
    static char line[256];
    struct { char *buf; int len; } block = {line, sizeof line - 1};
    char *argv[8] = {"bench"};
    int argc = 1;
    if (semihost(0x15, &block) == 0) { /* SYS_GET_CMDLINE */
        for (char *p = strtok(line, " "); p && argc < 7; p = strtok(0, " ")) argv[argc++] = p;
    }
    argv[argc] = 0;
    char **args = argv;
    if (argc > 1 && !strncmp(argv[1], "heap_cap=", 9) && bench_heap_cap) {
        bench_heap_cap((size_t)strtoul(argv[1] + 9, 0, 10));
        argv[1] = argv[0];
        args++, argc--;
    }
    systick_start();
    uint64_t start = now_ns();
    int rc = bench_main(argc, args);
    uint64_t total = now_ns() - start;
    fflush(stdout);
    if (rc == 0) {
        print_u64("insns", last - previous);
        print_u64("total_insns", total);
        if (bench_heap_peak) print_u64("heap_peak", bench_heap_peak());
    }
    return rc;
}
