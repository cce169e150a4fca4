// The checked build (LITE_ALLOC_CHECKED=1, `make CHECKED=1`): what it adds to every call, all O(1)
// but the whole-heap check it runs every LITE_ALLOC_CHECK_INTERVAL calls.
//   - every pointer handed back is verified before it is used: inside the heap, at a block start,
//     in use, its header sane and its canary intact; only when that fails is the heap walked, to
//     name the problem (double free, interior or foreign pointer, overwritten header);
//   - a canary after every block's requested bytes (one more word per block), checked on free,
//     realloc and at every whole-heap check;
//   - free blocks are poisoned (their first kPoisonSpan bytes after their links and the links'
//     copies), their links are stored encoded and verified before they are followed (strategy.hpp),
//     and the whole block, links, poison and footer, is verified when it is taken again or merged:
//     a write after free is named;
//   - freelist: a block freed into the free block below it is poisoned too, and stays watched until
//     that block changes again (merged()).
// In the release build every hook here is an empty always-inline function (emcc -Oz would keep a
// call to a plain inline one).
#pragma once

#include "block.hpp"

namespace lite::checked {

#if LITE_ALLOC_CHECKED
constexpr size_t kCanaryBytes = kWord;
// The entry point running, for the messages ("free(): ").
void enter(const char *call);
// Verifies ptr as a block this heap handed out; aborts with a message naming the problem if not.
void verify_owned(const char *ptr);
void arm_canary(char *p, size_t n);
// The size the block was asked for, or SIZE_MAX when its canary was overwritten.
size_t requested_size(const char *p);
// A free block's link word holds the link ^ key(the word's address): odd, so that a zero word (or a
// stale pointer, or a word copied from another block) never reads back as a link.
inline size_t key(const char *at) { return (size_t)at ^ (size_t)0x9E3779B97F4A7C15ull; }
[[noreturn]] void written_after_free();
// The poison of free block p (its header, and freelist's footer, written), and whether it is intact.
void poison(char *p);
bool poison_intact(const char *p);
// freelist: block `freed` was merged into free block p below it (p is filed on its list).
void merged(char *p, char *freed);
// A gap block (arena.cpp): remembered so that the heap check does not take it for a user block.
bool note_gap(const char *p);
bool is_gap(const char *p);
void forget_gaps();
extern size_t g_blocks_walked;
#else
constexpr size_t kCanaryBytes = 0;
LITE_INLINE void enter(const char *) {}
LITE_INLINE void verify_owned(const char *) {}
LITE_INLINE void arm_canary(char *, size_t) {}
LITE_INLINE size_t requested_size(const char *p) { return block_size(p) - kWord; }
LITE_INLINE void written_after_free() {}  // never called: every call is under `if (LITE_ALLOC_CHECKED && ...)`
LITE_INLINE void poison(char *) {}
LITE_INLINE bool poison_intact(const char *) { return true; }
LITE_INLINE void merged(char *, char *) {}
LITE_INLINE bool note_gap(const char *) { return true; }
LITE_INLINE bool is_gap(const char *) { return false; }
LITE_INLINE void forget_gaps() {}
#endif

}  // namespace lite::checked
