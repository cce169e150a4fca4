# make dist: one self-contained source file per target family and strategy (toolchains/dist.py),
# families host wasi wasm32 emscripten newlib picolibc:
# build/dist/<family>/lite_alloc_<strategy>.cpp beside the public header. check-dist compiles every
# one warning-free (-Wall -Wextra -Werror) with the platform's own compiler, and builds and runs a
# real program with the host's and wasi's files as a user who copies sources would.
.PHONY: dist check-dist
check: check-dist
DIST_CXXFLAGS := -std=c++17 -Os -fno-exceptions -fno-rtti -Wall -Wextra -Werror

dist:
	@python3 toolchains/dist.py

check-dist: dist
	@set -e; d=build/dist; for s in $(STRATEGIES); do \
	  g++ $(DIST_CXXFLAGS) -c $$d/host/lite_alloc_$$s.cpp -o $$d/host/$$s.o; \
	  gcc -O2 -I$$d/host "-DLITE_ALLOC_EXPECTED_STRATEGY=\"$$s\"" test/programs/real_c.c $$d/host/$$s.o -o $$d/host/real_c-$$s; \
	  $$d/host/real_c-$$s | grep -q "real_c: ok ($$s)"; \
	  clang++-19 --target=wasm32-wasi $(DIST_CXXFLAGS) -c $$d/wasi/lite_alloc_$$s.cpp -o $$d/wasi/$$s.o; \
	  clang-19 --target=wasm32-wasi -O2 -I$$d/wasi "-DLITE_ALLOC_EXPECTED_STRATEGY=\"$$s\"" test/programs/real_c.c $$d/wasi/$$s.o \
	    -o $$d/wasi/real_c-$$s.wasm; \
	  $(NODE) --no-warnings test/harness/run_wasm.mjs $$d/wasi/real_c-$$s.wasm | grep -q "real_c: ok ($$s)"; \
	  clang++-19 --target=wasm32 -mbulk-memory -ffreestanding $(DIST_CXXFLAGS) -c $$d/wasm32/lite_alloc_$$s.cpp -o $$d/wasm32/$$s.o; \
	  arm-none-eabi-g++ -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 $(DIST_CXXFLAGS) -c $$d/newlib/lite_alloc_$$s.cpp -o $$d/newlib/$$s.o; \
	  NODE_PATH=/usr/share/nodejs em++ $(DIST_CXXFLAGS) -c $$d/emscripten/lite_alloc_$$s.cpp -o $$d/emscripten/$$s.o; \
	  arm-none-eabi-g++ -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 --specs=picolibc.specs $(DIST_CXXFLAGS) \
	    -c $$d/picolibc/lite_alloc_$$s.cpp -o $$d/picolibc/$$s.o; \
	  riscv64-unknown-elf-g++ -march=rv32imac -mabi=ilp32 --specs=picolibc.specs $(DIST_CXXFLAGS) \
	    -c $$d/picolibc/lite_alloc_$$s.cpp -o $$d/picolibc/$$s-rv32.o; \
	  echo "== dist $$s: compiled warning-free for host wasi wasm32 newlib emscripten picolibc (cortex-m4, riscv32); real_c ran on host and wasi"; done
