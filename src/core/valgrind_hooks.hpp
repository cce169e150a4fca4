// Tells valgrind's memcheck about the blocks we hand out, so that it finds use-after-free, leaks
// and uninitialised reads in the user's code as it does with glibc's malloc. Built with
// -DLITE_ALLOC_VALGRIND=1 (test/trust.mk's valgrind variants); otherwise every hook is an empty
// inline function and the library is unchanged.
//
// What memcheck sees: a block is its usable bytes (requested_size(): the request itself in the
// checked build); a freed block is unaddressable until it is handed out again. The allocator's
// own work (headers, free-list links inside freed blocks, splits, merges, heap walks) touches that
// memory legitimately, so each entry point runs with memcheck's error reporting off (VgQuiet).
#pragma once

#include <stddef.h>

#if defined(LITE_ALLOC_VALGRIND) && LITE_ALLOC_VALGRIND
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

#include "arena.hpp"

namespace lite::vg {

// Error reporting off for the lifetime of the guard (it nests).
struct Quiet {
    Quiet() { VALGRIND_DISABLE_ERROR_REPORTING; }
    ~Quiet() { VALGRIND_ENABLE_ERROR_REPORTING; }
    Quiet(const Quiet &) = delete;
    Quiet &operator=(const Quiet &) = delete;
};
inline void allocated(const void *p, size_t size) { VALGRIND_MALLOCLIKE_BLOCK(p, size, 0, 0); }
inline void zeroed(const void *p, size_t size) { (void)VALGRIND_MAKE_MEM_DEFINED(p, size); }
inline void freed(const void *p) { VALGRIND_FREELIKE_BLOCK(p, 0); }
inline void resized(const void *p, size_t old_size, size_t new_size) { VALGRIND_RESIZEINPLACE_BLOCK(p, old_size, new_size, 0); }
// The heap is being restarted: every block still handed out is forgotten.
inline void forget_all() {
    arena_walk([](char *p) {
        if (in_use(p)) VALGRIND_FREELIKE_BLOCK(p, 0);
        return 0;
    });
}

}  // namespace lite::vg

#else

namespace lite::vg {

struct Quiet {};
[[gnu::always_inline]] inline void allocated(const void *, size_t) {}
[[gnu::always_inline]] inline void zeroed(const void *, size_t) {}
[[gnu::always_inline]] inline void freed(const void *) {}
[[gnu::always_inline]] inline void resized(const void *, size_t, size_t) {}
[[gnu::always_inline]] inline void forget_all() {}

}  // namespace lite::vg

#endif
