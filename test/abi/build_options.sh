#!/usr/bin/env bash
# The build follows its options (issue 14):
#   - an unknown or malformed TARGET, STRATEGY, BACKEND or CHECKED stops make at once (before any
#     compiling), exit code 2, with one line naming what is accepted;
#   - every distinct configuration has its own output directory;
#   - a changed flag rebuilds (the objects depend on a stamp of their compile line), an unchanged one
#     does not.
set -u
cd "$(dirname "$0")/../.."
MAKE=${MAKE:-make}
SCRATCH=build/abi-test/options
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "build options: FAILED $1"; failed=$((failed + 1)); }
m() { $MAKE -s --no-print-directory "$@"; }

# refused <what must be in the message> <make arguments...>
refused() {
  local want=$1; shift
  local out rc
  out=$(m lib "$@" 2>&1); rc=$?
  if [ $rc != 2 ]; then bad "make $*: exit code $rc, expected 2"; return; fi
  if [ "$(printf '%s\n' "$out" | wc -l)" != 1 ]; then bad "make $*: more than one line: $out"; return; fi
  if ! printf '%s' "$out" | grep -q -- "$want"; then bad "make $*: '$out' lacks '$want'"; return; fi
  if printf '%s' "$out" | grep -q '== building'; then bad "make $*: compiled before refusing"; return; fi
  ok
}
refused 'STRATEGY=foo is not accepted: one of bump_freelist freelist segregated_bump' TARGET=host STRATEGY=foo
refused 'TARGET=nope is not accepted: one of .*cortex-m4.*host.*wasi' TARGET=nope
refused 'TARGET=host wasi is not accepted' TARGET="host wasi"
refused 'TARGET=%.mk is not accepted' TARGET=%.mk
refused 'BACKEND=mmap is not accepted: one of .*host_mmap.*region_only' TARGET=host BACKEND=mmap
refused 'CHECKED=yes is not accepted: one of 0 1' TARGET=host CHECKED=yes
refused 'CHECKED= is not accepted: one of 0 1' TARGET=host CHECKED=
refused 'STRATEGY=freelist/../freelist is not accepted' TARGET=host STRATEGY=freelist/../freelist
refused "VARIANT=a/b is not accepted" TARGET=host VARIANT=a/b
# A bad value of a compile-time option stops the compile with the same kind of line.
if out=$(m lib TARGET=host STRATEGY=bump_freelist EXTRA_CXXFLAGS=-DLITE_ALLOC_MERGE=3 2>&1); then
  bad "LITE_ALLOC_MERGE=3 built"
elif printf '%s' "$out" | grep -q 'LITE_ALLOC_MERGE is not accepted: one of 0 1 2'; then ok
else bad "LITE_ALLOC_MERGE=3: '$out' lacks the accepted values"; fi
if out=$(m lib TARGET=host STRATEGY=freelist EXTRA_CXXFLAGS=-DLITE_ALLOC_QUICK=2 2>&1); then
  bad "LITE_ALLOC_QUICK=2 built"
elif printf '%s' "$out" | grep -q 'LITE_ALLOC_QUICK is not accepted: one of 0 1'; then ok
else bad "LITE_ALLOC_QUICK=2: '$out' lacks the accepted values"; fi
if out=$(m lib TARGET=host STRATEGY=freelist EXTRA_CXXFLAGS=-DLITE_ALLOC_INLINE_SHARED=2 2>&1); then
  bad "LITE_ALLOC_INLINE_SHARED=2 built"
elif printf '%s' "$out" | grep -q 'LITE_ALLOC_INLINE_SHARED is not accepted: one of 0 1'; then ok
else bad "LITE_ALLOC_INLINE_SHARED=2: '$out' lacks the accepted values"; fi

# Output directories: distinct configurations never share one.
dirs=(
  "$(m print-out TARGET=host STRATEGY=freelist)"
  "$(m print-out TARGET=host STRATEGY=freelist CHECKED=1)"
  "$(m print-out TARGET=host STRATEGY=freelist BACKEND=region_only)"
  "$(m print-out TARGET=host STRATEGY=freelist OPT=-O2)"
  "$(m print-out TARGET=host STRATEGY=freelist OPT=-O3)"
  "$(m print-out TARGET=host STRATEGY=freelist EXTRA_CXXFLAGS=-DLITE_ALLOC_STATS=0)"
  "$(m print-out TARGET=host STRATEGY=freelist 'EXTRA_CXXFLAGS=-DLITE_ALLOC_STATS=0 -g')"
  "$(m print-out TARGET=cortex-m4 STRATEGY=freelist)"
  "$(m print-out TARGET=cortex-m4 STRATEGY=freelist 'TARGET_FLAGS=-mcpu=cortex-m4 -mthumb -mfloat-abi=soft')"
  "$(m print-out TARGET=cortex-m4 STRATEGY=freelist FLOAT_ABI=soft)"
  "$(m print-out TARGET=cortex-m4 STRATEGY=freelist FLOAT_ABI=soft LIBC=picolibc)"
)
[ "${dirs[0]}" = build/host/freelist ] && ok || bad "the default directory is ${dirs[0]}"
[ "${dirs[1]}" = build/host/freelist/checked ] && ok || bad "CHECKED=1 builds into ${dirs[1]}"
dups=$(printf '%s\n' "${dirs[@]}" | sort | uniq -d)
[ -z "$dups" ] && ok || bad "configurations share a directory: $dups"
[ "$(m print-out TARGET=host STRATEGY=freelist OPT=-O2)" = "${dirs[3]}" ] && ok || bad "the hash directory is not stable"

# Flags followed: build, rebuild nothing, change a flag, rebuilt (OUT fixed so the directory is the same).
rm -rf "$SCRATCH"
build() { m lib TARGET=host STRATEGY=bump_freelist OUT=$SCRATCH "$@" 2>&1; }
out=$(build) && printf '%s' "$out" | grep -q '== building' && [ -f $SCRATCH/liblite_alloc.a ] && ok || bad "first build: $out"
out=$(build) && [ -z "$out" ] && ok || bad "an unchanged build did something: $out"
before=$(stat -c %Y.%N $SCRATCH/obj/core/heap.o 2>/dev/null; sha1sum < $SCRATCH/liblite_alloc.a)
sleep 1
out=$(build EXTRA_CXXFLAGS=-DLITE_ALLOC_OPTIONS_TEST=1) && printf '%s' "$out" | grep -q '== building' &&
  grep -q -- '-DLITE_ALLOC_OPTIONS_TEST=1' $SCRATCH/obj/flags && ok || bad "EXTRA_CXXFLAGS change not rebuilt: $out"
after=$(stat -c %Y.%N $SCRATCH/obj/core/heap.o; sha1sum < $SCRATCH/liblite_alloc.a)
[ "$before" != "$after" ] && ok || bad "the objects were not recompiled"
out=$(build OPT=-O1) && printf '%s' "$out" | grep -q '== building' && grep -q -- ' -O1 ' $SCRATCH/obj/flags && ok ||
  bad "OPT change not rebuilt: $out"
out=$(build OPT=-O1) && [ -z "$out" ] && ok || bad "the same OPT again rebuilt: $out"
out=$(build) && printf '%s' "$out" | grep -q '== building' && ok || bad "back to the defaults not rebuilt: $out"

echo "build options: $passed passed, $failed failed"
[ "$failed" = 0 ]
