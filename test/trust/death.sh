#!/usr/bin/env bash
# Runs test/trust/death.c's cases: each must end with SIGABRT (exit status 134) and print the
# lite-alloc message naming its problem on stderr (an extended regular expression below). Usage: death.sh <death binary> <strategy>
set -u
bin=$1 strategy=$2 failed=0
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
exit $failed
