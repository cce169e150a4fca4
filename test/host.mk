# Host tests: the cmocka suite for each strategy, plain and under ASan + UBSan.
SUITE_SOURCES := $(wildcard test/suite/*.c)
HOST_CC ?= cc
SUITE_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Iinclude

# The checked build's death tests that test/wasm.mk and test/cortex_m.mk run on their targets
# (test/trust/death.c compiled once a case): case:text the message must contain.
DEATH_CASES := double_free:double.free interior_pointer:points.inside.a.block \
  overflow:overwrote.its.canary stack_pointer:never.handed.out

# build/host/<strategy>/<variant>/suite: the suite linked against that variant of the library.
build/host/%/testing/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing
	$(HOST_CC) $(SUITE_CFLAGS) $(SUITE_SOURCES) build/host/$*/testing/liblite_alloc.a -lcmocka -o $@

build/host/%/sanitized/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=sanitized
	$(HOST_CC) $(SUITE_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all $(SUITE_SOURCES) \
	  build/host/$*/sanitized/liblite_alloc.a -lcmocka -o $@

# The checked build under the same suite: every call verifies the whole heap and the canaries.
build/host/%/testing_checked/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing_checked
	$(HOST_CC) $(SUITE_CFLAGS) -DSUITE_CHECKED=1 -DSUITE_HEAP_BYTES=65536 -DSUITE_RANDOM_OPS=4000 $(SUITE_SOURCES) \
	  build/host/$*/testing_checked/liblite_alloc.a -lcmocka -o $@

.PHONY: check-host check-host-sanitized check-host-checked check-install FORCE
FORCE:
check-host: $(foreach s,$(STRATEGIES),build/host/$(s)/testing/suite)
	@for s in $(STRATEGIES); do echo "== host $$s"; build/host/$$s/testing/suite || exit 1; done

check-host-sanitized: $(foreach s,$(STRATEGIES),build/host/$(s)/sanitized/suite)
	@for s in $(STRATEGIES); do echo "== host $$s (ASan+UBSan)"; build/host/$$s/sanitized/suite || exit 1; done

check-host-checked: $(foreach s,$(STRATEGIES),build/host/$(s)/testing_checked/suite)
	@for s in $(STRATEGIES); do echo "== host $$s (checked build)"; build/host/$$s/testing_checked/suite || exit 1; done

# make install, then a C program built only through pkg-config, run: it must report our heap.
check-install:
	@rm -rf build/install-test
	@$(MAKE) -s --no-print-directory install TARGET=host STRATEGY=freelist PREFIX=$(CURDIR)/build/install-test
	@PKG_CONFIG_PATH=build/install-test/lib/pkgconfig $(HOST_CC) -DLITE_ALLOC_EXPECTED_STRATEGY='"freelist"' \
	  test/programs/real_c.c $$(PKG_CONFIG_PATH=build/install-test/lib/pkgconfig pkg-config --cflags --libs lite_alloc) \
	  -o build/install-test/real_c
	@build/install-test/real_c | grep -q 'real_c: ok (freelist)' && echo "install: 1 passed, 0 failed"

check: check-host check-host-sanitized check-host-checked check-install
