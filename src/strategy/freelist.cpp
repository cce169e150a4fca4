// freelist: the best memory reuse.
//
// The free blocks form one set in address order, with exact address-ordered first fit: allocation
// takes the lowest-addressed block large enough and gives the rest of it back. Release merges a
// block with a free neighbour on either side, and a free block that reaches the bump space is given
// back to it. realloc grows a block into a free right neighbour or the bump space, and shrinks it
// in place.
//
// The set is a treap keyed by address: every free block is a node, its payload holding
//   [ left child | right child | largest block size in its subtree ]
// (so a free block needs four words: the library is built with LITE_ALLOC_MIN_FREE_WORDS=4). A
// node's priority is a hash of its end address, so none is stored, and a block that gives up its
// front (allocation) or takes in the free space before it (release) keeps its place in the tree.
// The expected depth is O(log n), and so is the cost of every operation. First fit descends to the
// left while the left subtree holds a block that fits, which the subtree maxima say; an aligned
// request may have to look further, as a maximum only bounds what fits once the lead is taken off.
//
// Invariants (verified by lite_alloc_check):
//   - the tree holds every free block of the heap, each once, and nothing else;
//   - an in-order walk meets strictly increasing addresses;
//   - a node's priority is above its children's (the treap's heap order);
//   - a node's third word is the largest of its own size and its children's third words;
//   - no free block is followed directly by another free block (they are always merged);
//   - no free block ends at the bump pointer (it would have been given back).
// Cost: one header word per block; a request of n bytes takes round_up(n + word, kAlign) bytes, and
// at least four words.
#include "../core/arena.hpp"
#include "../core/strategy.hpp"

#if LITE_ALLOC_MIN_FREE_WORDS != 4
#error "freelist keeps a tree node in each free block: build every file with -DLITE_ALLOC_MIN_FREE_WORDS=4"
#endif

namespace lite::strategy {

const char kName[] = "freelist";

static char *g_root;

void reset() { g_root = nullptr; }

static char *kid(const char *n, bool right) { return load_ptr(n + right * kWord); }
static size_t largest(const char *n) { return n ? load_word(n + 2 * kWord) : 0; }
// A bijection of the block's end address, so that no two nodes tie.
static size_t priority(const char *n) {
    constexpr size_t kOdd = (size_t)0x9E3779B97F4A7C15ull;
    size_t h = (size_t)(n + block_size(n)) * kOdd;
    return (h ^ h >> 4 * kWord) * kOdd;
}
// Gives n its children and recomputes its subtree maximum; returns n.
static char *node(char *n, char *left, char *right) {
    store_ptr(n, left);
    store_ptr(n + kWord, right);
    size_t m = block_size(n), l = largest(left), r = largest(right);
    if (l > m) m = l;
    if (r > m) m = r;
    store_word(n + 2 * kWord, m);
    return n;
}

struct Halves {
    char *below, *rest;
};
// Splits subtree t into the blocks below key and the rest.
static Halves split(char *t, char *key) {
    if (!t) return {nullptr, nullptr};
    if (t < key) {
        Halves h = split(kid(t, 1), key);
        return {node(t, kid(t, 0), h.below), h.rest};
    }
    Halves h = split(kid(t, 0), key);
    return {h.below, node(t, h.rest, kid(t, 1))};
}
// Joins two subtrees, every block of a below every block of b.
static char *merge(char *a, char *b) {
    if (!a || !b) return a ? a : b;
    if (priority(a) > priority(b)) return node(a, kid(a, 0), merge(kid(a, 1), b));
    return node(b, merge(a, kid(b, 0)), kid(b, 1));
}

// Recomputes the maxima on the way from t down to stop, the node at the place of `key` (the deepest
// first); nodes below it are right already.
static void refresh(char *t, char *key, char *stop) {
    if (!t) return;
    if (t != stop) refresh(kid(t, key > t), key, stop);
    node(t, kid(t, 0), kid(t, 1));
}

enum Op { kInsert, kRemove, kReplace };
// Inserts `key`, removes it, or puts `with` in its place (a block with the same end, so the same
// priority, and no other block between them). One descent: a maximum that rises is raised on the
// way down; where it may fall, the maxima are recomputed from the highest node that held it.
static void update(char *key, Op op, char *with = nullptr) {
    size_t size = op == kRemove ? 0 : block_size(op == kInsert ? key : with);  // the new block there
    size_t old = op == kInsert ? 0 : block_size(key), rank = priority(key);
    char *slot = (char *)&g_root, *t, *from = nullptr;
    while ((t = load_ptr(slot)) && (op == kInsert ? rank < priority(t) : t != key)) {
        size_t m = largest(t);
        if (size > m) store_word(t + 2 * kWord, size);
        else if (size < old && m == old && !from) from = slot;
        slot = t + (key > t) * kWord;
    }
    if (op == kRemove) {
        t = merge(kid(t, 0), kid(t, 1));
    } else if (op == kReplace) {
        t = node(with, kid(t, 0), kid(t, 1));
    } else {
        Halves h = split(t, key);
        t = node(key, h.below, h.rest);
    }
    store_ptr(slot, t);
    if (from) refresh(load_ptr(from), key, t);
}

// Takes the first `need` bytes (at least kMinBlock) of free block f off the free set, and the
// rest too when it could not stand alone; returns the bytes taken.
static size_t take_front(char *f, size_t need) {
    size_t have = block_size(f);
    if (have - need < kMinBlock) {
        update(f, kRemove);
        return have;
    }
    set_header(f + need, have - need);  // beyond f's node words, as need >= kMinBlock
    update(f, kReplace, f + need);
    return need;
}

// What a block holds at the first address aligned to `alignment` (see aligned_lead).
static size_t room(const char *p, size_t alignment) {
    size_t have = block_size(p), lead = aligned_lead(p, alignment);
    return have > lead ? have - lead : 0;
}
// The lowest-addressed block of subtree t that holds `size` bytes at `alignment`, or nullptr.
// Without alignment a subtree whose maximum is large enough holds one, so one path is enough.
static char *first_fit(char *t, size_t size, size_t alignment) {
    if (largest(t) < size) return nullptr;
    while (alignment == kAlign) {
        char *left = kid(t, 0);
        if (largest(left) >= size) t = left;
        else if (block_size(t) >= size) return t;
        else t = kid(t, 1);
    }
    if (char *p = first_fit(kid(t, 0), size, alignment)) return p;
    if (room(t, alignment) >= size) return t;
    return first_fit(kid(t, 1), size, alignment);
}

char *allocate(size_t size, size_t alignment) {
    char *p = first_fit(g_root, size, alignment);
    if (!p) return arena_take(size, alignment);
    set_header(p, take_front(p, aligned_lead(p, alignment) + size) | kInUse);
    return p;  // an aligned caller splits off the lead and trims the tail
}

void release(char *p) {
    size_t size = block_size(p);
    char *next = p + size, *prev = nullptr;  // prev: the free block just below p
    for (char *t = g_root; t; t = kid(t, t < p))
        if (t < p) prev = t;
    if (prev && prev + block_size(prev) == p) {  // merge into the left neighbour
        update(prev, kRemove);
        p = prev, size += block_size(prev);
    }
    if (next != g_arena.top && !in_use(next)) {  // merge the right neighbour in: same end, same place
        set_header(p, size + block_size(next));
        return update(next, kReplace, p);
    }
    if (p + size == g_arena.top) return arena_give_back(p);
    set_header(p, size);
    update(p, kInsert);
}

// Splits the tail beyond `size` off an in-use block when it can stand alone as a free block, and
// releases it, so that it merges with what follows.
static void split_tail(char *payload, size_t size) {
    size_t have = block_size(payload);
    if (have - size < kMinBlock) return;
    set_header(payload, size | (header(payload) & kFlags));
    char *tail = payload + size;
    set_header(tail, (have - size) | kInUse);
    release(tail);
}

bool resize(char *p, size_t size) {
    size_t have = block_size(p);
    char *next = p + have;
    if (size > have) {
        if (next == g_arena.top) return arena_resize_top(p, size);
        size_t need = size - have < kMinBlock ? kMinBlock : size - have;
        if (in_use(next) || block_size(next) < need) return false;
        set_header(p, (have + take_front(next, need)) | (header(p) & kFlags));
    }
    split_tail(p, size);  // the tail is released, so it merges with what follows
    return true;
}

// Verifies and marks subtree t, whose blocks must lie strictly between low and high and whose
// priorities must be below `above`; stores its largest block size in *most. The recursion is as deep
// as the tree; marking before descending stops a cycle.
static int mark(char *t, char *low, char *high, size_t above, size_t *most) {
    *most = 0;
    if (!t) return 0;
    if (!arena_holds(t) || (header(t) & (kInUse | kMarked)) || priority(t) > above) return kCheckFreeListCorrupt;
    if (t <= low || t >= high) return kCheckNotOrdered;
    size_t size = block_size(t), l, r;
    char *end = t + size;
    if (end == g_arena.top || (arena_holds(end) && !in_use(end))) return kCheckNotCoalesced;
    set_header(t, header(t) | kMarked);
    if (int err = mark(kid(t, 0), low, t, priority(t), &l)) return err;
    if (int err = mark(kid(t, 1), t, high, priority(t), &r)) return err;
    if (l > size) size = l;
    if (r > size) size = r;
    *most = size;
    return largest(t) == size ? 0 : (int)kCheckFreeListCorrupt;
}

int mark_free_blocks() {
    size_t most;
    return mark(g_root, nullptr, (char *)~(size_t)0, ~(size_t)0, &most);
}

}  // namespace lite::strategy
