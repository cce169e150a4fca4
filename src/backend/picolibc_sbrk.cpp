// picolibc backend: picolibc's sbrk (picosbrk.c), which hands out the RAM between its linker script's
// __heap_start and __heap_end (picolibc.ld: what is left of __ram_size after data, bss and the stack),
// as picolibc's own malloc uses it; a program may define its own sbrk instead. Everything else is
// newlib's backend: spans of what was asked, rounded to kAlign, a refusal changes nothing, RAM not zero.
#define LITE_ALLOC_SBRK sbrk
#include "newlib_sbrk.cpp"
