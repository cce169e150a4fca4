#!/usr/bin/env bash
# make fuzz-campaign: runs the fast replay driver (replay_main.c) until the fuzz ledger holds at least
# FUZZ_OPS operations (default 10^8, issue 12's bar) for every strategy on 64 and on 32 bits. The two
# widths run side by side (one process each, so two cores stay busy); each run lasts at most CHUNK
# seconds, is added to the ledger, and the ledger decides what runs next, so an interrupted campaign
# resumes where it stopped. A failing input stops the campaign with the driver's exit status.
#   campaign.sh <ops> <chunk seconds> <strategy>...
set -u
ops=$1 chunk=$2
shift 2
ledger=test/fuzz/ledger.sh

# operations recorded so far for strategy $1, width label $2 ("64-bit" or "32-bit")
recorded() { "$ledger" sum | awk -v s="$1" -v w="$2" '$1 == s && $2 == w { print $5 }'; }

# one width: $1 = build directory (fuzz_replay or fuzz_replay32), $2 = width label, $3 = runner
width() {
  local dir=$1 label=$2 runner=$3 s done log rc
  for s in "${STRATEGIES[@]}"; do
    while :; do
      done=$(recorded "$s" "$label"); done=${done:-0}
      if [ "$done" -ge "$ops" ]; then echo "== $s $label: $done operations (>= $ops)"; break; fi
      log=build/fuzz/$s.$dir.log
      mkdir -p build/fuzz/corpus/"$s" build/fuzz/crashes/"$s"
      $runner build/host/"$s"/"$dir"/fuzz_alloc -seconds="$chunk" -seed="$(date +%s%N | cut -c1-15)" \
        -artifact_prefix=build/fuzz/crashes/"$s"/ test/fuzz/corpus build/fuzz/corpus/"$s" > "$log" 2>&1
      rc=$?
      "$ledger" add "$s" "$dir" "$chunk" "$log"
      echo "== $s $label: $(grep -E '^(fuzz_alloc|replay):' "$log" | tr '\n' ' ')"
      if [ $rc -ne 0 ]; then
        grep -E 'check failed|lite-alloc|replay:' "$log" | head
        echo "fuzz $s ($dir): FAILED (log $log)"
        return $rc
      fi
    done
  done
}

STRATEGIES=("$@")
width fuzz_replay 64-bit "" & w64=$!
width fuzz_replay32 32-bit test/harness/run32.sh & w32=$!
wait $w64; rc64=$?
wait $w32; rc32=$?
"$ledger" sum
[ $rc64 -eq 0 ] && [ $rc32 -eq 0 ]
