// bump_freelist: the smallest strategy.
//
// New blocks are carved from the arena's bump space. A freed block goes to the head of one
// unsorted list; allocation takes the first block on it that is large enough, whole.
// Blocks are never coalesced, and so never split either (only the top block is resized, into the
// bump space): pieces that can never merge again would make a steady malloc/free loop grow the
// heap without end. Without splitting, the heap holds at most as many blocks of a size as were
// ever live at once, so the footprint of a steady loop is bounded; the price is that a small
// request may be served by a larger free block.
//
// Invariants (verified by lite_alloc_check):
//   - the list holds every free block of the heap, each once, and nothing else.
// Cost: one header word per block; a request of n bytes takes round_up(n + word, kAlign) bytes.
#include "../core/arena.hpp"
#include "../core/strategy.hpp"

namespace lite::strategy {

const char kName[] = "bump_freelist";

static FitList g_free;

void reset() { g_free = {}; }

char *allocate(size_t size, size_t alignment) {
    if (char *p = take_first_fit(g_free, size, alignment)) return p;
    return arena_take(size, alignment);
}

void release(char *p) {
    if (arena_is_top(p)) return arena_give_back(p);  // the bump space takes it back, at any size
    size_t size = block_size(p);
    set_header(p, size);
    g_free.push(p, size);
}

bool resize(char *p, size_t size) {
    if (arena_is_top(p)) return arena_resize_top(p, size);
    return size <= block_size(p);  // no split: a block keeps its size for good
}

int mark_free_blocks() {
    return mark_list(g_free, [](char *) { return 0; });
}

}  // namespace lite::strategy
