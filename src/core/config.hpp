// Every build option of lite-alloc, with its default. A project may put its own values in a header
// of its own and build with -DLITE_ALLOC_CONFIG_HEADER='"my_config.h"'; it is read first.
//
// option                          default  who sets it  what it does
// LITE_ALLOC_STRATEGY_<name>      -        the build    the strategy compiled in: bump_freelist,
//                                                       segregated_bump or freelist (exactly one)
// LITE_ALLOC_STATS                0        users        1: lite_alloc_stats() also keeps peak_in_use and
//                                                       failed_requests (a few bytes on every call)
// LITE_ALLOC_CHECKED              0        users        1: the checked build (CHECKED=1): every pointer
//                                                       handed back is verified, canaries, poisoned
//                                                       free blocks, a whole-heap check every
//                                                       LITE_ALLOC_CHECK_INTERVAL calls
// LITE_ALLOC_CHECK_INTERVAL       1024     users        checked build: calls between whole-heap checks,
//                                                       at least as many as the heap has blocks
//                                                       (1: before every call)
// LITE_ALLOC_SMALL_CLASSES        32       users        segregated_bump: exact-size bins, one per
//                                                       kAlign step of block size (the largest binned
//                                                       block is this many kAlign units)
// LITE_ALLOC_FRESH_MEMORY_IS_ZERO per target the build  the backend's new memory is zero-filled, so
//                                                       calloc need not clear it
// LITE_ALLOC_MERGE                per target users     bump_freelist, segregated_bump: once the
//                                 (wasi, Emscripten: 2, backend refuses (a full fixed heap), split
//                                 the others: 1)        free blocks and merge adjacent ones
//                                                       (0: smaller code; a full heap serves a
//                                                       request whole from a list, or fails; 2:
//                                                       also before a growing heap grows, once
//                                                       more than half of it was freed since the
//                                                       last merge: less RAM where buffers grow
//                                                       through many sizes, a little more code;
//                                                       bump_freelist keeps 64 lists, not 32)
// LITE_ALLOC_INLINE_SHARED        per target users     1: a size build inlines its shared steps too
//                                 (wasi, Emscripten: 1) (LITE_SHARED) into every caller, and makes the
//                                                       speed build's other choices (kSizeBuild,
//                                                       block.hpp): no call between an entry point and
//                                                       the memory, a few hundred bytes more; for wasm
//                                                       run by a JIT (V8), where calls cost more
// LITE_ALLOC_QUICK                per target the build  freelist: quick lists of freed small blocks
//                                 (wasi, Emscripten: 1) (src/strategy/freelist.hpp); not in the
//                                                       checked build
// LITE_ALLOC_VALGRIND             0        users        1: tell memcheck about every block
// LITE_ALLOC_NEWLIB               per target the build  newlib's _malloc_r family is the libc's entry
// LITE_ALLOC_NO_LIBC              per target the build  no errno, no stderr (freestanding wasm32)
// LITE_ALLOC_PREFIXED             0        tests        export lite_malloc, lite_free, ... instead
// LITE_ALLOC_FAULT_INJECTION      0        tests        lite_alloc_set_grow_budget()
// LITE_ALLOC_SINGLE_FILE          0        make dist    the whole library is one file: realloc's
//                                                       move is the aligned object's (no weak default)
#pragma once

#ifdef LITE_ALLOC_CONFIG_HEADER
#include LITE_ALLOC_CONFIG_HEADER
#endif

#ifndef LITE_ALLOC_SMALL_CLASSES
#define LITE_ALLOC_SMALL_CLASSES 32
#endif

#ifndef LITE_ALLOC_CHECKED
#define LITE_ALLOC_CHECKED 0
#endif

// Derived from the strategy, so that no two files of one library can disagree: the links a free
// block keeps (freelist: next and prev; the others: next), the words a free block needs, header
// included (freelist: two links and a footer; the others: one link, and in the checked build its
// copy, src/core/strategy.hpp), the strategy's header file, and how many list heads it keeps in the
// heap's state.
#if defined(LITE_ALLOC_STRATEGY_freelist)
#define LITE_ALLOC_LINKS 2
#define LITE_ALLOC_MIN_FREE_WORDS 4
#define LITE_ALLOC_STRATEGY_HEADER "../strategy/freelist.hpp"
#define LITE_ALLOC_HEADS 32
#elif defined(LITE_ALLOC_STRATEGY_bump_freelist)
#define LITE_ALLOC_LINKS 1
#define LITE_ALLOC_MIN_FREE_WORDS (2 + LITE_ALLOC_CHECKED)
#define LITE_ALLOC_STRATEGY_HEADER "../strategy/bump_freelist.hpp"
#define LITE_ALLOC_HEADS ((LITE_ALLOC_MERGE == 2 ? 64 : 32) + 1)
#elif defined(LITE_ALLOC_STRATEGY_segregated_bump)
#define LITE_ALLOC_LINKS 1
#define LITE_ALLOC_MIN_FREE_WORDS (2 + LITE_ALLOC_CHECKED)
#define LITE_ALLOC_STRATEGY_HEADER "../strategy/segregated_bump.hpp"
#define LITE_ALLOC_HEADS (LITE_ALLOC_SMALL_CLASSES + 1 + 12 + 1)
#else
#error "build every file of lite-alloc with one of -DLITE_ALLOC_STRATEGY_bump_freelist, -DLITE_ALLOC_STRATEGY_segregated_bump, -DLITE_ALLOC_STRATEGY_freelist"
#endif

#ifndef LITE_ALLOC_STATS
#define LITE_ALLOC_STATS 0
#endif
#ifndef LITE_ALLOC_CHECK_INTERVAL
#define LITE_ALLOC_CHECK_INTERVAL 1024
#endif
#ifndef LITE_ALLOC_FRESH_MEMORY_IS_ZERO
#define LITE_ALLOC_FRESH_MEMORY_IS_ZERO 0
#endif
#if defined(LITE_ALLOC_MERGE) && LITE_ALLOC_MERGE != 0 && LITE_ALLOC_MERGE != 1 && LITE_ALLOC_MERGE != 2
#error "LITE_ALLOC_MERGE is not accepted: one of 0 1 2"
#endif
#ifndef LITE_ALLOC_SINGLE_FILE
#define LITE_ALLOC_SINGLE_FILE 0
#endif
#ifndef LITE_ALLOC_VALGRIND
#define LITE_ALLOC_VALGRIND 0
#endif
#if defined(LITE_ALLOC_INLINE_SHARED) && LITE_ALLOC_INLINE_SHARED != 0 && LITE_ALLOC_INLINE_SHARED != 1
#error "LITE_ALLOC_INLINE_SHARED is not accepted: one of 0 1"
#endif
#ifndef LITE_ALLOC_INLINE_SHARED
#define LITE_ALLOC_INLINE_SHARED 0
#endif
// The merge before growth (LITE_ALLOC_MERGE=2) where wasm is built for speed (wasi, Emscripten): a
// few dozen bytes in modules of hundreds of KB, for linear memory that never shrinks (make bench:
// Lua's break 1.40 -> 1.02x dlmalloc's, MuJS's 2.00 / 1.64 -> 1.14 / 1.18x; Lua's time unchanged,
// 0.99 / 1.00x). The size builds (wasm32, Cortex-M, riscv32) keep 1: its bytes there count.
#if defined(LITE_ALLOC_STRATEGY_freelist)  // it merges on every free
#undef LITE_ALLOC_MERGE
#define LITE_ALLOC_MERGE 0
#elif !defined(LITE_ALLOC_MERGE)
#if defined(__wasm__) && (!defined(__OPTIMIZE_SIZE__) || LITE_ALLOC_INLINE_SHARED)
#define LITE_ALLOC_MERGE 2
#else
#define LITE_ALLOC_MERGE 1
#endif
#endif
// freelist's quick lists (src/strategy/freelist.hpp): wasi's and Emscripten's speed builds only.
#if defined(LITE_ALLOC_QUICK) && LITE_ALLOC_QUICK != 0 && LITE_ALLOC_QUICK != 1
#error "LITE_ALLOC_QUICK is not accepted: one of 0 1"
#endif
#if !defined(LITE_ALLOC_STRATEGY_freelist) || LITE_ALLOC_CHECKED
#undef LITE_ALLOC_QUICK
#define LITE_ALLOC_QUICK 0
#elif !defined(LITE_ALLOC_QUICK)
#if defined(__wasm__) && (!defined(__OPTIMIZE_SIZE__) || LITE_ALLOC_INLINE_SHARED)
#define LITE_ALLOC_QUICK 1
#else
#define LITE_ALLOC_QUICK 0
#endif
#endif
// calloc skips what the backend zeroed, by remembering how high the bump pointer has been. Not under
// valgrind: that remembered address may equal a block's start and hide the block's leak from memcheck.
#define LITE_ALLOC_SKIP_FRESH_ZEROING (LITE_ALLOC_FRESH_MEMORY_IS_ZERO && !LITE_ALLOC_VALGRIND)

// newlib's libc allocates through _malloc_r and friends, which only src/abi/newlib_reent.cpp
// defines: an archive member is linked only when something names it, so every object of lite-alloc
// (each includes this file) names _malloc_r (an undefined symbol, no code). Then whatever part of
// lite-alloc a program links (lite_alloc_stats() alone links state.o), newlib_reent.o comes with it
// and newlib's own heap cannot be linked beside ours.
#if defined(LITE_ALLOC_NEWLIB) && !defined(LITE_ALLOC_PREFIXED)
__asm__(".globl _malloc_r");
#endif
