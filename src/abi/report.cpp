// How the checked build reports a broken heap: one line on stderr, then abort.
// Freestanding wasm has neither, so it traps (the embedder sees "unreachable").
#if !defined(LITE_ALLOC_NO_LIBC) && __has_include(<unistd.h>)
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#define LITE_HAVE_STDERR 1
#endif

namespace lite {

[[noreturn]] void fatal(const char *call, const char *problem) {
#ifdef LITE_HAVE_STDERR
    const char *parts[] = {"lite-alloc: ", call, problem, "\n"};
    for (const char *part : parts) (void)!write(2, part, strlen(part));
    abort();
#else
    (void)call, (void)problem;
    __builtin_trap();
#endif
}

}  // namespace lite
