/* Return-0 stubs: the baseline the allocator's size is measured against. */
#include <stddef.h>
void *malloc(size_t n) { (void)n; return 0; }
void free(void *p) { (void)p; }
void *realloc(void *p, size_t n) { (void)p; (void)n; return 0; }
void *calloc(size_t a, size_t b) { (void)a; (void)b; return 0; }
void *aligned_alloc(size_t a, size_t b) { (void)a; (void)b; return 0; }
int posix_memalign(void **o, size_t a, size_t b) { (void)o; (void)a; (void)b; return 0; }
