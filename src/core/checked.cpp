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
constexpr size_t kPoisonSpan = 64;
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

// The poisoned bytes of a free block: after its links (two words), before a footer.
static char *poison_start(const char *p) { return (char *)p + 2 * kWord; }
static char *poison_end(const char *p) {
    char *end = (char *)p + block_size(p) - 2 * kWord;
    return end - poison_start(p) > (ptrdiff_t)kPoisonSpan ? poison_start(p) + kPoisonSpan : end;
}
void poison(char *p) {
    for (char *c = poison_start(p), *end = poison_end(p); c < end; ++c) *c = (char)kPoisonByte;
}
bool poison_intact(const char *p) {
    for (const char *c = poison_start(p), *end = poison_end(p); c < end; ++c)
        if ((unsigned char)*c != kPoisonByte) return false;
    return true;
}
void verify_poison(const char *p) {
    if (!poison_intact(p)) die("a freed block was written to after free (use after free)");
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
