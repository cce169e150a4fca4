# Host tests: the cmocka suite for each strategy, plain and under ASan + UBSan.
SUITE_SOURCES := $(wildcard test/suite/*.c)
HOST_CC ?= cc
SUITE_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Iinclude

# The checked build's death tests that test/wasm.mk and test/cortex_m.mk run on their targets
# (test/trust/death.c compiled once a case): case:text the message must contain.
DEATH_CASES := double_free:double.free interior_pointer:points.inside.a.block \
  overflow:overwrote.its.canary stack_pointer:never.handed.out use_after_free:use.after.free \
  header_write:header.was.overwritten

# test/trust/uaf_death.c (issue 21): a write into each of the first 64 bytes of each kind of freed
# block must be named. $(call uaf_death,label,message|trap,command,output file): runs every case
# (the command prints them all) and checks them with test/trust/uaf_death.sh.
uaf_death = { $(3) > $(4) 2>&1; test/trust/uaf_death.sh '$(1)' $(2) $(4) > $(4).summary; rc=$$?; \
  if [ $$rc != 0 ]; then cat $(4).summary; tail -3 $(4); echo "uaf_death [$(1)]: FAILED (output in $(4))"; exit 1; fi; \
  echo "uaf_death [$(1)]: $$(tail -1 $(4) | cut -d' ' -f2) cases in $$(wc -l < $(4).summary) kinds, every write after free named"; }

# build/host/<strategy>/<variant>/suite: the suite linked against that variant of the library.
build/host/%/testing/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing
	$(Q)$(HOST_CC) $(SUITE_CFLAGS) $(SUITE_SOURCES) build/host/$*/testing/liblite_alloc.a -lcmocka -o $@

build/host/%/sanitized/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=sanitized
	$(Q)$(HOST_CC) $(SUITE_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all $(SUITE_SOURCES) \
	  build/host/$*/sanitized/liblite_alloc.a -lcmocka -o $@

# The checked build under the same suite: every pointer handed back verified, canaries, poison,
# and the whole-heap check every LITE_ALLOC_CHECK_INTERVAL calls.
build/host/%/testing_checked/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing_checked
	$(Q)$(HOST_CC) $(SUITE_CFLAGS) -DSUITE_CHECKED=1 -DSUITE_HEAP_BYTES=65536 -DSUITE_RANDOM_OPS=4000 $(SUITE_SOURCES) \
	  build/host/$*/testing_checked/liblite_alloc.a -lcmocka -o $@

# Without the merge of a full heap (LITE_ALLOC_MERGE=0): the strategies that have it.
build/host/%/testing_nomerge/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing_nomerge
	$(Q)$(HOST_CC) $(SUITE_CFLAGS) -DSUITE_MERGE=0 $(SUITE_SOURCES) build/host/$*/testing_nomerge/liblite_alloc.a -lcmocka -o $@

# With the merge before growth as well (LITE_ALLOC_MERGE=2).
build/host/%/testing_merge2/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing_merge2
	$(Q)$(HOST_CC) $(SUITE_CFLAGS) -DSUITE_MERGE=2 $(SUITE_SOURCES) build/host/$*/testing_merge2/liblite_alloc.a -lcmocka -o $@

# freelist with the quick lists that wasi and Emscripten build (LITE_ALLOC_QUICK, config.hpp).
build/host/freelist/testing_quick/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=freelist VARIANT=testing_quick
	$(Q)$(HOST_CC) $(SUITE_CFLAGS) $(SUITE_SOURCES) build/host/freelist/testing_quick/liblite_alloc.a -lcmocka -o $@

# $(call host_suite,binary): runs a suite quietly: its summary on success, its whole output on failure.
host_suite = { $(1) > $(1).out 2>&1 || { cat $(1).out; echo "$(1): FAILED"; false; }; } && \
  awk '/^\[  PASSED  \] [0-9]/ { p += $$4 } /^\[  SKIPPED \] [0-9]/ { k += $$4 } END { print p " passed, " k+0 " skipped" }' $(1).out

.PHONY: check-host check-host-sanitized check-host-checked check-host-nomerge check-host-merge2 check-host-quick check-install check-build-options check-mallinfo FORCE
FORCE:
check-host: $(foreach s,$(STRATEGIES),build/host/$(s)/testing/suite)
	@for s in $(STRATEGIES); do echo "== host $$s"; $(call host_suite,build/host/$$s/testing/suite) || exit 1; done

check-host-sanitized: $(foreach s,$(STRATEGIES),build/host/$(s)/sanitized/suite)
	@for s in $(STRATEGIES); do echo "== host $$s (ASan+UBSan)"; $(call host_suite,build/host/$$s/sanitized/suite) || exit 1; done

check-host-checked: $(foreach s,$(STRATEGIES),build/host/$(s)/testing_checked/suite)
	@for s in $(STRATEGIES); do echo "== host $$s (checked build)"; $(call host_suite,build/host/$$s/testing_checked/suite) || exit 1; done

check-host-nomerge: $(foreach s,bump_freelist segregated_bump,build/host/$(s)/testing_nomerge/suite)
	@for s in bump_freelist segregated_bump; do echo "== host $$s (LITE_ALLOC_MERGE=0)"; $(call host_suite,build/host/$$s/testing_nomerge/suite) || exit 1; done

check-host-quick: build/host/freelist/testing_quick/suite
	@echo "== host freelist (LITE_ALLOC_QUICK=1)"; $(call host_suite,build/host/freelist/testing_quick/suite)

check-host-merge2: $(foreach s,bump_freelist segregated_bump,build/host/$(s)/testing_merge2/suite)
	@for s in bump_freelist segregated_bump; do echo "== host $$s (LITE_ALLOC_MERGE=2)"; $(call host_suite,build/host/$$s/testing_merge2/suite) || exit 1; done

# make install as users consume it (test/abi/install.sh): pkg-config and the CMake package on the
# host and Cortex-M4 (a program using only new and stdio must get lite-alloc), and a wasi sysroot.
check-install:
	@test/abi/install.sh

# Bad TARGET/STRATEGY/BACKEND/CHECKED stop make in one line; a changed flag rebuilds; one directory
# per configuration (test/abi/build_options.sh).
check-build-options:
	@echo "== check-build-options"
	@test/abi/build_options.sh

# mallinfo(), mallinfo2(), malloc_trim(), malloc_stats() from glibc's <malloc.h>, served by lite-alloc;
# a program that does not call them does not carry them.
check-mallinfo: FORCE
	@echo "== check-mallinfo host"
	@for s in $(STRATEGIES); do $(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$$s || exit 1; \
	  lib=$$($(MAKE) -s --no-print-directory print-out TARGET=host STRATEGY=$$s)/liblite_alloc.a; \
	  mkdir -p build/host/$$s/abi-test; \
	  $(HOST_CC) -O1 -Wall -Wextra -Iinclude test/programs/mallinfo.c $$lib -o build/host/$$s/abi-test/mallinfo && \
	  build/host/$$s/abi-test/mallinfo 2>/dev/null | grep 'mallinfo: ok' || { echo "mallinfo $$s: FAILED"; exit 1; }; \
	  $(HOST_CC) -O1 -Iinclude -DLITE_ALLOC_EXPECTED_STRATEGY="\"$$s\"" test/programs/real_c.c $$lib \
	    -o build/host/$$s/abi-test/real_c || exit 1; \
	  if nm build/host/$$s/abi-test/real_c | grep -Eq ' T (mallinfo|malloc_stats|malloc_trim)$$'; then \
	    echo "real_c carries mallinfo.o without calling it"; exit 1; fi; done

check: check-host check-host-sanitized check-host-checked check-host-nomerge check-host-merge2 check-host-quick check-install check-build-options check-mallinfo
