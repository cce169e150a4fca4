/* make advise's host recorder: an LD_PRELOAD library that writes one line per allocation call of
 * a program (and of its libc) to the file named by $LITE_ALLOC_RAW, in the raw format of
 * src/abi/record.cpp ("@la1 m <size> <result>", hexadecimal). test/advise/advise.py record
 * builds it, runs the program under it and turns the raw lines into a trace.
 *   gcc -O2 -shared -fPIC record_shim.c -o record_shim.so
 * glibc's own allocator does the work (__libc_malloc...); a spin flag makes the log safe for a
 * program with threads (their calls are serialised in the log, in the order they finished). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t), *__libc_realloc(void *, size_t), *__libc_calloc(size_t, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static int fd = -1;
static int lock;
static __thread int busy __attribute__((tls_model("initial-exec"))); /* no __tls_get_addr, which may allocate */
static char buf[1 << 16];
static size_t used;

static void flush(void) {
    for (size_t done = 0; fd >= 0 && done < used;) {
        ssize_t n = write(fd, buf + done, used - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    used = 0;
}

static void record(char op, int count, uintptr_t a, uintptr_t b, uintptr_t c) {
    if (busy) return;
    busy = 1;
    int saved = errno;
    while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) {}
    if (fd == -1) {
        const char *path = getenv("LITE_ALLOC_RAW");
        fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -2;
    }
    if (fd >= 0) {
        if (used > sizeof buf - 64) flush();
        char *out = buf + used;
        for (const char *p = "@la1 "; *p; p++) *out++ = *p;
        *out++ = op;
        uintptr_t v[3] = {a, b, c};
        for (int i = 0; i < count; i++) {
            *out++ = ' ';
            int digits = 1;
            while (digits < 16 && (v[i] >> (4 * digits))) digits++;
            for (int d = digits - 1; d >= 0; d--) *out++ = "0123456789abcdef"[(v[i] >> (4 * d)) & 15];
        }
        *out++ = '\n';
        used = (size_t)(out - buf);
    }
    __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
    errno = saved;
    busy = 0;
}

__attribute__((destructor)) static void done(void) {
    while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) {}
    flush();
    __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

void *malloc(size_t n) { void *p = __libc_malloc(n); record('m', 2, n, (uintptr_t)p, 0); return p; }
void free(void *p) { if (p) record('f', 1, (uintptr_t)p, 0, 0); __libc_free(p); }
void *realloc(void *q, size_t n) { void *p = __libc_realloc(q, n); record('r', 3, (uintptr_t)q, n, (uintptr_t)p); return p; }
void *calloc(size_t c, size_t n) { void *p = __libc_calloc(c, n); record('c', 3, c, n, (uintptr_t)p); return p; }
void *memalign(size_t a, size_t n) { void *p = __libc_memalign(a, n); record('a', 3, a, n, (uintptr_t)p); return p; }
void *aligned_alloc(size_t a, size_t n) { return memalign(a, n); }
int posix_memalign(void **out, size_t a, size_t n) {
    if (!a || (a & (a - 1)) || a % sizeof(void *)) return EINVAL;
    void *p = __libc_memalign(a, n);
    record('a', 3, a, n, (uintptr_t)p);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}
