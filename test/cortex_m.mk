# Cortex-M tests under QEMU with semihosting, for cortex-m0 (BBC micro:bit, 16 KiB of RAM),
# cortex-m4 (MPS2 AN386) and cortex-m33 (MPS2 AN505), and every strategy:
#   - the suite (mini harness) on the testing variant; newlib's own heap serves the harness;
#   - real programs linked the platform's usual way (newlib-nano and full newlib) against the
#     release library, run, and their link maps and symbols searched for newlib's allocator
#     (must be absent) and ours (must be present); also on the fixed-region backend;
#   - running out of _sbrk's memory (heap meets stack) is clean;
#   - the checked build's death test: a double free must end the program with a message.
# `make check-<target>` first asks a recursive make whether the toolchain is there (it may have
# been installed by `make toolchains` earlier in the same invocation) and fails if it is not.
CORTEX_M_TARGETS := cortex-m0 cortex-m4 cortex-m33
QEMU_ARM ?= qemu-system-arm
ARM_NM ?= arm-none-eabi-nm
ARM_OBJCOPY ?= arm-none-eabi-objcopy
CM_HARNESS := test/harness/cortex_m
CM_COMMA := ,
CM_TEST := build/$(TARGET)/test

CM_BOARD_cortex-m0  := microbit
CM_BOARD_cortex-m4  := mps2-an386
CM_BOARD_cortex-m33 := mps2-an505
CM_BOARD := $(CM_BOARD_$(TARGET))

# The suite's static region, random stream and backend pool (suite_backend.c), sized to each board.
# The micro:bit has room for an 11 KiB region but not for a backend pool beside it: its suite
# runs with SUITE_HAS_BACKEND=0, and the backend is tested there by out_of_memory.c (real _sbrk).
# (its random test keeps a 2 KiB shadow table on the stack: 3 KiB of stack instead of 2)
CM_SUITE_FLAGS_cortex-m0  := -DSUITE_HEAP_BYTES=11264 -DSUITE_HAS_BACKEND=0 -DSUITE_RANDOM_OPS=5000 -DSUITE_BACKEND_BYTES=8 \
  -Wl,--defsym=STACK_SIZE=3072
CM_SUITE_FLAGS_cortex-m4  := -DSUITE_HEAP_BYTES=262144 -DSUITE_RANDOM_OPS=20000 -DSUITE_BACKEND_BYTES=2097152
CM_SUITE_FLAGS_cortex-m33 := $(CM_SUITE_FLAGS_cortex-m4)
# The suite scales its fixed request sizes to the region when there is no backend (suite.h).
cm_suite_main = test/suite/main.c
# real_cpp.cpp keeps 20 KB of ints in one vector: more than the micro:bit's RAM.
CM_CPP_cortex-m4  := yes
CM_CPP_cortex-m33 := yes

# How a product links: its startup code and linker script, newlib-nano or full newlib with
# semihosting (rdimon), -llite_alloc. -nostartfiles: startup.o replaces rdimon-crt0.
CM_CFLAGS := $(TARGET_FLAGS) -Os -g -ffunction-sections -fdata-sections -Wall -Iinclude
CM_LDFLAGS := -nostartfiles -L$(CM_HARNESS) -T$(CM_HARNESS)/$(CM_BOARD).ld -Wl,--gc-sections
CM_NANO := --specs=nano.specs --specs=rdimon.specs
CM_FULL := --specs=rdimon.specs
CM_CXXFLAGS := -fno-exceptions -fno-rtti
CM_QEMU = timeout 300 $(QEMU_ARM) -M $(CM_BOARD) -semihosting-config enable=on,target=native \
  -nographic -monitor none -serial none -kernel

# newlib's heap objects (nano and full) and newlib's own malloc/free/... wrappers.
CM_NEWLIB_HEAP := lib_a-(nano-)?(mallocr|freer|reallocr|callocr|malignr|msizer|mallinfor|mallstatsr|malloptr|vallocr|pvallocr|malloc|calloc|realloc|malign|msize)\.o
CM_NEWLIB_HEAP_DATA := (__malloc_av_|__malloc_sbrk_base|__malloc_free_list|__malloc_sbrk_start|__malloc_current_mallinfo)

.PHONY: check-cortex-m $(addprefix check-,$(CORTEX_M_TARGETS)) cortex-m-check
check: check-cortex-m
check-cortex-m: $(addprefix check-,$(CORTEX_M_TARGETS))

$(addprefix check-,$(CORTEX_M_TARGETS)): check-%:
	@if [ "$$($(MAKE) -s --no-print-directory TARGET=$* available 2>/dev/null)" != yes ] || \
	    ! command -v $(QEMU_ARM) >/dev/null; then \
	  echo "check-$*: the $* toolchain (arm-none-eabi-gcc, newlib, qemu-system-arm) is not installed: run 'make toolchains'" >&2; \
	  exit 1; fi
	@$(MAKE) -s --no-print-directory TARGET=$* cortex-m-check

# From here on TARGET is one of CORTEX_M_TARGETS (the recursive make above).
cortex-m-check: $(foreach s,$(STRATEGIES),cortex-m-check-$(s))

# The release, checked, testing and fixed-region libraries of one strategy.
cortex-m-libs-%: FORCE
	@for v in release checked testing; do \
	  $(MAKE) -s --no-print-directory lib TARGET=$(TARGET) STRATEGY=$* VARIANT=$$v || exit 1; done
	@$(MAKE) -s --no-print-directory lib TARGET=$(TARGET) STRATEGY=$* BACKEND=region_only

$(CM_TEST)/startup.o: $(CM_HARNESS)/startup.c
	@mkdir -p $(@D)
	$(CC) $(CM_CFLAGS) -c $< -o $@

# $(call cm_run,elf,expected line): runs a program in QEMU; its exit code and the line it must
# print decide (a pipe into tail or tee would hide the exit code).
cm_run = $(CM_QEMU) $(1) > $(1).out 2>&1; rc=$$?; if [ $$rc != 0 ] || ! grep -q "$(2)" $(1).out; then \
  tail -5 $(1).out; echo "$(1): exit code $$rc, expected 0 and '$(2)'"; exit 1; fi; grep "$(2)" $(1).out

# $(call cm_expect_heap,elf): no member of newlib's heap in the link map nor its data in the
# symbols; our _malloc_r family and arena linked.
cm_expect_heap = if grep -Eq '$(CM_NEWLIB_HEAP)' $(1).map || $(ARM_NM) $(1) | grep -Eq ' $(CM_NEWLIB_HEAP_DATA)$$'; then \
    echo "$(1): newlib's own allocator is linked:"; grep -Eo '[^ ]*$(CM_NEWLIB_HEAP)' $(1).map | sort -u; exit 1; fi; \
  grep -q 'liblite_alloc\.a(newlib_reent\.o)' $(1).map && $(ARM_NM) $(1) | grep -q ' T _malloc_r$$' && \
    $(ARM_NM) -C $(1) | grep -q 'lite::arena_reserve' || { echo "$(1): lite-alloc is not linked"; exit 1; }; \
  echo "$(1): lite-alloc is the only heap"

# $(call cm_expect_death,elf,message): the program must fail, printing message.
cm_expect_death = $(CM_QEMU) $(1) > $(1).out 2>&1; rc=$$?; grep -m1 '^lite-alloc:' $(1).out; \
  if [ $$rc = 0 ]; then echo "death test: the heap misuse went unnoticed"; exit 1; fi; \
  grep -q "$(2)" $(1).out || { cat $(1).out; echo "death test: no '$(2)' message"; exit 1; }; \
  echo "death test: exit code $$rc, as expected"

cortex-m-check-%: cortex-m-libs-% $(CM_TEST)/startup.o
	@mkdir -p $(CM_TEST)/$*
	@echo "== $(TARGET) $* (QEMU $(CM_BOARD))"
	@$(ARM_OBJCOPY) --redefine-sym _sbrk=suite_backend_sbrk build/$(TARGET)/$*/testing/liblite_alloc.a \
	  $(CM_TEST)/$*/liblite_alloc_suite.a
	@$(CC) $(CM_CFLAGS) -O2 -DLITE_SUITE_MINI $(CM_SUITE_FLAGS_$(TARGET)) $(CM_NANO) $(CM_LDFLAGS) \
	  $(filter-out test/suite/main.c,$(wildcard test/suite/*.c)) $(call cm_suite_main,$*) \
	  $(CM_HARNESS)/suite_backend.c -Wl,--wrap=lite_alloc_init_region \
	  $(CM_TEST)/startup.o $(CM_TEST)/$*/liblite_alloc_suite.a -o $(CM_TEST)/$*/suite.elf
	@$(call cm_run,$(CM_TEST)/$*/suite.elf,^$*: [0-9]* passed$(CM_COMMA) 0 failed)
	@for libc in nano full; do \
	  specs=$$([ $$libc = nano ] && echo "$(CM_NANO)" || echo "$(CM_FULL)"); \
	  $(CC) $(CM_CFLAGS) -DLITE_ALLOC_EXPECTED_STRATEGY='"$*"' $$specs $(CM_LDFLAGS) test/programs/real_c.c \
	    $(CM_TEST)/startup.o -Lbuild/$(TARGET)/$* -llite_alloc -Wl,-Map=$(CM_TEST)/$*/real_c_$$libc.elf.map \
	    -o $(CM_TEST)/$*/real_c_$$libc.elf || exit 1; \
	  if [ -n "$(CM_CPP_$(TARGET))" ]; then \
	    $(CXX) $(CM_CFLAGS) $(CM_CXXFLAGS) $$specs $(CM_LDFLAGS) test/programs/real_cpp.cpp $(CM_TEST)/startup.o \
	      -Lbuild/$(TARGET)/$* -llite_alloc -Wl,-Map=$(CM_TEST)/$*/real_cpp_$$libc.elf.map \
	      -o $(CM_TEST)/$*/real_cpp_$$libc.elf || exit 1; fi; \
	done
	@$(CXX) $(CM_CFLAGS) $(CM_CXXFLAGS) $(CM_NANO) $(CM_LDFLAGS) $(CM_HARNESS)/new_only.cpp $(CM_TEST)/startup.o \
	  -Wl,-u,_malloc_r -Lbuild/$(TARGET)/$* -llite_alloc -Wl,-Map=$(CM_TEST)/$*/new_only.elf.map -o $(CM_TEST)/$*/new_only.elf
	@for libc in nano full; do specs=$$([ $$libc = nano ] && echo "$(CM_NANO)" || echo "$(CM_FULL)"); \
	  $(CC) $(CM_CFLAGS) $$specs $(CM_LDFLAGS) test/programs/newlib_reent.c $(CM_TEST)/startup.o -Wl,--wrap=_sbrk \
	    -Lbuild/$(TARGET)/$* -llite_alloc -Wl,-Map=$(CM_TEST)/$*/newlib_reent_$$libc.elf.map -o $(CM_TEST)/$*/newlib_reent_$$libc.elf || exit 1; done
	@$(CC) $(CM_CFLAGS) $(CM_NANO) $(CM_LDFLAGS) $(CM_HARNESS)/out_of_memory.c $(CM_TEST)/startup.o \
	  -Lbuild/$(TARGET)/$* -llite_alloc -Wl,-Map=$(CM_TEST)/$*/out_of_memory.elf.map -o $(CM_TEST)/$*/out_of_memory.elf
	@$(CC) $(CM_CFLAGS) -DLITE_ALLOC_EXPECTED_STRATEGY='"$*"' -DREGION_HEAP_BYTES=12288 $(CM_NANO) $(CM_LDFLAGS) \
	  test/programs/real_c.c $(CM_HARNESS)/region_heap.c $(CM_TEST)/startup.o -Lbuild/$(TARGET)/$*/region_only -llite_alloc \
	  -Wl,-Map=$(CM_TEST)/$*/real_c_region.elf.map -o $(CM_TEST)/$*/real_c_region.elf
	@for c in $(DEATH_CASES); do \
	  $(CC) $(CM_CFLAGS) $(CM_NANO) $(CM_LDFLAGS) -DDEATH_CASE=\"$${c%%:*}\" test/trust/death.c $(CM_TEST)/startup.o \
	    -Lbuild/$(TARGET)/$*/checked -llite_alloc -o $(CM_TEST)/$*/death-$${c%%:*}.elf || exit 1; done
	@for p in real_c_nano real_c_full new_only out_of_memory real_c_region newlib_reent_nano newlib_reent_full $(if $(CM_CPP_$(TARGET)),real_cpp_nano real_cpp_full); do \
	  prog=$${p%%_nano}; prog=$${prog%%_full}; prog=$${prog%%_region}; \
	  $(call cm_run,$(CM_TEST)/$*/$$p.elf,^$$prog: ok); \
	  $(call cm_expect_heap,$(CM_TEST)/$*/$$p.elf); done
	@for c in $(DEATH_CASES); do $(call cm_expect_death,$(CM_TEST)/$*/death-$${c%%:*}.elf,$${c#*:}); done
