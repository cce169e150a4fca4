# cortex-m33: ARMv8-M Mainline with its single-precision FPU and the hard-float ABI (newlib
# multilib thumb/v8-m.main+fp/hard). Runs in whichever security state the program does.
TARGET_FLAGS := -mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16
include toolchains/cortex-m-common.mk
