/* The ceiling: a bump allocator that never frees. One size word before each block (realloc needs
 * the old size); 16-byte alignment. Memory in 1 MiB steps from mmap (host: valgrind caps brk at 8 MB)
 * or sbrk (wasm). Footprint: bytes taken. */
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
static char *top, *end;
static size_t taken;
void *bm_malloc(size_t n) {
    size_t need = (n + 16 + 15) & ~(size_t)15;
    if ((size_t)(end - top) < need) {
        size_t grow = need > (1u << 20) ? need : (1u << 20);
#ifdef __linux__
        char *p = mmap(0, grow + 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return 0;
#else
        char *p = sbrk(grow + 16);
        if (p == (char *)-1) return 0;
#endif
        top = (char *)(((size_t)p + 15) & ~(size_t)15);
        end = p + grow + 16;
        taken += grow + 16;
    }
    char *p = top + 16;
    ((size_t *)p)[-1] = n;
    top += need;
    return p;
}
void bm_free(void *p) { (void)p; }
void *bm_realloc(void *p, size_t n) {
    void *q = bm_malloc(n);
    if (q && p) { size_t old = ((size_t *)p)[-1]; memcpy(q, p, old < n ? old : n); }
    return q;
}
void *bm_calloc(size_t c, size_t n) {
    void *p = bm_malloc(c * n);  /* fresh memory, never reused: zero */
    return p;
}
size_t heap_footprint(void) { return taken; }
