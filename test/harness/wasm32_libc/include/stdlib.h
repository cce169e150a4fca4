#ifndef LITE_SHIM_STDLIB_H
#define LITE_SHIM_STDLIB_H
#include <stddef.h>
_Noreturn void exit(int code);
#endif
