# Host tests: the cmocka suite for each strategy, plain and under ASan + UBSan.
SUITE_SOURCES := $(wildcard test/suite/*.c)
HOST_CC ?= cc
SUITE_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Iinclude

# build/host/<strategy>/<variant>/suite: the suite linked against that variant of the library.
build/host/%/testing/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing
	$(HOST_CC) $(SUITE_CFLAGS) $(SUITE_SOURCES) build/host/$*/testing/liblite_alloc.a -lcmocka -o $@

build/host/%/sanitized/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=sanitized
	$(HOST_CC) $(SUITE_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all $(SUITE_SOURCES) \
	  build/host/$*/sanitized/liblite_alloc.a -lcmocka -o $@

.PHONY: check-host check-host-sanitized FORCE
FORCE:
check-host: $(foreach s,$(STRATEGIES),build/host/$(s)/testing/suite)
	@for s in $(STRATEGIES); do echo "== host $$s"; build/host/$$s/testing/suite || exit 1; done

check-host-sanitized: $(foreach s,$(STRATEGIES),build/host/$(s)/sanitized/suite)
	@for s in $(STRATEGIES); do echo "== host $$s (ASan+UBSan)"; build/host/$$s/sanitized/suite || exit 1; done

check: check-host check-host-sanitized
