/* Linked beside a program whose library was built with BACKEND=region_only: hands lite-alloc its
 * one region before anything allocates. startup.c calls this right after clearing .bss, before
 * the semihosting set-up, whose stdio allocates; a product's startup code does the same. (Before
 * the region, every allocation fails, and newlib's stdio set-up then writes through NULL.) */
#include <stdlib.h>

#include "lite_alloc.h"

#ifndef REGION_HEAP_BYTES
#define REGION_HEAP_BYTES 8192
#endif

static _Alignas(8) unsigned char g_heap[REGION_HEAP_BYTES];

void startup_heap_init(void) {
    if (lite_alloc_init_region(g_heap, sizeof g_heap) != 0) abort();
}
