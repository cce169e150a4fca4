/* Size driver: references only the allocation ABI (malloc free realloc calloc; with -DALIGNED also
 * aligned_alloc posix_memalign), so that a --gc-sections link keeps exactly what they cost. */
#include <stddef.h>
void *malloc(size_t); void free(void *); void *realloc(void *, size_t); void *calloc(size_t, size_t);
#ifdef ALIGNED
void *aligned_alloc(size_t, size_t); int posix_memalign(void **, size_t, size_t);
#endif
#ifdef __wasm__
__attribute__((export_name("run")))
#endif
void *run(size_t n, void *p) {
    void *a = malloc(n);
    void *b = calloc(n, 4);
    p = realloc(p, n);
    free(a);
    free(b);
#ifdef ALIGNED
    void *q = aligned_alloc(64, n);
    if (posix_memalign(&a, 32, n)) return q;
    free(q);
#endif
    return p;
}
