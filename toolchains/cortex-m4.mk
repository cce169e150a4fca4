# cortex-m4: ARMv7E-M with its single-precision FPU (multilibs thumb/v7e-m+fp/hard and softfp, v7e-m/nofp).
# FLOAT_ABI=hard (the default), softfp or soft; LIBC=newlib (the default) or picolibc.
CM_CPU := cortex-m4
CM_FPU := fpv4-sp-d16
FLOAT_ABI ?= hard
include toolchains/cortex-m-common.mk
