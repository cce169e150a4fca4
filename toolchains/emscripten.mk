# emscripten: Emscripten's wasm32 (Debian's emcc 3.1.6), for programs linked with
# `emcc ... -sMALLOC=none`. Memory from sbrk, so sbrk(0) and every other sbrk user stay coherent;
# sbrk memory may have been given back and taken again, so it is not assumed to be zero.
CC       := emcc
CXX      := em++
AR       := emar
AVAILABLE := $(shell command -v $(CXX) >/dev/null && command -v $(AR) >/dev/null && echo yes)
TARGET_FLAGS :=
# The shared steps inlined (config.hpp): V8 makes a call between wasm functions cost enough that
# the -Oz libraries with them out of line replayed the Lua trace in 1.20-1.39x dlmalloc's time, with
# them inlined in 0.91-0.97x, for about 290 bytes more. (TARGET_DEFINES= on make's command line
# builds the smallest library.)
TARGET_DEFINES := -DLITE_ALLOC_INLINE_SHARED=1
# Debian's emcc runs node scripts that need Debian's node modules.
export NODE_PATH ?= /usr/share/nodejs
BACKEND ?= emscripten_sbrk
TARGET_ABI := src/abi/emscripten.cpp
# -Oz, every step inlined by attribute (emcc -Oz compiles without inlining otherwise): as fast as
# -O2 on the Lua trace, in about 40% fewer bytes. make OPT=-O2 builds the speed-first variant.
OPT ?= -Oz
