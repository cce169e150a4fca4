// What every strategy provides to the core, the helpers they share, and the strategy itself: one
// header under src/strategy/, chosen by LITE_ALLOC_STRATEGY_<name> (config.hpp). A strategy is a
// header so that its steps are inlined into the entry points that use them: the binary has one
// function per entry point (and one shared allocation function), not one per layer.
//
// Each strategy defines, in namespace lite::strategy (sizes are block sizes from block_size_for():
// multiples of kAlign, headers included):
//   kName                          its name, for lite_alloc_strategy()
//   char *allocate(size_t size)    an in-use block of at least `size` bytes (header written, kInUse
//                                  set), or nullptr; inlined into lite::allocate (and the aligned
//                                  allocation's copy, in programs that use it)
//   void release(char *payload)    takes an in-use block back onto the free lists (or the bump space)
//   bool resize(char *payload, size_t size)
//                                  resizes a block in place to `size` bytes or a little more:
//                                  shrinking always succeeds (the block may keep its size); growing
//                                  succeeds only without moving. Keeps the block's flags.
//   int check_free(FreeSummary &listed, size_t at_most)
//                                  lite_alloc_check's part: verifies the free lists and their
//                                  invariants and adds up what they hold; 0 or a kCheck* code.
//   int home(const char *p)        the list free block p belongs on, its index in heap().heads (the
//                                  checked build verifies that each link leads to a block of its list)
// Their lists live in heap().heads (LITE_ALLOC_HEADS of them), so that lite_alloc_init_region
// forgets every free block by clearing the heap's state.
#pragma once

#include "arena.hpp"
#include "checked.hpp"

namespace lite {

// Codes of lite_alloc_check(); kBadBlockSize (arena.hpp) is 1.
enum CheckCode : int {
    kCheckOk = 0,
    kCheckFreeListCorrupt = 2,  // a list reaches a block in use, leaves the heap, or loops
    kCheckFreeNotListed = 3,    // the free structures and the heap disagree on the free blocks
    kCheckWrongBin = 4,         // a block on the list of another size
    kCheckBoundaryTag = 5,      // freelist: a free block's footer or its neighbour's flag is wrong
    kCheckNotCoalesced = 6,     // two free blocks side by side, or a free block touching the bump space
    kCheckCanary = 7,           // checked build: a write past a block's end
    kCheckPoison = 8,           // checked build: a write into a free block
    kCheckBumpOverrun = 9,      // the bump pointer passed the end of its memory
};

namespace strategy {
// What a walk of the free lists or of the heap adds up, to compare the two.
struct FreeSummary {
    size_t count, bytes, xor_of_addresses;
    void add(const char *p) { ++count, bytes += block_size(p), xor_of_addresses ^= (size_t)p; }
};
}  // namespace strategy

namespace strategy {
inline int home(const char *p);  // the list free block p belongs on: its index in heap().heads
}

// The links of a free block: link i of block p is the word at p + i * kWord (LITE_ALLOC_LINKS of
// them: next, and freelist's prev), read and written only through link() and set_link(). A list's
// head is a plain pointer in heap().heads.
// Checked build: a link word holds the link ^ checked::key(its address), so that no zero word,
// stale pointer or copied word reads back as a link; a singly linked list (one link) keeps the link
// plain in the next word too, and freelist's doubly linked ones have their back-links instead (p's
// next has p as its prev, and the reverse; a list's first block has its head slot as prev). link()
// verifies every link before it is followed: the copy or back-link, and its block: none, or a free
// block inside the heap, aligned, of a possible size, on the same list (strategy::home), or that
// list's head slot; else a write after free is named.
#if LITE_ALLOC_CHECKED
// Whether p, found on list `list` (its head, or a link of a block on it), could be a free block there.
inline bool on_list(const char *p, int list) {
    return arena_holds(p) && !in_use(p) && size_can_be(p, block_size(p)) && strategy::home(p) == list;
}
// Link i of free block p, decoded into *to, and whether it is as the allocator wrote it.
LITE_SHARED bool link_sound(const char *p, int i, char **to) {
    auto stored = [](const char *q, int j) { return (char *)(load_word(q + j * kWord) ^ checked::key(q + j * kWord)); };
    char *next = *to = stored(p, i);
    if (LITE_ALLOC_LINKS == 1) return load_ptr(p + kWord) == next && (!next || on_list(next, strategy::home(p)));
    if (!next) return i == 0;  // freelist: a list's first block has its head slot as prev
    char **head = &heap().heads[strategy::home(p)];
    if (i == 1 && next == (char *)head) return *head == p;
    return on_list(next, strategy::home(p)) && stored(next, 1 - i) == p;
}
LITE_INLINE char *link(const char *p, int i) {
    char *to;
    if (!link_sound(p, i, &to)) checked::written_after_free();
    return to;
}
LITE_INLINE void set_link(char *p, int i, char *to) {
    store_word(p + i * kWord, (size_t)to ^ checked::key(p + i * kWord));
    if (LITE_ALLOC_LINKS == 1) store_ptr(p + kWord, to);
}
// Whether free block p is as the allocator left it: links, poison, footer.
inline bool free_block_intact(const char *p) {
    for (int i = 0; i < LITE_ALLOC_LINKS; ++i)
        if (char *to; !link_sound(p, i, &to)) return false;
    return checked::poison_intact(p);
}
#else
LITE_INLINE char *link(const char *p, int i) { return load_ptr(p + i * kWord); }
LITE_INLINE void set_link(char *p, int i, char *to) { store_ptr(p + i * kWord, to); }
inline bool free_block_intact(const char *) { return true; }
#endif
// Verifies a free block's poison and footer before it is taken off its list or merged; its links
// are verified as they are read (link()), which the caller does next.
LITE_INLINE void verify_free(const char *p) {
    if (LITE_ALLOC_CHECKED && !checked::poison_intact(p)) checked::written_after_free();
}

// Singly linked LIFO lists of free blocks (bump_freelist, segregated_bump). A slot is what holds a
// link: a list's head (named by the address of its head pointer) or a free block, whose link 0 is the
// block's next. (In the release build both are one pointer at the slot's address.)
LITE_INLINE char *slot_of(char **head) { return (char *)head; }
#if LITE_ALLOC_CHECKED
// The list whose head is at `slot`, or -1 when slot is a block.
LITE_INLINE int head_at(const char *slot) {
    size_t i = ((uintptr_t)slot - (uintptr_t)heap().heads) / sizeof(char *);
    return i < LITE_ALLOC_HEADS ? (int)i : -1;
}
LITE_INLINE char *slot_link(const char *slot) {
    int list = head_at(slot);
    if (list < 0) return link(slot, 0);
    char *p = heap().heads[list];
    if (p && !on_list(p, list)) checked::written_after_free();
    return p;
}
LITE_INLINE void set_slot_link(char *slot, char *to) {
    if (head_at(slot) < 0) return set_link(slot, 0, to);
    store_ptr(slot, to);
}
#else
LITE_INLINE char *slot_link(const char *slot) { return load_ptr(slot); }
LITE_INLINE void set_slot_link(char *slot, char *to) { store_ptr(slot, to); }
#endif
// Files block p, of `size` bytes, at the head of a list.
LITE_INLINE void push_free(char *head, char *p, size_t size) {
    set_header(p, size);
    checked::poison(p);
    set_link(p, 0, load_ptr(head));
    store_ptr(head, p);
}
// Takes free block p, which `slot` points at, off its list, marks it in use and returns it. A caller
// that has read p's header passes it (header_read, h): a size build keeps it in a register (4 bytes
// less on the Cortex-M4); else the header is read after the unlink (x86 ors the flag into memory in
// one instruction, and clang's wasm code for segregated_bump's pop is smaller so).
LITE_INLINE char *take_off(char *slot, char *p, bool header_read = false, Word h = 0) {
    verify_free(p);
    set_slot_link(slot, link(p, 0));  // the next block, verified before it takes p's place
    set_header(p, (kSizeBuild && header_read ? h : header(p)) + kInUse);
    return p;
}
// The first of a list's first `steps` blocks that holds `size` bytes, taken off the list; nullptr
// when none does. A bounded look keeps a list of many blocks just too small from costing O(n).
// kWholeList steps is no bound: its first decrement wraps, and no list holds SIZE_MAX blocks (0 is a
// 2-byte constant on the Cortex-M, where SIZE_MAX takes 4).
constexpr size_t kWholeList = 0;
LITE_SHARED char *take_first_fit(char *head, size_t size, size_t steps) {
    for (char *slot = head, *p; (p = slot_link(slot)); slot = p) {
        if (Word h = header(p); h >= size) return take_off(slot, p, true, h);  // (a free block's header is its size alone)
        if (!--steps) break;
    }
    return nullptr;
}
constexpr size_t kFitSteps = 16;  // how far the strategies look into a list before other choices

// bump_freelist's and segregated_bump's release and resize: blocks are not split while the heap
// can grow (allocate_short below splits and merges only once it cannot), so a freed block goes back
// to the bump space if it is on top (at any size), else onto the list that list_for(its size)
// names; and only the block on top changes size (into the bump space): any other keeps its size.
// (returns p: see bump_freelist's release)
template <class ListFor>
LITE_INLINE char *release_unsplit(char *p, ListFor list_for) {
    size_t size = block_size(p);
    // (on top. A size build compares the distance: one register fewer than p + size; an -O2 build
    // adds, half an instruction less per call on x86-64)
    if (kSizeBuild ? (size_t)(heap().top - p) == size : p + size == heap().top) arena_give_back(p);
    else {
#if LITE_ALLOC_MERGE == 2
        heap().freed += size;
#endif
        push_free(list_for(size), p, size);
    }
    return p;
}
LITE_INLINE bool resize_unsplit(char *p, size_t size) {
    size_t have = block_size(p);
    if (p + have == heap().top) return arena_resize_top(p, have, size);
    return size <= have;
}

// Size classes kPerPower per power of two from kMinBlock (2: sizes from 2^k and from 1.5 * 2^k; 4:
// from 2^k, 1.25, 1.5 and 1.75 * 2^k), the last of kClasses taking every larger block: bump_freelist's
// lists and freelist's bins. With a count-leading-zeros instruction the class comes from the
// normalised size: shifted so that its leading one is the top bit, its top log2(kPerPower) + 1 bits
// are kPerPower + the bits after the leading one. kBias is added to the class (bump_freelist's
// biased index), folded into the constant: those top bits minus kPerPower times the zeros, plus one
// constant, GCC's shortest code for either (Cortex-M4: 2 bytes).
template <int kClasses, int kBias = 0, int kPerPower = 2>
LITE_INLINE int power_class(size_t size) {
    static_assert(kPerPower >= 2 && !(kPerPower & (kPerPower - 1)), "classes per power of two: a power of two");
    constexpr int kMinShift = __builtin_ctz(kMinBlock);
    constexpr int kFraction = __builtin_ctz(kPerPower);  // the bits after the leading one that count
#if LITE_NO_CLZ
    int k = log2_floor(size);
    int c = kPerPower * (k - kMinShift) + (int)((size >> (k - kFraction)) & (kPerPower - 1)) + kBias;
#else
    constexpr int kBits = sizeof(size_t) * 8;
    int zeros = __builtin_clzl(size);
    int c = (int)((size << zeros) >> (kBits - 1 - kFraction)) - kPerPower * zeros +
            (kPerPower * (kBits - 2 - kMinShift) + kBias);
#endif
    return c < kClasses - 1 + kBias ? c : kClasses - 1 + kBias;
}

// Lazy merging, for the strategies that never merge a block when it is freed (bump_freelist,
// segregated_bump), as dlmalloc's malloc_consolidate does for its fastbins. Only an allocation that
// its lists and the bump space cannot serve gets here (allocate_slow, out of line on the host: its
// fast path does not carry it). It asks the backend first; only once that refuses (a fixed heap is full):
//   - a first fit in the request's whole list i, else the head of the first non-empty list after
//     it (every block there holds the request), split when at least kSplitRest bytes remain;
//   - else merge(): one walk of the heap joins every run of adjacent free blocks into one block and
//     hands each run to release(p) (the strategy's: onto the list of its size, or back to the bump
//     space when the run ends at the bump pointer), then the same look again, then the bump space.
// So a heap that cannot grow fails a request only when no run of free blocks holds it. Rests of
// splits are merged again by the next walk; a heap that can grow never splits or merges (the
// footprint of a steady malloc/free loop stays bounded, as without them).
// LITE_ALLOC_MERGE=2 treats a heap as if it could not grow while its lists are due: heap().freed,
// the bytes release filed onto them since the last merge (the merge's runs included), is above half
// of what the heap claimed (arena_grow refuses then). So the look, and if need be the merge, come
// before growth once much of the heap was freed: programs whose buffers grow through many sizes
// leave blocks that no later request fits whole, which the merge joins. When even the merged lists
// hold nothing for the request, freed restarts from 0 and the heap grows; when a merge serves it,
// freed stays as high (its runs count) and the next request that would grow looks first again. A
// steady loop that its own lists serve never gets here. Measured: make bench's growing-heap table
// (its high-water marks), host workloads (instructions per call within 3 %), and Lua on the
// Cortex-M4: 0.70x newlib-nano's instructions for bump_freelist (0.69x as shipped; 0.93x with the
// shipped build's 32 lists, whose first fits in whole lists walked past many blocks too small),
// 0.67x for segregated_bump (0.66x).
// LITE_ALLOC_MERGE=0 leaves the split and the merge out (the allocate_short after #else).
// Their list indices i and kHeads (the number of lists) are the strategy's: each kBias more than the
// index in heap().heads (bump_freelist's biased indices; 0 for segregated_bump).
#if LITE_ALLOC_MERGE
// (LITE_ALLOC_MERGE=2 splits off any rest that can be a block: its merges come often enough to join
// small rests again; segregated_bump's peak under Emscripten's MuJS 1.37 -> 1.18x dlmalloc's)
constexpr size_t kSplitRest = LITE_ALLOC_MERGE == 2 ? kMinBlock : 64;
template <class T> inline constexpr bool kIsBlock = false;  // whether a strategy's release returns its block
template <> inline constexpr bool kIsBlock<char *> = true;
// In size builds the slow path is inlined into the allocation function: one prologue, one carve
// (bump_freelist: 90 bytes smaller on wasm32, 36 on the Cortex-M4). On the host it stays out of line,
// called as the fast path's last step (a tail call: the fast path saves no register for after it).
constexpr bool kSlowPathInline = kSizeBuild;
#ifdef __OPTIMIZE_SIZE__
#define LITE_SLOW_PATH LITE_INLINE
#else
#define LITE_SLOW_PATH [[gnu::noinline]]
#endif
template <class Release>
LITE_INLINE void merge(Release release) {
    Heap &h = heap();
    if (LITE_ALLOC_CHECKED)  // every free block as it was left (its links are about to be dropped)
        arena_walk([](char *p) { return in_use(p) || free_block_intact(p) ? 0 : (checked::written_after_free(), 0); });
#if LITE_ALLOC_MERGE == 2
    __builtin_memset(&h.freed, 0, sizeof h.freed + sizeof h.heads);  // (freed counts the runs again)
#else
    __builtin_memset(h.heads, 0, sizeof h.heads);  // (every list empty: a null pointer is all zero bits)
#endif
    // (release lowers h.top only for the run that ends there, the last: the walk then ends too)
    for (char *p = arena_first(), *q; p < h.top; p = q) {
        q = next_block(p);
        if (in_use(p)) continue;
        // p starts a run: q walks to its end (a free block's header is its size alone, no flag to mask)
        while (q != h.top && !in_use(q)) q += header(q);
        set_header(p, (Word)(q - p));
        release(p);
    }
}
// Block p, just taken off a list for a request of size, split when at least kSplitRest bytes remain:
// the rest filed by release. p came off a list: its header is its size + kInUse and no other flag,
// so header - size is the header of the rest (its size + kInUse).
template <class Release>
LITE_INLINE char *split_off(char *p, size_t size, Release release) {
    Word rest_header = header(p) - size;
    if (rest_header >= kSplitRest - 1) {  // (rest >= kSplitRest - 2, so >= kSplitRest in multiples of 8: 62 is a 1-byte wasm constant)
        set_header(p, size + kInUse);
        set_header(p + size, rest_header);
        if constexpr (kIsBlock<decltype(release(p))>) p = release(p + size) - size;  // (release gives p + size back: no register keeps p across the call)
        else release(p + size);
    }
    return p;
}
#if !(defined(__wasm__) && defined(__OPTIMIZE_SIZE__) && !LITE_ALLOC_INLINE_SHARED) && LITE_ALLOC_MERGE != 2
// The bump space grown; else a block off a list (split); else merge() and the same look; else the
// bump space the merge gave back; nullptr when none. Growth is asked in one place, once per round: a
// refusing backend is asked twice more (a fixed region answers at once; test/fuzz bounds it), and
// the carve takes the pointer arena_grow returns. Against asking once: Cortex-M4 12 / 12 bytes
// less (bump_freelist / segregated_bump), M0 8 / 8, riscv32 8 / 0, Emscripten 9 / 7.
template <int kHeads, int kBias, class Release>
LITE_SLOW_PATH char *allocate_slow(size_t size, int i, Release release) {
    for (int round = 0;; ++round) {
        if (char *top = arena_grow(size)) return arena_carve(size, top);
        if (round == 2) return nullptr;
        if (round) merge(release);
        for (int j = i;; ++j) {  // own list: a first fit; after it, the head fits
            if (char *p = take_first_fit(slot_of(&heap().heads[j - kBias]), size, kWholeList)) return split_off(p, size, release);
            if (j == kHeads) break;  // (the last is empty)
        }
    }
}
#else
// clang's wasm32 size build (shared steps out of line) is 13 bytes smaller asking twice, with the
// look restarted after the merge in one loop, and one carve after it (wasi: the same either way);
// so is LITE_ALLOC_MERGE=2 on every target (its column in make size: wasm32 23 / 23 bytes less
// than the loop above, Cortex-M4 4 / 4, riscv32 10 / 4, Emscripten 2 / 5; wasi 2 more / 1 less):
// the bump space grown, else a block off a list (split), else merge() and a block off a list; nullptr
// when none: then the bump space is grown again (or holds size, given back by the merge).
template <int kHeads, int kBias, class Release>
LITE_INLINE char *grow_split_merge(size_t size, int i, Release release) {
    if (arena_grow(size)) return nullptr;
    for (int j = i, merged = 0;; ++j) {  // own list: a first fit; after it, the head fits
        if (char *p = take_first_fit(slot_of(&heap().heads[j - kBias]), size, kWholeList)) return split_off(p, size, release);
        if (j == kHeads) {  // no list holds it (the last is empty): merge once and look again
            if (merged++) {
#if LITE_ALLOC_MERGE == 2
                heap().freed = 0;  // the merged lists hold nothing for it either: grow, no longer due
#endif
                return nullptr;
            }
            merge(release);
            j = i - 1;
        }
    }
}
// grow_split_merge, else the bump space that it grew or merged: one carve, at the pointer arena_grow
// returns (LITE_ALLOC_MERGE=2 on the Cortex-M4: 8 / 4 bytes less; not arena_take, whose inline room
// test in speed builds repeats arena_grow's: 41 / 23 bytes more on wasi / Emscripten). Whether the
// bump space already holds size was asked before, by arena_grow, which asks it first (size builds).
// It asks again after the merge: 6 bytes less than testing the room inline.
template <int kHeads, int kBias, class Release>
LITE_SLOW_PATH char *allocate_slow(size_t size, int i, Release release) {
    if (char *p = grow_split_merge<kHeads, kBias>(size, i, release)) return p;
    char *top = arena_grow(size);
    return top ? arena_carve(size, top) : nullptr;
}
#endif
// What a strategy's allocation does once its lists fall short (the host checks the bump space
// before the call, so that the call is the fast path's last step).
template <int kHeads, int kBias, class Release>
LITE_INLINE char *allocate_short(size_t size, int i, Release release) {
    if (!kSlowPathInline && arena_has(size)) return arena_carve(size);
    return allocate_slow<kHeads, kBias>(size, i, release);
}
#else
// LITE_ALLOC_MERGE=0: the bump space, grown if need be; once it cannot grow, a request takes the
// first block that holds it, whole, in any list from its own.
template <int kHeads, int kBias, class Release>
LITE_INLINE char *allocate_short(size_t size, int i, Release) {
    if (char *p = arena_take(size)) return p;
#ifdef __wasm__  // (clang's code shrinks the loop below too, but the merge's part of the shipped build would pass its cap)
    for (; i < kHeads; ++i)
        if (char *p = take_first_fit(slot_of(&heap().heads[i - kBias]), size, kWholeList)) return p;
    return nullptr;
#else  // (i < kHeads. The last list tested after its walk: GCC's Cortex-M code returns the walk's answer in place, one register fewer, bump_freelist 16 bytes less)
    for (;; ++i)
        if (char *p = take_first_fit(slot_of(&heap().heads[i - kBias]), size, kWholeList); p || i == kHeads - 1) return p;
#endif
}
#endif

// lite_alloc_check's walk of one list: every block free, inside the heap, on the right list
// (right(p)), and no more blocks than the heap holds (a loop).
template <class Right>
int check_list(char *p, strategy::FreeSummary &listed, size_t at_most, Right right) {
    for (; p; p = link(p, 0)) {
        if (!arena_holds(p) || in_use(p) || listed.count >= at_most) return kCheckFreeListCorrupt;
        if (!right(p)) return kCheckWrongBin;
        listed.add(p);
    }
    return 0;
}

}  // namespace lite

#include LITE_ALLOC_STRATEGY_HEADER

