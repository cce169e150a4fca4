# cortex-m33: ARMv8-M Mainline with its single-precision FPU (multilibs thumb/v8-m.main+fp/hard and softfp,
# v8-m.main/nofp). Runs in whichever security state the program does.
# FLOAT_ABI=hard (the default), softfp or soft; LIBC=newlib (the default) or picolibc.
CM_CPU := cortex-m33
CM_FPU := fpv5-sp-d16
FLOAT_ABI ?= hard
include toolchains/cortex-m-common.mk
