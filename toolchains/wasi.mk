# wasi: wasm32-wasi (WASI preview 1), with wasi-libc. wasi-sdk when WASI_SDK_PATH is set, else
# Debian's clang-19 with Debian's wasi-libc sysroot (/usr/include/wasm32-wasi, /usr/lib/wasm32-wasi).
# Memory from memory.grow, which is zero-filled.
ifdef WASI_SDK_PATH
CC       := $(WASI_SDK_PATH)/bin/clang
CXX      := $(WASI_SDK_PATH)/bin/clang++
AR       := $(WASI_SDK_PATH)/bin/llvm-ar
WASI_SYSROOT := $(WASI_SDK_PATH)/share/wasi-sysroot
TARGET_FLAGS := --target=wasm32-wasi --sysroot=$(WASI_SYSROOT)
WASI_LIBC := $(WASI_SYSROOT)/lib/wasm32-wasi/libc.a
else
CC       := clang-19
CXX      := clang++-19
AR       := llvm-ar-19
TARGET_FLAGS := --target=wasm32-wasi
WASI_LIBC := /usr/lib/wasm32-wasi/libc.a
endif
AVAILABLE := $(shell command -v $(CXX) >/dev/null && command -v $(AR) >/dev/null && test -f $(WASI_LIBC) && echo yes)
# memory.grow zero-fills, but calloc clears anyway: remembering what was never written costs
# about 110 bytes of wasm code, more than a program gains from not clearing fresh pages.
# The shared steps inlined (config.hpp), as for Emscripten: under node's V8, the Lua trace replayed
# with them out of line took 1.27x wasi-libc's dlmalloc's time (freelist), inlined 0.99x, for about
# 290 bytes more. (TARGET_DEFINES= on make's command line builds the smallest library.)
TARGET_DEFINES := -DLITE_ALLOC_INLINE_SHARED=1
BACKEND ?= wasm_memory_grow
# The names wasi-libc's own code calls (__libc_malloc, ...), so that its dlmalloc is never linked.
TARGET_ABI := src/abi/wasi_libc.cpp
# -Oz, every step inlined by attribute: as fast as -O2 under V8 in about 40% fewer bytes. make
# OPT=-O2 builds the speed-first variant.
OPT ?= -Oz
