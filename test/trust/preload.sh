#!/usr/bin/env bash
# Runs unmodified Debian programs on lite-alloc by LD_PRELOAD and compares them with glibc's malloc:
# output must be identical; prints time and peak RSS (/usr/bin/time) beside glibc's, and the heap's
# own peak (the .so's exit report). Usage: [LUA_SCALE=x] preload.sh <strategy>...
# (a strategy named <s>-checked runs that strategy's checked build)
set -u
cd "$(dirname "$0")/../.."
out=build/trust/preload/lua-scale-${LUA_SCALE:-1}
mkdir -p "$out"
failed=0
run() {  # name, then the command; stdin from $input
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.glibc.time" "$@" <"$input" >"$out/$name.glibc.out" 2>"$out/$name.glibc.err" || {
    echo "preload: $name fails on glibc itself"; failed=1; return; }
  read -r gt gm <"$out/$name.glibc.time"
  for s in "${strategies[@]}"; do
    local so=build/host/$s/liblite_alloc.so
    case $s in *-checked) so=build/host/${s%-checked}/liblite_alloc_checked.so ;; esac  # the checked build
    /usr/bin/time -f "%e %M" -o "$out/$name.$s.time" env LITE_ALLOC_PRELOAD_REPORT=1 LD_PRELOAD="$PWD/$so" "$@" \
      <"$input" >"$out/$name.$s.out" 2>"$out/$name.$s.err"
    local status=$? report same=identical
    read -r t m <"$out/$name.$s.time"
    report=$(grep '^lite-alloc preload:' "$out/$name.$s.err" | tail -1)
    if [ $status -ne 0 ]; then same="EXIT STATUS $status"; failed=1
    elif ! cmp -s "$out/$name.glibc.out" "$out/$name.$s.out"; then same="OUTPUT DIFFERS"; failed=1
    elif [ -z "$report" ]; then same="NOT ON LITE-ALLOC (no exit report)"; failed=1
    elif ! grep -q ' check 0$' <<<"$report"; then same="HEAP CHECK FAILED"; failed=1; fi
    local peak=$(sed -n 's/.*peak_in_use \([0-9]*\).*/\1/p' <<<"$report") claimed=$(sed -n 's/.*claimed \([0-9]*\).*/\1/p' <<<"$report")
    printf '%-8s %-16s output %-9s time %5ss (glibc %5ss)  max RSS %7s KB (glibc %7s KB)  heap claimed %6s KB, peak in use %6s KB\n' \
      "$name" "$s" "$same" "$t" "$gt" "$m" "$gm" "$(( ${claimed:-0} / 1024 ))" "$(( ${peak:-0} / 1024 ))"
    [ "$same" = identical ] || { echo "  see $out/$name.$s.{out,err}"; head -5 "$out/$name.$s.err"; }
  done
}
strategies=("$@")
input=/dev/null run lua lua5.4 test/trust/workload.lua "${LUA_SCALE:-1}"
input=test/trust/workload.sql run sqlite sqlite3 :memory:
exit $failed
