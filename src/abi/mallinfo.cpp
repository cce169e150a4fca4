// mallinfo() and friends, where the target's libc declares them (glibc: mallinfo, mallinfo2,
// malloc_trim, malloc_stats; Emscripten: mallinfo, malloc_stats, mallopt), with the libc's own
// struct: arena = bytes claimed from the system, uordblks = in use, fordblks = free. An object of
// its own, linked only into programs that call one of them. newlib's are in newlib_reent.cpp (its
// libc calls _mallinfo_r from the object that also defines mallinfo).
#include <malloc.h>

#include "mallinfo.hpp"

#ifdef __THROW
#define LITE_LIBC_NOTHROW __THROW  // glibc declares them noexcept in C++
#else
#define LITE_LIBC_NOTHROW
#endif

extern "C" {

struct mallinfo mallinfo(void) LITE_LIBC_NOTHROW {
    return lite::abi::mallinfo_of<struct mallinfo>(lite_alloc_stats());
}

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
struct mallinfo2 mallinfo2(void) LITE_LIBC_NOTHROW {
    return lite::abi::mallinfo_of<struct mallinfo2>(lite_alloc_stats());
}
#endif

#ifdef __GLIBC__
int malloc_trim(size_t) LITE_LIBC_NOTHROW { return 0; }  // 0: nothing given back (lite-alloc never does)
#endif

void malloc_stats(void) LITE_LIBC_NOTHROW { lite::abi::print_malloc_stats(); }

#ifdef __EMSCRIPTEN__
int mallopt(int, int) { return 0; }  // no tunables: 0 means "not done"
#endif

}  // extern "C"
