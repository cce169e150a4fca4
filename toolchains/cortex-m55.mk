# cortex-m55: ARMv8.1-M Mainline with MVE and its double-precision FPU (multilibs thumb/v8-m.main+dp/hard and
# softfp, v8-m.main/nofp).
# FLOAT_ABI=hard (the default), softfp or soft; LIBC=newlib (the default) or picolibc.
CM_CPU := cortex-m55
CM_FPU := auto
FLOAT_ABI ?= hard
include toolchains/cortex-m-common.mk
