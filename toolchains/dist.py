#!/usr/bin/env python3
"""make dist: one self-contained C++ source file per target family and strategy, for projects that
copy sources into an IDE or a build of their own instead of linking liblite_alloc.a.

build/dist/<family>/lite_alloc_<strategy>.cpp holds the whole library for that family (its backend,
its libc's entry points) with every setting fixed at its top, and build/dist/<family>/lite_alloc.h
the public header. Compile the .cpp with nothing but the platform's C++ compiler, C++17, no
exceptions or RTTI (e.g. `arm-none-eabi-g++ -std=c++17 -Os -fno-exceptions -fno-rtti -c`). The file
is the same code as the library, #included files inlined in order; the one difference is that in a
single object the aligned allocation is linked whenever realloc is (the library links it only when
an aligned entry point is named).
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
STRATEGIES = ['bump_freelist', 'segregated_bump', 'freelist']
# family: (defines, backend, the libc's entry points)
FAMILIES = {
    'host': (['LITE_ALLOC_FRESH_MEMORY_IS_ZERO 1'], 'host_mmap', ['mallinfo.cpp']),
    'wasi': ([], 'wasm_memory_grow', ['wasi_libc.cpp']),
    'wasm32': (['LITE_ALLOC_NO_LIBC 1'], 'wasm_memory_grow', []),
    'emscripten': ([], 'emscripten_sbrk', ['emscripten.cpp', 'mallinfo.cpp']),
    'newlib': (['LITE_ALLOC_NEWLIB 1', 'LITE_ALLOC_LIBC_LOCKS 1'], 'newlib_sbrk',
               ['newlib_reent.cpp', 'newlib_aligned.cpp']),
    # picolibc (Cortex-M and RISC-V): compile with --specs=picolibc.specs
    'picolibc': (['LITE_ALLOC_LIBC_LOCKS 1'], 'picolibc_sbrk', ['picolibc.cpp', 'picolibc_aligned.cpp', 'mallinfo.cpp']),
}
CORE = ['core/state.cpp', 'core/heap.cpp', 'core/introspect.cpp']
# After the plain entry points. In one file realloc's move is the aligned object's (LITE_ALLOC_SINGLE_FILE
# leaves out the weak default that a library would link when no aligned entry point is named).
CORE_AFTER_ABI = ['abi/aligned.cpp', 'abi/report.cpp']
# The entry points of libcs that take no lock; those that do (LITE_ALLOC_LIBC_LOCKS) bring their own.
PLAIN_ABI = 'abi/malloc_api.cpp'
STRATEGY_INCLUDE = re.compile(r'^\s*#\s*include\s+LITE_ALLOC_STRATEGY_HEADER')
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def inline(path, seen, out, strategy):
    path = os.path.normpath(path)
    if path in seen:
        return
    seen.add(path)
    out.append('// ---- %s\n' % os.path.relpath(path, ROOT))
    for line in open(path):
        m = INCLUDE.match(line)
        if m:
            inline(os.path.join(os.path.dirname(path), m.group(1)), seen, out, strategy)
        elif STRATEGY_INCLUDE.match(line):
            inline(os.path.join(ROOT, 'src', 'strategy', strategy + '.hpp'), seen, out, strategy)
        elif not line.startswith('#pragma once'):
            out.append(line)


def main():
    for family, (defines, backend, abi) in FAMILIES.items():
        d = os.path.join(ROOT, 'build', 'dist', family)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(ROOT, 'include', 'lite_alloc.h')) as f, open(os.path.join(d, 'lite_alloc.h'), 'w') as g:
            g.write(f.read())
        for s in STRATEGIES:
            out = ['// lite-alloc, %s strategy, for %s: the whole library in one file (make dist).\n' % (s, family),
                   '// Generated from the sources; settings fixed here.\n',
                   '#define LITE_ALLOC_STRATEGY_%s 1\n' % s,
                   '#define LITE_ALLOC_SINGLE_FILE 1\n']  # (the weak realloc moves give way to the aligned ones)
            out += ['#define %s\n' % dfn for dfn in defines]
            seen = set()
            plain = [] if 'LITE_ALLOC_LIBC_LOCKS 1' in defines else [PLAIN_ABI]
            files = CORE + plain + CORE_AFTER_ABI + ['backend/%s.cpp' % backend] + ['abi/' + a for a in abi]
            for f in files:
                inline(os.path.join(ROOT, 'src', f), seen, out, s)
            path = os.path.join(d, 'lite_alloc_%s.cpp' % s)
            with open(path, 'w') as g:
                g.write(''.join(out))
            print('dist: %s' % os.path.relpath(path, ROOT))


if __name__ == '__main__':
    sys.exit(main())
