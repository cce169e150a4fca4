# lite-alloc. One library per invocation:
#   make TARGET=<target> STRATEGY=<strategy> [CHECKED=1] [BACKEND=<backend>] [OPT=...] [EXTRA_CXXFLAGS=...]
#     -> build/<target>/<strategy>[/checked][/<backend>][/<hash of flag overrides>]/liblite_alloc.a
#        (make -s print-out ... prints the directory; V=1 shows every command)
# and the whole project:
#   make          every strategy for every target whose toolchain is installed, then the size table
#   make check    every test of every target
#   make install  one library with its header, pkg-config file and CMake package (PREFIX=...)
#   make toolchains   installs the Debian packages all of this needs (toolchains/install.sh)
TARGETS    := host wasm32 wasi emscripten cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33 cortex-m55 riscv32
STRATEGIES := bump_freelist segregated_bump freelist
TARGET   ?= host
STRATEGY ?= bump_freelist
CHECKED  ?= 0
RECORD   ?= 0
# release (shipped), checked (CHECKED=1), testing (prefixed lite_malloc... + fault injection),
# sanitized (testing under ASan + UBSan, host only), testing_checked (testing + checked),
# checked_every_call (checked, the whole-heap check before every call).
VARIANT  ?= $(if $(filter 1,$(RECORD)),record,$(if $(filter 1,$(CHECKED)),checked,release))

# Bad options stop the build at once, in one line naming what is accepted:
# $(call lite_choice,NAME,value,accepted values).
lite_choice = $(if $(and $(filter 1,$(words $(2))),$(if $(findstring %,$(2)),,$(filter $(2),$(3)))),,\
  $(error $(1)=$(2) is not accepted: one of $(3)))
# Every target with a toolchain file (others may add theirs), every strategy and backend with a source.
KNOWN_TARGETS    := $(sort $(TARGETS) $(filter-out %-common,$(basename $(notdir $(wildcard toolchains/*.mk)))))
KNOWN_STRATEGIES := $(sort $(STRATEGIES) $(basename $(notdir $(wildcard src/strategy/*.hpp))))
KNOWN_BACKENDS   := $(basename $(notdir $(wildcard src/backend/*.cpp)))
$(call lite_choice,TARGET,$(TARGET),$(KNOWN_TARGETS))
$(call lite_choice,STRATEGY,$(STRATEGY),$(KNOWN_STRATEGIES))
$(call lite_choice,CHECKED,$(CHECKED),0 1)
# Variants name directories: any one word without '/' (pic, valgrind, ... are the tests').
$(if $(and $(filter 1,$(words $(VARIANT))),$(if $(findstring /,$(VARIANT)),,x)),,\
  $(error VARIANT=$(VARIANT) is not accepted: one word without '/', e.g. release checked testing sanitized testing_checked))

include toolchains/$(TARGET).mk
$(call lite_choice,BACKEND,$(BACKEND),$(KNOWN_BACKENDS))

# Output directory: one per configuration,
#   build/<target>/<strategy>[/<float_abi>][/<libc>][/<variant>][/<backend>][/<flags hash>]
# FLOAT_ABI, LIBC and BACKEND appear when chosen on the command line (their defaults build into the
# plain directory); OPT, EXTRA_CXXFLAGS, TARGET_FLAGS, TARGET_DEFINES or LIBC_LOCKS given on the
# command line or in the environment add a short hash of their values, unless the caller named a VARIANT itself (the tests'
# pic, valgrind, ... directories). Every object also depends on a stamp of its full compile line
# ($(OUT)/obj/flags, rewritten only when that line changes), so no flag change is ever stale.
lite_chosen = $(filter command line environment,$(origin $(1)))
lite_q = '$(subst ','\'',$(1))'
USER_FLAGS := $(strip $(foreach v,OPT EXTRA_CXXFLAGS TARGET_FLAGS TARGET_DEFINES LIBC_LOCKS,$(if $(call lite_chosen,$(v)),$(v)=$($(v)))))
FLAGS_HASH := $(if $(and $(USER_FLAGS),$(if $(call lite_chosen,VARIANT),,x)),$(shell printf '%s' $(call lite_q,$(USER_FLAGS)) | md5sum | cut -c1-8))
OUT := build/$(TARGET)/$(STRATEGY)$(if $(call lite_chosen,FLOAT_ABI),/$(FLOAT_ABI))$(if $(call lite_chosen,LIBC),/$(LIBC))$(if \
  $(filter release,$(VARIANT)),,/$(VARIANT))$(if $(call lite_chosen,BACKEND),/$(BACKEND))$(if $(FLAGS_HASH),/$(FLAGS_HASH))
LIB := $(OUT)/liblite_alloc.a

VARIANT_FLAGS_release   :=
VARIANT_FLAGS_checked   := -DLITE_ALLOC_CHECKED=1
VARIANT_FLAGS_testing   := -DLITE_ALLOC_PREFIXED -DLITE_ALLOC_FAULT_INJECTION -DLITE_ALLOC_STATS=1
VARIANT_FLAGS_sanitized := $(VARIANT_FLAGS_testing) -fsanitize=address,undefined -fno-sanitize-recover=all -g
VARIANT_FLAGS_testing_checked := $(VARIANT_FLAGS_testing) $(VARIANT_FLAGS_checked)
VARIANT_FLAGS_checked_every_call := $(VARIANT_FLAGS_checked) -DLITE_ALLOC_CHECK_INTERVAL=1
VARIANT_FLAGS_testing_nomerge := $(VARIANT_FLAGS_testing) -DLITE_ALLOC_MERGE=0
VARIANT_FLAGS_merge2 := -DLITE_ALLOC_MERGE=2
VARIANT_FLAGS_testing_merge2 := $(VARIANT_FLAGS_testing) -DLITE_ALLOC_MERGE=2
VARIANT_FLAGS_testing_quick := $(VARIANT_FLAGS_testing) -DLITE_ALLOC_QUICK=1
# The shipped variants carry the libc's ABI files: the target's own, and mallinfo() & co. where the
# libc declares them (a separate object: linked only into programs that call them).
MALLINFO_ABI_host       := src/abi/mallinfo.cpp
MALLINFO_ABI_emscripten := src/abi/mallinfo.cpp
VARIANT_ABI_release  := $(TARGET_ABI) $(MALLINFO_ABI_$(TARGET))
VARIANT_ABI_checked  := $(VARIANT_ABI_release)
VARIANT_ABI_merge2   := $(VARIANT_ABI_release)
# record (RECORD=1): malloc & co. write one line per call to stdout (src/abi/record.cpp, test/advise).
VARIANT_FLAGS_record := -DLITE_ALLOC_PREFIXED
# (record.cpp compiles newlib_reent.cpp itself, so that newlib's _malloc_r family calls the recorder)
VARIANT_ABI_record   := src/abi/record.cpp $(filter-out src/abi/newlib_reent.cpp,$(TARGET_ABI))

# newlib and picolibc: their ABI files (src/abi/newlib_reent.cpp, picolibc.cpp) define every entry
# point, each taking the libc's lock around the heap's steps; src/abi/malloc_api.cpp (the entry
# points of libcs without a heap lock) is then not compiled.
LIBC_LOCKS := $(if $(filter src/abi/newlib_reent.cpp src/abi/picolibc.cpp,$(VARIANT_ABI_$(VARIANT))),-DLITE_ALLOC_LIBC_LOCKS=1)

# Every file is told the strategy (src/core/config.hpp derives what depends on it).
$(foreach s,$(STRATEGIES),$(eval STRATEGY_FLAGS_$(s) := -DLITE_ALLOC_STRATEGY_$(s)))

OPT ?= -Os
CXXFLAGS_ALL := -std=c++17 $(OPT) -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-builtin \
  -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections -Wall -Wextra \
  $(TARGET_FLAGS) $(TARGET_DEFINES) $(VARIANT_FLAGS_$(VARIANT)) $(STRATEGY_FLAGS_$(STRATEGY)) $(LIBC_LOCKS) \
  -DLITE_ALLOC_BACKEND_SOURCE='"../backend/$(BACKEND).cpp"' \
  $(EXTRA_CXXFLAGS)

# What a program must pass to the linker so that lite-alloc is its heap even when it never names
# malloc (only new, strdup or stdio): in pkg-config's Libs and the CMake target's link options.
# A toolchain file may set its own (e.g. picolibc: malloc).
LINK_UNDEFINED ?= $(if $(filter src/abi/newlib_reent.cpp,$(TARGET_ABI)),_malloc_r,$(if $(filter host,$(TARGET)),malloc))
comma := ,
# Emscripten: its own malloc left out (with it, the link fails on duplicate symbols).
LINK_EXTRA_emscripten := -sMALLOC=none
LINK_FLAGS := $(strip $(foreach u,$(LINK_UNDEFINED),-Wl$(comma)-u$(comma)$(u)) $(LINK_EXTRA_$(TARGET)))

# The strategy is a header (src/strategy/<strategy>.hpp), inlined into these.
CORE_SOURCES := src/core/state.cpp src/core/heap.cpp src/core/introspect.cpp $(if $(LIBC_LOCKS),,src/abi/malloc_api.cpp) src/abi/aligned.cpp \
  src/abi/report.cpp $(if $(findstring checked,$(VARIANT)),src/core/checked.cpp)
SOURCES := $(CORE_SOURCES) $(VARIANT_ABI_$(VARIANT))
OBJECTS := $(patsubst src/%.cpp,$(OUT)/obj/%.o,$(SOURCES))

.PHONY: all lib check available print-out clean toolchains size size-table bench install help goals
# `make TARGET=... STRATEGY=...` builds that one library; a bare `make` builds them all.
.DEFAULT_GOAL := $(if $(filter command line,$(origin TARGET) $(origin STRATEGY)),lib,all)

# V=1 shows every command; otherwise one line per library built.
Q := $(if $(filter 1,$(V)),,@)

lib: $(LIB)

# The whole compile line and the source list; rewritten only when they change.
FLAGS_STAMP := $(OUT)/obj/flags
FLAGS_LINE := $(strip $(CXX) $(CXXFLAGS_ALL) -Iinclude | $(SOURCES))
ifneq ($(strip $(file <$(FLAGS_STAMP))),$(FLAGS_LINE))
$(FLAGS_STAMP): FORCE
endif
$(FLAGS_STAMP):
	@mkdir -p $(@D)
	@printf '%s\n' $(call lite_q,$(FLAGS_LINE)) > $@

$(LIB): $(OBJECTS) $(FLAGS_STAMP)
	@rm -f $@
	$(Q)$(AR) rcs $@ $(OBJECTS)

# The first object a make rebuilds announces its library.
lite_announce = $(if $(LITE_ANNOUNCED),,$(eval LITE_ANNOUNCED := 1)echo "== building $(TARGET) $(STRATEGY) ($(OUT))";)
$(OUT)/obj/%.o: src/%.cpp $(wildcard src/*/*.hpp src/backend/*.cpp include/*.h) $(FLAGS_STAMP)
	@$(lite_announce) mkdir -p $(@D)
	$(Q)$(CXX) $(CXXFLAGS_ALL) -Iinclude -c $< -o $@

# Prints the output directory of this configuration (for scripts: make -s print-out TARGET=... ...).
print-out:
	@echo $(OUT)

# Prints "yes" when this TARGET's toolchain is installed.
available:
	@echo $(or $(AVAILABLE),no)

# Every library of every target whose toolchain is present, then the size table.
all:
	@for t in $(TARGETS); do \
	  if [ "$$($(MAKE) -s --no-print-directory TARGET=$$t available 2>/dev/null)" = yes ]; then \
	    for s in $(STRATEGIES); do $(MAKE) -s --no-print-directory lib TARGET=$$t STRATEGY=$$s || exit 1; done; \
	  else echo "== skipping $$t: its toolchain is not installed (make toolchains)"; fi; \
	done
	@echo "== size table"
	@$(MAKE) -s --no-print-directory size-table
	@echo "Libraries: build/<target>/<strategy>/liblite_alloc.a. make help lists the targets, strategies, options and commands."

toolchains:
	bash toolchains/install.sh

# make help: what a user can run, the values each option takes and its default.
help:
	@echo 'lite-alloc: make [TARGET=<target>] [STRATEGY=<strategy>] [options] [command]'
	@echo
	@echo 'Commands (what each prints):'
	@echo '  make                 every strategy for every installed target, one line per library built'
	@echo '                       ("== building <target> <strategy> (<dir>)"), then the size table'
	@echo '  make TARGET=<t> STRATEGY=<s>   (or make lib ...) that one library, build/<t>/<s>/liblite_alloc.a'
	@echo '  make -s print-out ...          the directory the library of these options is built in'
	@echo '  make install PREFIX=<dir> ...  the library, lite_alloc.h, pkg-config and CMake files ("== installing ...")'
	@echo '  make dist            build/dist/<family>/lite_alloc_<strategy>.cpp, one self-contained source each'
	@echo '  make check           every test of every installed target; "== <test>" lines, a failure stops it'
	@echo '  make check-readme    runs the README'"'"'s commands as written ("readme: ok <block>" per block)'
	@echo '  make size            the code-size table (also written to README.md and build/size/)'
	@echo '  make bench           the benchmarks (minutes; tables written to README.md and build/bench/)'
	@echo '  make toolchains      installs the missing Debian packages (as root)'
	@echo '  make clean           removes build/'
	@echo
	@echo 'Targets:    TARGET=$(TARGETS) host32 (default: host)'
	@echo 'Strategies: STRATEGY=$(STRATEGIES) (default: bump_freelist)'
	@echo
	@echo 'Options (default):'
	@echo '  CHECKED=0|1            the checked build: stops with a message on heap misuse (0)'
	@echo '  FLOAT_ABI=soft|softfp|hard   Cortex-M: as the program is compiled (hard where the core has an FPU, else soft)'
	@echo '  LIBC=newlib|picolibc   Cortex-M (newlib); riscv32 is picolibc only'
	@echo '  BACKEND=<backend>      where memory comes from: $(KNOWN_BACKENDS) (the target'"'"'s own)'
	@echo '  OPT=<flags>            optimisation (-O2 on the host, -Oz on wasm, -Os on Cortex-M and riscv32)'
	@echo '  EXTRA_CXXFLAGS=<flags> more compile flags, e.g. -DLITE_ALLOC_STATS=1, -DLITE_ALLOC_MERGE=0 (none)'
	@echo '  PREFIX=<dir>           make install'"'"'s destination ($(PREFIX))'
	@echo '  V=1                    show every command (0)'

# The project's own size and speed goals, for its developers (make size and make bench write them).
goals:
	@cat build/size/goals.md build/bench/goals.txt build/bench/heap-goals.txt 2>/dev/null || echo "run make size and make bench first"

# make install PREFIX=/opt/lite-alloc TARGET=<t> STRATEGY=<s>: the library, the header, a pkg-config
# file (`pkg-config --libs lite_alloc`) and a CMake package (`find_package(lite_alloc)`, target
# lite_alloc::lite_alloc), for one target and strategy per prefix. The link flags of both carry
# LINK_FLAGS, so that a program that never names malloc still gets lite-alloc.
# TARGET=wasi installs where clang searches a wasi sysroot: lib/wasm32-wasi, and lib/wasm32-wasip1
# for that triple (make install PREFIX=$$WASI_SYSROOT TARGET=wasi).
PREFIX ?= /usr/local
INSTALL_LIBDIRS := $(if $(filter wasi,$(TARGET)),lib/wasm32-wasi lib/wasm32-wasip1,lib)
INSTALL_LIBDIR := $(firstword $(INSTALL_LIBDIRS))
# From a libdir back to the prefix: lib -> .., lib/wasm32-wasi -> ../..
lite_space := $(subst ,, )
INSTALL_UP := $(subst $(lite_space),/,$(patsubst %,..,$(subst /, ,$(INSTALL_LIBDIR))))
install: $(LIB)
	@echo "== installing $(TARGET) $(STRATEGY) into $(DESTDIR)$(PREFIX)"
	$(Q)install -d $(DESTDIR)$(PREFIX)/include $(foreach d,$(INSTALL_LIBDIRS),$(DESTDIR)$(PREFIX)/$(d)/pkgconfig \
	  $(DESTDIR)$(PREFIX)/$(d)/cmake/lite_alloc)
	$(Q)install -m 644 include/lite_alloc.h $(DESTDIR)$(PREFIX)/include/lite_alloc.h
	$(Q)for d in $(INSTALL_LIBDIRS); do \
	  install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/$$d/liblite_alloc.a && \
	  printf '%s\n' 'prefix=$(PREFIX)' "libdir=\$${prefix}/$$d" 'includedir=$${prefix}/include' '' \
	    'Name: lite_alloc' 'Description: lite-alloc malloc replacement ($(TARGET), $(STRATEGY))' \
	    'Version: $(LITE_ALLOC_VERSION)' 'Libs: -L$${libdir} -llite_alloc $(LINK_FLAGS)' 'Cflags: -I$${includedir}' \
	    > $(DESTDIR)$(PREFIX)/$$d/pkgconfig/lite_alloc.pc && \
	  sed -e 's|@TARGET@|$(TARGET)|g' -e 's|@STRATEGY@|$(STRATEGY)|g' -e 's|@VERSION@|$(LITE_ALLOC_VERSION)|g' \
	    -e 's|@UP@|$(INSTALL_UP)|g' -e 's|@LINK_OPTIONS@|$(LINK_FLAGS)|g' \
	    toolchains/cmake/lite_allocConfig.cmake.in > $(DESTDIR)$(PREFIX)/$$d/cmake/lite_alloc/lite_allocConfig.cmake && \
	  sed -e 's|@VERSION@|$(LITE_ALLOC_VERSION)|g' toolchains/cmake/lite_allocConfigVersion.cmake.in \
	    > $(DESTDIR)$(PREFIX)/$$d/cmake/lite_alloc/lite_allocConfigVersion.cmake || exit 1; \
	done
LITE_ALLOC_VERSION := 0.1.0

clean:
	rm -rf build

# Test, size and benchmark rules, one fragment per area; each adds its goals to `check`.
include test/host.mk
-include test/host32.mk test/dist.mk test/wasm.mk test/cortex_m.mk test/trust.mk test/size.mk test/bench.mk test/advise.mk test/readme.mk
