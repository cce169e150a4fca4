#!/usr/bin/env bash
# Runs test/trust/death.c's cases: each must end with SIGABRT (exit status 134) and print the
# lite-alloc message naming its problem on stderr (an extended regular expression below).
# Usage: death.sh <death binary> <strategy> [<the same built with LITE_ALLOC_CHECK_INTERVAL=1>]
set -u
bin=$1 strategy=$2 every_call=${3:-} failed=0
expect() {  # case, then the text the message must contain
  local out status
  out=$("$bin" "$1" 2>&1 >/dev/null); status=$?
  if [ "$1" = none ]; then
    if [ $status -ne 0 ]; then echo "death [$strategy] none: exit status $status, expected 0: $out"; failed=1; fi
    return
  fi
  if [ $status -ne 134 ]; then
    echo "death [$strategy] $1: exit status $status, expected 134 (SIGABRT); stderr: $out"; failed=1
  elif ! grep -qE "^lite-alloc: $2" <<<"$out"; then
    echo "death [$strategy] $1: SIGABRT, but the message is not 'lite-alloc: $2...': $out"; failed=1
  else
    echo "death [$strategy] $1: SIGABRT, \"$(head -1 <<<"$out")\""
  fi
}
expect none ''
expect double_free 'free\(\): block was already freed \(double free\)'
expect stack_pointer 'free\(\): pointer was never handed out by this heap'
expect foreign_heap 'free\(\): pointer was never handed out by this heap'
expect interior_pointer 'free\(\): pointer points inside a block, not at its start'
# free() finds it by its own canary check or by the whole-heap check it runs first
expect overflow '(free\(\): |lite_alloc_check\(\): heap corrupt: )a write past the end of (the|a) block overwrote its canary'
expect use_after_free 'malloc\(\): a freed block was written to after free \(use after free\)'
expect header_write "free\\(\\): the block's header was overwritten"
expect realloc_freed 'realloc\(\): block was already freed \(double free\)'

# The whole-heap check's interval: a canary overwritten behind a block nobody frees is found only by
# that check, so not at the next call with the default interval (1024 calls, 2 a loop turn), but
# within it; built with the interval 1, at the very next call. $1 binary, $2 $3 the least and most
# loop turns ("call N" lines) printed before the message.
interval() {
  local out status turns
  out=$("$1" overflow_unfreed 2>&1 >/dev/null); status=$?
  turns=$(grep -c '^call ' <<<"$out")
  if [ $status -ne 134 ] || ! grep -qE '^lite-alloc: malloc\(\): .*a write past the end of a block overwrote its canary' <<<"$out"; then
    echo "death [$strategy] overflow_unfreed ($1): exit status $status, expected 134 and the canary message: $(grep -v '^call ' <<<"$out")"; failed=1
  elif [ "$turns" -lt "$2" ] || [ "$turns" -gt "$3" ]; then
    echo "death [$strategy] overflow_unfreed ($1): found after $turns loop turns, expected $2 to $3"; failed=1
  else
    echo "death [$strategy] overflow_unfreed: SIGABRT after $turns loop turns, \"$(grep '^lite-alloc' <<<"$out")\""
  fi
}
interval "$bin" 2 513
[ -n "$every_call" ] && interval "$every_call" 1 1
exit $failed
