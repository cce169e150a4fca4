# host32: the host as a 32-bit x86 Linux program (gcc -m32, Debian's gcc-multilib): 4-byte size_t
# arithmetic and headers, as on every wasm and Cortex-M target, tested where libFuzzer and the
# sanitizers run. Kernels without IA32 emulation run its programs under qemu-i386 (test/harness/run32.sh).
CC       := gcc -m32
CXX      := g++ -m32
AR       := ar
AVAILABLE := $(shell printf 'int main(void){return 0;}' | gcc -m32 -x c - -o /dev/null 2>/dev/null && echo yes)
TARGET_FLAGS := -m32
TARGET_DEFINES := -DLITE_ALLOC_FRESH_MEMORY_IS_ZERO=1
BACKEND ?= host_mmap
TARGET_ABI :=
# The host: speed first, its code size is not counted: -O2.
OPT ?= -O2
