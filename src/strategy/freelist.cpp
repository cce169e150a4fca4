// freelist: the best memory reuse.
//
// One list of free blocks in address order. Allocation takes the first block large enough and
// gives the rest of it back; release puts a block back in its place and merges it with a
// free neighbour on either side, and a free block that reaches the bump space is given back to it.
// realloc grows a block into a free right neighbour or the bump space, and shrinks it in place.
//
// Invariants (verified by lite_alloc_check):
//   - the list holds every free block of the heap, in strictly increasing address order;
//   - no free block is followed directly by another free block (they are always merged);
//   - no free block ends at the bump pointer (it would have been given back).
// Cost: one header word per block; a request of n bytes takes round_up(n + word, kAlign) bytes.
#include "../core/arena.hpp"
#include "../core/strategy.hpp"

namespace lite::strategy {

const char kName[] = "freelist";

static FitList g_free;  // head: the lowest-addressed free block

void reset() { g_free = {}; }

static void set_successor(char *prev, char *p) {
    if (prev) set_link(prev, p);
    else g_free.head = p;
}

char *allocate(size_t size, size_t alignment) {
    char *p = take_first_fit(g_free, size, alignment);
    if (!p) return arena_take(size, alignment);
    split_tail(p, aligned_lead(p, alignment) + size);  // the rest goes back, merged with what follows
    return p;
}

void release(char *p) {
    size_t size = block_size(p);
    char *before_prev = nullptr, *prev = nullptr, *next = g_free.head;
    while (next && next < p) before_prev = prev, prev = next, next = link(next);
    if (next == p + size) {  // merge the right neighbour in
        size += block_size(next);
        next = link(next);
    }
    if (prev && prev + block_size(prev) == p) {  // merge into the left neighbour
        size += block_size(prev);
        p = prev;
        prev = before_prev;
    }
    if (p + size == g_arena.top) {
        arena_give_back(p);
        set_successor(prev, next);
        return;
    }
    set_header(p, size);
    set_link(p, next);
    set_successor(prev, p);
    if (size > g_free.largest) g_free.largest = size;
}

bool resize(char *p, size_t size) {
    size_t have = block_size(p);
    char *next = p + have;
    if (size > have) {
        if (next == g_arena.top) return arena_resize_top(p, size);
        if (in_use(next) || have + block_size(next) < size) return false;
        char *prev = nullptr;
        for (char *q = g_free.head; q != next; q = link(q)) prev = q;
        set_successor(prev, link(next));
        set_header(p, (have + block_size(next)) | (header(p) & kFlags));
    }
    split_tail(p, size);  // the tail is released, so it merges with what follows
    return true;
}

int mark_free_blocks() {
    return mark_list(g_free, [](char *prev, char *p) {
        if (prev && prev >= p) return (int)kCheckNotOrdered;
        char *end = p + block_size(p);
        if (end == g_arena.top || end == link(p)) return (int)kCheckNotCoalesced;
        return 0;
    });
}

}  // namespace lite::strategy
