/* The least of a C library that the suite needs on freestanding wasm32, over two imports that
 * test/harness/run_wasm.mjs provides. Built with -mbulk-memory: memcpy/memset become memory.copy
 * and memory.fill, so they do not call themselves. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("lite_write"))) void host_write(const char *bytes, size_t length);
__attribute__((import_module("env"), import_name("lite_exit"))) _Noreturn void host_exit(int code);

int errno;

void *memcpy(void *to, const void *from, size_t n) { return __builtin_memcpy(to, from, n); }
void *memset(void *to, int byte, size_t n) { return __builtin_memset(to, byte, n); }
int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; ++i)
        if (x[i] != y[i]) return x[i] - y[i];
    return 0;
}
int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) ++a, ++b;
    return (unsigned char)*a - (unsigned char)*b;
}
size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) ++n;
    return n;
}

_Noreturn void exit(int code) { host_exit(code); }
int fflush(void *stream) { return (void)stream, 0; }

static void put_unsigned(uintmax_t value, unsigned base) {
    char digits[24], *p = digits + sizeof digits;
    do *--p = "0123456789abcdef"[value % base];
    while (value /= base);
    host_write(p, (size_t)(digits + sizeof digits - p));
}

int printf(const char *format, ...) {
    va_list args;
    va_start(args, format);
    for (const char *f = format; *f; ++f) {
        const char *plain = f;
        while (*f && *f != '%') ++f;
        if (f != plain) host_write(plain, (size_t)(f - plain));
        if (!*f) break;
        int wide = 0; /* l, z, j: size_t and long are 32 bits here, intmax_t is 64 */
        for (++f; *f == 'l' || *f == 'z' || *f == 'j'; ++f) wide += *f == 'j' ? 2 : *f == 'l';
        switch (*f) {
        case 's': {
            const char *s = va_arg(args, const char *);
            host_write(s, strlen(s));
            break;
        }
        case 'c': {
            char c = (char)va_arg(args, int);
            host_write(&c, 1);
            break;
        }
        case 'd':
        case 'i': {
            intmax_t v = wide >= 2 ? va_arg(args, intmax_t) : va_arg(args, int);
            if (v < 0) host_write("-", 1);
            put_unsigned(v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v, 10);
            break;
        }
        case 'u':
        case 'x':
            put_unsigned(wide >= 2 ? va_arg(args, uintmax_t) : va_arg(args, unsigned), *f == 'u' ? 10 : 16);
            break;
        case 'p':
            host_write("0x", 2);
            put_unsigned((uintptr_t)va_arg(args, void *), 16);
            break;
        default: /* %% and anything unknown: the character itself */
            if (!*f) --f;
            else host_write(f, 1);
        }
    }
    va_end(args);
    return 0;
}

int main(void);
void _start(void) { exit(main()); }
