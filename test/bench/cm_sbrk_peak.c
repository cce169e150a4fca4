/* Cortex-M4 runs of make bench, linked with -Wl,--wrap=_sbrk: the heap's high-water mark, whoever
 * grows it (newlib's malloc, lite-alloc's newlib backend, stdio's buffers through either): the highest
 * break _sbrk ever handed out, minus the first break seen. With a cap (bench_heap_cap, from the
 * command line's heap_cap=<bytes>: cortex_m.c), _sbrk refuses to move the break more than cap bytes
 * above the first break, as a board's fixed heap would: the fixed-heap search of programs.py. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
void *__real__sbrk(ptrdiff_t increment);
static uintptr_t first, high, cap;
void bench_heap_cap(size_t bytes) { cap = bytes; }
void *__wrap__sbrk(ptrdiff_t increment) {
    if (cap) {
        if (!first) first = (uintptr_t)__real__sbrk(0);
        uintptr_t brk = (uintptr_t)__real__sbrk(0);
        if (increment > 0 && (uintptr_t)increment > first + cap - brk) {
            errno = ENOMEM;
            return (void *)-1;
        }
    }
    char *p = __real__sbrk(increment);
    if (p != (char *)-1) {
        if (!first) first = (uintptr_t)p;
        if ((uintptr_t)p + increment > high) high = (uintptr_t)p + increment;
    }
    return p;
}
size_t bench_heap_peak(void) { return first ? high - first : 0; }
