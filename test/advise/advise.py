#!/usr/bin/env python3
"""make advise: which lite-alloc strategy, and how big a heap, for one program's own allocations.

  advise.py record -o app.trace -- PROGRAM ARGS...   host: record a program under LD_PRELOAD
  advise.py convert RAW -o app.trace                 raw recorder lines (RECORD=1 build) -> trace
  advise.py check app.trace                          validate a trace, print its summary
  advise.py advise app.trace [--target host|cortex-m4|wasi|emscripten] [--out DIR]
                                                     the table, the recommendation, the SVG

The trace format (version 1) is described in test/advise/README.md. Every replay runs the trace's
operations in order on one allocator (test/advise/replay.c): on the host natively (instructions per
call from callgrind), on Cortex-M4 under QEMU mps2-an386 (instructions per call from -icount), on
wasm32-wasi and Emscripten under node. The trace reaches the replayer as a file (trace.bin).
"""
import argparse
import heapq
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
HERE = os.path.join(ROOT, 'test', 'advise')
STRATEGIES = ['bump_freelist', 'segregated_bump', 'freelist']
HEADER = 'lite-alloc-trace 1'
RAW_MARK = '@la1 '
U32 = 0xFFFFFFFF
MAX_IDS = 1 << 24
STEP = 8          # region sizes are searched in steps of 8 bytes
SAMPLES = 400     # points of the footprint-over-time curve
SPEED_MARGIN = 0.25   # "fastest within": a strategy this much faster per call may win ...
BYTES_MARGIN = 0.10   # ... if it costs at most this much more code + region
CM_FLAGS = ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16']
CM_RAM = 4 << 20   # the MPS2-AN386's RAM: no heap or region on it can be larger


class TraceError(Exception):
    pass


def die(msg):
    print('advise: ' + msg, file=sys.stderr)
    sys.exit(1)


def run(cmd, check=True, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, **kw)
    if check and p.returncode:
        raise RuntimeError('%s\nexit %d\n%s%s' % (' '.join(cmd), p.returncode, p.stdout[-3000:], p.stderr[-3000:]))
    return p


# ---------------------------------------------------------------- the trace
class Trace:
    """ops: (kind, id, a, b, line). kind m: malloc(a); c: calloc(a, b); a: memalign(a, b);
    r: realloc(id, a); f: free(id)."""

    def __init__(self, ops, n_ids, name):
        self.ops, self.n_ids, self.name = ops, n_ids, name
        self._peak = self._counts = None

    def peak_live(self):
        if self._peak is None:
            self._peak = self._peak_live()
        return self._peak

    def _peak_live(self):
        sizes, now, best = {}, 0, 0
        for k, i, a, b, _ in self.ops:
            if k in 'rf':
                now -= sizes.pop(i)
            if k != 'f':
                sizes[i] = a * b if k == 'c' else b if k == 'a' else a
                now += sizes[i]
            best = max(best, now)
        return best

    def counts(self):
        if self._counts is None:
            import collections
            self._counts = dict(collections.Counter(op[0] for op in self.ops))
        return self._counts


def parse_trace(path):
    """Reads and validates a trace; TraceError('line N: ...') on the first problem."""
    try:
        with open(path, encoding='ascii', errors='strict') as f:
            lines = f.read().split('\n')
    except UnicodeDecodeError as e:
        raise TraceError('not a text trace (byte %d is not ASCII)' % e.start)
    except OSError as e:
        raise TraceError(str(e))
    if lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[0].strip() != HEADER:
        raise TraceError("line 1: not a lite-alloc trace (the first line must be '%s')" % HEADER)
    ops, live, where, n_ids, ended = [], {}, {}, 0, None
    nums = {'m': 2, 'c': 3, 'a': 3, 'r': 2, 'f': 1, 'end': 1}
    append = ops.append
    for no, text in enumerate(lines[1:], start=2):
        f = text.split()
        if not f or f[0][0] == '#':
            continue
        if ended is not None:
            raise TraceError('line %d: text after the end line (line %d)' % (no, ended))
        k = f[0]
        want = nums.get(k)
        if want is None:
            raise TraceError("line %d: unknown operation '%s' (one of m c a r f end)" % (no, k))
        if len(f) != 1 + want:
            raise TraceError("line %d: '%s' takes %d numbers, found %d" % (no, k, want, len(f) - 1))
        if not ''.join(f[1:]).isdigit():  # the file is ASCII: only 0-9 pass
            bad = [x for x in f[1:] if not x.isdigit()]
            raise TraceError("line %d: '%s' is not a decimal number" % (no, bad[0]))
        v = [int(x) for x in f[1:]]
        if max(v) > U32:
            raise TraceError('line %d: a number out of range (0 to %d)' % (no, U32))
        if k == 'end':
            if v[0] != len(ops):
                raise TraceError('line %d: the end line counts %d operations, the trace has %d (truncated or edited?)'
                                 % (no, v[0], len(ops)))
            ended = no
            continue
        i = v[0]
        if i >= MAX_IDS:
            raise TraceError('line %d: block id %d is above the limit %d' % (no, i, MAX_IDS - 1))
        if k in 'mca':
            if i in live:
                raise TraceError('line %d: block %d is allocated again while live (allocated at line %d)'
                                 % (no, i, live[i]))
            if k == 'a' and (v[1] == 0 or v[1] & (v[1] - 1)):
                raise TraceError('line %d: alignment %d is not a power of two' % (no, v[1]))
            if k == 'c' and v[1] * v[2] > U32:
                raise TraceError('line %d: calloc(%d, %d) is above %d bytes' % (no, v[1], v[2], U32))
            live[i] = no
            if i >= n_ids:
                n_ids = i + 1
        else:
            if i not in live:
                what = 'free' if k == 'f' else 'realloc'
                if i in where:
                    raise TraceError('line %d: %s of block %d, freed at line %d' % (no, what, i, where[i]))
                raise TraceError('line %d: %s of block %d, which the trace never allocated' % (no, what, i))
            if k == 'f':
                del live[i]
                where[i] = no
        append((k, i, v[1] if want > 1 else 0, v[2] if want > 2 else 0, no))
    if ended is None:
        raise TraceError("line %d: truncated: no 'end %d' line after the last operation" % (len(lines) + 1, len(ops)))
    return Trace(ops, n_ids, os.path.basename(path))


# ---------------------------------------------------------------- recording
def convert(raw_lines, source=''):
    """Raw recorder lines (record.cpp, record_shim.c) to trace text: addresses become block ids
    (the lowest free id first). Failed requests are not operations; realloc(p, 0) that returned
    NULL freed p (glibc); a free of a pointer never seen is counted and skipped."""
    ids, free_ids, out, n_ids, skipped = {}, [], [], 0, 0

    def take(addr):
        nonlocal n_ids
        if free_ids:
            i = heapq.heappop(free_ids)
        else:
            i, n_ids = n_ids, n_ids + 1
        ids[addr] = i
        return i

    for no, line in enumerate(raw_lines, start=1):
        at = line.find(RAW_MARK)
        if at < 0:
            continue
        f = line[at + len(RAW_MARK):].split()
        want = {'m': 2, 'c': 3, 'a': 3, 'r': 3, 'f': 1}
        if not f or f[0] not in want or len(f) != 1 + want[f[0]]:
            raise TraceError('raw line %d: malformed recorder line: %r' % (no, line[at:].strip()))
        try:
            v = [int(x, 16) for x in f[1:]]
        except ValueError:
            raise TraceError('raw line %d: not hexadecimal: %r' % (no, line[at:].strip()))
        k = f[0]
        if k == 'm' and v[1]:
            out.append('m %d %d' % (take(v[1]), v[0]))
        elif k == 'c' and v[2]:
            out.append('c %d %d %d' % (take(v[2]), v[0], v[1]))
        elif k == 'a' and v[2]:
            out.append('a %d %d %d' % (take(v[2]), v[0], v[1]))
        elif k == 'r':
            old, size, new = v
            if old and old not in ids:
                skipped += 1
                if new:
                    out.append('m %d %d' % (take(new), size))
            elif not old:
                if new:
                    out.append('m %d %d' % (take(new), size))
            elif new:
                i = ids.pop(old)
                ids[new] = i
                out.append('r %d %d' % (i, size))
            elif size == 0:  # realloc(p, 0) returned NULL: p was freed
                i = ids.pop(old)
                heapq.heappush(free_ids, i)
                out.append('f %d' % i)
        elif k == 'f':
            if v[0] in ids:
                i = ids.pop(v[0])
                heapq.heappush(free_ids, i)
                out.append('f %d' % i)
            else:
                skipped += 1
    head = [HEADER, '# recorded by lite-alloc advise' + (' from: ' + source if source else '')]
    if skipped:
        head.append('# %d calls on pointers the recorder never saw allocated were left out' % skipped)
    return '\n'.join(head + out + ['end %d' % len(out)]) + '\n'


def build_shim():
    out = os.path.join(ROOT, 'build', 'advise', 'record_shim.so')
    src = os.path.join(HERE, 'record_shim.c')
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        run(['cc', '-O2', '-Wall', '-shared', '-fPIC', src, '-o', out])
    return out


def cmd_record(args):
    if not args.command:
        die('record: which program? advise.py record -o app.trace -- PROGRAM ARGS...')
    shim = build_shim()
    with tempfile.TemporaryDirectory() as d:
        raw = os.path.join(d, 'raw')
        env = dict(os.environ, LD_PRELOAD=shim, LITE_ALLOC_RAW=raw)
        rc = subprocess.run(args.command, env=env).returncode
        if rc:
            die('record: %s exited with %d; no trace written' % (args.command[0], rc))
        with open(raw) as f:
            text = convert(f.read().split('\n'), ' '.join(args.command))
    write_trace(text, args.output)


def write_trace(text, path):
    with open(path, 'w') as f:
        f.write(text)
    t = parse_trace(path)
    print('%s: %s' % (path, summary(t)), file=sys.stderr)


def summary(t):
    c = t.counts()
    return '%d operations (%s), %d block ids, peak live payload %d B' % (
        len(t.ops), ', '.join('%s %d' % (k, c[k]) for k in 'mcarf' if k in c), t.n_ids, t.peak_live())


def cmd_convert(args):
    with open(args.raw, errors='replace') as f:
        text = convert(f.read().split('\n'), args.source or os.path.basename(args.raw))
    write_trace(text, args.output)


# ---------------------------------------------------------------- replays
def write_bin(t, path):
    import struct
    with open(path, 'wb') as f:
        f.write(b'LAT1' + struct.pack('<II', len(t.ops), t.n_ids))
        import array
        words = array.array('I', [x for k, i, a, b, _ in t.ops for x in (ord(k), i, a, b)])
        if sys.byteorder != 'little':
            words.byteswap()
        f.write(words.tobytes())


def parse_out(text):
    """The replayer's "key value key value..." lines, by their first word."""
    res = {'block': [], 'fp': []}
    for line in text.split('\n'):
        f = line.split()
        if not f:
            continue
        if f[0] == 'block':
            res['block'].append((int(f[1]), int(f[2])))
        elif f[0] == 'fp':
            res['fp'].append((int(f[1]), int(f[2]), int(f[3])))
        elif f[0] == 'error':
            raise RuntimeError(line)
        elif f[0] in ('time', 'run', 'search', 'limit', 'map', 'snapshot', 'stats', 'insns'):
            d = res.setdefault(f[0], {})
            if f[0] == 'insns':
                d['n'] = int(f[1])
            rest = f[1:] if f[0] != 'stats' else f[2:]
            for k, v in zip(rest[::2], rest[1::2]):
                try:
                    d[k] = int(v)
                except ValueError:
                    d[k] = v
    return res


def size_table_code(target, names):
    """{key: code bytes} from make size's build/size/size.json for the row names[key] of every key on
    target, or None when the table is missing or lacks one of them."""
    j = os.path.join(ROOT, 'build', 'size', 'size.json')
    if not os.path.exists(j):
        return None
    rows = {r['allocator']: r['code'] for r in json.load(open(j)) if r['target'] == target}
    return {k: rows[n] for k, n in names.items()} if all(n in rows for n in names.values()) else None


class Host:
    name = 'host'
    peers = ['glibc']
    counter = 'callgrind'


    def __init__(self, t, out):
        self.t, self.out = t, out
        self.bin = os.path.join(out, 'trace.bin')
        write_bin(t, self.bin)
        self.exe = {}
        srcs = [os.path.join(HERE, f) for f in ('replay.c', 'replay_host.c')]
        cc = ['cc', '-O2', '-g0', '-fno-plt', '-Wall', '-Iinclude', '-Wl,-z,now']
        for s in STRATEGIES:
            run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=host', 'STRATEGY=' + s, 'VARIANT=testing'])
            e = os.path.join(out, 'replay-' + s)
            run(cc + srcs + ['-Wl,--wrap=mprotect', os.path.join(HERE, 'alloc_lite.c'),
                             'build/host/%s/testing/liblite_alloc.a' % s, '-o', e])
            self.exe[s] = e
        e = os.path.join(out, 'replay-glibc')
        run(cc + srcs + [os.path.join(HERE, 'alloc_libc.c'), '-o', e])
        self.exe['glibc'] = e

    def replay(self, who, *mode):
        p = run([self.exe[who], self.bin, *map(str, mode)], check=False)
        if p.returncode not in (0, 1) or 'error' in p.stdout:
            raise RuntimeError('%s %s: exit %d\n%s%s' % (who, ' '.join(map(str, mode)), p.returncode,
                                                        p.stdout[-2000:], p.stderr[-2000:]))
        return parse_out(p.stdout), p.returncode

    def instructions(self, who, run_=None):
        if not shutil.which('valgrind'):
            return None
        cg = os.path.join(self.out, 'callgrind.%s' % who)
        run(['valgrind', '--tool=callgrind', '--toggle-collect=ra_*', '--callgrind-out-file=' + cg,
             self.exe[who], self.bin, 'time'])
        with open(cg) as f:
            m = re.search(r'^(?:summary|totals): (\d+)', f.read(), re.M)
        return int(m.group(1)) / max(1, len(self.t.ops)) - 1  # minus ra_*'s one jump

    def code_bytes(self):
        """Code of malloc free realloc calloc on the host, as a program links it: a driver that calls
        them, linked with --gc-sections against the release library; the sizes of the functions that
        came from the library (nm). glibc's allocator is in libc.so: not measured."""
        drv = os.path.join(self.out, 'driver.c')
        with open(drv, 'w') as f:
            f.write('#include <stdlib.h>\nvoid *volatile v;\nint main(void){void*p=malloc(8);p=realloc(p,16);'
                    'free(p);v=calloc(2,8);free(v);return 0;}\n')
        res = {}
        for s in STRATEGIES:
            run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=host', 'STRATEGY=' + s])
            lib = 'build/host/%s/liblite_alloc.a' % s
            exe = os.path.join(self.out, 'size-' + s)
            run(['cc', '-Os', '-ffunction-sections', '-Wl,--gc-sections', drv, lib, '-o', exe])
            ours = {l.split()[-1] for l in run(['nm', '--defined-only', lib]).stdout.split('\n')
                    if re.search(r' [tTwW] ', l)}
            total = 0
            for l in run(['nm', '-S', '--defined-only', exe]).stdout.split('\n'):
                f = l.split()
                if len(f) == 4 and f[2] in 'tTwW' and f[3] in ours:
                    total += int(f[1], 16)
            res[s] = total
        res['glibc'] = None
        return res, 'host: sizes of the library functions linked into a program calling malloc free realloc calloc'


class CortexM4:
    name = 'cortex-m4'
    peers = ['newlib-nano', 'newlib']
    counter = 'QEMU -icount'


    def __init__(self, t, out):
        self.t, self.out = t, out
        for tool in ('arm-none-eabi-gcc', 'qemu-system-arm'):
            if not shutil.which(tool):
                die('TARGET=cortex-m4 needs %s: run make toolchains' % tool)
        h = os.path.join(ROOT, 'test', 'harness', 'cortex_m')
        # The trace is read from the host through semihosting: the firmware does not depend on it,
        # and the board's RAM is left to the heap under test.
        self.bin = os.path.join(out, 'trace.bin')
        write_bin(t, self.bin)
        cc = ['arm-none-eabi-gcc', *CM_FLAGS, '-O2', '-g', '-ffunction-sections', '-fdata-sections', '-Wall',
              '-Iinclude', '-I' + HERE, '-nostartfiles', '-L' + h, '-T' + h + '/mps2-an386.ld', '-Wl,--gc-sections']
        common = [os.path.join(HERE, 'replay.c'), os.path.join(HERE, 'replay_cm.c'), h + '/startup.c']
        nano, full = ['--specs=nano.specs', '--specs=rdimon.specs'], ['--specs=rdimon.specs']
        self.elf = {}
        for s in STRATEGIES:
            run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=cortex-m4', 'STRATEGY=' + s, 'VARIANT=testing'])
            e = os.path.join(out, 'replay-%s.elf' % s)
            run(cc + nano + common +
                [os.path.join(HERE, 'alloc_lite.c'), 'build/cortex-m4/%s/testing/liblite_alloc.a' % s, '-o', e])
            self.elf[s] = e
        # newlib's heap-size search links -Wl,--wrap=_sbrk (a cap on the break); its timing does not.
        for who, specs, src, extra in (('newlib-nano', nano, 'alloc_libc.c', []), ('newlib', full, 'alloc_libc.c', []),
                                       ('newlib-nano-cap', nano, 'alloc_libc.c', ['-DCAP_SBRK', '-Wl,--wrap=_sbrk']),
                                       ('newlib-cap', full, 'alloc_libc.c', ['-DCAP_SBRK', '-Wl,--wrap=_sbrk']),
                                       ('null', nano, 'alloc_null_cm.c', [])):
            e = os.path.join(out, 'replay-%s.elf' % who)
            run(cc + specs + extra + common + [os.path.join(HERE, src), '-o', e])
            self.elf[who] = e
        self._null = None

    def replay(self, who, *mode):
        arg = ','.join('arg=' + str(m) for m in (self.bin,) + mode)
        # Only timed replays count instructions (-icount: one per virtual ns); the others run faster without.
        icount = ['-icount', 'shift=0'] if mode[0] in ('time', 'run') else []
        # A bound against a hung firmware, not a budget: newlib-nano's first fit alone can take
        # minutes on a trace of millions of calls.
        calls = len(self.t.ops) if hasattr(self, 't') else 0
        limit = 600 + calls // 1000
        p = run(['timeout', str(limit), 'qemu-system-arm', '-M', 'mps2-an386', *icount,
                 '-semihosting-config', 'enable=on,target=native,' + arg, '-nographic', '-monitor', 'none',
                 '-serial', 'none', '-kernel', self.elf[who]], check=False)
        if p.returncode not in (0, 1) or 'error' in p.stdout:
            raise RuntimeError('%s %s under QEMU: exit %d\n%s%s' % (who, ' '.join(map(str, mode)), p.returncode,
                                                                   p.stdout[-2000:], p.stderr[-2000:]))
        return parse_out(p.stdout), p.returncode

    def instructions(self, who, run_):
        """From the run replay, which is timed under -icount: minus the null allocator's run, which
        samples its footprint the same way (the program break)."""
        if run_['run']['failed_at'] != -1 or 'insns' not in run_:
            return None
        if self._null is None:
            self._null = self.replay('null', 'run')[0]['insns']['n']
        return (run_['insns']['n'] - self._null) / max(1, len(self.t.ops)) + 1  # +2 (null's) -1 (the jump)

    def code_bytes(self):
        """From make size's build/size/size.json when present, else measured the same way here
        (test/size/size.py's Cortex-M method: the allocator's sections in the link map)."""
        names = {s: 'lite-alloc ' + s for s in STRATEGIES}
        names.update({'newlib-nano': 'newlib-nano 3.3.0', 'newlib': 'newlib 3.3.0'})
        table = size_table_code('cortex-m4', names)
        if table:
            return table, 'code from build/size/size.json (make size)'
        sys.path.insert(0, os.path.join(ROOT, 'test', 'size'))
        import size as sz
        kit = sz.CortexKit('cortex-m4', ' '.join(CM_FLAGS))
        res = {}
        for s in STRATEGIES:
            res[s] = kit.measure(s, [sz.build_lib('cortex-m4', s, 'shipped')], True, sz.ours_charged)[0]
        for name, nano in (('newlib-nano', True), ('newlib', False)):
            res[name] = kit.measure(name, [], nano, sz.newlib_charged)[0]
        return res, 'code measured as make size does (test/size/size.py), -Os'


class Wasi:
    """wasm32-wasi under node: lite-alloc's strategies and wasi-libc's dlmalloc. No instruction
    counts (node's JIT); code from make size's table (wasm -Oz) or measured as it does."""
    name = 'wasi'
    peers = ['wasi-libc dlmalloc']
    counter = 'not measured under node'

    REGION_MAX = 1 << 30

    def __init__(self, t, out):
        self.t, self.out = t, out
        for tool in ('clang-19', 'node'):
            if not shutil.which(tool):
                die('TARGET=wasi needs %s: run make toolchains' % tool)
        self.bin = os.path.join(out, 'trace.bin')
        write_bin(t, self.bin)
        cc = ['clang-19', '--target=wasm32-wasi', '-O2', '-Wall', '-Iinclude', '-I' + HERE]
        common = [os.path.join(HERE, 'replay.c'), os.path.join(HERE, 'replay_wasm.c')]
        self.wasm = {}
        for s in STRATEGIES:
            run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=wasi', 'STRATEGY=' + s, 'VARIANT=testing'])
            w = os.path.join(out, 'replay-%s.wasm' % s)
            run(cc + common + [os.path.join(HERE, 'alloc_lite.c'), 'build/wasi/%s/testing/liblite_alloc.a' % s,
                               '-o', w])
            self.wasm[s] = w
        w = os.path.join(out, 'replay-dlmalloc.wasm')
        run(cc + common + [os.path.join(HERE, 'alloc_libc.c'), '-o', w])
        self.wasm[self.peers[0]] = w

    def replay(self, who, *mode):
        p = run(['node', '--no-warnings', os.path.join(HERE, 'run_wasi.mjs'), self.wasm[who], self.bin,
                 *map(str, mode)], check=False)
        if p.returncode not in (0, 1) or 'error' in p.stdout:
            raise RuntimeError('%s %s under node: exit %d\n%s%s' % (who, ' '.join(map(str, mode)), p.returncode,
                                                                    p.stdout[-2000:], p.stderr[-2000:]))
        return parse_out(p.stdout), p.returncode

    def instructions(self, who, run_=None):
        return None

    def code_bytes(self):
        names = {s: 'lite-alloc ' + s for s in STRATEGIES}
        names[self.peers[0]] = 'wasi-libc dlmalloc'
        table = size_table_code('wasi', names)
        if table:
            return table, 'code from build/size/size.json (make size, -Oz)'
        sys.path.insert(0, os.path.join(ROOT, 'test', 'size'))
        import size as sz
        kit = sz.WasmKit('wasi', ['--target=wasm32-wasi'], sz.WASI_LIBC)
        res = {s: kit.measure(s, [sz.build_lib('wasi', s, 'shipped')])[0] for s in STRATEGIES}
        res[self.peers[0]] = kit.measure('wasi-dlmalloc', [])[0]
        return res, 'code measured as make size does (test/size/size.py, -Oz)'


class Emscripten:
    """Emscripten (emcc, wasm32) under node: lite-alloc's strategies (its Emscripten library, sbrk
    backend) beside Emscripten's own dlmalloc (its default) and emmalloc (-sMALLOC=emmalloc). No
    instruction counts (node's JIT); code from make size's table (wasm -Oz: the strategies' Emscripten
    rows, the peers' wasm32 rows) or measured as it does."""
    name = 'emscripten'
    peers = ['dlmalloc (Emscripten)', 'emmalloc (Emscripten)']
    counter = 'not measured under node'
    REGION_MAX = 1 << 30

    def __init__(self, t, out):
        self.t, self.out = t, out
        for tool in ('emcc', 'node'):
            if not shutil.which(tool):
                die('TARGET=emscripten needs %s: run make toolchains' % tool)
        self.bin = os.path.join(out, 'trace.bin')
        write_bin(t, self.bin)
        # The trace is standard input (NODERAWFS: the host's files); Debian's emcc needs its node modules.
        self.env = dict(os.environ, NODE_PATH=os.environ.get('NODE_PATH', '/usr/share/nodejs'))
        cc = ['emcc', '-O2', '-Wall', '-Iinclude', '-I' + HERE, '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=4GB',
              '-sNODERAWFS=1', '-sEXIT_RUNTIME=1', os.path.join(HERE, 'replay.c'), os.path.join(HERE, 'replay_wasm.c')]
        self.js = {}
        for s in STRATEGIES:
            run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=emscripten', 'STRATEGY=' + s, 'VARIANT=testing'])
            j = os.path.join(out, 'replay-%s.js' % s)
            run(cc + [os.path.join(HERE, 'alloc_lite.c'), 'build/emscripten/%s/testing/liblite_alloc.a' % s,
                      '-o', j], env=self.env)
            self.js[s] = j
        for who, malloc in zip(self.peers, ('dlmalloc', 'emmalloc')):
            j = os.path.join(out, 'replay-%s.js' % malloc)
            run(cc + [os.path.join(HERE, 'alloc_libc.c'), '-sMALLOC=' + malloc, '-o', j], env=self.env)
            self.js[who] = j

    def replay(self, who, *mode):
        with open(self.bin, 'rb') as trace:
            p = run(['node', '--no-experimental-fetch', self.js[who], *map(str, mode)], check=False, stdin=trace,
                    env=self.env)
        if p.returncode not in (0, 1) or 'error' in p.stdout:
            raise RuntimeError('%s %s under node: exit %d\n%s%s' % (who, ' '.join(map(str, mode)), p.returncode,
                                                                    p.stdout[-2000:], p.stderr[-2000:]))
        return parse_out(p.stdout), p.returncode

    def instructions(self, who, run_=None):
        return None

    def code_bytes(self):
        ours = size_table_code('emscripten', {s: 'lite-alloc ' + s for s in STRATEGIES})
        theirs = size_table_code('wasm32', {p: 'Emscripten %s (clang-19 -Oz)' % p.split()[0] for p in self.peers})
        if ours and theirs:
            return dict(ours, **theirs), 'code from build/size/size.json (make size, -Oz)'
        sys.path.insert(0, os.path.join(ROOT, 'test', 'size'))
        import size as sz
        kit = sz.WasmKit('emscripten', ['--target=wasm32-unknown-emscripten', '--sysroot=' + sz.ES_SYSROOT],
                         sz.EM_LIBC, ['--allow-undefined'])
        res = {s: kit.measure(s, [sz.build_lib('emscripten', s, 'shipped')])[0] for s in STRATEGIES}
        pk = sz.WasmKit('wasm32-peers', ['--target=wasm32-wasi'], sz.WASI_LIBC)
        for p in self.peers:
            o = sz.emscripten_peer(pk, os.path.join(sz.ES_LIB, p.split()[0] + '.c'))
            res[p] = pk.measure(p.split()[0], [o, pk.o['shim']])[0]
        return res, 'code measured as make size does (test/size/size.py, -Oz)'


# ---------------------------------------------------------------- advise
def search_region(plat, s, peak_live):
    """The replayer's binary search for the smallest region; the largest region tried grows 4x
    until the trace runs in it, up to the platform's limit (Cortex-M4: all the RAM the firmware has
    left, which the replayer reports as max)."""
    limit = {'cortex-m4': CM_RAM, 'wasi': Wasi.REGION_MAX, 'emscripten': Emscripten.REGION_MAX}.get(plat.name, 1 << 32)
    top = max(65536, 2 * peak_live)
    while True:
        top = min(top, limit)
        top -= top % STEP
        r, _ = plat.replay(s, 'search', top, STEP)
        if 'search' not in r:
            raise RuntimeError('%s: no search result' % s)
        d = r['search']
        if 'region' in d:
            return d, top
        if 'too_small' in d and d['too_small'] < top:  # the platform has no more memory
            return None, d['too_small']
        if top >= limit:
            return None, top
        top *= 4


def search_limit(plat, who, peak_live, footprint):
    """newlib: the smallest cap on the program break's growth that runs the trace, one QEMU run per
    size (its malloc cannot restart); verified like a region: N succeeds, N - 8 fails. The search
    starts at the peak footprint of the uncapped run (a cap there is never reached: the replay runs
    as uncapped), which is usually the answer: newlib's malloc fails as soon as _sbrk refuses. It
    steps down from there in doubling steps while the cap still suffices, then bisects; a cap at
    the peak live payload cannot hold the payload and its headers, so it bounds the steps."""
    tried = {}

    def ok(n):  # failed_at of a replay with the break's growth capped at n bytes (-1: ran through)
        if n not in tried:
            r, _ = plat.replay(who + '-cap', 'limit', n)
            tried[n] = r['limit']['failed_at'] if 'bytes' in r.get('limit', {}) else None
        return tried[n]
    top = -(-max(footprint, STEP) // STEP) * STEP
    while True:
        at = ok(top)
        if at is None:
            return None, top
        if at == -1:
            break
        if top >= CM_RAM:
            return None, top
        top = min(top * 4, CM_RAM)
    floor = min(peak_live, top - STEP) // STEP  # a cap that fails (not replayed)
    hi, d = top // STEP, 1                      # hi * STEP runs the trace (replayed)
    while hi - d > floor and ok((hi - d) * STEP) == -1:
        hi, d = hi - d, d * 2
    lo = max(hi - d, floor)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid * STEP) == -1:
            hi = mid
        else:
            lo = mid
    n = hi * STEP
    return {'region': n, 'ok': int(ok(n) == -1), 'check': 0, 'below_failed_at': ok(n - STEP)}, top


class Progress:
    """What make advise is doing, on stderr, as it goes: the step, and how long each took."""

    def __init__(self):
        import time
        self.clock, self.t0, self.step = time.monotonic, time.monotonic(), None

    def __call__(self, what):
        self.done()
        self.step, self.started = what, self.clock()
        print('advise: [%5.1f s] %s ...' % (self.started - self.t0, what), file=sys.stderr, flush=True)

    def done(self):
        if self.step:
            print('advise: [%5.1f s]   %.1f s' % (self.clock() - self.t0, self.clock() - self.started),
                  file=sys.stderr, flush=True)
        self.step = None


def fmt(n):
    return '-' if n is None else '{:,}'.format(int(round(n))).replace(',', ' ')


def advise(t, plat, out, progress):
    peak_live = t.peak_live()
    rows = {}
    progress('code size of every allocator')
    code, code_note = plat.code_bytes()
    for who in STRATEGIES + plat.peers:
        name = ('lite-alloc ' + who) if who in STRATEGIES else who
        r = {'code': code.get(who)}
        progress('%s: peak footprint (one replay on the default backend%s)'
                 % (name, ', under -icount: also the instructions per call' if plat.name == 'cortex-m4' else ''))
        run_, _ = plat.replay(who, 'run')
        r['failed_at'] = run_['run']['failed_at']
        r['peak'] = run_['run']['peak_footprint'] if r['failed_at'] == -1 else None
        r['region'] = None
        if plat.name != 'cortex-m4':  # there, the run replay is counted
            progress('%s: instructions per call (%s)' % (name, plat.counter))
        r['ipc'] = plat.instructions(who, run_)
        if who in STRATEGIES:
            progress('%s: smallest region (binary search, in the replayer)' % name)
            d, top = search_region(plat, who, peak_live)
            if d:
                if not (d['ok'] == 1 and d['check'] == 0 and d['below_failed_at'] >= 0):
                    raise RuntimeError('%s: region %d was not verified: %r' % (who, d['region'], d))
                r['region'] = d['region']
                r['below_failed_at'] = d['below_failed_at']
                progress('%s: heap map in the smallest region (for the picture)' % name)
                m, _ = plat.replay(who, 'map', d['region'], SAMPLES)
                r['map'] = m
            else:
                r['region_note'] = '> %s' % fmt(top)
        elif plat.name == 'cortex-m4' and r['failed_at'] == -1:
            progress('%s: smallest heap (a cap on _sbrk, one QEMU run per size)' % name)
            d, top = search_limit(plat, who, peak_live, r['peak'])
            if d:
                if not (d['ok'] == 1 and d['below_failed_at'] is not None and d['below_failed_at'] >= 0):
                    raise RuntimeError('%s: heap %d was not verified: %r' % (who, d['region'], d))
                r['region'] = d['region']
                r['below_failed_at'] = d['below_failed_at']
        rows[who] = r
    lines = []
    lines.append('%s on %s: %s' % (t.name, plat.name, summary(t)))
    lines.append('')
    head = ['allocator', 'code (B)', 'instr/call', 'peak footprint (B)', 'smallest heap (B)', 'fails at N-%d on' % STEP]
    tab = []
    for who in STRATEGIES + plat.peers:
        r = rows[who]
        name = ('lite-alloc ' + who) if who in STRATEGIES else who
        region = fmt(r['region']) if r['region'] else r.get('region_note', 'n/a')
        below = ('line %d' % t.ops[r['below_failed_at']][4]) if r.get('below_failed_at', -1) >= 0 else ''
        peak = fmt(r['peak']) if r['failed_at'] == -1 else 'out of memory (line %d)' % t.ops[r['failed_at']][4]
        code = 'in libc.so' if who == 'glibc' else fmt(r['code'])
        tab.append([name, code, '-' if r['ipc'] is None else '%.1f' % r['ipc'], peak, region, below])
    widths = [max(len(x[i]) for x in tab + [head]) for i in range(len(head))]
    lines.append('| ' + ' | '.join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths)))
                 + ' |')
    lines.append('|' + '|'.join('-' * (w + 1) + (':' if i else '-') for i, w in enumerate(widths)) + '|')
    for x in tab:
        lines.append('| ' + ' | '.join((c.ljust(w) if i == 0 else c.rjust(w)) for i, (c, w) in
                                       enumerate(zip(x, widths))) + ' |')
    lines.append('')
    lines.append('%s; instructions per call: %s; peak footprint: the most memory the allocator held from '
                 'the system (default backend); smallest heap: the lite_alloc_init_region size (%s) found by '
                 'binary search in %d-byte steps, replayed at N (succeeds, heap check passes) and at N-%d (fails).'
                 % (code_note, {'host': 'callgrind, replay.c\'s ra_* calls',
                                'cortex-m4': 'QEMU -icount, minus a null allocator\'s run',
                                'wasi': 'not measured under node', 'emscripten': 'not measured under node'}[plat.name],
                    {'host': 'glibc: no fixed heap', 'cortex-m4': 'newlib: the cap on _sbrk\'s growth',
                     'wasi': 'dlmalloc: no fixed heap', 'emscripten': 'dlmalloc, emmalloc: no fixed heap'}[plat.name],
                    STEP, STEP))
    lines.append(recommend(rows, plat.peers))
    text = '\n'.join(lines)
    svg = os.path.join(out, 'advise.svg')
    with open(svg, 'w') as f:
        f.write(picture(t, plat.name, rows))
    with open(os.path.join(out, 'advise.txt'), 'w') as f:
        f.write(text + '\n')
    return text, svg


def recommend(rows, peers):
    line = recommend_strategy(rows)
    ok = [s for s in STRATEGIES if rows[s]['region'] and rows[s]['code'] is not None]
    if ok:
        least = min(rows[s]['code'] + rows[s]['region'] for s in ok)
        for p in peers:
            if rows[p]['region'] and rows[p]['code'] is not None and rows[p]['code'] + rows[p]['region'] < least:
                line += ' (%s needs less still: %s B code + %s B heap)' % (p, fmt(rows[p]['code']),
                                                                         fmt(rows[p]['region']))
    return line


def recommend_strategy(rows):
    """Smallest code + region; a strategy at least SPEED_MARGIN faster per call wins instead when its
    code + region is within BYTES_MARGIN of the smallest."""
    ok = [s for s in STRATEGIES if rows[s]['region'] and rows[s]['code'] is not None]
    if not ok:
        return 'recommended: none -- no strategy ran the trace in the largest region tried'
    total = {s: rows[s]['code'] + rows[s]['region'] for s in ok}
    best = min(ok, key=lambda s: (total[s], rows[s]['ipc'] or 0))
    ipc = {s: rows[s]['ipc'] for s in ok if rows[s]['ipc'] is not None}
    fast = min(ipc, key=ipc.get) if ipc else best
    line = 'recommended: lite-alloc %s with a %d-byte region (lite_alloc_init_region) -- ' % (best, rows[best]['region'])
    if fast != best and best in ipc and ipc[fast] <= (1 - SPEED_MARGIN) * ipc[best] and \
            total[fast] <= (1 + BYTES_MARGIN) * total[best]:
        return ('recommended: lite-alloc %s with a %d-byte region (lite_alloc_init_region) -- the fastest '
                '(%.1f instructions per call, %s has %.1f) and its code + region, %s B, within %d%% of the smallest '
                '(%s B, %s)' % (fast, rows[fast]['region'], ipc[fast], best, ipc[best], fmt(total[fast]),
                                BYTES_MARGIN * 100, fmt(total[best]), best))
    line += 'the smallest code + region: %s + %s = %s B' % (fmt(rows[best]['code']), fmt(rows[best]['region']),
                                                            fmt(total[best]))
    if fast == best and best in ipc:
        line += ', and the fastest (%.1f instructions per call)' % ipc[best]
    elif best in ipc:
        line += '; %s is faster (%.1f against %.1f instructions per call) but needs %s B (+%d%%, more than the ' \
                '%d%% a %d%%-faster strategy may cost)' % (fast, ipc[fast], ipc[best], fmt(total[fast]),
                                                          round(100 * (total[fast] / total[best] - 1)),
                                                          BYTES_MARGIN * 100, SPEED_MARGIN * 100)
    return line


# ---------------------------------------------------------------- the picture
COL = {'used': '#1f5fa8', 'free': '#f2b134', 'bump': '#dfe6ee', 'req': '#0b3d75', 'slack': '#7fa8d8',
       'head': '#9b59b6',
       'bump_freelist': '#1f77b4', 'segregated_bump': '#2ca02c', 'freelist': '#d62728'}


def nice_step(x):
    """1, 2 or 5 times a power of ten, at least x."""
    p = 1
    while p * 10 <= x:
        p *= 10
    for m in (1, 2, 5, 10):
        if m * p >= x:
            return m * p
    return 10 * p


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def picture(t, target, rows):
    W, L, R = 1000, 150, 30
    plot_w = W - L - R
    strategies = [s for s in STRATEGIES if rows[s].get('map')]
    o = []
    y = 20
    o.append('<text x="%d" y="%d" class="h">Heap at the peak of live payload (%s, %s): each strategy in its '
             'smallest region, to scale</text>' % (20, y + 8, esc(t.name), target))
    y += 30
    biggest = max([rows[s]['region'] for s in strategies] or [1])
    scale = plot_w / biggest
    for s in strategies:
        m = rows[s]['map']
        n = rows[s]['region']
        hw = m['snapshot']['high_water']
        x0, h = L, 28
        o.append('<text x="%d" y="%d" class="l" text-anchor="end">%s</text>' % (L - 8, y + 18, s))
        o.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' % (x0, y, n * scale, h, COL['bump']))
        o.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' % (x0, y, hw * scale, h, COL['free']))
        # live blocks, merged into runs where they touch at this scale
        runs = []
        for off, size in sorted(m['block']):
            a, b = off * scale, (off + size) * scale
            if runs and a - runs[-1][1] < 0.5:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        for a, b in runs:
            o.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' % (x0 + a, y, max(b - a, 0.3), h,
                                                                                     COL['used']))
        o.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="none" stroke="#555" stroke-width="0.8"/>'
                 % (x0, y, n * scale, h))
        st = m.get('stats', {})
        usable = sum(size for _, size in m['block'])
        req = m['snapshot']['live']
        free = st.get('free', 0)
        # Below the map, the same region as one summary bar, to the same scale: what the bytes are.
        parts = [('req', req), ('slack', usable - req), ('head', max(0, st.get('in_use', usable) - usable)),
                 ('free', free), ('bump', max(0, n - st.get('in_use', usable) - free))]
        bx = x0
        for key, v in parts:
            o.append('<rect x="%.2f" y="%d" width="%.2f" height="8" fill="%s"/>' % (bx, y + h + 3, v * scale, COL[key]))
            bx += v * scale
        o.append('<text x="%d" y="%d" class="s">%s B: %s requested, %s slack in blocks, %s headers, %s free, '
                 '%s never handed out; %d live blocks</text>'
                 % (L, y + h + 24, fmt(n), fmt(req), fmt(usable - req), fmt(parts[2][1]), fmt(free),
                    fmt(parts[4][1]), len(m['block'])))
        y += h + 42
    for legend in ((('used', 'block handed out'), ('free', 'free, or a block\'s header'),
                    ('bump', 'never touched (bump space)')),
                   (('req', 'requested by the program'), ('slack', 'usable beyond the request'),
                    ('head', 'headers'), ('free', 'free'), ('bump', 'never handed out'))):
        lx = L
        for key, label in legend:
            o.append('<rect x="%d" y="%d" width="14" height="%d" fill="%s" stroke="#555" stroke-width="0.5"/>'
                     % (lx, y, 14 if legend[0][0] == 'used' else 8, COL[key]))
            o.append('<text x="%d" y="%d" class="s">%s</text>' % (lx + 20, y + (11 if legend[0][0] == 'used' else 8),
                                                                 label))
            lx += 20 + 6 * len(label) + 24
        o.append('<text x="%d" y="%d" class="s" text-anchor="end">%s</text>' % (
            L - 8, y + 10, 'map:' if legend[0][0] == 'used' else 'bytes:'))
        y += 20
    y += 40
    # footprint over time
    o.append('<text x="%d" y="%d" class="h">Footprint over time: the region\'s high-water mark (highest block end '
             'so far) and the live payload</text>' % (20, y))
    y += 20
    ph = 220
    top = max([max(v[1] for v in rows[s]['map']['fp']) for s in strategies if rows[s]['map']['fp']] + [1])
    tick = nice_step(top / 4)
    top = tick * -(-top // tick)
    nticks = int(round(top / tick))
    nops = max(1, len(t.ops))
    o.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888" stroke-width="0.8"/>'
             % (L, y, plot_w, ph))
    for k in range(nticks + 1):
        v = tick * k
        yy = y + ph - ph * v / top
        o.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (L, L + plot_w, yy, yy))
        o.append('<text x="%d" y="%.1f" class="s" text-anchor="end">%s B</text>' % (L - 6, yy + 4, fmt(v)))
    xt = nice_step(nops / 5)
    for k in range(int(nops // xt) + 1):
        xx = L + plot_w * k * xt / nops
        o.append('<text x="%.1f" y="%d" class="s" text-anchor="middle">%s</text>' % (xx, y + ph + 16, fmt(k * xt)))
    o.append('<text x="%d" y="%d" class="s" text-anchor="middle">operation (trace line order)</text>'
             % (L + plot_w // 2, y + ph + 32))

    def poly(points, colour, dash=''):
        pts = ' '.join('%.1f,%.1f' % (L + plot_w * (i + 1) / nops, y + ph - ph * v / top) for i, v in points)
        return '<polyline fill="none" stroke="%s" stroke-width="1.6" %s points="%s"/>' % (colour, dash, pts)
    for s in strategies:
        o.append(poly([(i, hw) for i, hw, _ in rows[s]['map']['fp']], COL[s]))
    if strategies:
        o.append(poly([(i, lv) for i, _, lv in rows[strategies[0]]['map']['fp']], '#222', 'stroke-dasharray="4 3"'))
    ly = y + ph + 50
    lx = L
    for s in strategies + ['live payload']:
        c = COL.get(s, '#222')
        o.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2" %s/>'
                 % (lx, lx + 24, ly - 4, ly - 4, c, 'stroke-dasharray="4 3"' if s == 'live payload' else ''))
        o.append('<text x="%d" y="%d" class="s">%s</text>' % (lx + 30, ly, s))
        lx += 30 + 8 * len(s) + 30
    H = ly + 20
    style = ('<style>text{font-family:DejaVu Sans,Arial,sans-serif;fill:#222}.h{font-size:15px;font-weight:bold}'
             '.l{font-size:13px}.s{font-size:11px}</style>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">%s'
            '<rect width="100%%" height="100%%" fill="white"/>\n%s\n</svg>\n' % (W, H, W, H, style, '\n'.join(o)))


def cmd_advise(args):
    progress = Progress()
    progress('reading %s' % args.trace)
    try:
        t = parse_trace(args.trace)
    except TraceError as e:
        die('%s: %s' % (args.trace, e))
    if not t.ops:
        die('%s: the trace has no operations' % args.trace)
    out = args.out or os.path.join(ROOT, 'build', 'advise', args.target)
    os.makedirs(out, exist_ok=True)
    progress('building the replayers for %s' % args.target)
    plat = {'host': Host, 'cortex-m4': CortexM4, 'wasi': Wasi, 'emscripten': Emscripten}[args.target](t, out)
    text, svg = advise(t, plat, out, progress)
    progress.done()
    print(text)
    print('picture: %s' % os.path.relpath(svg, os.getcwd()))


def cmd_check(args):
    try:
        t = parse_trace(args.trace)
    except TraceError as e:
        die('%s: %s' % (args.trace, e))
    print('%s: %s' % (args.trace, summary(t)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('record', help='record a host program under LD_PRELOAD')
    p.add_argument('-o', '--output', required=True)
    p.add_argument('command', nargs=argparse.REMAINDER)
    p = sub.add_parser('convert', help='raw recorder output (RECORD=1 build) to a trace')
    p.add_argument('raw')
    p.add_argument('-o', '--output', required=True)
    p.add_argument('--source')
    p = sub.add_parser('check', help='validate a trace')
    p.add_argument('trace')
    p = sub.add_parser('advise', help='replay on every strategy: table, recommendation, SVG')
    p.add_argument('trace')
    p.add_argument('--target', default='host', choices=['host', 'cortex-m4', 'wasi', 'emscripten'])
    p.add_argument('--out')
    args = ap.parse_args()
    if args.cmd == 'record' and args.command[:1] == ['--']:
        args.command = args.command[1:]
    try:
        {'record': cmd_record, 'convert': cmd_convert, 'check': cmd_check, 'advise': cmd_advise}[args.cmd](args)
    except TraceError as e:
        die(str(e))
    except RuntimeError as e:
        die(str(e))


if __name__ == '__main__':
    main()
