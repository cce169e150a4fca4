# host: the machine itself (x86-64 Linux here); memory from mmap, which is zero-filled.
CC       ?= cc
CXX      ?= c++
AR       ?= ar
AVAILABLE := $(shell command -v $(CXX) >/dev/null && echo yes)
TARGET_FLAGS :=
TARGET_DEFINES := -DLITE_ALLOC_FRESH_MEMORY_IS_ZERO=1
BACKEND ?= host_mmap
TARGET_ABI :=
# Speed first where code size is cheap (node, the host): -O2 (measured: Lua under Emscripten took
# 1.4x dlmalloc's time with an -Os library, 0.96x with -O2). make OPT=-Oz builds the size table's.
OPT ?= -O2
