# make size: bytes of code and static RAM the allocation ABI costs a program, for every strategy on the
# wasm and Cortex-M targets whose toolchain is present, beside wasi-libc's dlmalloc, Emscripten's
# emmalloc and dlmalloc, newlib and newlib-nano. Method in test/size/size.py. Libraries for the table
# are built into build/size/ (wasm: OPT=-Oz; Cortex-M: -Os; each also with -DLITE_ALLOC_STATS=0).
# `make size` prints the table, writes build/size/size-table.md and the README section between the
# size markers; a bare `make` (size-table) only prints it, leaving the checkout as it was.
size:
	@python3 test/size/size.py --readme
size-table:
	@python3 test/size/size.py
