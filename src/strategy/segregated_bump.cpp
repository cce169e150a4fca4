// segregated_bump: the fastest strategy.
//
// Requests up to the largest size class are rounded up to their class and served in O(1) from that
// class's bin (a LIFO list), or carved from the arena's bump space. Larger requests take the first
// fit, whole, from one list of other free blocks, so a freed large block is reused rather than the
// heap grown. Blocks are neither split nor coalesced (see bump_freelist for why that bounds the
// footprint of a steady loop); only the top block is resized, into the bump space.
//
// A block is filed by the size its header holds, which is the size it really has (a block grown or
// shrunk in place has its header rewritten), never by the size it was once asked for.
// Invariants (verified by lite_alloc_check):
//   - bin c holds only free blocks of exactly kClassBlock[c] bytes, and every free block of that size;
//   - the large list holds every other free block;
//   - no block is on two lists, or twice on one.
// Cost: one header word per block; class c blocks take round_up(class bytes + word, kAlign) bytes.
#include "../core/arena.hpp"
#include "../core/strategy.hpp"

// Request sizes of the classes, ascending; override with -DLITE_ALLOC_SIZE_CLASSES=8,24,...
#ifndef LITE_ALLOC_SIZE_CLASSES
#define LITE_ALLOC_SIZE_CLASSES 16, 32, 64, 128
#endif

namespace lite::strategy {

const char kName[] = "segregated_bump";

constexpr size_t kClassBytes[] = {LITE_ALLOC_SIZE_CLASSES};
constexpr int kClasses = sizeof kClassBytes / sizeof *kClassBytes;
struct ClassBlocks {
    size_t size[kClasses];
    constexpr ClassBlocks() : size() {
        for (int c = 0; c < kClasses; ++c) size[c] = block_size_for(kClassBytes[c]);
    }
};
constexpr ClassBlocks kClassBlock;

static char *g_bins[kClasses];
static char *g_large;  // free blocks of no class size, unsorted

void reset() {
    for (char *&bin : g_bins) bin = nullptr;
    g_large = nullptr;
}

// The list a free block of `size` bytes belongs on.
static char **list_for(size_t size) {
    for (int c = 0; c < kClasses; ++c)
        if (size == kClassBlock.size[c]) return &g_bins[c];
    return &g_large;
}

char *allocate(size_t size, size_t alignment) {
    char **bin = nullptr;
    for (int c = 0; c < kClasses && !bin; ++c)
        if (size <= kClassBlock.size[c]) size = kClassBlock.size[c], bin = &g_bins[c];
    // A class request pops its bin (the head fits unless an alignment is asked for); a large one
    // takes the first fit among the large blocks; either falls back to the bump space.
    char *p = take_first_fit(bin ? bin : &g_large, size, alignment);
    if (!p) p = arena_take(size, alignment);
    if (!p && bin) p = take_first_fit(&g_large, size, alignment);  // last resort: a larger block, whole
    return p;
}

void release(char *p) {
    size_t size = block_size(p);
    char **list = list_for(size);
    set_header(p, size);
    set_link(p, *list);
    *list = p;
}

bool resize(char *p, size_t size) {
    if (arena_is_top(p)) return arena_resize_top(p, size);
    return size <= block_size(p);  // no split, as in bump_freelist: pieces could never merge again
}

int mark_free_blocks() {
    for (int c = 0; c < kClasses; ++c) {
        size_t want = kClassBlock.size[c];
        if (int err = mark_list(g_bins[c], [&](char *, char *p) { return block_size(p) == want ? 0 : (int)kCheckWrongBin; }))
            return err;
    }
    return mark_list(g_large, [](char *, char *p) { return list_for(block_size(p)) == &g_large ? 0 : (int)kCheckWrongBin; });
}

}  // namespace lite::strategy
