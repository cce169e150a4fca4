#!/usr/bin/env bash
# make install as users consume it, for the host, Cortex-M4 and a wasi sysroot:
#   - pkg-config and the CMake package (find_package(lite_alloc), lite_alloc::lite_alloc) both link a
#     program that never names an allocator (only new and stdio: test/abi/consumer/new_stdio.cpp) to
#     lite-alloc: on the host the executable defines malloc itself; on Cortex-M4 its link map holds
#     lite-alloc's newlib_reent.o and no member of newlib's heap, and it runs under QEMU. A control
#     link without the installed flags must show newlib-nano's heap, or the map check proves nothing.
#   - TARGET=wasi installed into a copy of the wasi sysroot: clang --sysroot finds -llite_alloc for
#     --target=wasm32-wasi and --target=wasm32-wasip1, with no -L, and the program runs under node.
#   - Emscripten: pkg-config's flags alone (-sMALLOC=none among them) give a new-only program lite-alloc.
# Usage: test/abi/install.sh [host] [cortex-m4] [wasi] [emscripten] (all by default). Needs make, pkg-config,
# cmake; arm-none-eabi-gcc and qemu-system-arm; clang-19, wasi-libc, node and wabt.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/build/abi-test/install
STRATEGY=freelist
MAKE=${MAKE:-make}
PARTS=${*:-host cortex-m4 wasi emscripten}
HARNESS=$ROOT/test/harness/cortex_m
NEWLIB_HEAP='lib_a-(nano-)?(mallocr|freer|reallocr|callocr|malignr|msizer|mallinfor|mallstatsr|malloptr|vallocr|pvallocr|malloc|calloc|realloc|malign|msize)\.o'
QEMU_M4="timeout 120 qemu-system-arm -M mps2-an386 -semihosting-config enable=on,target=native -nographic -monitor none -serial none -kernel"
passed=0
failed=0
ok() { echo "install: $1"; passed=$((passed + 1)); }
bad() { echo "install: FAILED $1"; failed=$((failed + 1)); }
# run <log> <command...>: quiet unless it fails
run() { local log=$1; shift; "$@" > "$log" 2>&1 || { tail -15 "$log"; return 1; }; }

install_to() {  # install_to <prefix> <target>
  rm -rf "$1"
  run "$1.log" $MAKE -s --no-print-directory install TARGET="$2" STRATEGY=$STRATEGY PREFIX="$1"
}

# The map must hold lite-alloc's newlib entry points and no member of newlib's heap.
map_has_lite_only() {
  ! grep -Eq "$NEWLIB_HEAP" "$1" && grep -q 'liblite_alloc\.a(newlib_reent\.o)' "$1"
}

check_host() {
  echo "== check-install host (pkg-config, CMake)"
  local p=$OUT/host-prefix
  install_to "$p" host || { bad "make install TARGET=host"; return; }
  for f in lib/liblite_alloc.a include/lite_alloc.h lib/pkgconfig/lite_alloc.pc \
           lib/cmake/lite_alloc/lite_allocConfig.cmake lib/cmake/lite_alloc/lite_allocConfigVersion.cmake; do
    [ -f "$p/$f" ] || bad "host: $f not installed"; done
  export PKG_CONFIG_PATH=$p/lib/pkgconfig
  # pkg-config: a C program naming malloc, and the C++ program that names none.
  if cc -DLITE_ALLOC_EXPECTED_STRATEGY="\"$STRATEGY\"" test/programs/real_c.c $(pkg-config --cflags --libs lite_alloc) \
       -o "$OUT/host-real_c" && "$OUT/host-real_c" | grep -q "real_c: ok ($STRATEGY)"; then ok "host pkg-config real_c"
  else bad "host pkg-config real_c"; fi
  if c++ test/abi/consumer/new_stdio.cpp $(pkg-config --cflags --libs lite_alloc) -o "$OUT/host-new_stdio" &&
     "$OUT/host-new_stdio" | grep -q 'new_stdio: ok' && nm "$OUT/host-new_stdio" | grep -q ' T malloc$'; then
    ok "host pkg-config: a program using only new defines lite-alloc's malloc"
  else bad "host pkg-config new_stdio: lite-alloc's malloc is not in the program"; fi
  if c++ test/abi/consumer/new_stdio.cpp -I"$p/include" -L"$p/lib" -llite_alloc -o "$OUT/host-control" &&
     ! nm "$OUT/host-control" | grep -q ' T malloc$'; then ok "host control: a bare -llite_alloc does not take new's malloc"
  else bad "host control: the check cannot tell"; fi
  # CMake.
  local b=$OUT/host-cmake
  rm -rf "$b"
  if run "$b.log" cmake -S test/abi/consumer -B "$b" -DCMAKE_PREFIX_PATH="$p" -DCONSUMER_REAL_C="$ROOT/test/programs/real_c.c" &&
     run "$b.build.log" cmake --build "$b" && "$b/real_c" | grep -q "real_c: ok ($STRATEGY)" &&
     "$b/new_stdio" | grep -q 'new_stdio: ok' && nm "$b/new_stdio" | grep -q ' T malloc$'; then
    ok "host CMake: find_package(lite_alloc), lite_alloc::lite_alloc links real_c and new_stdio"
  else bad "host CMake consumer"; fi
  # The version file: 0.1.0 satisfies 0.1 and 0.1.0, not 0.2 nor 1.0.
  for v in 0.2 1.0; do
    if cmake -S test/abi/consumer -B "$b-$v" -DCMAKE_PREFIX_PATH="$p" -DCONSUMER_VERSION=$v > "$b-$v.log" 2>&1; then
      bad "host CMake: find_package(lite_alloc $v) accepted version 0.1.0"
    elif grep -q 'compatible with requested version' "$b-$v.log"; then ok "host CMake: find_package(lite_alloc $v) refused"
    else bad "host CMake: find_package(lite_alloc $v) failed for another reason (see $b-$v.log)"; fi
  done
}

check_cortex_m4() {
  echo "== check-install cortex-m4 (pkg-config, CMake, QEMU)"
  local p=$OUT/cm4-prefix
  install_to "$p" cortex-m4 || { bad "make install TARGET=cortex-m4"; return; }
  local cpu="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
  local link="--specs=nano.specs --specs=rdimon.specs -nostartfiles -L$HARNESS -T$HARNESS/mps2-an386.ld -Wl,--gc-sections"
  local flags="$cpu -Os -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti"
  export PKG_CONFIG_PATH=$p/lib/pkgconfig
  arm-none-eabi-gcc $cpu -Os -c "$HARNESS/startup.c" -o "$OUT/cm4-startup.o" || { bad "cortex-m4: startup.c"; return; }
  # pkg-config: only new and stdio, nothing but the installed flags.
  if arm-none-eabi-g++ $flags $link test/abi/consumer/new_stdio.cpp "$OUT/cm4-startup.o" \
       $(pkg-config --cflags --libs lite_alloc) -Wl,-Map="$OUT/cm4-new_stdio.map" -o "$OUT/cm4-new_stdio.elf" &&
     map_has_lite_only "$OUT/cm4-new_stdio.map" && $QEMU_M4 "$OUT/cm4-new_stdio.elf" 2>&1 | grep -q 'new_stdio: ok'; then
    ok "cortex-m4 pkg-config: a program using only new and stdio gets lite-alloc, no newlib heap (QEMU)"
  else bad "cortex-m4 pkg-config new_stdio: $(grep -Eo "[^ ]*$NEWLIB_HEAP" "$OUT/cm4-new_stdio.map" 2>/dev/null | sort -u | tr '\n' ' ')"; fi
  # Control: the same link with a bare -llite_alloc falls back to newlib-nano's heap; the check must see it.
  if arm-none-eabi-g++ $flags $link test/abi/consumer/new_stdio.cpp "$OUT/cm4-startup.o" -L"$p/lib" -llite_alloc \
       -Wl,-Map="$OUT/cm4-control.map" -o "$OUT/cm4-control.elf" && ! map_has_lite_only "$OUT/cm4-control.map"; then
    ok "cortex-m4 control: without the installed flags the map shows newlib's heap"
  else bad "cortex-m4 control: the map check cannot see newlib's heap"; fi
  # CMake with a toolchain file.
  local b=$OUT/cm4-cmake
  rm -rf "$b"
  if run "$b.log" cmake -S test/abi/consumer -B "$b" -DCMAKE_TOOLCHAIN_FILE="$ROOT/test/abi/consumer/cortex-m4.cmake" \
       -DCMAKE_BUILD_TYPE=MinSizeRel -DLITE_HARNESS="$HARNESS" -DCMAKE_PREFIX_PATH="$p" \
       -DCONSUMER_STARTUP="$HARNESS/startup.c" -DCONSUMER_REAL_C="$ROOT/test/programs/real_c.c" &&
     run "$b.build.log" cmake --build "$b" && map_has_lite_only "$b/new_stdio.map" &&
     $QEMU_M4 "$b/new_stdio" 2>&1 | grep -q 'new_stdio: ok' &&
     $QEMU_M4 "$b/real_c" 2>&1 | grep -q "real_c: ok ($STRATEGY)"; then
    ok "cortex-m4 CMake: lite_alloc::lite_alloc, new_stdio and real_c run under QEMU, no newlib heap"
  else bad "cortex-m4 CMake consumer (see $b.log, $b.build.log)"; fi
}

check_wasi() {
  echo "== check-install wasi (a copy of the wasi sysroot)"
  local s=$OUT/wasi-sysroot
  rm -rf "$s"
  mkdir -p "$s/include" "$s/lib"
  # Debian's wasi-libc is a sysroot under /usr: a copy made of links, with the wasip1 triple too.
  cp -rs /usr/include/wasm32-wasi "$s/include/wasm32-wasi" && cp -rs /usr/include/wasm32-wasi "$s/include/wasm32-wasip1" &&
    cp -rs /usr/lib/wasm32-wasi "$s/lib/wasm32-wasi" && cp -rs /usr/lib/wasm32-wasi "$s/lib/wasm32-wasip1" ||
    { bad "wasi: cannot copy the sysroot"; return; }
  run "$OUT/wasi-install.log" $MAKE -s --no-print-directory install TARGET=wasi STRATEGY=$STRATEGY PREFIX="$s" ||
    { bad "make install TARGET=wasi"; return; }
  for triple in wasm32-wasi wasm32-wasip1; do
    local found
    found=$(clang-19 --target=$triple --sysroot="$s" -print-file-name=liblite_alloc.a)
    if [ "$found" = "$s/lib/$triple/liblite_alloc.a" ]; then ok "wasi: clang --target=$triple --sysroot searches $found"
    else bad "wasi: clang --target=$triple --sysroot finds '$found', not lib/$triple/liblite_alloc.a"; fi
  done
  # A whole program with nothing but --sysroot and -llite_alloc (compiled and linked apart: an
  # optimized link runs wasm-opt, which drops the name section). Debian's clang has no compiler-rt
  # for the wasip1 triple, so only wasm32-wasi is linked.
  local w=$OUT/wasi-real_c.wasm
  if clang-19 --target=wasm32-wasi --sysroot="$s" -O2 -DLITE_ALLOC_EXPECTED_STRATEGY="\"$STRATEGY\"" \
       -c test/programs/real_c.c -o "$OUT/wasi-real_c.o" &&
     clang-19 --target=wasm32-wasi --sysroot="$s" "$OUT/wasi-real_c.o" -llite_alloc -o "$w" &&
     node --no-warnings test/harness/run_wasm.mjs "$w" | grep -q "real_c: ok ($STRATEGY)" &&
     wasm-objdump -x -j name "$w" | grep -q 'lite_alloc_strategy' &&
     ! wasm-objdump -x -j name "$w" | grep -Eq '<(dlmalloc|dlfree)>'; then
    ok "wasi: clang --sysroot ... -llite_alloc links real_c to lite-alloc alone, runs under node"
  else bad "wasi: clang --sysroot ... -llite_alloc real_c"; fi
  # Only new and stdio: wasm-ld fetches archive members whatever their order, no -u needed.
  w=$OUT/wasi-new_stdio.wasm
  if clang++-19 --target=wasm32-wasi --sysroot="$s" -O2 -fno-exceptions -c test/abi/consumer/new_stdio.cpp \
       -o "$OUT/wasi-new_stdio.o" && clang++-19 --target=wasm32-wasi --sysroot="$s" "$OUT/wasi-new_stdio.o" -llite_alloc -o "$w" &&
     node --no-warnings test/harness/run_wasm.mjs "$w" | grep -q "new_stdio: ok" &&
     wasm-objdump -x -j name "$w" | grep -q '<malloc>' &&
     ! wasm-objdump -x -j name "$w" | grep -Eq '<(dlmalloc|dlfree)>'; then
    ok "wasi: a program using only new and stdio gets lite-alloc alone"
  else bad "wasi: new_stdio"; fi
}

check_emscripten() {
  echo "== check-install emscripten (pkg-config)"
  local p=$OUT/em-prefix
  install_to "$p" emscripten || { bad "make install TARGET=emscripten"; return; }
  export PKG_CONFIG_PATH=$p/lib/pkgconfig NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
  # Only new and stdio, nothing but the installed flags (which leave Emscripten's malloc out).
  if em++ -O2 -fno-exceptions test/abi/consumer/new_stdio.cpp $(pkg-config --cflags --libs lite_alloc) \
       --profiling-funcs -o "$OUT/em-new_stdio.js" > "$OUT/em-new_stdio.log" 2>&1 &&
     node --no-experimental-fetch "$OUT/em-new_stdio.js" | grep -q 'new_stdio: ok' &&
     ! wasm-objdump -x -j name "$OUT/em-new_stdio.wasm" | grep -Eq '<(dlmalloc|dlfree|emmalloc_[a-z_]*)>' &&
     wasm-objdump -x -j name "$OUT/em-new_stdio.wasm" | grep -Eq '<(malloc|free)>'; then
    ok "emscripten pkg-config: a program using only new and stdio gets lite-alloc alone"
  else bad "emscripten pkg-config new_stdio (see $OUT/em-new_stdio.log)"; fi
}

mkdir -p "$OUT"
for part in $PARTS; do
  case $part in
    host) check_host ;;
    cortex-m4) check_cortex_m4 ;;
    wasi) check_wasi ;;
    emscripten) check_emscripten ;;
    *) echo "install.sh: unknown part $part (host cortex-m4 wasi emscripten)"; exit 2 ;;
  esac
done
echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
