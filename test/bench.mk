# make bench: the workloads of test/bench/workloads.c on every strategy and on the peers (glibc,
# Emscripten's dlmalloc and emmalloc, a bump allocator): host instructions per call under callgrind,
# footprint / live payload, wasm wall time under node; instructions per call on the Cortex-M4 (QEMU
# mps2-an386 -icount shift=0) for ours, newlib-nano and newlib. Method in test/bench/bench.py. Prints the
# tables, writes build/bench/, the README section between the bench markers and
# test/bench/size-vs-speed.svg (code size from `make size`, run first).
bench:
	@test -f build/size/size.json || python3 test/size/size.py
	@python3 test/bench/bench.py --readme
