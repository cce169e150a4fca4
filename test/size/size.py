#!/usr/bin/env python3
"""make size: the bytes of code and static RAM that the allocation ABI costs a program.

Method. A driver (driver.c) references only malloc free realloc calloc (second column: plus
aligned_alloc posix_memalign) and is linked with --gc-sections, so the link keeps exactly what those
calls need.
  wasm (wasm32, wasi, emscripten): size of the Code section (wasm-objdump -h) minus that of the same
    driver linked against return-0 stubs (stubs.c); static RAM: growth of the static data (the
    __stack_pointer's start, data and bss before the stack). Where a libc is linked, both links also
    reference memcpy and memset (libcref.c): every real program has them, so they are not charged;
    everything else the allocator pulls in (sbrk, abort, errno) is. wasm-ld is called directly, so
    no wasm-opt runs after the link.
  Cortex-M (newlib): .text (and .data + .bss) of the allocator's input sections in the link map:
    every section from liblite_alloc.a and libgcc.a; for newlib and newlib-nano, the members of
    libc.a / libc_nano.a that implement the allocator (malloc, free, realloc, calloc, their _r forms,
    the malloc lock, memalign). memcpy, memset, memmove and the _sbrk syscall stub are not charged.
Our libraries are built for this table as each target ships them (its default OPT: -Oz on the wasm
targets, -Os on Cortex-M and riscv32), into build/size/, once as shipped and once with
-DLITE_ALLOC_STATS=1 to show what the statistics counters cost, and (bump_freelist,
segregated_bump) once with -DLITE_ALLOC_MERGE=0 to show what the merge of a full heap costs: the
column "of which" is shipped minus that build. Peers: wasi-libc's prebuilt
dlmalloc (its libc.a); Emscripten's emmalloc.c and dlmalloc.c compiled here with clang-19 -Oz from
/usr/share/emscripten/system/lib (-fno-strict-aliasing, as emmalloc needs; sbrk from wasi-libc);
newlib 3.3.0's malloc and nano-malloc from arm-none-eabi's libc.a and libc_nano.a.
picolibc rows (Cortex-M4 LIBC=picolibc, riscv32): linked with picolibc.specs; picolibc 1.8's malloc is
charged its nano-malloc-*.c.o members of libc.a (its sbrk, lock and errno are not, nor ours).
"""
import concurrent.futures as cf
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
HERE = os.path.join(ROOT, 'test', 'size')
OUT = os.path.join(ROOT, 'build', 'size')
STRATEGIES = ['bump_freelist', 'segregated_bump', 'freelist']
WASM_TARGETS = ['wasm32', 'wasi', 'emscripten']
CM_TARGETS = ['cortex-m0', 'cortex-m4', 'cortex-m33']
# picolibc rows: row name -> (TARGET, extra make variables).
PICO_TARGETS = {'cortex-m4 picolibc': ('cortex-m4', ['LIBC=picolibc']), 'riscv32 picolibc': ('riscv32', [])}
PICO_MEM = ['-Wl,--defsym=%s' % d for d in ('__flash=0', '__flash_size=1M', '__ram=0x20000000', '__ram_size=1M',
                                           '__stack_size=4K')]
CM_FALLBACK_FLAGS = {  # used for the newlib rows when the target's toolchain file is not there yet
    'cortex-m0': '-mcpu=cortex-m0 -mthumb',
    'cortex-m4': '-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16',
    'cortex-m33': '-mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16',
}
# Goals (m/f/r/c code, bytes, of the build each target ships): wasm32 -Oz, Cortex-M4 -Os.
# The project's own goals (issue 18), written to build/size/goals.md and printed only with --goals
# (`make goals` prints the file); kept out of the README's table and out of what `make` and `make size` print.
GOALS = {'wasm32': dict(zip(STRATEGIES, (1000, 1100, 1400))),
         'cortex-m4': dict(zip(STRATEGIES, (640, 670, 880))),
         'cortex-m4 picolibc': dict(zip(STRATEGIES, (620, 650, 860)))}
ES_LIB = '/usr/share/emscripten/system/lib'
ES_SYSROOT = '/usr/share/emscripten/cache/sysroot'
WASI_LIBC = '/usr/lib/wasm32-wasi/libc.a'
EM_LIBC = ES_SYSROOT + '/lib/wasm32-emscripten/libc.a'
NEWLIB_ALLOC = re.compile(r'lib_a-(nano-)?(m|_)?(malloc|free|realloc|calloc|mlock|memalign|malign|aligned_alloc|mallocr|'
                          r'freer|reallocr|callocr|memalignr)[a-z]*\.o')


def run(cmd, **kw):
    p = subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, cwd=ROOT, **kw)
    if p.returncode:
        raise RuntimeError('%s\n%s%s' % (cmd if isinstance(cmd, str) else ' '.join(cmd), p.stdout, p.stderr))
    return p.stdout


def target_vars(t):
    t, extra = PICO_TARGETS.get(t, (t, []))
    if not os.path.exists(os.path.join(ROOT, 'toolchains', t + '.mk')):
        return None
    try:
        if run(['make', '-s', '--no-print-directory', 'TARGET=' + t, *extra, 'available']).strip() != 'yes':
            return None
        out = run(['make', '-s', '--no-print-directory', '-f', 'Makefile', '-f', 'test/size/vars.mk',
                   'TARGET=' + t, *extra, 'size-vars'])
    except RuntimeError:
        return None
    return dict(line.split('=', 1) for line in out.splitlines() if '=' in line)


# The builds of our libraries: as shipped, with the statistics counters, and (the strategies that
# have it) without the merge of a full heap, whose cost the table shows in its own column, and with
# the merge before growth as well (LITE_ALLOC_MERGE=2), what it adds in another.
VARIANTS = {'shipped': '', 'stats': '-DLITE_ALLOC_STATS=1', 'nomerge': '-DLITE_ALLOC_MERGE=0',
            'merge2': '-DLITE_ALLOC_MERGE=2'}
MERGING = ('bump_freelist', 'segregated_bump')
MERGE_BUDGET = {'wasm32': 200, 'cortex-m4': 150, 'cortex-m4 picolibc': 150}  # issue 19's cap, bytes
MERGE2_SHIPPED = ('wasi', 'emscripten')  # src/core/config.hpp: LITE_ALLOC_MERGE=2 is their default


def build_lib(t, s, variant):
    """The library as shipped, with the optional counters, or without the full-heap merge."""
    opt = '-Oz' if t in WASM_TARGETS else '-Os'
    out = 'build/size/%s%s/%s%s' % (t.replace(' ', '-'), opt, s, '' if variant == 'shipped' else '-' + variant)
    t, extra = PICO_TARGETS.get(t, (t, []))
    cmd = ['make', '-s', '--no-print-directory', 'lib', 'TARGET=' + t, *extra, 'STRATEGY=' + s, 'OPT=' + opt, 'OUT=' + out]
    if VARIANTS[variant]:
        cmd.append('EXTRA_CXXFLAGS=' + VARIANTS[variant])
    run(cmd)
    return os.path.join(ROOT, out, 'liblite_alloc.a')


# ---------------------------------------------------------------- wasm
def wasm_code_and_ram(wasm):
    h = run(['wasm-objdump', '-h', wasm])
    m = re.search(r'Code start=\S+ end=\S+ \(size=(0x[0-9a-f]+)\)', h)
    code = int(m.group(1), 16) if m else 0
    x = run(['wasm-objdump', '-x', '-j', 'Global', wasm])
    m = re.search(r'<__stack_pointer> - init i32=(\d+)', x) or re.search(r'global\[0\] i32 mutable=1.*init i32=(\d+)', x)
    return code, int(m.group(1)) if m else 0


def wasm_link(name, objs, extra=()):
    out = os.path.join(OUT, 'link', name + '.wasm')
    run(['wasm-ld-19', '-m', 'wasm32', '--no-entry', '--gc-sections', *extra, *objs, '-o', out])
    return wasm_code_and_ram(out)


class WasmKit:
    """The driver, stubs and libc of one wasm target, compiled once."""

    def __init__(self, t, cflags, libc, extra=()):
        self.t, self.libc, self.extra = t, libc, list(extra)
        d = os.path.join(OUT, 'obj', t)
        os.makedirs(d, exist_ok=True)
        os.makedirs(os.path.join(OUT, 'link'), exist_ok=True)
        cc = ['clang-19', *cflags, '-Oz', '-fno-builtin', '-c']
        self.o = {}
        for name, src, defs in (('drv', 'driver.c', []), ('drv2', 'driver.c', ['-DALIGNED']),
                                ('stubs', 'stubs.c', []), ('libcref', 'libcref.c', []),
                                ('shim', 'peer_shim.c', [])):
            self.o[name] = os.path.join(d, name + '.o')
            run(cc + defs + [os.path.join(HERE, src), '-o', self.o[name]])
        self.cflags = cflags

    def measure(self, name, alloc_objs):
        """(code m/f/r/c, code with aligned, static RAM) of alloc_objs over the stub baseline."""
        ref = [self.o['libcref']] if self.libc else []
        libc = [self.libc] if self.libc else []
        res = []
        for drv in ('drv', 'drv2'):
            base = wasm_link('%s-base-%s' % (self.t, drv), [self.o[drv], *ref, self.o['stubs'], *libc], self.extra)
            got = wasm_link('%s-%s-%s' % (self.t, name, drv), [self.o[drv], *ref, *alloc_objs, *libc], self.extra)
            res.append((got[0] - base[0], got[1] - base[1]))
        return res[0][0], res[1][0], res[0][1]


def emscripten_peer(kit, src):
    o = os.path.join(OUT, 'obj', kit.t, os.path.basename(src)[:-2] + '.o')
    run(['clang-19', '--target=wasm32-unknown-emscripten', '--sysroot=' + ES_SYSROOT, '-isystem',
         ES_SYSROOT + '/include/compat', '-Oz', '-DNDEBUG', '-fno-strict-aliasing', '-c', src, '-o', o])
    return o


# ---------------------------------------------------------------- Cortex-M
MAP_SECTION = re.compile(r'^ (\.(?:text|rodata|data|bss)\S*)\s*\n?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)', re.M)


def map_sizes(mapfile, charged):
    """(.text + .rodata, .data + .bss) of the input sections whose file `charged` accepts."""
    txt = open(mapfile).read()
    txt = txt[txt.index('Linker script and memory map'):]
    code = ram = 0
    for sec, _addr, size, f in MAP_SECTION.findall(txt):
        if not charged(f):
            continue
        if sec.startswith(('.text', '.rodata')):
            code += int(size, 16)
        else:
            ram += int(size, 16)
    return code, ram


class CortexKit:
    def __init__(self, t, flags, gcc='arm-none-eabi-gcc', pico=False):
        self.t, self.flags, self.gcc, self.pico = t.replace(' ', '-'), flags.split(), gcc, pico
        if pico:
            self.flags.append('--specs=picolibc.specs')
        d = os.path.join(OUT, 'obj', self.t)
        os.makedirs(d, exist_ok=True)
        os.makedirs(os.path.join(OUT, 'link'), exist_ok=True)
        cc = [gcc, *self.flags, '-Os', '-fno-builtin', '-ffunction-sections', '-fdata-sections', '-c']
        self.o = {}
        for name, src, defs in (('drv', 'driver.c', []), ('drv2', 'driver.c', ['-DALIGNED']),
                                ('libcref', 'libcref.c', [])):
            self.o[name] = os.path.join(d, name + '.o')
            run(cc + defs + [os.path.join(HERE, src), '-o', self.o[name]])

    def link(self, name, objs, nano, charged):
        out = os.path.join(OUT, 'link', '%s-%s' % (self.t, name))
        libc = PICO_MEM if self.pico else [*(['--specs=nano.specs'] if nano else []), '--specs=nosys.specs']
        run([self.gcc, *self.flags, '-nostartfiles', '-Wl,--gc-sections', '-Wl,-e,run', '-Wl,-u,mem', *libc, *objs,
             '-Wl,-Map,' + out + '.map', '-o', out + '.elf'])
        return map_sizes(out + '.map', charged)

    def measure(self, name, alloc_objs, nano, charged):
        a = self.link(name, [self.o['drv'], self.o['libcref'], *alloc_objs], nano, charged)
        try:
            b = self.link(name + '-aligned', [self.o['drv2'], self.o['libcref'], *alloc_objs], nano, charged)[0]
        except RuntimeError:  # newlib 3.3.0 has no posix_memalign
            b = None
        return a[0], b, a[1]


def picolibc_charged(f):
    return bool(re.search(r'libc\.a\(nano-malloc-[a-z_]*\.c\.o\)', f))


def ours_charged(f):
    return 'liblite_alloc.a' in f or 'libgcc.a' in f


def newlib_charged(f):
    m = re.search(r'(libc(?:_nano)?\.a)\((.*)\)', f)
    return bool(m and NEWLIB_ALLOC.fullmatch(m.group(2)))


# ---------------------------------------------------------------- table
def main():
    os.makedirs(OUT, exist_ok=True)
    targets = {t: target_vars(t) for t in WASM_TARGETS + CM_TARGETS + list(PICO_TARGETS)}
    missing = [t for t, v in targets.items() if v is None]
    jobs = [(t, s, v) for t in targets if targets[t] for s in STRATEGIES for v in VARIANTS if v not in ('nomerge', 'merge2') or s in MERGING]
    libs = {}
    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        futs = {ex.submit(build_lib, *j): j for j in jobs}
        for f in cf.as_completed(futs):
            libs[futs[f]] = f.result()

    rows = []  # (target, allocator, code, code_aligned, ram, stats_cost, merge_cost, merge2_cost, note)

    def ours(t, kit_measure):
        for s in STRATEGIES:
            c, ca, r = kit_measure(s, libs[(t, s, 'shipped')])
            c1, _, _ = kit_measure(s + '-stats', libs[(t, s, 'stats')])
            merge = c - kit_measure(s + '-nomerge', libs[(t, s, 'nomerge')])[0] if s in MERGING else None
            merge2 = kit_measure(s + '-merge2', libs[(t, s, 'merge2')])[0] - c if s in MERGING else None
            assert t not in MERGE2_SHIPPED or not merge2, (t, s, merge2)  # the same build
            goal = GOALS.get(t, {}).get(s)
            note = ''
            if goal:  # issue 18's goal for the code without the merge, issue 19's cap on the merge
                core = c - (merge or 0)
                note = '%s %s: %d B' % (t, s, c)
                if merge is not None:
                    budget = MERGE_BUDGET[t]
                    note += ' = %d + %d for the merge of a full heap (cap %d: %s)' % (
                        core, merge, budget, 'met' if merge <= budget else 'missed by %d B' % (merge - budget))
                note += '; %sgoal <= %d: %s' % ('without it, ' if merge is not None else '', goal,
                                                 'met' if core <= goal else 'missed by %d B' % (core - goal))
            rows.append((t, 'lite-alloc ' + s, c, ca, r, c1 - c, merge, merge2, note))

    for t in WASM_TARGETS:
        flags = (targets[t] or {}).get('TARGET_FLAGS', '')
        if t == 'wasm32':
            kit = WasmKit(t, ['--target=wasm32'], None)
            if targets[t]:
                ours(t, lambda n, lib: kit.measure(n, [lib]))
            # Emscripten's allocators, compiled here for wasm32 with clang-19 -Oz (sbrk from wasi-libc).
            pk = WasmKit('wasm32-peers', ['--target=wasm32-wasi'], WASI_LIBC)
            for peer in ('emmalloc', 'dlmalloc'):
                o = emscripten_peer(pk, os.path.join(ES_LIB, peer + '.c'))
                c, ca, r = pk.measure(peer, [o, pk.o['shim']])
                rows.append((t, 'Emscripten %s (clang-19 -Oz)' % peer, c, ca, r, None, None, None, ''))
        elif t == 'wasi':
            kit = WasmKit(t, ['--target=wasm32-wasi'], WASI_LIBC)
            if targets[t]:
                ours(t, lambda n, lib: kit.measure(n, [lib]))
            c, ca, r = kit.measure('wasi-dlmalloc', [])
            rows.append((t, 'wasi-libc dlmalloc', c, ca, r, None, None, None, ''))
        elif t == 'emscripten' and targets[t]:
            kit = WasmKit(t, ['--target=wasm32-unknown-emscripten', '--sysroot=' + ES_SYSROOT], EM_LIBC,
                          ['--allow-undefined'])
            ours(t, lambda n, lib: kit.measure(n, [lib]))
    for t in CM_TARGETS:
        flags = targets[t]['TARGET_FLAGS'] if targets[t] else CM_FALLBACK_FLAGS[t]
        flags = ' '.join(f for f in flags.split() if f.startswith(('-mcpu', '-mthumb', '-mfloat-abi', '-mfpu', '-march')))
        kit = CortexKit(t, flags)
        if targets[t]:
            ours(t, lambda n, lib: kit.measure(n, [lib], True, ours_charged))
        for name, nano in (('newlib-nano', True), ('newlib', False)):
            c, ca, r = kit.measure(name, [], nano, newlib_charged)
            rows.append((t, name + ' 3.3.0', c, ca, r, None, None, None, ''))
    for t in PICO_TARGETS:
        if not targets[t]:
            continue
        flags = ' '.join(f for f in targets[t]['TARGET_FLAGS'].split() if f.startswith(('-m', '-march')))
        kit = CortexKit(t, flags, targets[t]['CC'], pico=True)
        ours(t, lambda n, lib: kit.measure(n, [lib], True, ours_charged))
        c, ca, r = kit.measure('picolibc', [], True, picolibc_charged)
        rows.append((t, 'picolibc 1.8 malloc', c, ca, r, None, None, None, ''))

    lines = ['| target | allocator | code: malloc free realloc calloc (B) | of which: merge of a full heap (B) '
             '| code: + aligned_alloc posix_memalign (B) | static RAM (B) | code added by LITE_ALLOC_STATS=1 (B) '
             '| code added by LITE_ALLOC_MERGE=2 (B) |',
             '|---|---|---:|---:|---:|---:|---:|---:|']
    for t, a, c, ca, r, sc, mc, m2, note in rows:
        lines.append('| %s | %s | %d | %s | %s | %d | %s | %s |' % (t, a, c, '' if mc is None else mc, 'n/a' if ca is None else ca,
                                                                  r, '' if sc is None else '+%d' % sc, '' if m2 is None else 'shipped' if t in MERGE2_SHIPPED else '+%d' % m2))
    table = '\n'.join(lines)
    wasm_note = ('wasm rows: -Oz; Cortex-M and riscv32 rows: -Os. wasi and Emscripten ship LITE_ALLOC_MERGE=2: '
                 'their merge column is all of it.')
    text = table + '\n\n' + wasm_note + (
        ' Not measured (toolchain file or compiler missing): %s.' % ', '.join(missing) if missing else '') + '\n'
    print(text)
    goals = '\n'.join(note for *_, note in rows if note) + '\n'
    if '--goals' in sys.argv:
        print('Size goals:\n' + goals)
    with open(os.path.join(OUT, 'size-table.md'), 'w') as f:
        f.write(text)
    with open(os.path.join(OUT, 'goals.md'), 'w') as f:
        f.write(goals)
    with open(os.path.join(OUT, 'size.json'), 'w') as f:
        json.dump([dict(target=t, allocator=a, code=c, code_aligned=ca, ram=r, stats=sc, merge=mc)
                   for t, a, c, ca, r, sc, mc, _, _ in rows], f, indent=1)
    readme = os.path.join(ROOT, 'README.md')
    if '--readme' in sys.argv:
        put_between_markers(readme, 'size', text)


def put_between_markers(path, name, text):
    begin, end = '<!-- %s:begin -->' % name, '<!-- %s:end -->' % name
    try:
        doc = open(path).read()
    except OSError:
        doc = ''
    if begin not in doc or end not in doc:
        print('README.md has no %s markers: table left in build/' % name, file=sys.stderr)
        return
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    new = head + begin + '\n' + text.rstrip('\n') + '\n' + end + tail
    if new != doc:
        with open(path, 'w') as f:
            f.write(new)


if __name__ == '__main__':
    main()
