# emscripten: Emscripten's wasm32 (Debian's emcc 3.1.6), for programs linked with
# `emcc ... -sMALLOC=none`. Memory from sbrk, so sbrk(0) and every other sbrk user stay coherent;
# sbrk memory may have been given back and taken again, so it is not assumed to be zero.
CC       := emcc
CXX      := em++
AR       := emar
AVAILABLE := $(shell command -v $(CXX) >/dev/null && command -v $(AR) >/dev/null && echo yes)
TARGET_FLAGS :=
TARGET_DEFINES :=
# Debian's emcc runs node scripts that need Debian's node modules.
export NODE_PATH ?= /usr/share/nodejs
BACKEND ?= emscripten_sbrk
TARGET_ABI := src/abi/emscripten.cpp
# Speed first where code size is cheap (node, the host): -O2 (measured: Lua under Emscripten took
# 1.4x dlmalloc's time with an -Os library, 0.96x with -O2). make OPT=-Oz builds the size table's.
OPT ?= -O2
