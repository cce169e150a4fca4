/* The freestanding wasm32 test shim's errno (test/harness/wasm32_libc). */
#ifndef LITE_SHIM_ERRNO_H
#define LITE_SHIM_ERRNO_H
extern int errno;
#define ENOMEM 12
#define EINVAL 22
#endif
