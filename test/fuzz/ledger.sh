#!/usr/bin/env bash
# The fuzz ledger: every fuzz run's operation count, kept in build/fuzz/ledger.tsv, so that long
# campaigns add up per strategy and width (issue 12 asks for 10^8 per strategy on 64 and on 32 bits).
#   ledger.sh add <strategy> <build> <seconds> <log>   appends the "fuzz_alloc: N operations" of <log>
#   ledger.sh sum                                      operations per strategy and width, all runs
# <build> is the directory name under build/host/<strategy>/: fuzz32 and fuzz_replay32 are 32-bit.
LEDGER=${FUZZ_LEDGER:-build/fuzz/ledger.tsv}
case "$1" in
add)
  ops=$(grep -E '^fuzz_alloc: [0-9]+ operations' "$5" | tail -1 | awk '{print $2}')
  mkdir -p "$(dirname "$LEDGER")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$2" "$3" "$4" "${ops:-0}" >> "$LEDGER"
  ;;
sum)
  [ -f "$LEDGER" ] || { echo "no fuzz runs recorded yet ($LEDGER)"; exit 0; }
  awk -F'\t' '{ w = ($3 ~ /32$/) ? "32-bit" : "64-bit"; ops[$2 "\t" w] += $5; runs[$2 "\t" w]++; s[$2 "\t" w] += $4 }
    END { printf "%-16s %-7s %5s %8s %14s\n", "strategy", "width", "runs", "seconds", "operations";
          for (k in ops) { split(k, p, "\t"); printf "%-16s %-7s %5d %8d %14d\n", p[1], p[2], runs[k], s[k], ops[k] } }' \
    "$LEDGER" | { read -r head; echo "$head"; sort; }
  ;;
*) echo "usage: ledger.sh add <strategy> <build> <seconds> <log> | sum" >&2; exit 2 ;;
esac
