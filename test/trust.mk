# Trust: differential fuzzing, valgrind, fault injection under a real address-space limit, the
# checked build's death tests, and real programs (lua5.4, sqlite3) run on the library by LD_PRELOAD.
#   make check-trust      the bounded run of all of it (part of `make check`)
#   make fuzz             a longer fuzz of each strategy: FUZZ_SECONDS each (default 60)
#   make TARGET=host STRATEGY=<s> SHARED=1    build/host/<s>/liblite_alloc.so, for LD_PRELOAD
FUZZ_CC  ?= clang-19
FUZZ_CXX ?= clang++-19
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 15
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
# The library as the testing variant (prefixed names, grow budget), instrumented for coverage and
# sanitized; its backend is replaced by the fuzz target's pool (test/fuzz/fuzz_backend.cpp).
FUZZ_LIB_FLAGS := -std=c++17 -O1 -g -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-builtin \
  -Wall -Wextra -DLITE_ALLOC_FRESH_MEMORY_IS_ZERO=1 -DLITE_ALLOC_PREFIXED -DLITE_ALLOC_FAULT_INJECTION \
  -fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_CORE := src/core/arena.cpp src/core/heap.cpp src/abi/malloc_api.cpp src/abi/report.cpp
FUZZ_DEPS := test/fuzz/fuzz_alloc.c test/fuzz/fuzz_backend.h test/fuzz/fuzz_backend.cpp \
  $(wildcard src/core/* src/abi/* src/strategy/* include/*.h) test/trust.mk

.PHONY: check-trust fuzz fuzz-corpus check-fuzz
check: check-trust

# build/host/<s>/fuzz/fuzz_alloc, and build/host/<s>/fuzz_checked/fuzz_alloc on the checked build.
define FUZZ_BUILD
	@mkdir -p $(@D)/obj
	@for src in $(FUZZ_CORE) src/strategy/$(1).cpp test/fuzz/fuzz_backend.cpp; do \
	  o=$(@D)/obj/$$(basename $$src .cpp).o; \
	  echo "$(FUZZ_CXX) ... -c $$src"; \
	  $(FUZZ_CXX) $(FUZZ_LIB_FLAGS) $(2) -Iinclude -c $$src -o $$o || exit 1; done
	$(FUZZ_CC) -std=c11 -O1 -g -Wall -Wextra -Iinclude -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
	  -c test/fuzz/fuzz_alloc.c -o $(@D)/obj/fuzz_alloc.o
	$(FUZZ_CXX) -fsanitize=fuzzer $(FUZZ_SAN) $(@D)/obj/*.o -o $@
endef
build/host/%/fuzz/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,)
build/host/%/fuzz_checked/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,-DLITE_ALLOC_CHECKED=1)

# One fuzz run per strategy: the committed seeds plus what earlier runs found (build/fuzz/corpus/<s>),
# crashes to build/fuzz/crashes/<s>/. Prints libFuzzer's executions and coverage (cov, ft) at the end.
# $(1) = seconds, $(2) = build dir name (fuzz or fuzz_checked).
define FUZZ_RUN
	@for s in $(STRATEGIES); do \
	  mkdir -p build/fuzz/corpus/$$s build/fuzz/crashes/$$s; \
	  echo "== fuzz $$s ($(2), $(1) s)"; \
	  build/host/$$s/$(2)/fuzz_alloc -max_total_time=$(1) -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$s/ build/fuzz/corpus/$$s test/fuzz/corpus \
	    > build/fuzz/$$s.$(2).log 2>&1; rc=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' build/fuzz/$$s.$(2).log; \
	  grep -E 'stat::(number_of_executed_units|peak_rss_mb)' build/fuzz/$$s.$(2).log | tr '\n' ' '; echo; \
	  if [ $$rc -ne 0 ]; then grep -E 'check failed|ERROR|SUMMARY|lite-alloc' build/fuzz/$$s.$(2).log | head; \
	    echo "fuzz $$s: FAILED (log build/fuzz/$$s.$(2).log; reproduce with FUZZ_TRACE=1 build/host/$$s/$(2)/fuzz_alloc <crash file>)"; exit 1; fi; \
	done
endef

check-fuzz: $(foreach s,$(STRATEGIES),build/host/$(s)/fuzz/fuzz_alloc)
	$(call FUZZ_RUN,$(FUZZ_CHECK_SECONDS),fuzz)

# The long run: each strategy on the testing variant, then on the checked build (canaries and
# the whole-heap check inside every call), FUZZ_SECONDS each.
fuzz: $(foreach s,$(STRATEGIES),build/host/$(s)/fuzz/fuzz_alloc build/host/$(s)/fuzz_checked/fuzz_alloc)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz_checked)

# Rewrites the committed seeds (deterministic).
fuzz-corpus:
	python3 test/fuzz/make_corpus.py
