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
# -Oz: the smallest, and as fast as -O2 now that the heap's steps are inlined by attribute (emcc
# -Oz compiles without inlining otherwise). make OPT=-O2 builds the speed-first variant.
OPT ?= -Oz
