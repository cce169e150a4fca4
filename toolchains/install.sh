#!/usr/bin/env bash
# Installs, from Debian's packages, everything `make check`, `make size` and `make bench` need.
# Idempotent: packages already present are not fetched again. Run as root (CI is root).
set -euo pipefail

packages=(
  make gcc g++ binutils python3 pkg-config cmake   # host build, make install check (pkg-config, CMake)
  libcmocka-dev valgrind                  # host tests
  gcc-multilib g++-multilib qemu-user     # the 32-bit proof (host32: gcc -m32, qemu-i386 where needed)
  clang-19 lld-19 llvm-19 libclang-rt-19-dev libfuzzer-19-dev   # sanitizers, libFuzzer
  wasi-libc libclang-rt-19-dev-wasm32 wabt                      # wasm32-wasi and freestanding wasm32
  libc++-19-dev-wasm32 libc++abi-19-dev-wasm32                  # C++ programs on wasm32-wasi
  emscripten                              # Emscripten 3.1.6 (uses clang-14, binaryen, node)
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm  # Cortex-M
  picolibc-arm-none-eabi                  # Cortex-M with picolibc (LIBC=picolibc)
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc   # riscv32 (rv32imac, qemu-system-riscv32)
  lua5.4 sqlite3 time xz-utils            # real programs (LD_PRELOAD runs timed by /usr/bin/time), the trace
  dpkg-dev tcl python3-matplotlib         # make bench: apt-get source lua5.4 sqlite3 (the amalgamation needs tclsh), the chart
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node 20 runs the wasm tests; keep a newer one if the machine has it.
command -v node >/dev/null || missing+=(nodejs)

# make bench builds Lua and SQLite from Debian's own sources (apt-get source): a deb-src entry for the
# same archives and suites as the system's Debian entry.
src_list=/etc/apt/sources.list.d/lite-alloc-deb-src.sources
need_update=
if [ ! -e "$src_list" ] && [ -e /etc/apt/sources.list.d/debian.sources ] &&
   ! grep -qs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources; then
  echo "toolchains: adding a deb-src entry ($src_list) for apt-get source"
  sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$src_list"
  need_update=1
fi

if ((${#missing[@]})) || [ -n "$need_update" ]; then
  if ((${#missing[@]})); then echo "toolchains: installing ${missing[*]}"; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if ((${#missing[@]})); then apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; fi
fi
echo "toolchains: all present (node $(node --version))"
