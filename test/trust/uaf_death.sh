#!/usr/bin/env bash
# Checks the output of test/trust/uaf_death.c (every case, from one process or from
# test/harness/run_cases.mjs): every case must end in the checked build's use-after-free message and
# abort ("trap": freestanding wasm32, which has no stderr, must trap instead), and the cases must all
# have run. Prints one line per scene: how many of its offsets were caught, and the others.
# Usage: uaf_death.sh <label> <message|trap> <output file>
set -u
label=$1 expect=$2 out=$3
awk -v label="$label" -v expect="$expect" '
  function done_case(ok) {
    total[scene]++; if (ok) caught[scene]++; else { missed[scene] = missed[scene] " +" offset "(" why ")"; bad++ }
    pending = 0
  }
  /^uaf [a-z_.]+ \+[0-9]+: / {
    if (pending) { why = "no abort"; done_case(0) }
    scene = $2; offset = substr($3, 2, length($3) - 2); rest = substr($0, index($0, ": ") + 2)
    if (!(scene in total)) order[++scenes] = scene
    pending = 1; why = ""
    if (rest ~ /^uaf: survived$/) { why = "survived"; done_case(0); next }
    if (rest ~ /^uaf: crashed/) { why = "crashed"; done_case(0); next }
    if (expect == "trap") { ok = rest == "uaf: aborted"; why = ok ? "" : "message: " rest; done_case(ok); next }
    if (rest == "uaf: aborted") { why = "aborted without the message"; done_case(0); next }
    if (rest !~ /^lite-alloc: [a-z_]+\(\): (heap corrupt: )?a freed block was written to after free \(use after free\)$/) {
      why = "message: " rest
    }
    next
  }
  /^uaf: aborted$/ && pending { done_case(why == ""); next }
  /^uaf: crashed/ && pending { why = "crashed"; done_case(0); next }
  /^uaf: [0-9]+ cases$/ { ran = $2 }
  END {
    if (pending) { why = "crashed or hung"; done_case(0) }
    for (i = 1; i <= scenes; ++i) {
      s = order[i]; n += total[s]
      printf "uaf [%s] %-18s %2d of %2d offsets caught%s\n", label, s, caught[s], total[s], missed[s] ? ":" missed[s] : ""
    }
    if (ran != "" && ran != n) { printf "uaf [%s]: %s cases ran, %d reported\n", label, ran, n; bad++ }
    if (ran == "" && expect != "trap") { printf "uaf [%s]: the program did not finish (crashed or hung after the last case above)\n", label; bad++ }
    if (n < 300) { printf "uaf [%s]: only %d cases\n", label, n; bad++ }
    exit bad > 0
  }' "$out"
