/* Cortex-M4 runs of make bench, linked with -Wl,--wrap=_sbrk: the heap's high-water mark, whoever
 * grows it (newlib's malloc, lite-alloc's newlib backend, stdio's buffers through either): the highest
 * break _sbrk ever handed out, minus the first break seen. */
#include <stddef.h>
#include <stdint.h>
void *__real__sbrk(ptrdiff_t increment);
static uintptr_t first, high;
void *__wrap__sbrk(ptrdiff_t increment) {
    char *p = __real__sbrk(increment);
    if (p != (char *)-1) {
        if (!first) first = (uintptr_t)p;
        if ((uintptr_t)p + increment > high) high = (uintptr_t)p + increment;
    }
    return p;
}
size_t bench_heap_peak(void) { return first ? high - first : 0; }
