// The heap operations behind the C ABI, shared by src/abi/*.cpp. Sizes here are the user's.
#pragma once

#include "strategy.hpp"

// errno: the target's own codes (WASI and Emscripten differ from Linux); with newlib's locked entry
// points (src/abi/newlib_reent.cpp), the errno of the reent the entry point was given.
#if LITE_ALLOC_NEWLIB_LOCKS
namespace lite {
extern int *g_errno;
}
#include <errno.h>
#define LITE_SET_ERRNO(code) (*lite::g_errno = (code))
#elif __has_include(<errno.h>) && !defined(LITE_ALLOC_NO_LIBC)
#include <errno.h>
#define LITE_SET_ERRNO(code) (errno = (code))
#else
#define LITE_SET_ERRNO(code) ((void)(code))
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EINVAL
#define EINVAL 22
#endif

// Test builds (and newlib's locked builds) export lite_malloc, lite_free, ...
#ifdef LITE_ALLOC_PREFIXED
#define LITE_NAME(name) lite_##name
#else
#define LITE_NAME(name) name
#endif

namespace lite {

// errno = ENOMEM (where the target has errno), counted when LITE_ALLOC_STATS; returns nullptr.
void *fail();
// malloc's body: a block of n payload bytes or nullptr (errno set).
void *allocate_bytes(size_t n);
// A block handed out (or resized) becomes the user's: the canary, the statistics, memcheck.
void handed_out(char *p, size_t n);
// LITE_ALLOC_STATS: the counters that cost bytes on every call.
struct Stats {
    size_t in_use, peak_in_use, failed;
};
extern Stats g_stats;
void count_in_use(size_t delta);

}  // namespace lite
