/* Linked in the baseline and in every measured program alike: memcpy and memset are the libc's,
 * shared with the rest of any real program, so they are not charged to the allocator. */
#include <stddef.h>
void *memcpy(void *, const void *, size_t); void *memset(void *, int, size_t);
#ifdef __wasm__
__attribute__((export_name("mem")))
#endif
void *mem(void *d, void *s, size_t n) { memset(d, 0, n); return memcpy(d, s, n); }
