# Cortex-M and RISC-V tests under QEMU with semihosting. The main boards run every strategy:
# cortex-m0 (BBC micro:bit, 16 KiB of RAM), cortex-m4 (MPS2 AN386) and cortex-m33 (MPS2 AN505):
#   - the suite (mini harness) on the testing variant; the libc's own heap serves the harness;
#   - real programs linked the platform's usual way (newlib-nano and full newlib) against the
#     release library, run, and their link maps and symbols searched for newlib's allocator
#     (must be absent) and ours (must be present); also on the fixed-region backend;
#   - running out of _sbrk's memory (heap meets stack) is clean;
#   - the checked build's death tests: each heap misuse must end the program with its message.
# The other cores, float ABIs and libcs (CM_VARIANTS, `make check-cortex-m4-softfp` and so on) run
# a representative subset (CM_QUICK: one strategy, the suite and a real program), each a program of
# the same float ABI on the board of its architecture: cortex-m3 (MPS2 AN385), cortex-m7 (MPS2
# AN500), cortex-m55 (MPS3 AN547), and cortex-m4 soft and softfp. picolibc (LIBC=picolibc, linked with
# --specs=picolibc.specs --oslib=semihost --crt0=semihost and its own linker script) runs every
# strategy: the suite, real_c, out_of_memory and mallinfo (picolibc's malloc must be absent) and the death
# tests, on cortex-m4 and on riscv32 (rv32imac, qemu-system-riscv32 -M virt).
# `make check-<target>` first asks a recursive make whether the toolchain is there (it may have
# been installed by `make toolchains` earlier in the same invocation) and fails if it is not.
CORTEX_M_TARGETS := cortex-m0 cortex-m4 cortex-m33
# name: TARGET and the options it runs with.
CM_VARIANTS := cortex-m3 cortex-m7 cortex-m55 cortex-m4-soft cortex-m4-softfp cortex-m4-picolibc riscv32
CM_VARIANT_cortex-m3         := TARGET=cortex-m3 CM_QUICK=1
CM_VARIANT_cortex-m7         := TARGET=cortex-m7 CM_QUICK=1
CM_VARIANT_cortex-m55        := TARGET=cortex-m55 CM_QUICK=1
CM_VARIANT_cortex-m4-soft    := TARGET=cortex-m4 FLOAT_ABI=soft CM_QUICK=1
CM_VARIANT_cortex-m4-softfp  := TARGET=cortex-m4 FLOAT_ABI=softfp CM_QUICK=1
CM_VARIANT_cortex-m4-picolibc := TARGET=cortex-m4 LIBC=picolibc
CM_VARIANT_riscv32           := TARGET=riscv32
QEMU_ARM ?= qemu-system-arm
QEMU_RISCV32 ?= qemu-system-riscv32
CM_TOOL := $(if $(filter riscv32,$(TARGET)),riscv64-unknown-elf,arm-none-eabi)
ARM_NM ?= $(CM_TOOL)-nm
ARM_OBJCOPY ?= $(CM_TOOL)-objcopy
CM_HARNESS := test/harness/cortex_m
CM_COMMA := ,
# Options given on the command line name the output directories, as in the Makefile's OUT.
CM_SUFFIX := $(if $(call lite_chosen,FLOAT_ABI),/$(FLOAT_ABI))$(if $(call lite_chosen,LIBC),/$(LIBC))
CM_TEST := build/$(TARGET)/test$(CM_SUFFIX)
# $(call cm_lib,strategy): the release library's directory (checked/, testing/, region_only/ below it).
cm_lib = build/$(TARGET)/$(1)$(CM_SUFFIX)
CM_PICOLIBC := $(filter picolibc,$(LIBC))
CM_STRATEGIES := $(if $(CM_QUICK),bump_freelist,$(STRATEGIES))

CM_BOARD_cortex-m0  := microbit
CM_BOARD_cortex-m3  := mps2-an385
CM_BOARD_cortex-m4  := mps2-an386
CM_BOARD_cortex-m7  := mps2-an500
CM_BOARD_cortex-m33 := mps2-an505
CM_BOARD_cortex-m55 := mps3-an547
CM_BOARD_riscv32    := virt
CM_BOARD := $(CM_BOARD_$(TARGET))
# picolibc's linker script places a program from these (the boards' .ld files say the same).
CM_PICO_MEM_microbit   := __flash=0x00000000 __flash_size=256K __ram=0x20000000 __ram_size=16K __stack_size=3K
CM_PICO_MEM_mps2-an385 := __flash=0x00000000 __flash_size=4M __ram=0x20000000 __ram_size=4M __stack_size=64K
CM_PICO_MEM_mps2-an386 := $(CM_PICO_MEM_mps2-an385)
CM_PICO_MEM_mps2-an500 := $(CM_PICO_MEM_mps2-an385)
CM_PICO_MEM_mps2-an505 := __flash=0x10000000 __flash_size=4M __ram=0x38000000 __ram_size=4M __stack_size=64K
CM_PICO_MEM_mps3-an547 := __flash=0x10000000 __flash_size=512K __ram=0x31000000 __ram_size=4M __stack_size=64K
# QEMU's virt machine: RAM from 0x80000000, where -bios none starts the program.
CM_PICO_MEM_virt       := __flash=0x80000000 __flash_size=1M __ram=0x80100000 __ram_size=4M __stack_size=64K

# The suite's static region, random stream and backend pool (suite_backend.c), sized to each board.
# The micro:bit has room for an 11 KiB region but not for a backend pool beside it: its suite
# runs with SUITE_HAS_BACKEND=0, and the backend is tested there by out_of_memory.c (real _sbrk).
# (its random test keeps a 2 KiB shadow table on the stack: 3 KiB of stack instead of 2)
CM_SUITE_FLAGS_cortex-m0  := -DSUITE_HEAP_BYTES=11264 -DSUITE_HAS_BACKEND=0 -DSUITE_RANDOM_OPS=5000 -DSUITE_BACKEND_BYTES=8 \
  $(if $(CM_PICOLIBC),,-Wl,--defsym=STACK_SIZE=3072)
CM_SUITE_FLAGS_cortex-m4  := -DSUITE_HEAP_BYTES=262144 -DSUITE_RANDOM_OPS=20000 -DSUITE_BACKEND_BYTES=2097152
$(foreach t,cortex-m3 cortex-m7 cortex-m33 cortex-m55 riscv32,$(eval CM_SUITE_FLAGS_$(t) := $(CM_SUITE_FLAGS_cortex-m4)))
# The suite scales its fixed request sizes to the region when there is no backend (suite.h).
cm_suite_main = test/suite/main.c
# real_cpp.cpp keeps 20 KB of ints in one vector: more than the micro:bit's RAM.
CM_CPP_cortex-m4  := yes
CM_CPP_cortex-m33 := yes

# How a product links. newlib: its startup code and linker script, newlib-nano or full newlib with
# semihosting (rdimon), -llite_alloc; -nostartfiles: startup.o replaces rdimon-crt0. picolibc: its
# own crt0 and linker script, told where the board's memory is.
CM_CFLAGS := $(TARGET_FLAGS) -Os -g -ffunction-sections -fdata-sections -Wall -Iinclude
CM_LDFLAGS := $(if $(CM_PICOLIBC),--oslib=semihost --crt0=semihost $(foreach d,$(CM_PICO_MEM_$(CM_BOARD)),-Wl$(CM_COMMA)--defsym=$(d)),\
  -nostartfiles -L$(CM_HARNESS) -T$(CM_HARNESS)/$(CM_BOARD).ld) -Wl,--gc-sections
CM_STARTUP := $(if $(CM_PICOLIBC),,$(CM_TEST)/startup.o)
CM_NANO := $(if $(CM_PICOLIBC),,--specs=nano.specs --specs=rdimon.specs)
CM_FULL := --specs=rdimon.specs
CM_CXXFLAGS := -fno-exceptions -fno-rtti
CM_QEMU = timeout 300 $(if $(filter riscv32,$(TARGET)),$(QEMU_RISCV32) -M virt -bios none,$(QEMU_ARM) -M $(CM_BOARD)) \
  -semihosting-config enable=on,target=native -nographic -monitor none -serial none -kernel
# The backend's growth call, which the suite's copy of the library takes from its own pool.
CM_SBRK := $(if $(CM_PICOLIBC),sbrk,_sbrk)

# newlib's heap objects (nano and full) and newlib's own malloc/free/... wrappers; picolibc's.
CM_NEWLIB_HEAP := lib_a-(nano-)?(mallocr|freer|reallocr|callocr|malignr|msizer|mallinfor|mallstatsr|malloptr|vallocr|pvallocr|malloc|calloc|realloc|malign|msize)\.o
CM_NEWLIB_HEAP_DATA := (__malloc_av_|__malloc_sbrk_base|__malloc_free_list|__malloc_sbrk_start|__malloc_current_mallinfo)
CM_PICOLIBC_HEAP := nano-malloc-[a-z_]*\.c\.o
CM_PICOLIBC_HEAP_DATA := (__malloc_free_list|__malloc_sbrk_start|__malloc_sbrk_top)

.PHONY: check-cortex-m $(addprefix check-,$(CORTEX_M_TARGETS) $(CM_VARIANTS)) cortex-m-check check-cortex-m-config
check: check-cortex-m
check-cortex-m: $(addprefix check-,$(CORTEX_M_TARGETS) $(CM_VARIANTS)) check-cortex-m-config check-cortex-m-install
$(foreach t,$(CORTEX_M_TARGETS),$(eval CM_VARIANT_$(t) := TARGET=$(t)))

$(addprefix check-,$(CORTEX_M_TARGETS) $(CM_VARIANTS)): check-%:
	@if [ "$$($(MAKE) -s --no-print-directory $(CM_VARIANT_$*) available 2>/dev/null)" != yes ] || \
	    ! command -v $(if $(filter riscv32,$*),$(QEMU_RISCV32),$(QEMU_ARM)) >/dev/null; then \
	  echo "check-$*: its toolchain ($(if $(filter riscv32,$*),riscv64-unknown-elf-gcc$(CM_COMMA) picolibc$(CM_COMMA) qemu-system-riscv32,arm-none-eabi-gcc$(CM_COMMA) newlib$(CM_COMMA) picolibc$(CM_COMMA) qemu-system-arm)) is not installed: run 'make toolchains'" >&2; \
	  exit 1; fi
	@$(MAKE) -s --no-print-directory $(CM_VARIANT_$*) cortex-m-check

# Bad options stop the build at once with one line naming what is accepted (and never build).
CM_BAD_CONFIGS := TARGET=cortex-m4:FLOAT_ABI=hardfp:soft.softfp.hard TARGET=cortex-m0:FLOAT_ABI=hard:one.of.soft \
  TARGET=cortex-m3:FLOAT_ABI=softfp:one.of.soft TARGET=cortex-m55:LIBC=musl:newlib.picolibc \
  TARGET=riscv32:FLOAT_ABI=hard:one.of.soft TARGET=riscv32:LIBC=newlib:one.of.picolibc
check-cortex-m-config:
	@for c in $(CM_BAD_CONFIGS); do t=$${c%%:*}; rest=$${c#*:}; o=$${rest%%:*}; want=$${rest#*:}; \
	  out=$$($(MAKE) -s --no-print-directory $$t $$o print-out 2>&1); \
	  if [ $$? = 0 ] || [ $$(printf '%s\n' "$$out" | wc -l) != 1 ] || ! printf '%s' "$$out" | grep -q "$$want"; then \
	    echo "check-cortex-m-config: $$t $$o: expected one line naming '$$want', got: $$out"; exit 1; fi; done
	@for c in cortex-m4:soft cortex-m4:softfp cortex-m4:hard cortex-m7:softfp cortex-m55:soft; do \
	  d=$$($(MAKE) -s --no-print-directory TARGET=$${c%:*} FLOAT_ABI=$${c#*:} print-out); \
	  [ "$$d" = build/$${c%:*}/bump_freelist/$${c#*:} ] || { echo "check-cortex-m-config: $$c builds into $$d"; exit 1; }; done
	@echo "check-cortex-m-config: bad FLOAT_ABI and LIBC values stop the build; each float ABI has its directory"

# make install with a float ABI and a libc: the installed library and pkg-config file, used as a
# product would, link a program of that float ABI that names no allocator (libc_only.c); it runs
# and its only heap is lite-alloc.
CM_INSTALL_CASES := TARGET=cortex-m4:FLOAT_ABI=softfp TARGET=cortex-m4:FLOAT_ABI=soft:LIBC=picolibc TARGET=riscv32
.PHONY: check-cortex-m-install cortex-m-install-check
check-cortex-m-install:
	@for c in $(CM_INSTALL_CASES); do $(MAKE) -s --no-print-directory $$(echo $$c | tr : ' ') cortex-m-install-check || exit 1; done
cortex-m-install-check: $(CM_STARTUP)
	@rm -rf $(CM_TEST)/prefix && mkdir -p $(CM_TEST)/install
	@$(MAKE) -s --no-print-directory install STRATEGY=bump_freelist PREFIX=$(abspath $(CM_TEST)/prefix) >/dev/null
	@$(CC) $(CM_CFLAGS) $(CM_NANO) $(CM_LDFLAGS) $(CM_HARNESS)/libc_only.c $(CM_STARTUP) \
	  $$(PKG_CONFIG_PATH=$(CM_TEST)/prefix/lib/pkgconfig pkg-config --cflags --libs lite_alloc) \
	  -Wl,-Map=$(CM_TEST)/install/libc_only.elf.map -o $(CM_TEST)/install/libc_only.elf
	@$(call cm_run,$(CM_TEST)/install/libc_only.elf,^libc_only: ok)
	@$(call cm_expect_heap,$(CM_TEST)/install/libc_only.elf)

# From here on TARGET is a Cortex-M target or riscv32 (the recursive make above).
cortex-m-check: $(foreach s,$(CM_STRATEGIES),cortex-m-check-$(s))

# The release, checked, testing and fixed-region libraries of one strategy.
cortex-m-libs-%: FORCE
	@for v in release $(if $(CM_QUICK),,checked) testing; do \
	  $(MAKE) -s --no-print-directory lib TARGET=$(TARGET) STRATEGY=$* VARIANT=$$v || exit 1; done
	@$(if $(CM_QUICK)$(CM_PICOLIBC),:,$(MAKE) -s --no-print-directory lib TARGET=$(TARGET) STRATEGY=$* BACKEND=region_only)

$(CM_TEST)/startup.o: $(CM_HARNESS)/startup.c
	@mkdir -p $(@D)
	$(CC) $(CM_CFLAGS) -c $< -o $@

# $(call cm_run,elf,expected line): runs a program in QEMU; its exit code and the line it must
# print decide (a pipe into tail or tee would hide the exit code).
cm_run = $(CM_QEMU) $(1) > $(1).out 2>&1; rc=$$?; if [ $$rc != 0 ] || ! grep -q "$(2)" $(1).out; then \
  tail -5 $(1).out; echo "$(1): exit code $$rc, expected 0 and '$(2)'"; exit 1; fi; grep "$(2)" $(1).out

# $(call cm_expect_heap,elf): no member of the libc's heap in the link map nor its data in the
# symbols; our entry points (newlib: the _malloc_r family) and arena linked.
CM_HEAP := $(if $(CM_PICOLIBC),$(CM_PICOLIBC_HEAP),$(CM_NEWLIB_HEAP))
CM_HEAP_DATA := $(if $(CM_PICOLIBC),$(CM_PICOLIBC_HEAP_DATA),$(CM_NEWLIB_HEAP_DATA))
CM_OUR_ENTRY := $(if $(CM_PICOLIBC),picolibc\.o.* T malloc,newlib_reent\.o.* T _malloc_r)
cm_expect_heap = if grep -Eq '$(CM_HEAP)' $(1).map || $(ARM_NM) $(1) | grep -Eq ' $(CM_HEAP_DATA)$$'; then \
    echo "$(1): the libc's own allocator is linked:"; grep -Eo '[^ ]*$(CM_HEAP)' $(1).map | sort -u; exit 1; fi; \
  grep -q 'liblite_alloc\.a($(firstword $(subst .*, ,$(CM_OUR_ENTRY))))' $(1).map && \
    $(ARM_NM) $(1) | grep -q ' T $(lastword $(CM_OUR_ENTRY))$$' && \
    grep -q 'liblite_alloc\.a(heap\.o)' $(1).map || { echo "$(1): lite-alloc is not linked"; exit 1; }; \
  echo "$(1): lite-alloc is the only heap"

# $(call cm_expect_death,elf,message): the program must fail, printing message.
cm_expect_death = $(CM_QEMU) $(1) > $(1).out 2>&1; rc=$$?; grep -m1 '^lite-alloc:' $(1).out; \
  if [ $$rc = 0 ]; then echo "death test: the heap misuse went unnoticed"; exit 1; fi; \
  grep -q "$(2)" $(1).out || { cat $(1).out; echo "death test: no '$(2)' message"; exit 1; }; \
  echo "death test: exit code $$rc, as expected"

# Programs of the full run, after the suite. newlib: nano and full, C and C++, a new-only program,
# the reent entry points, running out of memory, the fixed region. picolibc: real_c, out_of_memory,
# mallinfo (picolibc's struct mallinfo, from lite-alloc's figures).
CM_PROGRAMS := $(if $(CM_QUICK),real_c_nano,$(if $(CM_PICOLIBC),real_c_nano out_of_memory mallinfo picolibc_locks,real_c_nano real_c_full \
  new_only out_of_memory real_c_region newlib_reent_nano newlib_reent_full $(if $(CM_CPP_$(TARGET)),real_cpp_nano real_cpp_full)))
# The death tests use freed memory on purpose (-Wno-use-after-free). picolibc: fds 1 and 2 reach
# the console through its stdio (picolibc_write.c), as the checked build's report needs.
CM_DEATH_EXTRA := -Wno-use-after-free $(if $(CM_PICOLIBC),$(CM_HARNESS)/picolibc_write.c)
# Run a recipe line only in the full run / only in newlib's full run ('$(cm_full)cmd ...').
cm_full = $(if $(CM_QUICK),true || ,)
cm_newlib_full = $(if $(CM_QUICK)$(CM_PICOLIBC),true || ,)

cortex-m-check-%: cortex-m-libs-% $(CM_STARTUP)
	@mkdir -p $(CM_TEST)/$*
	@echo "== $(TARGET)$(if $(CM_SUFFIX), $(CM_SUFFIX:/%=%)) $* (QEMU $(CM_BOARD)$(if $(CM_QUICK),$(CM_COMMA) suite and real_c))"
	@$(ARM_OBJCOPY) --redefine-sym $(CM_SBRK)=suite_backend_sbrk $(call cm_lib,$*)/testing/liblite_alloc.a \
	  $(CM_TEST)/$*/liblite_alloc_suite.a
	@$(CC) $(CM_CFLAGS) -O2 -DLITE_SUITE_MINI $(CM_SUITE_FLAGS_$(TARGET)) $(CM_NANO) $(CM_LDFLAGS) \
	  $(filter-out test/suite/main.c,$(wildcard test/suite/*.c)) $(call cm_suite_main,$*) \
	  $(CM_HARNESS)/suite_backend.c -Wl,--wrap=lite_alloc_init_region \
	  $(CM_STARTUP) $(CM_TEST)/$*/liblite_alloc_suite.a -o $(CM_TEST)/$*/suite.elf
	@$(call cm_run,$(CM_TEST)/$*/suite.elf,^$*: [0-9]* passed$(CM_COMMA) 0 failed)
	@for libc in nano $(if $(CM_QUICK)$(CM_PICOLIBC),,full); do \
	  specs=$$([ $$libc = nano ] && echo "$(CM_NANO)" || echo "$(CM_FULL)"); \
	  $(CC) $(CM_CFLAGS) -DLITE_ALLOC_EXPECTED_STRATEGY='"$*"' $$specs $(CM_LDFLAGS) test/programs/real_c.c \
	    $(CM_STARTUP) -L$(call cm_lib,$*) -llite_alloc -Wl,-Map=$(CM_TEST)/$*/real_c_$$libc.elf.map \
	    -o $(CM_TEST)/$*/real_c_$$libc.elf || exit 1; \
	  if [ -n "$(if $(CM_QUICK)$(CM_PICOLIBC),,$(CM_CPP_$(TARGET)))" ]; then \
	    $(CXX) $(CM_CFLAGS) $(CM_CXXFLAGS) $$specs $(CM_LDFLAGS) test/programs/real_cpp.cpp $(CM_STARTUP) \
	      -L$(call cm_lib,$*) -llite_alloc -Wl,-Map=$(CM_TEST)/$*/real_cpp_$$libc.elf.map \
	      -o $(CM_TEST)/$*/real_cpp_$$libc.elf || exit 1; fi; \
	done
	@$(cm_full)$(CC) $(CM_CFLAGS) $(CM_NANO) $(CM_LDFLAGS) $(CM_HARNESS)/out_of_memory.c $(CM_STARTUP) \
	  -L$(call cm_lib,$*) -llite_alloc -Wl,-Map=$(CM_TEST)/$*/out_of_memory.elf.map -o $(CM_TEST)/$*/out_of_memory.elf
	@$(if $(CM_QUICK),:,$(if $(CM_PICOLIBC),$(CC),:)) $(CM_CFLAGS) $(CM_LDFLAGS) test/programs/mallinfo.c -L$(call cm_lib,$*) \
	  -llite_alloc -Wl,-Map=$(CM_TEST)/$*/mallinfo.elf.map -o $(CM_TEST)/$*/mallinfo.elf
	@$(if $(CM_QUICK),:,$(if $(CM_PICOLIBC),$(CC),:)) $(CM_CFLAGS) $(CM_LDFLAGS) $(CM_HARNESS)/picolibc_locks.c -Wl,--wrap=sbrk \
	  -L$(call cm_lib,$*) -llite_alloc $(LINK_FLAGS) -Wl,-Map=$(CM_TEST)/$*/picolibc_locks.elf.map -o $(CM_TEST)/$*/picolibc_locks.elf
	@$(if $(CM_QUICK)$(CM_PICOLIBC),:,$(CXX)) $(CM_CFLAGS) $(CM_CXXFLAGS) $(CM_NANO) $(CM_LDFLAGS) $(CM_HARNESS)/new_only.cpp $(CM_STARTUP) \
	  -Wl,-u,_malloc_r -L$(call cm_lib,$*) -llite_alloc -Wl,-Map=$(CM_TEST)/$*/new_only.elf.map -o $(CM_TEST)/$*/new_only.elf
	@$(cm_newlib_full)for libc in nano full; do specs=$$([ $$libc = nano ] && echo "$(CM_NANO)" || echo "$(CM_FULL)"); \
	  $(CC) $(CM_CFLAGS) $$specs $(CM_LDFLAGS) test/programs/newlib_reent.c $(CM_STARTUP) -Wl,--wrap=_sbrk \
	    -L$(call cm_lib,$*) -llite_alloc -Wl,-Map=$(CM_TEST)/$*/newlib_reent_$$libc.elf.map -o $(CM_TEST)/$*/newlib_reent_$$libc.elf || exit 1; done
	@$(if $(CM_QUICK)$(CM_PICOLIBC),:,$(CC)) $(CM_CFLAGS) -DLITE_ALLOC_EXPECTED_STRATEGY='"$*"' -DREGION_HEAP_BYTES=12288 $(CM_NANO) $(CM_LDFLAGS) \
	  test/programs/real_c.c $(CM_HARNESS)/region_heap.c $(CM_STARTUP) -L$(call cm_lib,$*)/region_only -llite_alloc \
	  -Wl,-Map=$(CM_TEST)/$*/real_c_region.elf.map -o $(CM_TEST)/$*/real_c_region.elf
	@$(cm_full)for c in $(DEATH_CASES); do \
	  $(CC) $(CM_CFLAGS) $(CM_NANO) $(CM_LDFLAGS) -DDEATH_CASE=\"$${c%%:*}\" test/trust/death.c $(CM_STARTUP) $(CM_DEATH_EXTRA) \
	    -L$(call cm_lib,$*)/checked -llite_alloc -o $(CM_TEST)/$*/death-$${c%%:*}.elf || exit 1; done
	@$(cm_full)$(CC) $(CM_CFLAGS) $(CM_NANO) $(CM_LDFLAGS) test/trust/uaf_death.c $(CM_STARTUP) $(CM_DEATH_EXTRA) \
	  -L$(call cm_lib,$*)/checked -llite_alloc -o $(CM_TEST)/$*/uaf_death.elf
	@for p in $(CM_PROGRAMS); do \
	  prog=$${p%%_nano}; prog=$${prog%%_full}; prog=$${prog%%_region}; \
	  $(call cm_run,$(CM_TEST)/$*/$$p.elf,^$$prog: ok); \
	  $(call cm_expect_heap,$(CM_TEST)/$*/$$p.elf); done
	@$(cm_full)for c in $(DEATH_CASES); do $(call cm_expect_death,$(CM_TEST)/$*/death-$${c%%:*}.elf,$${c#*:}); done
	@$(cm_full)$(call uaf_death,$(TARGET)$(CM_SUFFIX:/%=-%) $*,message,$(CM_QEMU) $(CM_TEST)/$*/uaf_death.elf,$(CM_TEST)/$*/uaf_death.elf.out)
