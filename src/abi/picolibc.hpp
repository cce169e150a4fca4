// Shared by picolibc.cpp and picolibc_aligned.cpp.
#pragma once

#include <errno.h>

#include "../core/heap.hpp"

extern "C" {
// realloc's move of an aligned block, under the lock (picolibc_aligned.cpp). Named weakly: only a
// program that links an aligned entry point has such blocks.
[[gnu::weak]] void *lite_picolibc_move_aligned(void *ptr, size_t size);
}
