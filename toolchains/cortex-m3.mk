# cortex-m3: ARMv7-M, no FPU (newlib multilib thumb/v7-m/nofp).
# No FPU: FLOAT_ABI can only be soft. LIBC=newlib (the default) or picolibc.
CM_CPU := cortex-m3
CM_FPU :=
include toolchains/cortex-m-common.mk
