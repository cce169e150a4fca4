// The checked build's verification (see checked.hpp). Empty in the release build.
#include "checked.hpp"

#if LITE_ALLOC_CHECKED
#include "../../include/lite_alloc.h"
#include "arena.hpp"

namespace lite {
[[noreturn]] void fatal(const char *call, const char *problem);  // src/abi/report.cpp
}

namespace lite::checked {

static const char *g_call = "";
static size_t g_calls, g_interval = LITE_ALLOC_CHECK_INTERVAL;
size_t g_blocks_walked;  // by the last lite_alloc_check()

constexpr size_t kCanarySpan = 64;  // canary bytes after the request, at most (the word is always there)
constexpr unsigned char kCanaryByte = 0xCB;
constexpr size_t kPoisonSpan = 64;  // the first bytes of a free block that are watched
constexpr unsigned char kPoisonByte = 0xDF;

[[noreturn]] static void die(const char *problem) { fatal(g_call, problem); }

// The whole-heap check runs every LITE_ALLOC_CHECK_INTERVAL calls, or, in a heap of more blocks than
// that, every as many calls as it has blocks: its O(blocks) walk then costs O(1) per call, amortized.
// An interval of 1 checks before every call.
void enter(const char *call) {
    g_call = call;
    if (++g_calls < g_interval) return;
    g_calls = 0;
    if (int code = lite_alloc_check()) die(lite_alloc_check_message(code));
    if (LITE_ALLOC_CHECK_INTERVAL > 1) g_interval = g_blocks_walked > LITE_ALLOC_CHECK_INTERVAL ? g_blocks_walked : LITE_ALLOC_CHECK_INTERVAL;
}

// The last payload word records the request, mixed with the address; kCanaryByte fills what
// follows the request, up to kCanarySpan bytes.
static char *canary_word(const char *p) { return (char *)p + block_size(p) - 2 * kWord; }
static size_t canary_key(const char *p) { return (size_t)p ^ (size_t)0x9E3779B97F4A7C15ull; }
static char *canary_end(const char *p, size_t n, char *word) {
    return (size_t)(word - (p + n)) > kCanarySpan ? (char *)p + n + kCanarySpan : word;
}

void arm_canary(char *p, size_t n) {
    char *word = canary_word(p);
    __builtin_memset(p + n, kCanaryByte, (size_t)(canary_end(p, n, word) - (p + n)));
    store_word(word, n ^ canary_key(p));
}

size_t requested_size(const char *p) {
    char *word = canary_word(p);
    size_t n = load_word(word) ^ canary_key(p);
    if (n > (size_t)(word - p)) return SIZE_MAX;
    for (const char *c = p + n, *end = canary_end(p, n, word); c < end; ++c)
        if ((unsigned char)*c != kCanaryByte) return SIZE_MAX;
    return n;
}

void written_after_free() { die("a freed block was written to after free (use after free)"); }

// A free block's payload: its link words (strategy.hpp: one link and its copy, or freelist's next and
// prev); freelist, in a block larger than the minimum: the island word and its copy, the offset of
// the block last freed into it from above (0: none); poison, up to kPoisonSpan bytes from the
// payload's start; freelist: the footer, its size, in its last word.
constexpr size_t kFooter = LITE_ALLOC_LINKS == 2 ? kWord : 0;
static char *island_word(const char *p) {
    return LITE_ALLOC_LINKS == 2 && block_size(p) > kMinBlock ? (char *)p + 2 * kWord : nullptr;
}
static char *poison_start(const char *p) { return (char *)p + (island_word(p) ? 4 : 2) * kWord; }
// The end of what is poisoned from `start` (a payload, or a block freed into p): kPoisonSpan bytes
// on, or the end of p's poisoned bytes.
static char *poison_end(const char *p, const char *start) {
    char *end = (char *)p + block_size(p) - kWord - kFooter;
    return end - start > (ptrdiff_t)kPoisonSpan ? (char *)start + kPoisonSpan : end;
}
// (a word at a time: every poisoned range starts and ends on a word)
constexpr Word kPoisonWord = (Word)0x0101010101010101ull * kPoisonByte;
static void fill(char *c, const char *end) {
    for (; c < end; c += kWord) store_word(c, kPoisonWord);
}
static bool filled(const char *c, const char *end) {
    for (; c < end; c += kWord)
        if (load_word(c) != kPoisonWord) return false;
    return true;
}
static void set_island(char *word, size_t offset) {
    store_word(word, offset);
    store_word(word + kWord, offset ^ key(word));
}

void poison(char *p) {
    fill(poison_start(p), poison_end(p, p));
    if (char *word = island_word(p)) set_island(word, 0);
}
// The freed block's first bytes are poisoned, and p remembers where they are (past its own words:
// p is at least kMinBlock, four words).
void merged(char *p, char *freed) {
    if (freed == p) return;
    set_island(island_word(p), (size_t)(freed - p));
    fill(freed, poison_end(p, freed));
}
bool poison_intact(const char *p) {
    if (kFooter && load_word(p + block_size(p) - 2 * kWord) != block_size(p)) return false;
    if (!filled(poison_start(p), poison_end(p, p))) return false;
    char *word = island_word(p);
    if (!word) return true;
    size_t at = load_word(word);
    if (load_word(word + kWord) != (at ^ key(word))) return false;
    return !at || (at % kAlign == 0 && at >= kMinBlock && at < block_size(p) && filled(p + at, poison_end(p, p + at)));
}

constexpr int kMaxGaps = 64;
static const char *g_gaps[kMaxGaps];
static int g_gap_count;
bool note_gap(const char *p) {
    if (g_gap_count == kMaxGaps) return false;
    g_gaps[g_gap_count++] = p;
    return true;
}
bool is_gap(const char *p) {
    for (int i = 0; i < g_gap_count; ++i)
        if (g_gaps[i] == p) return true;
    return false;
}
void forget_gaps() { g_gap_count = 0; }

// Only when the O(1) verification failed: walks the heap to say what ptr is.
[[noreturn]] static void classify(const char *ptr) {
    const char *problem = nullptr;
    const char *after = arena_first();  // where the walk goes next: the bad block, if it stops on one
    int walk = arena_walk([&](char *b) {
        char *next = next_block(b);
        after = next;
        if (ptr < b - kWord || ptr >= next - kWord) return 0;
        if (ptr != b) problem = in_use(b) ? "pointer points inside a block, not at its start"
                                          : "pointer lies in a free block (double free, or a stray pointer)";
        else if (!in_use(b)) problem = "block was already freed (double free)";
        else if (is_gap(b)) problem = "pointer was never handed out by this heap";
        else if (requested_size(b) == SIZE_MAX) problem = "a write past the end of the block overwrote its canary";
        return 1;
    });
    if (problem) die(problem);
    if (walk == kBadBlockSize) {  // a block whose size is impossible: ptr's own header, or another's
        if (after == ptr) die("the block's header was overwritten (a write before its start, or past the previous block)");
        die(lite_alloc_check_message(kBadBlockSize));
    }
    if (ptr >= heap().top && ptr < heap().end) die("pointer lies in unused heap space (double free, or a stray pointer)");
    die("pointer was never handed out by this heap");
}

void verify_owned(const char *ptr) {
    if (!arena_holds(ptr)) classify(ptr);
    if (!in_use(ptr) || !size_can_be(ptr, block_size(ptr)) || requested_size(ptr) == SIZE_MAX || is_gap(ptr))
        classify(ptr);
}

}  // namespace lite::checked
#endif
