// aligned_alloc, posix_memalign and memalign, and the realloc of the blocks they hand out. A
// program that calls none of them links none of this (realloc reaches it through a weak symbol).
// newlib's and picolibc's locked entry points (src/abi/newlib_aligned.cpp, picolibc_aligned.cpp)
// call lite::allocate_aligned themselves; this file's entry points are for the other libcs.
#include "aligned.hpp"

#include "../../include/lite_alloc.h"
#include "prefixed.hpp"

namespace lite {

// realloc of an aligned block keeps at most this alignment: the block does not record its own, so
// it keeps the alignment its address has, up to this bound.
constexpr size_t kMaxKeptAlignment = 65536;

// Bytes from payload p to the first payload address aligned to `alignment` at which what lies in
// front can stand as a free block of its own: 0, or at least kMinBlock.
static size_t aligned_lead(const char *p, size_t alignment) {
    size_t lead = (0 - (size_t)p) & (alignment - 1);
    if (lead && lead < kMinBlock) lead += alignment;
    return lead;
}

// Splits the lead off block p (in use, `size` bytes or more) and frees it; returns the aligned block.
static char *split_lead(char *p, size_t alignment) {
    size_t lead = aligned_lead(p, alignment);
    if (!lead) return p;
    char *aligned = p + lead;
    set_header(aligned, (block_size(p) - lead) | kInUse);
    set_header(p, lead | (header(p) & kFlags));
    strategy::release(p);
    return aligned;
}

void *allocate_aligned(size_t n, size_t alignment) {
    if (alignment <= kAlign) return allocate(n);
    if (n > kMaxRequest || alignment > kMaxRequest - n) return nullptr;
    size_t size = block_size_for(n + checked::kCanaryBytes);
    // Room for any lead: a block from the shared allocation (which hands it out: taken back here, so
    // that the statistics and memcheck see only the aligned block), the lead goes back, the tail too.
    char *p = (char *)allocate(size + alignment + kMinBlock - kWord - checked::kCanaryBytes);
    if (p) {
        vg::freed(p);
        count_in_use(0 - block_size(p));
    }
    // No block that large: carve from the bump space with the lead it really needs (reserving may
    // move the bump space to a new span, so the lead is taken again; the block is checked).
    if (!p && arena_grow(aligned_lead(heap().top, alignment) + size)) {
        p = arena_take(aligned_lead(heap().top, alignment) + size);
        if (p && block_size(p) < aligned_lead(p, alignment) + size) strategy::release(p), p = nullptr;
    }
    if (!p) return nullptr;
    p = split_lead(p, alignment);
    strategy::resize(p, size);
    set_header(p, header(p) | kAligned);
    handed_out(p, n);
    vg::allocated(p, checked::requested_size(p));
    return p;
}

void *lite_alloc_move_aligned(char *p, size_t n) {
    size_t alignment = (size_t)p & (0 - (size_t)p);  // at least the alignment it was given
    return allocate_aligned(n, alignment < kMaxKeptAlignment ? alignment : kMaxKeptAlignment);
}

}  // namespace lite

#if !LITE_ALLOC_LIBC_LOCKS
using namespace lite;

extern "C" {

// Any power of two; C17 dropped the rule that size be a multiple of it.
void *LITE_NAME(aligned_alloc)(size_t alignment, size_t size) {
    [[maybe_unused]] vg::Quiet quiet;
    checked::enter("aligned_alloc(): ");
    return allocate_aligned_or_fail(alignment, size, nullptr, [](int error) { LITE_SET_ERRNO(error); });
}

void *LITE_NAME(memalign)(size_t alignment, size_t size) { return LITE_NAME(aligned_alloc)(alignment, size); }

// realloc's move (src/abi/malloc_api.cpp), keeping an aligned block's alignment.
void *LITE_NAME(lite_alloc_move)(char *p, size_t n) {
    if (!is_aligned_block(p)) return LITE_NAME(malloc)(n);
    return allocate_aligned_or_fail(1, n, p, [](int error) { LITE_SET_ERRNO(error); });
}

// POSIX: errors are returned, not put in errno, and *out is left alone on failure.
int LITE_NAME(posix_memalign)(void **out, size_t alignment, size_t size) {
    if (aligned_error(alignment) || alignment % sizeof(void *)) return EINVAL;
    void *p = LITE_NAME(aligned_alloc)(alignment, size);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

}  // extern "C"
#endif
