# 32-bit proof: the suite (its random stream against a shadow model included) as a 32-bit x86 program
# for every strategy (TARGET=host32, gcc -m32), run natively or under qemu-i386, and the checked
# build's use-after-free death test (test/trust/uaf_death.c); the differential
# fuzzer's 32-bit build runs in check-fuzz and make fuzz (test/trust.mk).
.PHONY: check-host32
check: check-host32

check-host32:
	@if [ "$$($(MAKE) -s --no-print-directory TARGET=host32 available 2>/dev/null)" != yes ]; then \
	  echo "check-host32: gcc -m32 cannot link (gcc-multilib): run 'make toolchains'" >&2; exit 1; fi
	@for s in $(STRATEGIES); do \
	  $(MAKE) -s --no-print-directory lib TARGET=host32 STRATEGY=$$s VARIANT=testing || exit 1; \
	  gcc -m32 -std=c11 -O1 -g -Wall -Wextra -DLITE_SUITE_MINI -Iinclude $(SUITE_SOURCES) \
	    build/host32/$$s/testing/liblite_alloc.a -o build/host32/$$s/testing/suite || exit 1; \
	  out=$$(test/harness/run32.sh build/host32/$$s/testing/suite 2>&1); rc=$$?; \
	  line=$$(printf '%s\n' "$$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -1); \
	  if [ $$rc -ne 0 ] || ! printf '%s' "$$line" | grep -q ' 0 failed'; then printf '%s\n' "$$out" | tail -5; \
	    echo "host32 $$s: suite failed (exit $$rc)"; exit 1; fi; \
	  echo "== host32 $$s (32-bit x86): $$line"; done
	@for s in $(STRATEGIES); do \
	  $(MAKE) -s --no-print-directory lib TARGET=host32 STRATEGY=$$s VARIANT=checked || exit 1; \
	  gcc -m32 -std=c11 -O1 -g -Wall -Wextra -Iinclude test/trust/uaf_death.c build/host32/$$s/checked/liblite_alloc.a \
	    -o build/host32/$$s/checked/uaf_death || exit 1; \
	  $(call uaf_death,host32 $$s,message,test/harness/run32.sh build/host32/$$s/checked/uaf_death,build/host32/$$s/checked/uaf_death.out); done
