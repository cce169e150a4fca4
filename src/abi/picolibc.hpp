// Shared by picolibc.cpp and picolibc_aligned.cpp.
#pragma once

#include <errno.h>

#include "../core/heap.hpp"

extern "C" {
// realloc's move: a new block for ptr's contents, of `size` bytes, or null (errno set). Defined
// weakly in picolibc.cpp as malloc; picolibc_aligned.cpp, linked only by a program that names an
// aligned entry point (only such a program has aligned blocks), defines it to keep their alignment.
void *lite_picolibc_move(size_t size, void *ptr);  // (size first, where malloc takes it)
}
