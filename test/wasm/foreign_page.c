/* Memory that other code grew before lite-alloc's first call is not the heap's (issue 13.1): a
 * page taken with sbrk (wasi) or memory.grow (freestanding wasm32) before the first allocation,
 * filled with 0xAA, must never be handed out, and calloc must return zeroes. Prints
 * "foreign_page: ok" on success. */
#include <stddef.h>
#include <stdint.h>

#include "lite_alloc.h"

#ifdef FREESTANDING
__attribute__((import_module("env"), import_name("lite_write"))) void host_write(const char *bytes, size_t length);
__attribute__((import_module("env"), import_name("lite_exit"))) _Noreturn void host_exit(int code);
static void say(const char *s) {
    size_t n = 0;
    while (s[n]) ++n;
    host_write(s, n);
}
#define FAIL(what) (say("foreign_page: FAILED " what "\n"), host_exit(1))
#define MAIN void _start(void)
#define DONE() (say("foreign_page: ok\n"), host_exit(0))
static unsigned char *take_page(void) {
    size_t old = __builtin_wasm_memory_grow(0, 1);
    return old == (size_t)-1 ? NULL : (unsigned char *)(old * 65536);
}
#else
#include <stdio.h>
#include <unistd.h>
#define FAIL(what) (printf("foreign_page: FAILED %s\n", what), 1)
#define MAIN int main(void)
#define DONE() (printf("foreign_page: ok\n"), 0)
static unsigned char *take_page(void) {
    void *p = sbrk(65536);
    return p == (void *)-1 ? NULL : (unsigned char *)p;
}
#endif

#define REQUIRE(cond) \
    if (!(cond)) return FAIL(#cond)

static int all(const unsigned char *p, size_t n, unsigned char v) {
    for (size_t i = 0; i < n; ++i)
        if (p[i] != v) return 0;
    return 1;
}

MAIN {
    unsigned char *page = take_page(); /* before lite-alloc's first call */
    REQUIRE(page != NULL);
    for (size_t i = 0; i < 65536; ++i) page[i] = 0xAA;
    for (int i = 0; i < 200; ++i) {
        unsigned char *p = calloc(1, 1000);
        REQUIRE(p != NULL);
        REQUIRE(p + 1000 <= page || p >= page + 65536); /* not in the program's own page */
        REQUIRE(all(p, 1000, 0));
        for (size_t k = 0; k < 1000; ++k) p[k] = 0x55;
    }
    REQUIRE(all(page, 65536, 0xAA));
    REQUIRE(lite_alloc_check() == 0);
    return DONE();
}
