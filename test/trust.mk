# Trust: differential fuzzing, valgrind, fault injection under a real address-space limit, the
# checked build's death tests, and real programs (lua5.4, sqlite3) run on the library by LD_PRELOAD.
#   make check-trust      the bounded run of all of it (part of `make check`)
#   make fuzz             a longer fuzz of each strategy: FUZZ_SECONDS each (default 60)
#   make fuzz-replay      the fast driver only (no libFuzzer, no sanitizers), 64 and 32 bits, FUZZ_SECONDS each
#   make fuzz-count       operations fuzzed so far per strategy and width (build/fuzz/ledger.tsv)
#   make fuzz-campaign    the fast driver until the ledger holds FUZZ_OPS (10^8) per strategy and width
#   make TARGET=host STRATEGY=<s> SHARED=1    build/host/<s>/liblite_alloc.so, for LD_PRELOAD
FUZZ_CC  ?= clang-19
FUZZ_CXX ?= clang++-19
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 15
FUZZ_UAF_CHECK_SECONDS ?= 8
# the fast driver (test/fuzz/replay_main.c): seconds per strategy and width in make check, and its
# seed in make check (fixed) and in the long runs (the time; printed, so a run can be repeated)
FUZZ_REPLAY_CHECK_SECONDS ?= 4
FUZZ_REPLAY_SEED ?= $$(date +%s)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
# The library as the testing variant (prefixed names, grow budget), instrumented for coverage and
# sanitized; its backend is replaced by the fuzz target's pool (test/fuzz/fuzz_backend.cpp).
FUZZ_LIB_FLAGS := -std=c++17 -O1 -g -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-builtin \
  -Wall -Wextra -DLITE_ALLOC_FRESH_MEMORY_IS_ZERO=1 -DLITE_ALLOC_PREFIXED -DLITE_ALLOC_FAULT_INJECTION -DLITE_ALLOC_STATS=1 \
  -fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_CORE := src/core/state.cpp src/core/heap.cpp src/core/introspect.cpp src/core/checked.cpp src/abi/malloc_api.cpp src/abi/aligned.cpp src/abi/report.cpp
FUZZ_DEPS := test/fuzz/fuzz_alloc.c test/fuzz/fuzz_backend.h test/fuzz/fuzz_backend.cpp \
  $(wildcard src/core/* src/abi/* src/strategy/* include/*.h) test/trust.mk
FUZZ_REPLAY_LIB_FLAGS := $(filter-out -O1 -fsanitize=% -fno-sanitize-recover=%,$(FUZZ_LIB_FLAGS)) -O2

.PHONY: check-trust fuzz fuzz-corpus check-fuzz fuzz-replay fuzz-count fuzz-campaign
check: check-trust

# build/host/<s>/fuzz/fuzz_alloc, build/host/<s>/fuzz_checked/fuzz_alloc on the checked build,
# build/host/<s>/fuzz_uaf/fuzz_alloc on the checked build with writes after free to be named, and
# build/host/<s>/fuzz32/fuzz_alloc: the same target as a 32-bit x86 program (-m32: 4-byte size_t, as
# on every wasm and Cortex-M target), run natively or under qemu-i386 (test/harness/run32.sh).
# $(1) strategy, $(2) library flags, $(3) fuzz_alloc.c flags, $(4) flags of every step (-m32),
# $(5) the library's sources if not $(FUZZ_CORE).
define FUZZ_BUILD
	@mkdir -p $(@D)/obj
	@for src in $(or $(5),$(FUZZ_CORE)) test/fuzz/fuzz_backend.cpp; do \
	  o=$(@D)/obj/$$(basename $$src .cpp).o; \
	  echo "$(FUZZ_CXX) ... -c $$src"; \
	  $(FUZZ_CXX) $(4) $(FUZZ_LIB_FLAGS) $(STRATEGY_FLAGS_$(1)) $(2) -Iinclude -c $$src -o $$o || exit 1; done
	$(FUZZ_CC) $(4) -std=c11 -O1 -g -Wall -Wextra -Iinclude -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(3) \
	  -c test/fuzz/fuzz_alloc.c -o $(@D)/obj/fuzz_alloc.o
	$(FUZZ_CXX) $(4) -fsanitize=fuzzer $(FUZZ_SAN) $(@D)/obj/*.o -o $@
endef
build/host/%/fuzz/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,)
build/host/%/fuzz_checked/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,-DLITE_ALLOC_CHECKED=1,-DFUZZ_CHECKED=1)
build/host/%/fuzz32/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,,,-m32)
# fuzz_merge2: LITE_ALLOC_MERGE=2, the merge before growth as well (freelist: its quick lists instead,
# LITE_ALLOC_QUICK=1, as wasi and Emscripten build it; config.hpp gives each the option it has).
build/host/%/fuzz_merge2/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,-DLITE_ALLOC_MERGE=2 -DLITE_ALLOC_QUICK=1)
# fuzz_uaf: the checked build, with writes after free that it must name (fuzz_alloc.c's FUZZ_UAF);
# its report goes to the fuzz target (fuzz_backend.cpp), not to src/abi/report.cpp.
build/host/%/fuzz_uaf/fuzz_alloc: $(FUZZ_DEPS)
	$(call FUZZ_BUILD,$*,-DLITE_ALLOC_CHECKED=1 -DFUZZ_UAF=1,-DFUZZ_CHECKED=1 -DFUZZ_UAF=1,,$(filter-out src/abi/report.cpp,$(FUZZ_CORE)))

# One fuzz run per strategy: the committed seeds plus what earlier runs found (build/fuzz/corpus/<s>),
# crashes to build/fuzz/crashes/<s>/. Prints libFuzzer's executions and coverage (cov, ft) at the end.
# $(1) = seconds, $(2) = build dir name (fuzz, fuzz_checked, fuzz32 or fuzz_merge2), $(3) = how to run it.
define FUZZ_RUN
	@for s in $(STRATEGIES); do \
	  mkdir -p build/fuzz/corpus/$$s build/fuzz/crashes/$$s; \
	  echo "== fuzz $$s ($(2), $(1) s)"; \
	  $(3) build/host/$$s/$(2)/fuzz_alloc -max_total_time=$(1) -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$s/ build/fuzz/corpus/$$s test/fuzz/corpus \
	    > build/fuzz/$$s.$(2).log 2>&1; rc=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' build/fuzz/$$s.$(2).log; \
	  grep -E 'stat::(number_of_executed_units|peak_rss_mb)|^fuzz_alloc: [0-9]+ (operations|writes after free)' build/fuzz/$$s.$(2).log | tr '\n' ' '; echo; \
	  test/fuzz/ledger.sh add $$s $(2) $(1) build/fuzz/$$s.$(2).log; \
	  if [ $$rc -ne 0 ]; then grep -E 'check failed|ERROR|SUMMARY|lite-alloc' build/fuzz/$$s.$(2).log | head; \
	    echo "fuzz $$s: FAILED (log build/fuzz/$$s.$(2).log; reproduce with FUZZ_TRACE=1 build/host/$$s/$(2)/fuzz_alloc <crash file>)"; exit 1; fi; \
	done
endef

check-fuzz: $(foreach s,$(STRATEGIES),build/host/$(s)/fuzz/fuzz_alloc build/host/$(s)/fuzz32/fuzz_alloc \
              build/host/$(s)/fuzz_checked/fuzz_alloc build/host/$(s)/fuzz_uaf/fuzz_alloc build/host/$(s)/fuzz_replay/fuzz_alloc \
              build/host/$(s)/fuzz_replay32/fuzz_alloc build/host/$(s)/fuzz_merge2/fuzz_alloc)
	$(call FUZZ_RUN,$(FUZZ_CHECK_SECONDS),fuzz)
	$(call FUZZ_RUN,$(FUZZ_CHECK_SECONDS),fuzz_merge2)
	$(call FUZZ_RUN,$(FUZZ_CHECK_SECONDS),fuzz32,test/harness/run32.sh)
	$(call FUZZ_RUN,$(FUZZ_CHECK_SECONDS),fuzz_checked)
	$(call FUZZ_RUN,$(FUZZ_UAF_CHECK_SECONDS),fuzz_uaf)
	$(call REPLAY_RUN,$(FUZZ_REPLAY_CHECK_SECONDS),fuzz_replay,,1)
	$(call REPLAY_RUN,$(FUZZ_REPLAY_CHECK_SECONDS),fuzz_replay32,test/harness/run32.sh,1)

# The long run: each strategy on the testing variant, then on the checked build (canaries and
# the whole-heap check inside every call), FUZZ_SECONDS each.
fuzz: $(foreach s,$(STRATEGIES),build/host/$(s)/fuzz/fuzz_alloc build/host/$(s)/fuzz_checked/fuzz_alloc \
        build/host/$(s)/fuzz_uaf/fuzz_alloc build/host/$(s)/fuzz32/fuzz_alloc build/host/$(s)/fuzz_merge2/fuzz_alloc)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz_merge2)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz_checked)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz_uaf)
	$(call FUZZ_RUN,$(FUZZ_SECONDS),fuzz32,test/harness/run32.sh)
	@$(MAKE) --no-print-directory fuzz-replay

# The same target driven by test/fuzz/replay_main.c instead of libFuzzer: random inputs and
# mutations of the corpora, built -O2 without sanitizers or coverage, so several times the
# operations a second (the shadow model and lite_alloc_check after every call stay): the volume
# for the 10^8 operations per strategy and width. A failing input goes to build/fuzz/crashes/<s>/.
# $(1) strategy, $(2) flags of every step (-m32).
define REPLAY_BUILD
	@mkdir -p $(@D)/obj
	@for src in $(FUZZ_CORE) test/fuzz/fuzz_backend.cpp; do \
	  o=$(@D)/obj/$$(basename $$src .cpp).o; \
	  echo "$(FUZZ_CXX) ... -c $$src"; \
	  $(FUZZ_CXX) $(2) $(FUZZ_REPLAY_LIB_FLAGS) $(STRATEGY_FLAGS_$(1)) -Iinclude -c $$src -o $$o || exit 1; done
	$(FUZZ_CC) $(2) -std=c11 -O2 -g -Wall -Wextra -Iinclude -c test/fuzz/fuzz_alloc.c -o $(@D)/obj/fuzz_alloc.o
	$(FUZZ_CC) $(2) -std=c11 -O2 -g -Wall -Wextra -D_GNU_SOURCE -c test/fuzz/replay_main.c -o $(@D)/obj/replay_main.o
	$(FUZZ_CXX) $(2) $(@D)/obj/*.o -o $@
endef
build/host/%/fuzz_replay/fuzz_alloc: $(FUZZ_DEPS) test/fuzz/replay_main.c
	$(call REPLAY_BUILD,$*,)
build/host/%/fuzz_replay32/fuzz_alloc: $(FUZZ_DEPS) test/fuzz/replay_main.c
	$(call REPLAY_BUILD,$*,-m32)

# $(1) seconds, $(2) build dir (fuzz_replay or fuzz_replay32), $(3) how to run it, $(4) seed.
define REPLAY_RUN
	@for s in $(STRATEGIES); do \
	  mkdir -p build/fuzz/corpus/$$s build/fuzz/crashes/$$s; \
	  $(3) build/host/$$s/$(2)/fuzz_alloc -seconds=$(1) -seed=$(4) -artifact_prefix=build/fuzz/crashes/$$s/ \
	    test/fuzz/corpus build/fuzz/corpus/$$s > build/fuzz/$$s.$(2).log 2>&1; rc=$$?; \
	  echo "== fuzz $$s ($(2), $(1) s): $$(grep -E '^(fuzz_alloc|replay):' build/fuzz/$$s.$(2).log | tr '\n' ' ')"; \
	  test/fuzz/ledger.sh add $$s $(2) $(1) build/fuzz/$$s.$(2).log; \
	  if [ $$rc -ne 0 ]; then grep -E 'check failed|lite-alloc|replay:' build/fuzz/$$s.$(2).log | head; \
	    echo "fuzz $$s: FAILED (log build/fuzz/$$s.$(2).log; reproduce with FUZZ_TRACE=1 build/host/$$s/fuzz/fuzz_alloc <crash file>)"; exit 1; fi; \
	done
endef
fuzz-replay: $(foreach s,$(STRATEGIES),build/host/$(s)/fuzz_replay/fuzz_alloc build/host/$(s)/fuzz_replay32/fuzz_alloc)
	$(call REPLAY_RUN,$(FUZZ_SECONDS),fuzz_replay,,$(FUZZ_REPLAY_SEED))
	$(call REPLAY_RUN,$(FUZZ_SECONDS),fuzz_replay32,test/harness/run32.sh,$(FUZZ_REPLAY_SEED))
	@test/fuzz/ledger.sh sum

fuzz-count:
	@test/fuzz/ledger.sh sum

# Issue 12's volume: 10^8 operations per strategy on 64 and on 32 bits, with zero divergence from
# the shadow model, summed over runs of at most FUZZ_CAMPAIGN_CHUNK seconds (the two widths side by
# side; about an hour of two cores from an empty ledger; it resumes from the ledger when stopped).
FUZZ_OPS ?= 100000000
FUZZ_CAMPAIGN_CHUNK ?= 300
fuzz-campaign: $(foreach s,$(STRATEGIES),build/host/$(s)/fuzz_replay/fuzz_alloc build/host/$(s)/fuzz_replay32/fuzz_alloc)
	@test/fuzz/campaign.sh $(FUZZ_OPS) $(FUZZ_CAMPAIGN_CHUNK) $(STRATEGIES)

# Rewrites the committed seeds (deterministic).
fuzz-corpus:
	python3 test/fuzz/make_corpus.py

# ---- the LD_PRELOAD build: build/host/<s>/liblite_alloc.so ----
# The release library compiled -fPIC (as VARIANT=pic, build/host/<s>/pic/), linked with the shim
# test/trust/preload_extras.c by the C driver: no C++ runtime (checked by check-preload).
ifeq ($(SHARED),1)
.DEFAULT_GOAL := shared
.PHONY: shared
shared: build/$(TARGET)/$(STRATEGY)/liblite_alloc.so
endif
build/host/%/liblite_alloc.so: test/trust/preload_extras.c test/trust/preload.map FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=pic EXTRA_CXXFLAGS=-fPIC
	$(HOST_CC) -std=c11 -O2 -fPIC -Wall -Wextra -Iinclude -c test/trust/preload_extras.c -o build/host/$*/pic/preload_extras.o
	$(HOST_CC) -shared -Wl,-z,defs -Wl,--version-script=test/trust/preload.map -o $@ build/host/$*/pic/preload_extras.o \
	  -Wl,--whole-archive build/host/$*/pic/liblite_alloc.a -Wl,--no-whole-archive

# The checked build, preloaded the same way (checked.so): real programs must run under it too.
build/host/%/liblite_alloc_checked.so: test/trust/preload_extras.c test/trust/preload.map FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=pic_checked EXTRA_CXXFLAGS="-fPIC -DLITE_ALLOC_CHECKED=1"
	$(HOST_CC) -std=c11 -O2 -fPIC -Wall -Wextra -Iinclude -c test/trust/preload_extras.c -o build/host/$*/pic_checked/preload_extras.o
	$(HOST_CC) -shared -Wl,-z,defs -Wl,--version-script=test/trust/preload.map -o $@ build/host/$*/pic_checked/preload_extras.o \
	  -Wl,--whole-archive build/host/$*/pic_checked/liblite_alloc.a -Wl,--no-whole-archive

# ---- the other trust programs ----
build/host/%/trust/exhaust: test/trust/exhaust.c FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing
	@mkdir -p $(@D)
	$(HOST_CC) -std=c11 -O1 -g -Wall -Wextra -Iinclude $< build/host/$*/testing/liblite_alloc.a -o $@
build/host/%/trust/death: test/trust/death.c FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=checked
	@mkdir -p $(@D)
	$(HOST_CC) -std=c11 -O1 -g -Wall -Wextra -Wno-use-after-free -Iinclude $< build/host/$*/checked/liblite_alloc.a -o $@
# the same, with the whole-heap check before every call (LITE_ALLOC_CHECK_INTERVAL=1)
build/host/%/trust/death_every_call: test/trust/death.c FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=checked_every_call
	@mkdir -p $(@D)
	$(HOST_CC) -std=c11 -O1 -g -Wall -Wextra -Wno-use-after-free -Iinclude $< build/host/$*/checked_every_call/liblite_alloc.a -o $@

build/host/%/trust/uaf_death: test/trust/uaf_death.c FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=checked
	@mkdir -p $(@D)
	$(HOST_CC) -std=c11 -O1 -g -Wall -Wextra -Iinclude $< build/host/$*/checked/liblite_alloc.a -o $@

# Address-space limit for the exhaustion run, in KiB (ulimit -v).
TRUST_VMEM_KB ?= 393216
# The Lua workload at this fraction in check-trust (freelist takes minutes at full size: see README of the report).
TRUST_LUA_SCALE ?= 0.2
.PHONY: check-exhaust check-death check-preload check-valgrind
check-exhaust: $(foreach s,$(STRATEGIES),build/host/$(s)/trust/exhaust)
	@for s in $(STRATEGIES); do (ulimit -v $(TRUST_VMEM_KB) && build/host/$$s/trust/exhaust) || exit 1; done

check-death: $(foreach s,$(STRATEGIES),build/host/$(s)/trust/death build/host/$(s)/trust/death_every_call \
               build/host/$(s)/trust/uaf_death)
	@for s in $(STRATEGIES); do test/trust/death.sh build/host/$$s/trust/death $$s build/host/$$s/trust/death_every_call || exit 1; done
	@for s in $(STRATEGIES); do \
	  $(call uaf_death,host $$s,message,build/host/$$s/trust/uaf_death,build/host/$$s/trust/uaf_death.out); done

check-preload: $(foreach s,$(STRATEGIES),build/host/$(s)/liblite_alloc.so build/host/$(s)/liblite_alloc_checked.so)
	@for s in $(STRATEGIES); do \
	  if readelf -d build/host/$$s/liblite_alloc.so | grep -q 'NEEDED.*libstdc++'; then \
	    echo "build/host/$$s/liblite_alloc.so needs the C++ runtime"; exit 1; fi; done
	@LUA_SCALE=$(TRUST_LUA_SCALE) test/trust/preload.sh $(STRATEGIES) $(addsuffix -checked,$(STRATEGIES))

check-trust: check-fuzz check-valgrind check-exhaust check-death check-preload

# ---- valgrind ----
# 1. The cmocka suite (test/host.mk's testing variant) under memcheck: must be clean.
# 2. The library built with LITE_ALLOC_VALGRIND=1 (src/core/valgrind_hooks.hpp: memcheck learns
#    about every block): the suite again, clean but for the one test that corrupts the heap on
#    purpose (test/trust/suite_deliberate.supp); and test/trust/valgrind_user_bugs.c, whose
#    use-after-free and leak memcheck must report.
# Any library with the hooks: make lib TARGET=host STRATEGY=<s> VARIANT=valgrind EXTRA_CXXFLAGS=-DLITE_ALLOC_VALGRIND=1
VALGRIND_BIN ?= valgrind
MEMCHECK := $(VALGRIND_BIN) -q --tool=memcheck --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
# valgrind 3.19 cannot read the symbols of the suite's default layout (a 64 KiB-aligned .bss segment)
VALGRIND_LDFLAGS := -Wl,-z,max-page-size=65536
build/host/%/testing_valgrind/suite: $(SUITE_SOURCES) test/suite/suite.h FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=testing_valgrind \
	  EXTRA_CXXFLAGS="-DLITE_ALLOC_PREFIXED -DLITE_ALLOC_FAULT_INJECTION -DLITE_ALLOC_STATS=1 -DLITE_ALLOC_VALGRIND=1 -g"
	$(HOST_CC) $(SUITE_CFLAGS) $(VALGRIND_LDFLAGS) $(SUITE_SOURCES) build/host/$*/testing_valgrind/liblite_alloc.a -lcmocka -o $@
build/host/%/valgrind/valgrind_user_bugs: test/trust/valgrind_user_bugs.c FORCE
	@$(MAKE) -s --no-print-directory lib TARGET=host STRATEGY=$* VARIANT=valgrind EXTRA_CXXFLAGS="-DLITE_ALLOC_VALGRIND=1 -g"
	$(HOST_CC) -std=c11 -O1 -g -Wall -Wextra -Wno-use-after-free -Iinclude $(VALGRIND_LDFLAGS) $< \
	  build/host/$*/valgrind/liblite_alloc.a -o $@

check-valgrind: $(foreach s,$(STRATEGIES),build/host/$(s)/testing/suite build/host/$(s)/testing_valgrind/suite \
                  build/host/$(s)/valgrind/valgrind_user_bugs)
	@for s in $(STRATEGIES); do \
	  echo "== valgrind memcheck: host $$s suite"; \
	  $(MEMCHECK) build/host/$$s/testing/suite >build/host/$$s/testing/valgrind.log 2>&1 || \
	    { echo "valgrind: $$s suite not clean: build/host/$$s/testing/valgrind.log"; exit 1; }; \
	  grep -E '^==[0-9]+==' build/host/$$s/testing/valgrind.log | head -5; \
	  echo "== valgrind memcheck: host $$s suite, library with the valgrind hooks"; \
	  $(MEMCHECK) --suppressions=test/trust/suite_deliberate.supp build/host/$$s/testing_valgrind/suite \
	    >build/host/$$s/testing_valgrind/valgrind.log 2>&1 || \
	    { echo "valgrind: $$s hooked suite not clean: build/host/$$s/testing_valgrind/valgrind.log"; exit 1; }; \
	  echo "== valgrind memcheck: a program's own use-after-free and leak, $$s with the hooks"; \
	  log=build/host/$$s/valgrind/valgrind_user_bugs.log; \
	  $(VALGRIND_BIN) --soname-synonyms=somalloc=nouserintercepts --leak-check=full --error-exitcode=3 \
	    build/host/$$s/valgrind/valgrind_user_bugs >$$log 2>&1; rc=$$?; \
	  grep -A2 'Invalid read of size 1' $$log | grep -q 'use_after_free (valgrind_user_bugs.c' && \
	  grep -A4 'definitely lost in loss record' $$log | grep -q 'leak (valgrind_user_bugs.c' && \
	  grep -q "ran on $$s" $$log && [ $$rc -eq 3 ] || \
	    { echo "valgrind: the use-after-free or the leak went unreported ($$log, status $$rc)"; exit 1; }; \
	  grep -E 'Invalid read|definitely lost:|ERROR SUMMARY' $$log; \
	done
