// newlib's own code (stdio buffers, atexit, strdup, ...) allocates through the reentrant
// _malloc_r family, not through malloc. Defining every entry point of newlib's heap objects
// (nano-mallocr.o and friends in libc_nano.a, mallocr.o and friends in libc.a) here means the
// linker never needs one of them, so lite-alloc is the only heap: these are thin forwards.
//
// errno: newlib's errno is _REENT->_errno, and _REENT is the reent pointer newlib passes in (the one
// of the running thread, which an RTOS switches), so lite-alloc setting errno sets r->_errno.
// Locking: like the rest of lite-alloc these do not call __malloc_lock; one thread only.
#include <malloc.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "../../include/lite_alloc.h"

extern "C" {

void *_malloc_r(struct _reent *, size_t size) { return malloc(size); }
void _free_r(struct _reent *, void *ptr) { free(ptr); }
void *_realloc_r(struct _reent *, void *ptr, size_t size) { return realloc(ptr, size); }
void *_calloc_r(struct _reent *, size_t count, size_t size) { return calloc(count, size); }
// mallinfo, malloc_stats and mallopt share one object of libc (mstats.o) that calls all three, and
// malloc_trim calls _malloc_trim_r: ours, or newlib's heap would come in with theirs.
struct mallinfo _mallinfo_r(struct _reent *) {
    lite_alloc_stats_t stats = lite_alloc_stats();
    struct mallinfo info = {};
    info.arena = stats.claimed;
    info.usmblks = stats.peak_in_use;
    info.uordblks = stats.in_use;
    info.fordblks = stats.free_bytes;
    return info;
}

// newlib's three lines on stderr, through write() so that stdio is not linked for them.
static void print_stat(const char *label, size_t value) {
    char text[32];  // a 19-character label, at most 10 digits, the newline
    char *start = text + sizeof text;
    *--start = '\n';
    do *--start = (char)('0' + value % 10);
    while (value /= 10);
    size_t label_length = strlen(label);
    start -= label_length;
    memcpy(start, label, label_length);
    (void)!write(2, start, (size_t)(text + sizeof text - start));
}

void _malloc_stats_r(struct _reent *) {
    lite_alloc_stats_t stats = lite_alloc_stats();
    print_stat("max system bytes = ", stats.claimed);  // lite-alloc never gives memory back
    print_stat("system bytes     = ", stats.claimed);
    print_stat("in use bytes     = ", stats.in_use);
}

int _mallopt_r(struct _reent *, int, int) { return 0; }      // no tunables: 0 means "not done"
int _malloc_trim_r(struct _reent *, size_t) { return 0; }    // nothing is ever given back

}  // extern "C"
