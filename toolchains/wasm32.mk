# wasm32: freestanding wasm32-unknown-unknown, no libc at all (programs linked with
# `clang --target=wasm32 -nostdlib`). Without libc the core sets no errno and the checked build
# traps instead of printing. Bulk memory turns __builtin_memcpy/memset into memory.copy/fill, so
# the library needs no memcpy or memset either. Memory from memory.grow, which is zero-filled.
CC       := clang-19
CXX      := clang++-19
AR       := llvm-ar-19
AVAILABLE := $(shell command -v $(CXX) >/dev/null && command -v $(AR) >/dev/null && command -v wasm-ld-19 >/dev/null && echo yes)
TARGET_FLAGS := --target=wasm32 -mbulk-memory -ffreestanding
# The suite asserts errno, so its testing variant sees the test shim's errno.h (test/harness/wasm32_libc).
WASM32_LIBC := $(if $(filter testing,$(VARIANT)),-isystem test/harness/wasm32_libc/include,-DLITE_ALLOC_NO_LIBC)
# (memory.grow zero-fills; calloc clears anyway, as on wasi: see wasi.mk)
TARGET_DEFINES := $(WASM32_LIBC)
BACKEND ?= wasm_memory_grow
TARGET_ABI :=
# -Oz: the smallest, and as fast as -O2 now that the heap's steps are inlined by attribute (emcc
# -Oz compiles without inlining otherwise). make OPT=-O2 builds the speed-first variant.
OPT ?= -Oz
