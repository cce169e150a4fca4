# cortex-m0: ARMv6-M, no FPU (newlib multilib thumb/v6-m/nofp). Also right for M0+ and M1.
# No FPU: FLOAT_ABI can only be soft. LIBC=newlib (the default) or picolibc.
CM_CPU := cortex-m0
CM_FPU :=
include toolchains/cortex-m-common.mk
