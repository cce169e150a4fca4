# Shared by toolchains/cortex-m*.mk. Each core's file sets CM_CPU, CM_FPU (its FPU for -mfpu, empty
# when it has none) and, where it has an FPU, FLOAT_ABI's default (hard); this file checks FLOAT_ABI
# and LIBC and sets TARGET_FLAGS from them:
#   FLOAT_ABI=soft|softfp|hard   (cores without an FPU: soft only). The library uses no floating point,
#     but GCC tags hard-float objects: a program links only a library of its own float ABI.
#   LIBC=newlib|picolibc          newlib (nano or full, Arm's GNU toolchain) is the default.
# Memory from the program's own _sbrk (newlib) or picolibc's sbrk (between its linker script's
# __heap_start and __heap_end), which is not zero-filled; BACKEND=region_only instead serves only the
# region handed to lite_alloc_init_region() and never grows.
CC  := arm-none-eabi-gcc
CXX := arm-none-eabi-g++
AR  := arm-none-eabi-ar
CM_FLOAT_ABIS := soft $(if $(CM_FPU),softfp hard)
FLOAT_ABI ?= soft
$(if $(and $(filter 1,$(words $(FLOAT_ABI))),$(filter $(FLOAT_ABI),$(CM_FLOAT_ABIS))),,\
  $(error FLOAT_ABI=$(FLOAT_ABI) is not accepted for $(TARGET)$(if $(CM_FPU),, (no FPU)): one of $(strip $(CM_FLOAT_ABIS))))
LIBC ?= newlib
$(if $(and $(filter 1,$(words $(LIBC))),$(filter $(LIBC),newlib picolibc)),,\
  $(error LIBC=$(LIBC) is not accepted for $(TARGET): one of newlib picolibc))
TARGET_FLAGS := -mcpu=$(CM_CPU) -mthumb -mfloat-abi=$(FLOAT_ABI) $(if $(filter-out soft,$(FLOAT_ABI)),-mfpu=$(CM_FPU))
include toolchains/libc/$(LIBC).mk
