# picolibc (Debian picolibc-<triple>), for toolchains/cortex-m-common.mk and riscv32.mk: TARGET_FLAGS
# are set. The library is compiled against picolibc's headers (--specs=picolibc.specs); programs
# link with --specs=picolibc.specs (plus --oslib=semihost or their own I/O) and -llite_alloc.
# picolibc's own code calls the plain malloc, free, calloc, realloc, memalign and mallinfo; lite-alloc
# defines those and every other name of picolibc's nano-malloc objects (src/abi/picolibc.cpp: cfree,
# valloc, pvalloc), so none of them is ever linked. Memory from picolibc's sbrk.
TARGET_FLAGS += --specs=picolibc.specs
# Yes when the compiler and picolibc's multilib for TARGET_FLAGS are installed (Debian's layout).
AVAILABLE := $(shell command -v $(CXX) >/dev/null && command -v $(AR) >/dev/null && \
  test -f "/usr/lib/picolibc/$$($(CC) -dumpmachine)/lib/$$($(CC) $(TARGET_FLAGS) -print-multi-directory)/libsemihost.a" && echo yes)
# src/abi/picolibc.cpp defines the standard names, each under picolibc's C library lock, as
# picolibc's own malloc takes it (RTOS ports implement it); the aligned ones in picolibc_aligned.cpp
# (linked only when named).
TARGET_DEFINES :=
BACKEND ?= picolibc_sbrk
TARGET_ABI := src/abi/picolibc.cpp src/abi/picolibc_aligned.cpp src/abi/mallinfo.cpp
# The recording build (RECORD=1, src/abi/record.cpp) defines the standard names itself: refused here.
$(if $(filter-out 0,$(RECORD)),$(error RECORD=$(RECORD) is not accepted with LIBC=picolibc: one of 0))
# A program that allocates only through picolibc's own code (stdio, strdup) names no malloc before
# libc is searched: -u malloc brings lite-alloc in first (pkg-config's Libs, the CMake target).
LINK_UNDEFINED := malloc
