// The block layout shared by every strategy.
//
//   header word          payload (what the user gets)
//   [ size | flags ][ ............................ ]
//   ^ block          ^ payload, aligned to kAlign
//
// Invariants of every block:
//   - the header is the one word just before the payload; it holds the block's total size
//     (header included) with the flag bits below kAlign in its low bits;
//   - the size is a multiple of kAlign and at least kMinBlock, so the next block's payload
//     (payload + size) is aligned too;
//   - a free block keeps its links at the start of its payload (kMinBlock leaves room), and its
//     header holds its size alone, no flag (code reads a free block's size without masking).
// Memory is read and written only through load_word/store_word (memcpy), never by punning types.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "config.hpp"

// Every step between an entry point and the heap is written as a function for the reader and
// inlined for the binary: emcc -Oz and GCC -Os would otherwise leave one-load helpers as calls on
// the hot path (measured: Lua under Emscripten 1.2-1.4x slower with -Oz libraries, for calls alone).
#define LITE_INLINE [[gnu::always_inline]] inline
// A step that more than one entry point takes, and that is too large to copy into each: in a build
// for size (-Os, -Oz: Cortex-M, RISC-V, wasm), one shared copy (a header function: its copies in
// several objects fold into one at link time); in a build for speed (-O2: the host), inlined; and
// inlined in a size build with LITE_ALLOC_INLINE_SHARED (wasi and Emscripten: V8 runs wasm calls
// slowly enough that these cost the -Oz libraries up to a third of their speed; config.hpp).
// Such a build also makes the speed build's other choices (kSizeBuild false): under V8 freelist
// replays the Lua trace 6 % faster so than with the size build's, for 43 bytes (the others: the same
// speed, 54 bytes). Two choices stay the size build's, by __OPTIMIZE_SIZE__: the slow path inlined
// (strategy.hpp) and segregated_bump's branchless class; the speed build's would cost 46 / 108 bytes,
// for bump_freelist 5 % and segregated_bump nothing.
#if defined(__OPTIMIZE_SIZE__) && !LITE_ALLOC_INLINE_SHARED
#define LITE_SHARED [[gnu::noinline]] inline
constexpr bool kSizeBuild = true;  // the other choices a size build makes (their comments say why)
#else
#define LITE_SHARED LITE_INLINE
constexpr bool kSizeBuild = false;
#endif
// A shared step whose answer one caller drops: GCC would add a copy without it for that caller
// (an .isra clone); this keeps one. (clang makes no such copies, and has no such attribute.)
#if defined(__GNUC__) && !defined(__clang__)
#define LITE_NO_CLONE __attribute__((noclone))
#else
#define LITE_NO_CLONE
#endif
// wasm (clang's code): where a choice differs there, its comment says why.
#ifdef __wasm__
inline constexpr bool kWasm = true;
#else
inline constexpr bool kWasm = false;
#endif

namespace lite {

using Word = size_t;
constexpr size_t kWord = sizeof(Word);
constexpr size_t kAlign = alignof(max_align_t);  // 16 on x86-64 and wasm32-wasi, 8 on Cortex-M/Emscripten
LITE_INLINE constexpr size_t round_up(size_t n, size_t align) { return (n + align - 1) & ~(align - 1); }
// The smallest block: every request is rounded up to it, so every block can become a free one.
constexpr size_t kMinBlock = round_up(LITE_ALLOC_MIN_FREE_WORDS * kWord, kAlign);
static_assert(kMinBlock <= 2 * kAlign, "an aligned lead plus one alignment step can stand as a free block");
static_assert((kAlign & (kAlign - 1)) == 0 && kAlign >= 8, "three flag bits live below kAlign");

// Header flags.
constexpr Word kInUse = 1;     // handed out, or a gap (clear: the block is on a free structure)
// (code that sets kInUse on a header known to hold no flag adds it: a 2-byte adds on the Cortex-M,
// where an or with an immediate takes 4)
constexpr Word kPrevFree = 2;  // freelist only: the block just below is free; its size is in its last word
constexpr Word kAligned = 4;   // handed out by an aligned allocation: realloc keeps its alignment
constexpr Word kFlags = kInUse | kPrevFree | kAligned;
// A gap block (arena.hpp) is marked by kPrevFree where no other block has it (every strategy but
// freelist): lite_alloc_stats finds the gaps by it, and growth keeps no count of their bytes (6 bytes
// less on the Cortex-M). freelist counts them in heap().gaps.
#if defined(LITE_ALLOC_STRATEGY_freelist)
constexpr Word kGapMark = 0;
#else
constexpr Word kGapMark = kPrevFree;
#endif

// The largest request served; anything above fails with ENOMEM. It leaves room below PTRDIFF_MAX
// for the header, rounding and the arena's slack, so no size arithmetic can overflow. On Cortex-M
// and RISC-V, whose RAM is far below 1 GiB, the bound is 2^30 - 1: one compare with an immediate
// instead of a literal (a request that large could never be served there anyway).
#if defined(__arm__) || defined(__riscv)
constexpr size_t kMaxRequest = ((size_t)1 << 30) - 1;
#else
constexpr size_t kMaxRequest = PTRDIFF_MAX - 1024;
#endif
// Whether a request of n bytes is above kMaxRequest. (A power of two less one: the bits above it,
// which GCC tests by a 2-byte shift on the Cortex-M, where its compare with 2^30 takes 4.)
LITE_INLINE bool too_large(size_t n) {
    if ((kMaxRequest & (kMaxRequest + 1)) == 0) return n >> __builtin_popcountl(kMaxRequest);
    return n > kMaxRequest;
}

LITE_INLINE Word load_word(const char *at) {
    Word w;
    __builtin_memcpy(&w, at, kWord);
    return w;
}
LITE_INLINE void store_word(char *at, Word w) { __builtin_memcpy(at, &w, kWord); }
LITE_INLINE char *load_ptr(const char *at) {
    char *p;
    __builtin_memcpy(&p, at, sizeof p);
    return p;
}
LITE_INLINE void store_ptr(char *at, char *p) { __builtin_memcpy(at, &p, sizeof p); }

// Blocks are named by their payload pointer, so that the user's pointer is a block.
LITE_INLINE Word header(const char *payload) { return load_word(payload - kWord); }
LITE_INLINE void set_header(char *payload, Word h) { store_word(payload - kWord, h); }
LITE_INLINE size_t block_size(const char *payload) { return header(payload) & ~kFlags; }
LITE_INLINE bool in_use(const char *payload) { return header(payload) & kInUse; }
LITE_INLINE char *next_block(char *payload) { return payload + block_size(payload); }

// Block size for a request of n <= kMaxRequest payload bytes.
LITE_INLINE constexpr size_t block_size_for(size_t n) {
    size_t size = round_up(n + kWord, kAlign);
    // (never below kAlign: where that is the smallest block too, no clamp is needed)
    return kMinBlock > kAlign && size < kMinBlock ? kMinBlock : size;
}

// Cores without a count-leading-zeros instruction (armv6-m, rv32 without Zbb) would call libgcc's,
// about 300 bytes with its table: a shift loop is smaller there (and slower: not for a fast path).
#if defined(__ARM_ARCH_6M__) || (defined(__riscv) && !defined(__riscv_zbb))
#define LITE_NO_CLZ 1
#else
#define LITE_NO_CLZ 0
#endif
// floor(log2(n)) for n > 0.
LITE_INLINE int log2_floor(size_t n) {
#if LITE_NO_CLZ
    int k = 0;
    while (n >>= 1) ++k;
    return k;
#else
    return (int)(sizeof(size_t) * 8 - 1) - __builtin_clzl(n);
#endif
}
// The index of the lowest set bit of n > 0 (the same cores: through log2_floor).
LITE_INLINE int lowest_bit(uint32_t n) {
#if LITE_NO_CLZ
    return log2_floor(n & (0 - n));
#else
    return __builtin_ctz(n);
#endif
}

}  // namespace lite
