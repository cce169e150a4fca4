# cortex-m7: ARMv7E-M with its double-precision FPU (multilibs thumb/v7e-m+dp/hard and softfp, v7e-m/nofp).
# FLOAT_ABI=hard (the default), softfp or soft; LIBC=newlib (the default) or picolibc.
CM_CPU := cortex-m7
CM_FPU := fpv5-d16
FLOAT_ABI ?= hard
include toolchains/cortex-m-common.mk
