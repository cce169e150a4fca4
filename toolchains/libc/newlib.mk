# newlib (Debian libnewlib-arm-none-eabi), for toolchains/cortex-m-common.mk: TARGET_FLAGS are set.
# Yes when the compiler and the newlib multilib for TARGET_FLAGS are installed.
AVAILABLE := $(shell command -v $(CXX) >/dev/null && command -v $(AR) >/dev/null && \
  test -f "$$($(CC) $(TARGET_FLAGS) --specs=nano.specs -print-file-name=libc_nano.a)" && echo yes)
# LITE_ALLOC_NEWLIB: every object of the heap names _malloc_r (src/backend/backend.hpp), so that
# linking any of lite-alloc links newlib_reent.o too and newlib's own heap can never come along.
TARGET_DEFINES := -DLITE_ALLOC_NEWLIB
BACKEND ?= newlib_sbrk
# newlib's libc calls the reentrant _malloc_r family, never malloc: they forward to lite-alloc.
TARGET_ABI := src/abi/newlib_reent.cpp src/abi/newlib_aligned.cpp
