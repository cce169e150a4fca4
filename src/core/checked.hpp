// The checked build (LITE_ALLOC_CHECKED=1, `make CHECKED=1`): what it adds to every call, all O(1)
// but the whole-heap check it runs every LITE_ALLOC_CHECK_INTERVAL calls.
//   - every pointer handed back is verified before it is used: inside the heap, at a block start,
//     in use, its header sane and its canary intact; only when that fails is the heap walked, to
//     name the problem (double free, interior or foreign pointer, overwritten header);
//   - a canary after every block's requested bytes (one more word per block), checked on free,
//     realloc and at every whole-heap check;
//   - free blocks are poisoned (up to kPoisonSpan bytes after their links) and the poison is
//     verified when the block is taken again or merged: a write after free is named.
// In the release build every hook here is an empty inline function.
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
void poison(char *p);
void verify_poison(const char *p);
bool poison_intact(const char *p);
// A gap block (arena.cpp): remembered so that the heap check does not take it for a user block.
bool note_gap(const char *p);
bool is_gap(const char *p);
void forget_gaps();
extern size_t g_blocks_walked;
#else
constexpr size_t kCanaryBytes = 0;
inline void enter(const char *) {}
inline void verify_owned(const char *) {}
inline void arm_canary(char *, size_t) {}
inline size_t requested_size(const char *p) { return block_size(p) - kWord; }
inline void poison(char *) {}
inline void verify_poison(const char *) {}
inline bool poison_intact(const char *) { return true; }
inline bool note_gap(const char *) { return true; }
inline bool is_gap(const char *) { return false; }
inline void forget_gaps() {}
#endif

}  // namespace lite::checked
