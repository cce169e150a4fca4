/* Debian's wasi-libc (2022) has no setjmp.h, and its clang then finds the host's. test/suite/suite.h
 * includes it for cmocka only; the mini harness never uses it. */
