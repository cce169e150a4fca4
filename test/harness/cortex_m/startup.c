/* Boot and system calls of the Cortex-M test programs under QEMU, as a product's startup code
 * would be: newlib's rdimon-crt0 assumes an A-profile core and faults on M-profile, so the
 * programs link with -nostartfiles and this file. I/O and the exit code go through semihosting
 * (librdimon). _sbrk hands out the RAM between the end of .bss/.data and the stack's limit. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set by the board's linker script (sections.ld). */
extern char __data_load[], __data_start[], __data_end[], __bss_start__[], __bss_end__[];
extern char __heap_start[], __heap_end[], __stack_top[];

extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(void);

/* __libc_init_array calls _init, which crti.o would define; -nostartfiles leaves it out. */
void _init(void) {}
void _fini(void) {}
/* What C++ static destructors are registered under; crtbegin.o would define it. */
void *__dso_handle = 0;

void *_sbrk(ptrdiff_t increment) {
    static char *brk = __heap_start;
    /* Compare what is left, never a pointer past the heap: no overflow either way. */
    if (increment > __heap_end - brk || increment < __heap_start - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *old = brk;
    brk += increment;
    return old;
}

/* initialise_monitor_handles sets up stdio, which allocates: a program whose heap is a fixed
 * region (BACKEND=region_only) hands it over here, before that first allocation. */
__attribute__((weak)) void startup_heap_init(void) {}

void reset_handler(void) {
#ifdef __ARM_FP
    /* Hard-float code may touch the FPU anywhere: give CP10 and CP11 full access first (CPACR). */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    memcpy(__data_start, __data_load, (size_t)(__data_end - __data_start));
    memset(__bss_start__, 0, (size_t)(__bss_end__ - __bss_start__));
    startup_heap_init();
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

/* Any fault ends the run with a nonzero exit code rather than a hang, naming the faulting
 * instruction (the PC the core stacked, 6 words up the exception frame on the main stack). */
void fault_report(const uint32_t *frame) {
    char message[] = "cortex-m: fault at pc 0x00000000\n";
    char *digit = message + sizeof message - 2;
    for (uint32_t pc = frame[6]; digit[-1] != 'x'; pc >>= 4) *--digit = "0123456789abcdef"[pc & 15];
    (void)!write(2, message, sizeof message - 1);
    _exit(125);
}

__attribute__((naked)) static void fault_handler(void) {
    __asm__("mrs r0, msp\n\tldr r1, =fault_report\n\tbx r1\n\t.ltorg");
}

/* Stack top, reset, NMI, HardFault, MemManage, BusFault, UsageFault, 4 reserved, SVCall,
 * DebugMonitor, reserved, PendSV, SysTick: no interrupt is ever enabled. */
typedef void (*vector_t)(void);
__attribute__((section(".vectors"), used)) static const vector_t g_vectors[16] = {
    (vector_t)(uintptr_t)__stack_top, reset_handler, fault_handler, fault_handler, fault_handler,
    fault_handler, fault_handler, 0, 0, 0, 0, fault_handler, fault_handler, 0, fault_handler, fault_handler,
};
