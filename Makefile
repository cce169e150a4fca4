# lite-alloc. One library per invocation:
#   make TARGET=<target> STRATEGY=<strategy> [CHECKED=1]
#     -> build/<target>/<strategy>[/checked]/liblite_alloc.a
# and the whole project:
#   make          every strategy for every target whose toolchain is installed, then the size table
#   make check    every test of every target
#   make toolchains   installs the Debian packages all of this needs (toolchains/install.sh)
TARGETS    := host wasm32 wasi emscripten cortex-m0 cortex-m4 cortex-m33
STRATEGIES := bump_freelist segregated_bump freelist
TARGET   ?= host
STRATEGY ?= bump_freelist
CHECKED  ?= 0
RECORD   ?= 0
# release (shipped), checked (CHECKED=1), testing (prefixed lite_malloc... + fault injection),
# sanitized (testing under ASan + UBSan, host only), testing_checked (testing + checked).
VARIANT  ?= $(if $(filter 1,$(RECORD)),record,$(if $(filter 1,$(CHECKED)),checked,release))

ifeq ($(wildcard toolchains/$(TARGET).mk),)
$(error unknown TARGET=$(TARGET): one of $(TARGETS))
endif
include toolchains/$(TARGET).mk

# A backend chosen on the command line (BACKEND=region_only) builds into a directory of its own.
OUT := build/$(TARGET)/$(STRATEGY)$(if $(filter release,$(VARIANT)),,/$(VARIANT))$(if $(filter command line,$(origin BACKEND)),/$(BACKEND))
LIB := $(OUT)/liblite_alloc.a

VARIANT_FLAGS_release   :=
VARIANT_FLAGS_checked   := -DLITE_ALLOC_CHECKED=1
VARIANT_FLAGS_testing   := -DLITE_ALLOC_PREFIXED -DLITE_ALLOC_FAULT_INJECTION -DLITE_ALLOC_STATS=1
VARIANT_FLAGS_sanitized := $(VARIANT_FLAGS_testing) -fsanitize=address,undefined -fno-sanitize-recover=all -g
VARIANT_FLAGS_testing_checked := $(VARIANT_FLAGS_testing) $(VARIANT_FLAGS_checked)
VARIANT_ABI_release  := $(TARGET_ABI)
VARIANT_ABI_checked  := $(TARGET_ABI)
# record (RECORD=1): malloc & co. write one line per call to stdout (src/abi/record.cpp, tools/advise).
VARIANT_FLAGS_record := -DLITE_ALLOC_PREFIXED
# (record.cpp compiles newlib_reent.cpp itself, so that newlib's _malloc_r family calls the recorder)
VARIANT_ABI_record   := src/abi/record.cpp $(filter-out src/abi/newlib_reent.cpp,$(TARGET_ABI))

# Every file is told the strategy (src/core/config.hpp derives what depends on it).
$(foreach s,$(STRATEGIES),$(eval STRATEGY_FLAGS_$(s) := -DLITE_ALLOC_STRATEGY_$(s)))

OPT ?= -Os
CXXFLAGS_ALL := -std=c++17 $(OPT) -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-builtin \
  -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections -Wall -Wextra \
  $(TARGET_FLAGS) $(TARGET_DEFINES) $(VARIANT_FLAGS_$(VARIANT)) $(STRATEGY_FLAGS_$(STRATEGY)) $(EXTRA_CXXFLAGS)

CORE_SOURCES := src/core/arena.cpp src/core/introspect.cpp src/abi/malloc_api.cpp src/abi/aligned.cpp \
  src/abi/report.cpp $(if $(findstring checked,$(VARIANT)),src/core/checked.cpp)
SOURCES := $(CORE_SOURCES) src/strategy/$(STRATEGY).cpp src/backend/$(BACKEND).cpp $(VARIANT_ABI_$(VARIANT))
OBJECTS := $(patsubst src/%.cpp,$(OUT)/obj/%.o,$(SOURCES))

.PHONY: all lib check available clean toolchains size size-table bench install
# `make TARGET=... STRATEGY=...` builds that one library; a bare `make` builds them all.
.DEFAULT_GOAL := $(if $(filter command line,$(origin TARGET) $(origin STRATEGY)),lib,all)

lib: $(LIB)

$(LIB): $(OBJECTS)
	@rm -f $@
	$(AR) rcs $@ $^

$(OUT)/obj/%.o: src/%.cpp $(wildcard src/*/*.hpp include/*.h) Makefile toolchains/$(TARGET).mk
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Iinclude -c $< -o $@

# Prints "yes" when this TARGET's toolchain is installed.
available:
	@echo $(or $(AVAILABLE),no)

# Every library of every target whose toolchain is present, then the size table.
all:
	@for t in $(TARGETS); do \
	  if [ "$$($(MAKE) -s --no-print-directory TARGET=$$t available 2>/dev/null)" = yes ]; then \
	    for s in $(STRATEGIES); do $(MAKE) -s --no-print-directory lib TARGET=$$t STRATEGY=$$s || exit 1; done; \
	  else echo "skipping $$t: its toolchain is not installed (make toolchains)"; fi; \
	done
	@$(MAKE) -s --no-print-directory size-table

toolchains:
	bash toolchains/install.sh

# make install PREFIX=/opt/lite-alloc TARGET=<t> STRATEGY=<s>: the library, the header and a
# pkg-config file (`pkg-config --libs lite_alloc`), for one target and strategy per prefix.
PREFIX ?= /usr/local
install: $(LIB)
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/liblite_alloc.a
	install -m 644 include/lite_alloc.h $(DESTDIR)$(PREFIX)/include/lite_alloc.h
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' 'includedir=$${prefix}/include' '' \
	  'Name: lite_alloc' 'Description: lite-alloc malloc replacement ($(TARGET), $(STRATEGY))' \
	  'Version: 0.1.0' 'Libs: -L$${libdir} -llite_alloc' 'Cflags: -I$${includedir}' \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/lite_alloc.pc

clean:
	rm -rf build

# Test, size and benchmark rules, one fragment per area; each adds its goals to `check`.
include test/host.mk
-include test/wasm.mk test/cortex_m.mk test/trust.mk test/size.mk test/bench.mk test/advise.mk
