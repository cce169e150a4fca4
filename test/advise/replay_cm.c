/* The replayer on Cortex-M under QEMU (mps2-an386, semihosting), linked with the test harness's
 * startup.c and a trace compiled in by advise.py (trace_ops[], trace_n_ops, trace_n_ids, the
 * slot tables). The mode comes from the semihosting command line (-semihosting-config arg=...).
 * replay_clock reads QEMU's virtual time from SysTick on the processor clock (25 MHz: one tick
 * per 40 ns); under -icount shift=0 one guest instruction is one virtual ns, so the replay's
 * instructions between the two calls are printed as "insns N" (to 40). The same method as
 * test/bench/cortex_m.c, whose notes explain it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "replay.h"

#ifndef REGION_MAX
#define REGION_MAX 65536
#endif
__attribute__((aligned(64))) static unsigned char region[REGION_MAX];

unsigned char *replay_region_buffer(size_t n) { return n <= sizeof region ? region : 0; }

#define REG(a) (*(volatile uint32_t *)(a))
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

static int semihost(int op, void *arg) {
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

int main(void) {
    static char line[256];
    struct { char *buf; int len; } block = {line, sizeof line - 1};
    char *argv[8] = {"replay"};
    int argc = 1;
    if (semihost(0x15, &block) == 0) /* SYS_GET_CMDLINE */
        for (char *p = strtok(line, " "); p && argc < 7; p = strtok(0, " ")) argv[argc++] = p;
    argv[argc] = 0;
    systick_start();
    int rc = replay_main(argc, argv);
    if (nclocks == 2) printf("insns %lu\n", (unsigned long)(clocks[1] - clocks[0]));
    return rc;
}
