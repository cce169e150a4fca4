# cortex-m0: ARMv6-M, no FPU (newlib multilib thumb/v6-m/nofp). Also right for M0+ and M1.
TARGET_FLAGS := -mcpu=cortex-m0 -mthumb -mfloat-abi=soft
include toolchains/cortex-m-common.mk
