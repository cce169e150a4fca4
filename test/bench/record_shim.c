/* LD_PRELOAD shim that logs every malloc/free/realloc/calloc of a program to $TRACE_OUT
 * ("m ptr size", "f ptr", "r old new size", "c ptr count size"), for record_trace.py.
 * gcc -O2 -shared -fPIC record_shim.c -o shim.so */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
extern void *__libc_malloc(size_t), *__libc_realloc(void *, size_t), *__libc_calloc(size_t, size_t);
extern void __libc_free(void *);
static int fd = -1, busy;
static char buf[1 << 16];
static size_t used;
static void flush(void) { if (fd >= 0 && used) (void)!write(fd, buf, used); used = 0; }
static void logf_(const char *fmt, unsigned long a, unsigned long b, unsigned long c) {
    if (busy) return;
    busy = 1;
    if (fd == -1) { const char *o = getenv("TRACE_OUT"); fd = o ? open(o, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -2; }
    if (fd >= 0) {
        if (used > sizeof buf - 128) flush();
        used += snprintf(buf + used, 128, fmt, a, b, c);
    }
    busy = 0;
}
__attribute__((destructor)) static void done(void) { flush(); }
void *malloc(size_t n) { void *p = __libc_malloc(n); logf_("m %lx %lu\n", (unsigned long)p, n, 0); return p; }
void free(void *p) { if (p) logf_("f %lx\n", (unsigned long)p, 0, 0); __libc_free(p); }
void *realloc(void *q, size_t n) { void *p = __libc_realloc(q, n); logf_("r %lx %lx %lu\n", (unsigned long)q, (unsigned long)p, n); return p; }
void *calloc(size_t c, size_t n) { void *p = __libc_calloc(c, n); logf_("c %lx %lu %lu\n", (unsigned long)p, c, n); return p; }
