# riscv32: RV32IMAC, ilp32 (no FPU: ESP32-C3's rv32imc, GD32V, CH32V and others of that class link
# it too), with picolibc (Debian gcc-riscv64-unknown-elf, picolibc-riscv64-unknown-elf: multilib
# rv32imac/ilp32). FLOAT_ABI can only be soft; LIBC only picolibc (Debian ships no newlib for RISC-V).
CC  := riscv64-unknown-elf-gcc
CXX := riscv64-unknown-elf-g++
AR  := riscv64-unknown-elf-ar
FLOAT_ABI ?= soft
$(if $(filter-out soft,$(FLOAT_ABI))$(if $(filter 1,$(words $(FLOAT_ABI))),,x),$(error FLOAT_ABI=$(FLOAT_ABI) is not accepted for riscv32 (ilp32, no FPU): one of soft))
LIBC ?= picolibc
$(if $(filter-out picolibc,$(LIBC))$(if $(filter 1,$(words $(LIBC))),,x),$(error LIBC=$(LIBC) is not accepted for riscv32: one of picolibc))
TARGET_FLAGS := -march=rv32imac -mabi=ilp32
include toolchains/libc/picolibc.mk
