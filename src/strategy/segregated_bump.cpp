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
//   - bin c holds only free blocks of exactly kClass.block[c] bytes, and every free block of that size;
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
constexpr size_t kLargestClassBlock = block_size_for(kClassBytes[kClasses - 1]);
// The block size of each class, and the class of each block size up to the largest (in kAlign
// units), so that finding a class is one table load.
struct ClassTable {
    size_t block[kClasses];
    unsigned char of_units[kLargestClassBlock / kAlign + 1];
    constexpr ClassTable() : block(), of_units() {
        for (int c = 0; c < kClasses; ++c) block[c] = block_size_for(kClassBytes[c]);
        for (size_t units = 0, c = 0; units <= kLargestClassBlock / kAlign; ++units) {
            while (units * kAlign > block[c]) ++c;
            of_units[units] = (unsigned char)c;
        }
    }
};
constexpr ClassTable kClass;

static FitList g_bins[kClasses];
static FitList g_large;  // free blocks of no class size, unsorted

void reset() {
    for (FitList &bin : g_bins) bin = {};
    g_large = {};
}

// The list a free block of `size` bytes belongs on.
static FitList &list_for(size_t size) {
    if (size > kLargestClassBlock) return g_large;
    int c = kClass.of_units[size / kAlign];
    return kClass.block[c] == size ? g_bins[c] : g_large;
}

char *allocate(size_t size, size_t alignment) {
    FitList *list = &g_large;
    if (size <= kLargestClassBlock) {
        int c = kClass.of_units[size / kAlign];
        size = kClass.block[c], list = &g_bins[c];
        char *p = list->head;
        if (p && alignment == kAlign) {  // the fast path: pop the bin
            list->head = link(p);
            set_header(p, size | kInUse);
            return p;
        }
    }
    // An aligned request walks its list; a large one takes the first fit among the large blocks;
    // either falls back to the bump space.
    char *p = take_first_fit(*list, size, alignment);
    if (!p) p = arena_take(size, alignment);
    if (!p && list != &g_large) p = take_first_fit(g_large, size, alignment);  // last resort: a larger block, whole
    return p;
}

void release(char *p) {
    if (arena_is_top(p)) return arena_give_back(p);  // the bump space takes it back, at any size
    size_t size = block_size(p);
    set_header(p, size);
    list_for(size).push(p, size);
}

bool resize(char *p, size_t size) {
    if (arena_is_top(p)) return arena_resize_top(p, size);
    return size <= block_size(p);  // no split, as in bump_freelist: pieces could never merge again
}

int mark_free_blocks() {
    for (int c = 0; c < kClasses; ++c) {
        size_t want = kClass.block[c];
        if (int err = mark_list(g_bins[c], [&](char *p) { return block_size(p) == want ? 0 : (int)kCheckWrongBin; }))
            return err;
    }
    return mark_list(g_large, [](char *p) { return &list_for(block_size(p)) == &g_large ? 0 : (int)kCheckWrongBin; });
}

}  // namespace lite::strategy
