# cortex-m4: ARMv7E-M with its single-precision FPU and the hard-float ABI (newlib multilib
# thumb/v7e-m+fp/hard). Programs must use the same float ABI: for soft-float M4 parts
# (or -mfloat-abi=softfp) build with TARGET_FLAGS overridden accordingly.
TARGET_FLAGS := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
include toolchains/cortex-m-common.mk
