// mallinfo() and malloc_stats() from lite_alloc_stats(), for every libc's own struct mallinfo (glibc
// and Emscripten use int fields, newlib and mallinfo2 size_t): arena = bytes claimed from the
// system, uordblks = bytes in use, fordblks = bytes free, usmblks = the peak in use when the library
// counts it (LITE_ALLOC_STATS), else 0. Shared by src/abi/mallinfo.cpp (host, Emscripten),
// src/abi/newlib_reent.cpp (newlib's _mallinfo_r) and any other libc's entry points.
#pragma once

#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "../../include/lite_alloc.h"

namespace lite::abi {

// A byte count in the libc's field type; an int field saturates instead of wrapping negative.
template <class Field>
inline Field field_of(size_t bytes) {
    constexpr bool kSigned = static_cast<Field>(-1) < 0;
    constexpr size_t kMax = kSigned ? (static_cast<size_t>(1) << (sizeof(Field) * 8 - 1)) - 1 : ~static_cast<size_t>(0);
    return static_cast<Field>(bytes > kMax ? kMax : bytes);
}

template <class Info>
inline Info mallinfo_of(const lite_alloc_stats_t &stats) {
    Info info;
    memset(&info, 0, sizeof info);
    info.arena = field_of<decltype(info.arena)>(stats.claimed);
    info.usmblks = field_of<decltype(info.usmblks)>(stats.peak_in_use);
    info.uordblks = field_of<decltype(info.uordblks)>(stats.in_use);
    info.fordblks = field_of<decltype(info.fordblks)>(stats.free_bytes);
    return info;
}

// "label = value\n" on stderr through write(), so that stdio is not linked for it.
inline void print_stat(const char *label, size_t value) {
    char text[48];  // a label of at most 24 characters, at most 20 digits, the newline
    char *start = text + sizeof text;
    *--start = '\n';
    do *--start = static_cast<char>('0' + value % 10);
    while (value /= 10);
    size_t label_length = strlen(label);
    start -= label_length;
    memcpy(start, label, label_length);
    (void)!write(2, start, static_cast<size_t>(text + sizeof text - start));
}

// newlib's three lines (glibc prints the same figures per arena).
inline void print_malloc_stats() {
    lite_alloc_stats_t stats = lite_alloc_stats();
    print_stat("max system bytes = ", stats.claimed);  // lite-alloc never gives memory back
    print_stat("system bytes     = ", stats.claimed);
    print_stat("in use bytes     = ", stats.in_use);
}

}  // namespace lite::abi
