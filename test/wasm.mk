# WebAssembly tests, for each of wasi, freestanding wasm32 and emscripten and every strategy:
#   - the suite (mini harness) on the testing variant, under node;
#   - real programs linked the platform's usual way against the release library, run, and their
#     final binaries searched for libc's own allocator (must be absent) and ours (must be present);
#   - the checked build's death tests: a double free must end the program, and so must a write into
#     any of the first 64 bytes of a freed block (test/trust/uaf_death.c; wasi and wasm32 one case per
#     instance, test/harness/run_cases.mjs).
# `make check-<target>` first asks a recursive make whether the toolchain is there (it may have
# been installed by `make toolchains` earlier in the same invocation) and fails if it is not.
WASM_TARGETS := wasi wasm32 emscripten
NODE ?= node
WASM_RUN := $(NODE) --no-warnings test/harness/run_wasm.mjs
WASM_RUN_CASES := $(NODE) --no-warnings test/harness/run_cases.mjs
EMSCRIPTEN_RUN := $(NODE) --no-experimental-fetch
WASM_TEST := build/$(TARGET)/test
comma := ,
WASM_OBJDUMP ?= wasm-objdump
# Functions of wasi-libc's dlmalloc and of emscripten's dlmalloc and emmalloc.
WASM_FOREIGN_HEAP := <(dlmalloc|dlfree|dlrealloc|dlcalloc|dlmemalign|internal_memalign|sys_alloc|dispose_chunk|tmalloc_small|tmalloc_large|emmalloc_[a-z_]*)>
WASM_OUR_HEAP := <(lite::[a-zA-Z_:]+|lite_alloc_[a-z_]+)

.PHONY: check-wasi check-wasm32 check-emscripten wasm-check
check: check-wasi check-wasm32 check-emscripten

$(addprefix check-,$(WASM_TARGETS)): check-%:
	@if [ "$$($(MAKE) -s --no-print-directory TARGET=$* available 2>/dev/null)" != yes ] || \
	    ! command -v $(NODE) >/dev/null || ! command -v $(WASM_OBJDUMP) >/dev/null; then \
	  echo "check-$*: the $* toolchain (or node, or wabt) is not installed: run 'make toolchains'" >&2; exit 1; fi
	@$(MAKE) -s --no-print-directory TARGET=$* wasm-check

# From here on TARGET is one of WASM_TARGETS (the recursive make above).
wasm-check: $(foreach s,$(STRATEGIES),wasm-check-$(s)) wasm-control

# The release, checked and testing libraries of one strategy.
wasm-libs-%: FORCE
	@for v in release checked testing; do \
	  $(MAKE) -s --no-print-directory lib TARGET=$(TARGET) STRATEGY=$* VARIANT=$$v || exit 1; done

# $(call wasm_run,command,output file,expected line): runs a test program; its exit code and the
# line it must print decide (a pipe into tail or tee would hide the exit code).
wasm_run = $(1) > $(2) 2>&1; rc=$$?; if [ $$rc != 0 ] || ! grep -q "$(3)" $(2); then tail -5 $(2); \
  echo "$(1): exit code $$rc, expected 0 and '$(3)'"; exit 1; fi; grep "$(3)" $(2)

# $(call wasm_expect_heap,binary): libc's allocator absent, ours present, judged by the name section.
wasm_expect_heap = names=$$($(WASM_OBJDUMP) -x -j name $(1)) || exit 1; \
  if echo "$$names" | grep -Eq '$(WASM_FOREIGN_HEAP)'; then echo "$(1): libc's own allocator is linked:"; \
    echo "$$names" | grep -E '$(WASM_FOREIGN_HEAP)'; exit 1; fi; \
  echo "$$names" | grep -Eq '$(WASM_OUR_HEAP)' || { echo "$(1): lite-alloc is not linked"; exit 1; }; \
  echo "$(1): lite-alloc is the only heap"

# $(call wasm_expect_death,command,message): the command must fail, printing message if nonempty.
wasm_expect_death = out=$$($(1) 2>&1); rc=$$?; echo "$$out" | grep -m1 -E '^(lite-alloc|trap):'; \
  if [ $$rc = 0 ]; then echo "death test: the heap misuse went unnoticed"; exit 1; fi; \
  if [ -n "$(2)" ] && ! echo "$$out" | grep -q "$(2)"; then echo "death test: no '$(2)' message"; exit 1; fi; \
  echo "death test: exit code $$rc, as expected"

# $(call wasm_expect_inlined,library): wasi and Emscripten inline the steps other size builds share
# (LITE_ALLOC_INLINE_SHARED, toolchains/*.mk): none of them may be a function of its own there
# (freelist's release is one by design; wasm32 keeps them all).
wasm_expect_inlined = out=$$(llvm-nm-19 -C --defined-only $(1) | \
  grep -E 'lite::(round_up|take_first_fit|strategy::(biased_list_of|bin_of|unlink|trim))\('); \
  if [ -n "$$out" ]; then echo "$(1): out of line despite LITE_ALLOC_INLINE_SHARED:"; echo "$$out"; exit 1; fi; \
  echo "$(1): the shared steps inlined"

SUITE_MINI_FLAGS := -O2 -DLITE_SUITE_MINI -Iinclude
WASM_LIB = build/$(TARGET)/$(1)$(if $(2),/$(2))/liblite_alloc.a

ifeq ($(TARGET),wasi)
# Compiled and linked apart: clang runs wasm-opt on an optimized link, which drops the name section.
wasm-check-%: wasm-libs-%
	@mkdir -p $(WASM_TEST)
	@echo "== wasi $*"
	@$(call wasm_expect_inlined,$(call WASM_LIB,$*))
	$(CC) $(TARGET_FLAGS) $(SUITE_MINI_FLAGS) -DSUITE_MERGE=2 $(SUITE_SOURCES) $(call WASM_LIB,$*,testing) -o $(WASM_TEST)/suite-$*.wasm
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/suite-$*.wasm,$(WASM_TEST)/suite-$*.out,$*: [0-9]* passed$(comma) 0 failed)
	$(CC) $(TARGET_FLAGS) -O2 -Iinclude '-DLITE_ALLOC_EXPECTED_STRATEGY="$*"' -c test/programs/real_c.c -o $(WASM_TEST)/real_c-$*.o
	$(CC) $(TARGET_FLAGS) $(WASM_TEST)/real_c-$*.o $(call WASM_LIB,$*) -o $(WASM_TEST)/real_c-$*.wasm
	$(CXX) $(TARGET_FLAGS) -O2 -fno-exceptions -Iinclude -c test/programs/real_cpp.cpp -o $(WASM_TEST)/real_cpp-$*.o
	$(CXX) $(TARGET_FLAGS) -fno-exceptions $(WASM_TEST)/real_cpp-$*.o $(call WASM_LIB,$*) -o $(WASM_TEST)/real_cpp-$*.wasm
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/real_c-$*.wasm,$(WASM_TEST)/real_c-$*.out,real_c: ok ($*))
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/real_cpp-$*.wasm,$(WASM_TEST)/real_cpp-$*.out,real_cpp: ok ($*))
	$(CC) $(TARGET_FLAGS) -O2 -Iinclude test/wasm/foreign_page.c $(call WASM_LIB,$*) -o $(WASM_TEST)/foreign_page-$*.wasm
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/foreign_page-$*.wasm,$(WASM_TEST)/foreign_page-$*.out,foreign_page: ok)
	@$(call wasm_expect_heap,$(WASM_TEST)/real_c-$*.wasm)
	@$(call wasm_expect_heap,$(WASM_TEST)/real_cpp-$*.wasm)
	@for c in $(DEATH_CASES); do \
	  $(CC) $(TARGET_FLAGS) -O2 -Iinclude -DDEATH_CASE=\"$${c%%:*}\" test/trust/death.c $(call WASM_LIB,$*,checked) \
	    -o $(WASM_TEST)/death-$${c%%:*}-$*.wasm || exit 1; \
	  $(call wasm_expect_death,$(WASM_RUN) $(WASM_TEST)/death-$${c%%:*}-$*.wasm,$${c#*:}); done
	$(CC) $(TARGET_FLAGS) -O2 -Iinclude test/trust/uaf_death.c $(call WASM_LIB,$*,checked) -o $(WASM_TEST)/uaf_death-$*.wasm
	@$(call uaf_death,wasi $*,message,$(WASM_RUN_CASES) $(WASM_TEST)/uaf_death-$*.wasm,$(WASM_TEST)/uaf_death-$*.out)

# The name check must see wasi-libc's dlmalloc when it is linked, or its silence proves nothing.
wasm-control:
	@mkdir -p $(WASM_TEST)
	$(CC) $(TARGET_FLAGS) -Iinclude test/wasm/double_free.c -o $(WASM_TEST)/control.wasm
	@$(WASM_OBJDUMP) -x -j name $(WASM_TEST)/control.wasm | grep -Eq '$(WASM_FOREIGN_HEAP)' || \
	  { echo "control: wasi-libc's dlmalloc not recognised by name"; exit 1; }
endif

ifeq ($(TARGET),wasm32)
# No libc: the suite runs over the test shim test/harness/wasm32_libc; the real program uses none.
WASM32_LINK := $(CC) $(TARGET_FLAGS) -nostdlib
wasm-check-%: wasm-libs-%
	@mkdir -p $(WASM_TEST)
	@echo "== wasm32 $*"
	$(WASM32_LINK) $(SUITE_MINI_FLAGS) -isystem test/harness/wasm32_libc/include $(SUITE_SOURCES) \
	  test/harness/wasm32_libc/wasm32_libc.c $(call WASM_LIB,$*,testing) -o $(WASM_TEST)/suite-$*.wasm
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/suite-$*.wasm,$(WASM_TEST)/suite-$*.out,$*: [0-9]* passed$(comma) 0 failed)
	$(CC) $(TARGET_FLAGS) -O2 -Iinclude -c test/wasm/freestanding_real.c -o $(WASM_TEST)/real-$*.o
	$(WASM32_LINK) $(WASM_TEST)/real-$*.o $(call WASM_LIB,$*) -Wl,--max-memory=4194304 -o $(WASM_TEST)/real-$*.wasm
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/real-$*.wasm,$(WASM_TEST)/real-$*.out,freestanding: ok ($*))
	$(WASM32_LINK) -O2 -Iinclude -DFREESTANDING test/wasm/foreign_page.c $(call WASM_LIB,$*) -o $(WASM_TEST)/foreign_page-$*.wasm
	@$(call wasm_run,$(WASM_RUN) $(WASM_TEST)/foreign_page-$*.wasm,$(WASM_TEST)/foreign_page-$*.out,foreign_page: ok)
	@$(call wasm_expect_heap,$(WASM_TEST)/real-$*.wasm)
	@imports=$$($(WASM_OBJDUMP) -x -j import $(WASM_TEST)/real-$*.wasm | grep -- '<-' | grep -v 'env.lite_'); \
	  if [ -n "$$imports" ]; then echo "real-$*.wasm needs more than its own imports: $$imports"; exit 1; fi
	$(WASM32_LINK) -O2 -Iinclude -DFREESTANDING test/wasm/double_free.c $(call WASM_LIB,$*,checked) -o $(WASM_TEST)/double_free-$*.wasm
	@$(call wasm_expect_death,$(WASM_RUN) $(WASM_TEST)/double_free-$*.wasm,)
	$(WASM32_LINK) -O2 -Iinclude -DFREESTANDING -Wl,--no-entry test/trust/uaf_death.c $(call WASM_LIB,$*,checked) \
	  -o $(WASM_TEST)/uaf_death-$*.wasm
	@$(call uaf_death,wasm32 $*,trap,$(WASM_RUN_CASES) $(WASM_TEST)/uaf_death-$*.wasm,$(WASM_TEST)/uaf_death-$*.out)

# Without libc there is no foreign allocator to find; the library itself must need nothing.
wasm-control:
	@for s in $(STRATEGIES); do for v in "" checked; do a=build/wasm32/$$s$${v:+/$$v}/liblite_alloc.a; \
	  u=$$(llvm-nm-19 -u $$a | grep -Ew 'memcpy|memset|memmove|write|abort|errno|__errno_location' | sort -u); \
	  if [ -n "$$u" ]; then echo "$$a needs libc:" $$u; exit 1; fi; done; done
endif

ifeq ($(TARGET),emscripten)
EMSCRIPTEN_LINK := -sMALLOC=none -sEXIT_RUNTIME=1 --profiling-funcs
# Emscripten's own malloc tests (Debian's emscripten package): mallinfo.cpp runs against lite-alloc.
EMSCRIPTEN_TESTS ?= /usr/share/emscripten/tests
wasm-check-%: wasm-libs-%
	@mkdir -p $(WASM_TEST)
	@echo "== emscripten $*"
	@$(call wasm_expect_inlined,$(call WASM_LIB,$*))
	$(CC) $(SUITE_MINI_FLAGS) -DSUITE_MERGE=2 $(SUITE_SOURCES) $(call WASM_LIB,$*,testing) -sALLOW_MEMORY_GROWTH=1 -o $(WASM_TEST)/suite-$*.js
	@$(call wasm_run,$(EMSCRIPTEN_RUN) $(WASM_TEST)/suite-$*.js,$(WASM_TEST)/suite-$*.out,$*: [0-9]* passed$(comma) 0 failed)
	$(CC) -O2 -Iinclude '-DLITE_ALLOC_EXPECTED_STRATEGY="$*"' test/programs/real_c.c $(call WASM_LIB,$*) $(EMSCRIPTEN_LINK) -o $(WASM_TEST)/real_c-$*.js
	$(CXX) -O2 -Iinclude test/programs/real_cpp.cpp $(call WASM_LIB,$*) $(EMSCRIPTEN_LINK) -o $(WASM_TEST)/real_cpp-$*.js
	@$(call wasm_run,$(EMSCRIPTEN_RUN) $(WASM_TEST)/real_c-$*.js,$(WASM_TEST)/real_c-$*.out,real_c: ok ($*))
	@$(call wasm_run,$(EMSCRIPTEN_RUN) $(WASM_TEST)/real_cpp-$*.js,$(WASM_TEST)/real_cpp-$*.out,real_cpp: ok ($*))
	$(CXX) -O2 $(EMSCRIPTEN_TESTS)/mallinfo.cpp $(call WASM_LIB,$*) $(EMSCRIPTEN_LINK) -o $(WASM_TEST)/em_mallinfo-$*.js
	$(CC) -O2 -Iinclude test/programs/mallinfo.c $(call WASM_LIB,$*) $(EMSCRIPTEN_LINK) -o $(WASM_TEST)/mallinfo-$*.js
	@$(call wasm_run,$(EMSCRIPTEN_RUN) $(WASM_TEST)/em_mallinfo-$*.js,$(WASM_TEST)/em_mallinfo-$*.out,^OK\.$$)
	@$(call wasm_run,$(EMSCRIPTEN_RUN) $(WASM_TEST)/mallinfo-$*.js,$(WASM_TEST)/mallinfo-$*.out,^mallinfo: ok)
	@$(call wasm_expect_heap,$(WASM_TEST)/real_c-$*.wasm)
	@$(call wasm_expect_heap,$(WASM_TEST)/real_cpp-$*.wasm)
	@for c in $(DEATH_CASES); do \
	  $(CC) -O2 -Iinclude -DDEATH_CASE=\"$${c%%:*}\" test/trust/death.c $(call WASM_LIB,$*,checked) -sMALLOC=none \
	    -o $(WASM_TEST)/death-$${c%%:*}-$*.js || exit 1; \
	  $(call wasm_expect_death,$(EMSCRIPTEN_RUN) $(WASM_TEST)/death-$${c%%:*}-$*.js,$${c#*:}); done
	$(CC) -O2 -Iinclude test/trust/uaf_death.c $(call WASM_LIB,$*,checked) -sMALLOC=none -o $(WASM_TEST)/uaf_death-$*.js
	@$(call uaf_death,emscripten $*,message,$(EMSCRIPTEN_RUN) $(WASM_TEST)/uaf_death-$*.js,$(WASM_TEST)/uaf_death-$*.out)

# The name check must see emscripten's dlmalloc when it is linked, or its silence proves nothing.
wasm-control:
	@mkdir -p $(WASM_TEST)
	$(CC) -O2 -Iinclude test/wasm/double_free.c --profiling-funcs -o $(WASM_TEST)/control.js
	@$(WASM_OBJDUMP) -x -j name $(WASM_TEST)/control.wasm | grep -Eq '$(WASM_FOREIGN_HEAP)' || \
	  { echo "control: emscripten's dlmalloc not recognised by name"; exit 1; }
endif
