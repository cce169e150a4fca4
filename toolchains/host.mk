# host: the machine itself (x86-64 Linux here); memory from mmap, which is zero-filled.
CC       ?= cc
CXX      ?= c++
AR       ?= ar
AVAILABLE := $(shell command -v $(CXX) >/dev/null && echo yes)
TARGET_FLAGS :=
TARGET_DEFINES := -DLITE_ALLOC_FRESH_MEMORY_IS_ZERO=1
BACKEND ?= host_mmap
TARGET_ABI :=
# The host: speed first, its code size is not counted: -O2.
OPT ?= -O2
