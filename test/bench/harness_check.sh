#!/usr/bin/env bash
# make check-bench-harness (part of make check, a few seconds): the bench harness must not allocate
# through the allocator under test. Runs workloads.c's Lua trace (and the synthetic workloads) on
# lite-alloc freelist and on the never-freeing bump, and fails when
#   - anything was taken from the allocator before the workload's first call (harness=0), or
#   - a footprint is below the peak live payload (impossible: a measuring error), or
#   - lite-alloc freelist's Lua-trace footprint exceeds 2x the peak live payload (the loader's 16 MB
#     operation array charged to the allocator made it ~9x, while dlmalloc's, prefixed, stayed 1.2x).
set -euo pipefail
cd "$(dirname "$0")/../.."
d=build/bench/harness-check
mkdir -p "$d"
make -s --no-print-directory lib TARGET=host STRATEGY=freelist
xz -dc test/bench/trace.txt.xz >"$d/trace.txt"
gcc -O2 -Iinclude test/bench/workloads.c test/bench/alloc_lite.c build/host/freelist/liblite_alloc.a -o "$d/lite"
gcc -O2 test/bench/workloads.c test/bench/alloc_bump.c -o "$d/bump"
fail=0
for a in lite bump; do
  for w in churn mixed vector frag trace; do
    out=$("$d/$a" $w "$d/trace.txt")
    eval "$(tr ' ' '\n' <<<"$out" | grep -E '^(peak_live|footprint|harness)=')"
    verdict=ok
    if [ "$harness" -ne 0 ]; then verdict="the harness took $harness bytes from the allocator before the workload"
    elif [ "$footprint" -lt "$peak_live" ]; then verdict="footprint $footprint below peak live $peak_live"
    elif [ $a = lite ] && [ $w = trace ] && [ "$footprint" -gt $((2 * peak_live)) ]; then
      verdict="Lua trace footprint $footprint > 2 x peak live $peak_live: the loader is charged to the allocator"; fi
    [ "$verdict" = ok ] || { echo "bench harness: $a $w: $verdict"; fail=1; }
  done
done
[ $fail = 0 ] && echo "bench harness: no allocation through the allocator under test outside the workloads (lite, bump)"
exit $fail
