#!/usr/bin/env python3
"""make check-advise: the tests of make advise (test/advise).

1. The recorder: test/advise/probe.c makes a known sequence of calls between two marker blocks; it is
   recorded three ways (the LD_PRELOAD recorder on the host, a RECORD=1 build on the host, a RECORD=1
   build on Cortex-M4 under QEMU) and each trace must hold exactly those operations on those blocks.
2. Bad input: malformed and truncated traces are rejected with the line number; a replay file whose
   operations name blocks that were never allocated (bypassing the checker) gives an error message
   from the replayer, not a crash.
3. make advise on a trace of more than a million calls of Debian's lua5.4 running
   test/advise/churn.lua (recorded here, host; bounded in time, and each replay mode's CPU time checked
   against a bare replay's, so that a measurement that costs more than O(1) per call fails), on a
   trace of test/advise/cm_app.c recorded under QEMU (TARGET=cortex-m4, then TARGET=wasi and
   TARGET=emscripten), and on a generated Cortex-M4 trace of 2.4 MB live, which needs the board's RAM
   for the heap under test: every strategy's smallest region (and on Cortex-M4 newlib's smallest
   heap) is replayed again here, at N (must succeed) and N - 8 (must fail); the table, the
   recommendation and the SVG must be there.
Arguments: run only the tests whose name holds one of them.
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'test', 'advise'))
import advise  # noqa: E402

OUT = os.path.join(ROOT, 'build', 'advise', 'test')
TOOL = ['python3', os.path.join(ROOT, 'test', 'advise', 'advise.py')]
CM_FLAGS = advise.CM_FLAGS
HARNESS = os.path.join(ROOT, 'test', 'harness', 'cortex_m')
passed = failed = 0


def run(cmd, check=True, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, **kw)
    if check and p.returncode:
        raise RuntimeError('%s: exit %d\n%s%s' % (' '.join(cmd), p.returncode, p.stdout[-3000:], p.stderr[-3000:]))
    return p


def test(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print('ok   %s' % name)
    except Exception as e:  # a failed assertion or a tool's error: report it, go on
        failed += 1
        print('FAIL %s: %s' % (name, e))


# ---------------------------------------------------------------- 1. the recorder
# The probe's calls: (operation, block label, numbers...). Labels stand for block ids.
PROBE = [('m', 'M', 7001), ('m', 'a', 100), ('c', 'b', 3, 7), ('r', 'a', 200), ('a', 'c', 64, 10),
         ('a', 'd', 32, 48), ('f', 'b'), ('m', 'e', 5), ('f', 'a'), ('f', 'c'), ('f', 'd'), ('f', 'e'),
         ('f', 'M'), ('m', 'E', 7002), ('f', 'E')]


def check_probe(trace_path):
    t = advise.parse_trace(trace_path)
    ops = [(k, i, a, b) for k, i, a, b, _ in t.ops]
    start = next((n for n, o in enumerate(ops) if o[0] == 'm' and o[2] == 7001), None)
    assert start is not None, 'no malloc(7001) marker in the trace'
    window = ops[start:start + len(PROBE)]
    assert len(window) == len(PROBE), 'the trace ends inside the probe'
    label_id, live_ids = {}, set()  # the blocks live when the probe starts
    for k, i, *_ in ops[:start]:
        (live_ids.discard if k == 'f' else live_ids.add)(i)
    for n, (want, got) in enumerate(zip(PROBE, window)):
        k, label, nums = want[0], want[1], list(want[2:])
        gk, gid, ga, gb = got
        assert gk == k, 'operation %d of the probe: %s, expected %s' % (n, got, want)
        got_nums = {'m': [ga], 'c': [ga, gb], 'a': [ga, gb], 'r': [ga], 'f': []}[gk]
        assert got_nums == nums, 'operation %d of the probe: %s, expected %s' % (n, got, want)
        if k in 'mca':
            assert gid not in live_ids and gid not in label_id.values(), \
                'operation %d of the probe allocates block %d, which is live' % (n, gid)
            label_id[label] = gid
        else:
            assert label_id.get(label) == gid, 'operation %d of the probe is on block %d, expected %s (block %s)' % (
                n, gid, label, label_id.get(label))
            if k == 'f':
                label_id[label] = None


def check_recorded(output, out_path, trace_name):
    """The probe ran on a RECORD=1 build: its output (kept at out_path) converts to a trace that
    holds the probe's operations."""
    assert 'probe: ok' in output, output[-500:]
    with open(out_path, 'w') as f:
        f.write(output)
    tr = os.path.join(OUT, trace_name)
    run(TOOL + ['convert', out_path, '-o', tr])
    check_probe(tr)


def test_record_preload():
    p = os.path.join(OUT, 'probe-host')
    run(['cc', '-O1', '-Wall', os.path.join(ROOT, 'test', 'advise', 'probe.c'), '-o', p])
    tr = os.path.join(OUT, 'probe-preload.trace')
    r = run(TOOL + ['record', '-o', tr, '--', p])
    assert 'probe: ok' in r.stdout, r.stdout
    check_probe(tr)


def test_record_build_host():
    run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=host', 'STRATEGY=freelist', 'RECORD=1'])
    p = os.path.join(OUT, 'probe-record')
    run(['cc', '-O1', '-Wall', os.path.join(ROOT, 'test', 'advise', 'probe.c'),
         'build/host/freelist/record/liblite_alloc.a', '-o', p])
    raw = run([p]).stdout
    assert '@la1 m 1b59 ' in raw, raw[-500:]
    check_recorded(raw, p + '.out', 'probe-record.trace')


def test_record_build_wasi():
    run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=wasi', 'STRATEGY=freelist', 'RECORD=1'])
    wasm = os.path.join(OUT, 'probe.wasm')
    run(['clang-19', '--target=wasm32-wasi', '-O2', '-Wall', '-Iinclude', os.path.join(ROOT, 'test', 'advise', 'probe.c'),
         'build/wasi/freelist/record/liblite_alloc.a', '-o', wasm])
    p = run(['node', '--no-warnings', os.path.join(ROOT, 'test', 'harness', 'run_wasm.mjs'), wasm])
    check_recorded(p.stdout, wasm + '.out', 'probe-wasi.trace')


def test_record_build_emscripten():
    run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=emscripten', 'STRATEGY=bump_freelist', 'RECORD=1'])
    js = os.path.join(OUT, 'probe-em.js')
    env = dict(os.environ, NODE_PATH='/usr/share/nodejs')
    run(['emcc', '-O2', '-Iinclude', os.path.join(ROOT, 'test', 'advise', 'probe.c'),
         'build/emscripten/bump_freelist/record/liblite_alloc.a', '-sMALLOC=none', '-sEXIT_RUNTIME=1', '-o', js], env=env)
    p = run(['node', '--no-experimental-fetch', js])
    check_recorded(p.stdout, js + '.out', 'probe-em.trace')


def cm_link(src, lib_dir, out, extra=()):
    run(['arm-none-eabi-gcc', *CM_FLAGS, '-Os', '-g', '-ffunction-sections', '-fdata-sections', '-Wall', '-Iinclude',
         '-nostartfiles', '-L' + HARNESS, '-T' + HARNESS + '/mps2-an386.ld', '-Wl,--gc-sections',
         '--specs=nano.specs', '--specs=rdimon.specs', *extra, src, HARNESS + '/startup.c', '-L' + lib_dir,
         '-llite_alloc', '-Wl,-Map=' + out + '.map', '-o', out])
    with open(out + '.map') as f:
        m = f.read()
    assert 'liblite_alloc.a(record.o)' in m and not re.search(r'lib_a-nano-mallocr\.o', m), \
        'the recording lite-alloc is not the only heap of ' + out


def qemu(elf):
    p = run(['timeout', '120', 'qemu-system-arm', '-M', 'mps2-an386', '-semihosting-config', 'enable=on,target=native',
             '-nographic', '-monitor', 'none', '-serial', 'none', '-kernel', elf], check=False)
    assert p.returncode == 0, '%s: exit %d\n%s' % (elf, p.returncode, p.stdout[-1000:])
    with open(elf + '.out', 'w') as f:
        f.write(p.stdout)
    return p.stdout


def test_record_build_cortex_m4():
    run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=cortex-m4', 'STRATEGY=segregated_bump', 'RECORD=1'])
    elf = os.path.join(OUT, 'probe-cm4.elf')
    cm_link(os.path.join(ROOT, 'test', 'advise', 'probe.c'), 'build/cortex-m4/segregated_bump/record', elf)
    check_recorded(qemu(elf), elf + '.out', 'probe-cm4.trace')


# ---------------------------------------------------------------- 2. bad input
H = advise.HEADER + '\n'
BAD = [
    ('empty file', '', 'line 1: not a lite-alloc trace'),
    ('wrong header', 'lite-alloc-trace 2\nm 0 8\nend 1\n', 'line 1: not a lite-alloc trace'),
    ('unknown operation', H + 'm 0 8\nx 0 8\nend 2\n', "line 3: unknown operation 'x'"),
    ('missing number', H + 'm 0\nend 1\n', "line 2: 'm' takes 2 numbers, found 1"),
    ('extra number', H + 'f 0 1\nend 1\n', "line 2: 'f' takes 1 numbers, found 2"),
    ('not a number', H + 'm 0 8\nc 1 2 zz\nend 2\n', "line 3: 'zz' is not a decimal number"),
    ('negative', H + 'm 0 -8\nend 1\n', "line 2: '-8' is not a decimal number"),
    ('too big', H + 'm 0 4294967296\nend 1\n', 'line 2: a number out of range'),
    ('calloc overflow', H + 'c 0 65536 65536\nend 1\n', 'line 2: calloc(65536, 65536) is above'),
    ('bad alignment', H + 'a 0 24 8\nend 1\n', 'line 2: alignment 24 is not a power of two'),
    ('truncated', H + 'm 0 8\nm 1 16\nf 0\n', "line 5: truncated: no 'end 3' line"),
    ('cut mid-line', H + 'm 0 8\nm 1', "line 3: 'm' takes 2 numbers, found 1"),
    ('wrong count', H + 'm 0 8\nf 0\nend 5\n', 'line 4: the end line counts 5 operations, the trace has 2'),
    ('after end', H + 'm 0 8\nend 1\nf 0\n', 'line 4: text after the end line'),
    ('free of a never-allocated block', H + 'm 0 8\n# x\nf 3\nend 2\n',
     'line 4: free of block 3, which the trace never allocated'),
    ('realloc of a never-allocated block', H + 'r 7 8\nend 1\n',
     'line 2: realloc of block 7, which the trace never allocated'),
    ('double free', H + 'm 0 8\nf 0\nf 0\nend 3\n', 'line 4: free of block 0, freed at line 3'),
    ('allocation over a live block', H + 'm 0 8\nm 0 8\nend 2\n',
     'line 3: block 0 is allocated again while live (allocated at line 2)'),
    ('binary', 'lite-alloc-trace 1\nm 0 8\xff\nend 1\n', 'not a text trace'),
]


def make_bad_test(text, want):
    def t():
        path = os.path.join(OUT, 'bad.trace')
        with open(path, 'w', encoding='latin-1') as f:
            f.write(text)
        for args in (['check', path], ['advise', path]):
            p = run(TOOL + args, check=False)
            assert p.returncode == 1, '%s: exit %d, expected 1' % (args[0], p.returncode)
            assert want in p.stderr, '%s: %r, expected %r' % (args[0], p.stderr.strip(), want)
            assert 'Traceback' not in p.stderr, p.stderr
    return t


def test_replayer_bad_blocks():
    """The replayer checks the block ids itself: a replay file written without the checker."""
    run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=host', 'STRATEGY=bump_freelist', 'VARIANT=testing'])
    exe = os.path.join(OUT, 'replay-bump_freelist')
    tools = os.path.join(ROOT, 'test', 'advise')
    run(['cc', '-O1', '-Wall', '-Iinclude', '-Wl,--wrap=mprotect', *(os.path.join(tools, f) for f in ('replay.c', 'replay_host.c',
                                                                                 'alloc_lite.c')),
         'build/host/bump_freelist/testing/liblite_alloc.a', '-o', exe])
    cases = [([('m', 0, 8, 0, 2), ('f', 1, 0, 0, 3)], 2, 'error op 1: free of the never-allocated block 1'),
             ([('r', 0, 8, 0, 2)], 1, 'error op 0: realloc of the never-allocated block 0'),
             ([('m', 0, 8, 0, 2), ('m', 0, 8, 0, 3)], 1, 'error op 1: allocation into the live block 0'),
             ([('f', 9, 0, 0, 2)], 1, 'error op 0: no such block 9')]
    for ops, n_ids, want in cases:
        b = os.path.join(OUT, 'bad.bin')
        advise.write_bin(advise.Trace(ops, n_ids, 'bad'), b)
        for mode in (['time'], ['run'], ['search', '65536', '8'], ['map', '65536', '10']):
            p = run([exe, b, *mode], check=False)
            assert p.returncode == 1 and want in p.stdout, '%s %s: exit %d, %r (expected %r)' % (
                ops, mode, p.returncode, p.stdout.strip(), want)
    p = run([exe, os.path.join(ROOT, 'test', 'advise', 'app.lua'), 'time'], check=False)
    assert p.returncode == 2 and 'not a replay file' in p.stderr, p.stderr


# ---------------------------------------------------------------- 3. make advise
def advise_and_verify(trace, target, replay_region, timeout=None):
    p = run(['make', '-s', '--no-print-directory', 'advise', 'TRACE=' + trace, 'TARGET=' + target], timeout=timeout)
    text = p.stdout
    print('\n'.join('     ' + l for l in text.strip().split('\n')))
    rows = {}
    for line in text.split('\n'):
        m = re.match(r'\| lite-alloc (\w+) +\| +([\d ]+) \| +([\d.]+|-) \| +([\d ]+) \| +([\d ]+) \| +line (\d+) \|', line)
        if m:
            rows[m.group(1)] = int(m.group(5).replace(' ', ''))
    assert sorted(rows) == sorted(advise.STRATEGIES), 'table rows: %s\n%s' % (sorted(rows), text)
    assert re.search(r'^recommended: lite-alloc \w+ with a \d+-byte region', text, re.M), 'no recommendation'
    peers = {'host': ['glibc'], 'cortex-m4': ['newlib-nano', 'newlib'], 'wasi': ['wasi-libc dlmalloc'],
             'emscripten': [r'dlmalloc \(Emscripten\)', r'emmalloc \(Emscripten\)']}[target]
    for peer in peers:
        assert re.search(r'^\| %s +\| +[^|]+\| +([\d.]+|-) \| +[\d ]+ \|' % peer, text, re.M), 'no %s row' % peer
    for s, n in rows.items():  # the region search, checked from outside: N runs the trace, N - 8 does not
        assert n % advise.STEP == 0
        at, below = replay_region(s, n), replay_region(s, n - advise.STEP)
        assert at == -1, '%s: the region of %d bytes failed at op %d' % (s, n, at)
        assert below >= 0, '%s: a region of %d bytes (8 below the answer) ran the whole trace' % (s, n - 8)
    if target == 'cortex-m4':  # newlib's smallest heap (a cap on _sbrk), checked the same way
        for peer in peers:
            m = re.search(r'^\| %s +\|[^|]+\|[^|]+\|[^|]+\| +([\d ]+) \| +line \d+ \|' % peer, text, re.M)
            assert m, 'no smallest heap for %s' % peer
            n = int(m.group(1).replace(' ', ''))
            assert replay_region(peer + '-cap', n) == -1, '%s: a heap of %d bytes failed' % (peer, n)
            assert replay_region(peer + '-cap', n - advise.STEP) >= 0, '%s: %d bytes sufficed' % (peer, n - 8)
    svg = os.path.join(ROOT, 'build', 'advise', target, 'advise.svg')
    root = ET.parse(svg).getroot()
    texts = ' '.join(e.text or '' for e in root.iter('{http://www.w3.org/2000/svg}text'))
    for s in advise.STRATEGIES:
        assert s in texts, 'the picture has no band for %s' % s
    assert len(list(root.iter('{http://www.w3.org/2000/svg}polyline'))) == 4, 'the picture has not 4 curves'
    return text


def cpu(cmd):
    """CPU seconds (user + system) of one command, and its output."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = run(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, p.stdout


def test_lua_host():
    """A trace of more than a million calls from lua5.4 (test/advise/churn.lua 5), through make advise
    in bounded time; then every per-call measurement is shown O(1) on it: the run (footprint after
    every call), the map (high-water mark after every call) and each replay of the region search cost
    a few times a bare replay, not a multiple of the heap's size (a heap walk per call made a run of
    such a trace minutes long)."""
    tr = os.path.join(ROOT, 'build', 'advise', 'lua.trace')
    r = run(TOOL + ['record', '-o', tr, '--', 'lua5.4', os.path.join(ROOT, 'test', 'advise', 'churn.lua'), '5'])
    assert r.stdout.split() == ['29997', '4096'], 'lua5.4 printed %r' % r.stdout
    t = advise.parse_trace(tr)
    c = t.counts()
    assert len(t.ops) > 1_000_000 and c.get('f', 0) > 400_000 and c.get('r', 0) > 100_000, c
    host = os.path.join(ROOT, 'build', 'advise', 'host')

    def region(s, n):
        p = run([os.path.join(host, 'replay-' + s), os.path.join(host, 'trace.bin'), 'map', str(n), '1'])
        return advise.parse_out(p.stdout)['map']['failed_at']
    text = advise_and_verify(os.path.relpath(tr, ROOT), 'host', region, timeout=900)
    for s in advise.STRATEGIES + ['glibc']:
        exe, trace = os.path.join(host, 'replay-' + s), os.path.join(host, 'trace.bin')
        bare = min(cpu([exe, trace, 'time'])[0] for _ in range(3))
        for mode in (['run'], ['search', 2 * t.peak_live(), advise.STEP]) if s != 'glibc' else (['run'],):
            took, out = cpu([exe, trace, *map(str, mode)])
            replays = advise.parse_out(out).get('search', {}).get('replays', 1)
            assert took <= 4 * replays * bare + 0.5, '%s %s: %.2f s of CPU for %d replays, a bare replay %.3f s' % (
                s, mode[0], took, replays, bare)
        if s != 'glibc':
            n = int(re.search(r'^\| lite-alloc %s .*?\| +([\d ]+) \| +line' % s, text, re.M).group(1).replace(' ', ''))
            took, _ = cpu([exe, trace, 'map', str(n), str(advise.SAMPLES)])
            assert took <= 4 * bare + 0.5, '%s map: %.2f s of CPU, a bare replay %.3f s' % (s, took, bare)


def test_cortex_m4():
    run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=cortex-m4', 'STRATEGY=bump_freelist', 'RECORD=1'])
    elf = os.path.join(OUT, 'cm_app.elf')
    cm_link(os.path.join(ROOT, 'test', 'advise', 'cm_app.c'), 'build/cortex-m4/bump_freelist/record', elf)
    out = qemu(elf)
    assert 'cm_app: ok' in out, out[-500:]
    tr = os.path.join(ROOT, 'build', 'advise', 'cm_app.trace')
    run(TOOL + ['convert', elf + '.out', '--source', 'test/advise/cm_app.c on Cortex-M4 (QEMU mps2-an386)',
                '-o', tr])
    t = advise.parse_trace(tr)
    assert len(t.ops) > 3000 and t.counts().get('c', 0) > 10, t.counts()

    def region(s, n):
        plat = advise.CortexM4.__new__(advise.CortexM4)
        plat.elf = {s: os.path.join(ROOT, 'build', 'advise', 'cortex-m4', 'replay-%s.elf' % s)}
        plat.bin = os.path.join(ROOT, 'build', 'advise', 'cortex-m4', 'trace.bin')
        if s.endswith('-cap'):
            return plat.replay(s, 'limit', n)[0]['limit']['failed_at']
        return plat.replay(s, 'map', n, 1)[0]['map']['failed_at']
    advise_and_verify(os.path.relpath(tr, ROOT), 'cortex-m4', region)


def test_emscripten():
    tr = os.path.join(ROOT, 'build', 'advise', 'cm_app.trace')  # written by test_cortex_m4

    def region(s, n):
        plat = advise.Emscripten.__new__(advise.Emscripten)
        plat.js = {s: os.path.join(ROOT, 'build', 'advise', 'emscripten', 'replay-%s.js' % s)}
        plat.bin = os.path.join(ROOT, 'build', 'advise', 'emscripten', 'trace.bin')
        plat.env = dict(os.environ, NODE_PATH='/usr/share/nodejs')
        return plat.replay(s, 'map', n, 1)[0]['map']['failed_at']
    advise_and_verify(os.path.relpath(tr, ROOT), 'emscripten', region)


def test_cortex_m4_board_ram():
    """A trace whose live payload (about 2.4 MB) fits the board's 4 MiB only if the heap under test
    gets the RAM: newlib does, so every lite-alloc strategy must too (a run on its default backend,
    _sbrk, and a smallest region above 2 MiB), never an out-of-memory of the replayer's making."""
    lines, live, n = [advise.HEADER], {}, 0
    for i in range(880):
        size = 3000 + (i * 977) % 2000
        lines.append('m %d %d' % (i, size))
        live[i] = size
        if i % 3 == 2:
            lines.append('f %d' % (i - 2))
            del live[i - 2]
        elif i % 5 == 4:
            lines.append('r %d %d' % (i - 1, live[i - 1] + 500))
            live[i - 1] += 500
    for i in sorted(live)[::2]:
        lines.append('f %d' % i)
    ops = len(lines) - 1
    tr = os.path.join(OUT, 'board-ram.trace')
    with open(tr, 'w') as f:
        f.write('\n'.join(lines + ['end %d' % ops]) + '\n')
    t = advise.parse_trace(tr)
    assert 2_200_000 < t.peak_live() < 2_600_000, t.peak_live()

    def region(s, n):
        plat = advise.CortexM4.__new__(advise.CortexM4)
        plat.elf = {s: os.path.join(ROOT, 'build', 'advise', 'cortex-m4', 'replay-%s.elf' % s)}
        plat.bin = os.path.join(ROOT, 'build', 'advise', 'cortex-m4', 'trace.bin')
        if s.endswith('-cap'):
            return plat.replay(s, 'limit', n)[0]['limit']['failed_at']
        return plat.replay(s, 'map', n, 1)[0]['map']['failed_at']
    text = advise_and_verify(os.path.relpath(tr, ROOT), 'cortex-m4', region)
    for s in advise.STRATEGIES:
        m = re.search(r'^\| lite-alloc %s +\|[^|]+\|[^|]+\| +([\d ]+) \| +([\d ]+) \|' % s, text, re.M)
        assert m, 'lite-alloc %s: no peak footprint or region' % s
        assert int(m.group(2).replace(' ', '')) > 2 << 20, 'lite-alloc %s: region %s' % (s, m.group(2))


def test_wasi():
    tr = os.path.join(ROOT, 'build', 'advise', 'cm_app.trace')  # written by test_cortex_m4

    def region(s, n):
        plat = advise.Wasi.__new__(advise.Wasi)
        plat.wasm = {s: os.path.join(ROOT, 'build', 'advise', 'wasi', 'replay-%s.wasm' % s)}
        plat.bin = os.path.join(ROOT, 'build', 'advise', 'wasi', 'trace.bin')
        return plat.replay(s, 'map', n, 1)[0]['map']['failed_at']
    advise_and_verify(os.path.relpath(tr, ROOT), 'wasi', region)


def main():
    """Every test, or those whose name holds one of the arguments."""
    os.makedirs(OUT, exist_ok=True)
    chosen = sys.argv[1:]
    global test
    run_test = test

    def test(name, fn):
        if not chosen or any(c in name for c in chosen):
            run_test(name, fn)
    have_cm = all(shutil.which(x) for x in ('arm-none-eabi-gcc', 'qemu-system-arm'))
    test('recorder: LD_PRELOAD on the host', test_record_preload)
    test('recorder: RECORD=1 build on the host', test_record_build_host)
    if all(run(['make', '-s', '--no-print-directory', 'TARGET=' + t, 'available'], check=False).stdout.strip() == 'yes'
           for t in ('wasi', 'emscripten')) and shutil.which('node'):
        test('recorder: RECORD=1 build on wasm32-wasi (node)', test_record_build_wasi)
        test('recorder: RECORD=1 build on Emscripten (node)', test_record_build_emscripten)
    else:
        global failed
        failed += 1
        print('FAIL wasm: the wasi or emscripten toolchain (clang-19, wasi-libc, emcc, node) is not installed: run make toolchains')
    for name, text, want in BAD:
        test('bad trace: ' + name, make_bad_test(text, want))
    test('replayer: operations on blocks never allocated', test_replayer_bad_blocks)
    test('make advise: a million calls of lua5.4 on the host, every per-call measurement O(1)', test_lua_host)
    if have_cm:
        test('recorder: RECORD=1 build on Cortex-M4 (QEMU)', test_record_build_cortex_m4)
        test('make advise: a Cortex-M4 program recorded under QEMU', test_cortex_m4)
        test('make advise TARGET=wasi: the same trace under node', test_wasi)
        test('make advise TARGET=emscripten: the same trace under node', test_emscripten)
        test('make advise TARGET=cortex-m4: a heap of 2.4 MB gets the board\'s RAM', test_cortex_m4_board_ram)
    else:
        failed += 1
        print('FAIL Cortex-M4: arm-none-eabi-gcc or qemu-system-arm is not installed: run make toolchains')
    print('advise: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
