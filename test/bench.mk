# make bench: the workloads of test/bench/workloads.c on every strategy and on the peers (glibc,
# Emscripten's dlmalloc and emmalloc, a bump allocator): host instructions per call under callgrind,
# footprint / live payload (host, and wasm's heap), wasm wall time under node; instructions per call
# on the Cortex-M4 (QEMU mps2-an386 -icount shift=0) for ours, newlib-nano and newlib; then real
# programs built from Debian's sources (Lua 5.4, SQLite: test/bench/programs.py) on Emscripten, wasi
# and the Cortex-M4. Method in test/bench/bench.py. Prints one line per step, then the tables; writes
# build/bench/, the README section between the bench markers and test/bench/size-vs-speed.svg
# (matplotlib; code size from `make size`, run first). BENCH_QUICK=1: fewer repetitions.
# `make bench-heap` (or BENCH_HEAP_ONLY=1 make bench): only the two heap tables of the real programs
# (Lua, MuJS, SQLite): the smallest fixed heap on the Cortex-M4, found by bisection with a capped
# _sbrk, and the growing heap's high-water mark on the Cortex-M4 and Emscripten, each against the
# platform's own allocator; release builds, one run each (about ten minutes on two cores).
.PHONY: bench bench-heap check-bench-harness check-programs
bench:
	@if [ "$(BENCH_HEAP_ONLY)" = 1 ]; then python3 test/bench/programs.py --heap; else \
	  test -f build/size/size.json || python3 test/size/size.py; python3 test/bench/bench.py --readme; fi
bench-heap:
	@python3 test/bench/programs.py --heap

# The harness never allocates through the allocator under test (a few seconds).
check: check-bench-harness
check-bench-harness:
	@test/bench/harness_check.sh

# Issue 12's real programs, bounded (a few minutes from a fresh clone): Lua 5.4 from Debian's source
# at a small scale on Emscripten, wasi and the Cortex-M4, and SQLite's speedtest1 (size 5) on
# Emscripten, linked with the release and the checked library of every strategy, print what the
# platform default's allocator prints (test/bench/programs.py --check).
check: check-programs
check-programs:
	@python3 test/bench/programs.py --check
