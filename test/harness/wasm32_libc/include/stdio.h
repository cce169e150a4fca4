#ifndef LITE_SHIM_STDIO_H
#define LITE_SHIM_STDIO_H
/* printf knows %s %c %d %i %u %x %p and the l, z, j length modifiers: what the tests print. */
int printf(const char *format, ...);
#define stdout ((void *)1)
int fflush(void *stream);
#endif
