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
TARGET_DEFINES :=
BACKEND ?= wasm_memory_grow
# The names wasi-libc's own code calls (__libc_malloc, ...), so that its dlmalloc is never linked.
TARGET_ABI := src/abi/wasi_libc.cpp
# -Oz: the smallest, and as fast as -O2 now that the heap's steps are inlined by attribute (emcc
# -Oz compiles without inlining otherwise). make OPT=-O2 builds the speed-first variant.
OPT ?= -Oz
