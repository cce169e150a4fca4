#!/usr/bin/env bash
# Fetches the real programs of `make bench` from Debian's own sources (apt-get source; the deb-src entry
# comes from toolchains/install.sh) into build/bench/src/, once: Lua 5.4 (its src/ directory), MuJS
# (Debian's mujs, a small JavaScript interpreter) and SQLite (the amalgamation sqlite3.c, made with
# tclsh from Debian's sqlite3 source). Nothing is committed.
# Prints the directories: LUA_SRC=..., MUJS_SRC=... and SQLITE_SRC=... (`fetch_sources.sh small`: Lua and
# MuJS only, for make check's bounded run of the real programs).
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=build/bench/src
mkdir -p "$dest"
fetch() {  # source package -> the extracted directory
  local pkg=$1 dir
  dir=$(ls -d "$dest/$pkg"-*/ 2>/dev/null | head -1 || true)
  if [ -z "$dir" ]; then
    echo "bench: apt-get source $pkg" >&2
    (cd "$dest" && apt-get source -qq "$pkg" >/dev/null 2>"$pkg.log") || {
      echo "bench: apt-get source $pkg failed (is the deb-src entry of toolchains/install.sh there?)" >&2
      cat "$dest/$pkg.log" >&2; exit 1; }
    dir=$(ls -d "$dest/$pkg"-*/ | head -1)
  fi
  echo "${dir%/}"
}
lua=$(fetch lua5.4)
# Debian's luaconf.h includes a header its build generates (the library path's multiarch triplet)
[ -f "$lua/src/lua5.4-deb-multiarch.h" ] || echo '#define DEB_HOST_MULTIARCH "bench"' >"$lua/src/lua5.4-deb-multiarch.h"
echo "LUA_SRC=$lua/src"
echo "MUJS_SRC=$(fetch mujs)"
[ "${1:-}" = small ] && exit 0
sqlite=$(fetch sqlite3)
if [ ! -f "$sqlite/bld/sqlite3.c" ]; then
  echo "bench: making the SQLite amalgamation (tclsh)" >&2
  mkdir -p "$sqlite/bld"
  (cd "$sqlite/bld" && ../configure --disable-tcl >configure.log 2>&1 && make sqlite3.c >make.log 2>&1) || {
    echo "bench: SQLite amalgamation failed, see $sqlite/bld/*.log" >&2; exit 1; }
fi
echo "SQLITE_SRC=$sqlite/bld"
