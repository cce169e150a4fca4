#!/usr/bin/env python3
"""make bench: every allocator runs the same workloads (workloads.c, fixed seed).

Host instructions per call: valgrind --tool=callgrind --toggle-collect='bm_*' counts only the
instructions inside the allocator calls (bm_malloc... are one-jump wrappers around each allocator's
functions, alloc_*.c); instr/call = collected / calls - 1 (the wrapper's jump). Footprint, where users run first: on
wasm (Emscripten) the sbrk break above __heap_base, which every allocator there grows (lite-alloc's
Emscripten backend included), sampled after every call; on the Cortex-M4 the heap's high-water mark
(the highest break _sbrk handed out, wrapped by cm_sbrk_peak.c); on the host, third, the peak of the
bytes the allocator took from the system: lite_alloc_stats().claimed for ours (64 KiB mmap chunks),
dlmalloc_max_footprint() for dlmalloc, the sbrk break's growth for emmalloc, mallinfo2 arena + hblkhd
for glibc, bytes taken for bump (1 MiB steps); each divided by the peak live payload (sum of the sizes
requested and not yet freed). The harness never allocates through the allocator under test (the
trace loader keeps its operations in static storage and reads with open/read): workloads.c prints
harness=<footprint before the first call>, asserted 0 here (truthful()) and in make check
(harness_check.sh). Wall time in wasm: the same program
built with emcc -O2 (ours: -sMALLOC=none + build/emscripten/<s>/liblite_alloc.a; Emscripten's
emmalloc and dlmalloc: -sMALLOC=emmalloc|dlmalloc), run under node, median of interleaved runs.
Peers: glibc (the host's), Emscripten's dlmalloc.c and emmalloc.c compiled from
/usr/share/emscripten/system/lib at bench time, and a never-freeing bump allocator as the ceiling.
Real programs (Lua 5.4, SQLite from Debian's sources, on Emscripten, wasi and the Cortex-M4):
programs.py. The chart: chart.py (matplotlib). BENCH_QUICK=1: 3 timed rounds instead of 5.

Cortex-M4 instructions per call (when arm-none-eabi-gcc and qemu-system-arm are installed): workloads.c
built for the Cortex-M4 (arm-none-eabi-gcc -O2, hard float) with cortex_m.c and the test harness's
startup.c, linked as a product would be (linker script mps2-an386.ld, newlib-nano, rdimon semihosting)
against build/cortex-m4/<s>/liblite_alloc.a, against newlib-nano's own malloc and against full newlib's;
run on qemu-system-arm -M mps2-an386 -icount shift=0, where one guest instruction is one virtual ns. QEMU
7.2 does not model the DWT (CYCCNT reads 0) and has no instruction-count plugin here, so cortex_m.c's
clock_gettime reads the virtual time from SysTick (processor clock, 25 MHz: one tick per 40
instructions, wraps counted by its interrupt): the workload's guest instructions, start to end. The
same program with alloc_null_cm.c, whose functions execute exactly two instructions each, gives the
workload's own instructions (its code does not depend on the allocator); instr/call = (allocator's -
baseline's) / calls + 2 - 1 (the wrapper's jump, as on the host). Within about 100 instructions per
workload (40-instruction ticks, two runs): 0.02 per call at worst (vector growth, 4642 calls); a
qemu -singlestep -d exec count of segregated_bump's vector run gave 85.39 where this gives 85.37.
The 4 MiB of RAM hold the mixed-sizes workload with 64 live slots instead of 400 (-DMIXED_SLOTS=64:
same sizes and operations, fewer blocks live; with 100, bump_freelist runs out of memory), not the Lua
trace (its 2.4 MB of decoded operations plus 2.3 MB of live payload): no Cortex-M4 trace column.
"""
import concurrent.futures as cf
import json
import lzma
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
HERE = os.path.join(ROOT, 'test', 'bench')
OUT = os.path.join(ROOT, 'build', 'bench')
ES = '/usr/share/emscripten/system/lib'
STRATEGIES = ['bump_freelist', 'segregated_bump', 'freelist']
WORKLOADS = ['churn', 'mixed', 'vector', 'frag', 'trace']
WNAMES = {'churn': 'small churn', 'mixed': 'mixed sizes', 'vector': 'vector growth', 'frag': 'fragmentation',
          'trace': 'Lua trace'}
PEERS = ['glibc', 'dlmalloc', 'emmalloc', 'bump']
QUICK = os.environ.get('BENCH_QUICK') == '1'  # CI: fewer repetitions
WASM_REPS = int(os.environ.get('BENCH_WASM_REPS', '3' if QUICK else '5'))
CM_WORKLOADS = ['churn', 'mixed', 'vector', 'frag']  # the Lua trace does not fit in the 4 MiB of RAM
CM_PEERS = ['newlib-nano', 'newlib']
CM_MIXED_SLOTS = 64  # live blocks of the mixed-sizes workload (400 on the host): what fits in 4 MiB
CM_FLAGS = ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16']
CM_HARNESS = os.path.join(ROOT, 'test', 'harness', 'cortex_m')


def step(msg):
    """One line per step, as it starts (make bench would otherwise be silent for minutes)."""
    print('bench: ' + msg, flush=True)


def run(cmd, env=None, cwd=ROOT):
    env = dict(env or os.environ, NODE_PATH='/usr/share/nodejs')  # emcc runs its own node scripts
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)
    if p.returncode:
        raise RuntimeError('%s\n%s%s' % (' '.join(cmd), p.stdout[-2000:], p.stderr[-2000:]))
    return p


def build_host():
    step('host: building the workloads for %s' % ', '.join(STRATEGIES + PEERS))
    d = os.path.join(OUT, 'host')
    os.makedirs(d, exist_ok=True)
    cflags = ['-O2', '-fno-plt', '-g0']
    run(['gcc', *cflags, '-c', os.path.join(HERE, 'workloads.c'), '-o', d + '/workloads.o'])
    bins = {}
    for s in STRATEGIES:
        run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=host', 'STRATEGY=' + s])
        b = '%s/bench-%s' % (d, s)
        run(['gcc', *cflags, '-Iinclude', d + '/workloads.o', os.path.join(HERE, 'alloc_lite.c'),
             'build/host/%s/liblite_alloc.a' % s, '-Wl,-z,now', '-o', b])
        bins[s] = b
    # Peers compiled from Emscripten's sources; every symbol but their own prefixed API made local,
    # so that glibc stays the malloc of the rest of the program (the trace loader, stdio).
    run(['gcc', '-O2', '-DNDEBUG', '-c', ES + '/dlmalloc.c', '-o', d + '/dlmalloc.o'])
    run(['objcopy', '--wildcard', '--keep-global-symbol=dl*', d + '/dlmalloc.o'])
    run(['gcc', '-O2', '-DNDEBUG', '-fno-strict-aliasing', '-I' + os.path.join(HERE, 'emscripten_host'),
         '-c', ES + '/emmalloc.c', '-o', d + '/emmalloc.o'])
    run(['objcopy', '--wildcard', '--keep-global-symbol=emmalloc_*', d + '/emmalloc.o'])
    for p, extra in (('glibc', []), ('dlmalloc', [d + '/dlmalloc.o']), ('emmalloc', [d + '/emmalloc.o']),
                     ('bump', [])):
        b = '%s/bench-%s' % (d, p)
        run(['gcc', *cflags, d + '/workloads.o', os.path.join(HERE, 'alloc_%s.c' % p), *extra, '-Wl,-z,now', '-o', b])
        bins[p] = b
    return bins


def build_wasm():
    step('wasm: building the workloads with emcc for %s' % ', '.join(STRATEGIES + PEERS[1:]))
    d = os.path.join(OUT, 'wasm')
    os.makedirs(d, exist_ok=True)
    common = ['emcc', '-O2', '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=2GB', '-sNODERAWFS=1',
              '-sENVIRONMENT=node', os.path.join(HERE, 'workloads.c')]
    jobs = {}
    for s in STRATEGIES:
        run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=emscripten', 'STRATEGY=' + s])
        jobs[s] = common + [os.path.join(HERE, 'alloc_system.c'), '-sMALLOC=none',
                            'build/emscripten/%s/liblite_alloc.a' % s]
    jobs['dlmalloc'] = common + [os.path.join(HERE, 'alloc_system.c'), '-sMALLOC=dlmalloc']
    jobs['emmalloc'] = common + [os.path.join(HERE, 'alloc_system.c'), '-sMALLOC=emmalloc']
    jobs['bump'] = common + [os.path.join(HERE, 'alloc_bump.c'), '-sMALLOC=dlmalloc']
    bins = {}
    with cf.ThreadPoolExecutor(2) as ex:
        futs = {}
        for a, cmd in jobs.items():
            js = '%s/bench-%s.js' % (d, a)
            futs[ex.submit(run, cmd + ['-o', js])] = (a, js)
        for f in cf.as_completed(futs):
            a, js = futs[f]
            try:
                f.result()
                bins[a] = js
            except RuntimeError as e:
                print('wasm build of %s failed: %s' % (a, str(e)[-400:]), file=sys.stderr)
    return bins


def build_cortex_m():
    """ELFs for the Cortex-M4 runs: null (the baseline), our strategies, newlib-nano, newlib."""
    step('cortex-m4: building the workloads for %s' % ', '.join(STRATEGIES + CM_PEERS))
    d = os.path.join(OUT, 'cortex-m4')
    os.makedirs(d, exist_ok=True)
    cc = ['arm-none-eabi-gcc', *CM_FLAGS]
    # startup.o as test/cortex_m.mk builds it (CM_CFLAGS)
    run(cc + ['-Os', '-g', '-ffunction-sections', '-fdata-sections', '-Iinclude', '-c',
              os.path.join(CM_HARNESS, 'startup.c'), '-o', d + '/startup.o'])
    cflags = ['-O2', '-g0', '-ffunction-sections', '-fdata-sections', '-D_POSIX_TIMERS=1',
              '-D_POSIX_MONOTONIC_CLOCK=200112L']  # newlib declares clock_gettime under these
    run(cc + cflags + ['-DMIXED_SLOTS=%d' % CM_MIXED_SLOTS, '-DTRACE_OPS_MAX=0', '-Dmain=bench_main', '-c',
                       os.path.join(HERE, 'workloads.c'), '-o', d + '/workloads.o'])
    run(cc + cflags + ['-c', os.path.join(HERE, 'cortex_m.c'), '-o', d + '/cortex_m.o'])
    run(cc + cflags + ['-c', os.path.join(HERE, 'cm_sbrk_peak.c'), '-o', d + '/cm_sbrk_peak.o'])
    # the heap's high-water mark: every _sbrk call goes through cm_sbrk_peak.c
    ld = ['-nostartfiles', '-L' + CM_HARNESS, '-T' + os.path.join(CM_HARNESS, 'mps2-an386.ld'), '-Wl,--gc-sections',
          '-Wl,--wrap=_sbrk']
    nano = ['--specs=nano.specs', '--specs=rdimon.specs']
    # (link options, wrapper file, libraries after startup.o)
    jobs = {'null': (nano, 'alloc_null_cm.c', []),
            'newlib-nano': (nano, 'alloc_system.c', []),
            'newlib': (['--specs=rdimon.specs'], 'alloc_system.c', [])}
    for s in STRATEGIES:  # the release library, built if absent or out of date
        run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=cortex-m4', 'STRATEGY=' + s])
        jobs[s] = (nano + ['-Iinclude'], 'alloc_lite.c', ['-Lbuild/cortex-m4/' + s, '-llite_alloc'])
    bins = {}
    for a, (opts, wrapper, libs) in jobs.items():
        elf = '%s/bench-%s.elf' % (d, a)
        run(cc + cflags + opts + ld + [d + '/workloads.o', d + '/cortex_m.o', d + '/cm_sbrk_peak.o', os.path.join(HERE, wrapper),
                                       d + '/startup.o'] + libs + ['-Wl,-Map=' + elf + '.map', '-o', elf])
        heap = open(elf + '.map').read()
        newlib_heap = re.search(r'lib_a-(nano-)?mallocr\.o', heap) is not None
        # ours must replace newlib's heap, the peers must be it (the baseline leaves it to stdio)
        if a != 'null' and newlib_heap != (a in CM_PEERS):
            raise RuntimeError('%s: newlib\'s malloc %slinked' % (elf, '' if newlib_heap else 'not '))
        dis = run(['arm-none-eabi-objdump', '-d', elf]).stdout
        for fn in ('bm_malloc', 'bm_free', 'bm_realloc', 'bm_calloc'):  # the cost model below
            body = re.search(r'<%s>:\n((?:\s+[0-9a-f]+:.*\n)+)' % fn, dis).group(1).strip().split('\n')
            want = ['ldr', 'bx'] if a == 'null' else ['b.w']
            if [l.split('\t')[2].split()[0] for l in body if '.word' not in l][:len(want)] != want:
                raise RuntimeError('%s: %s is not %s' % (elf, fn, ' + '.join(want)))
        bins[a] = elf
    return bins


def cortex_m_runs(bins):
    def one(a, w):
        p = run(['timeout', '600', 'qemu-system-arm', '-M', 'mps2-an386', '-icount', 'shift=0',
                 '-semihosting-config', 'enable=on,target=native,arg=' + w, '-nographic', '-monitor', 'none',
                 '-serial', 'none', '-kernel', bins[a]])
        return a, w, parse(p.stdout)

    def safe(a, w):
        try:
            return one(a, w)
        except RuntimeError as e:  # out of memory: exit code 1
            print('cortex-m4 %s %s failed: %s' % (a, w, str(e)[-300:]), file=sys.stderr)
            return a, w, None

    raw = {}
    step('cortex-m4: %d workload runs under QEMU' % (len(bins) * len(CM_WORKLOADS)))
    with cf.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        # slowest first (newlib's first-fit lists on the fragmentation workload)
        order = sorted([(a, w) for a in bins for w in CM_WORKLOADS], key=lambda aw: (aw[1] != 'frag', aw))
        for a, w, r in ex.map(lambda aw: safe(*aw), order):
            raw.setdefault(a, {})[w] = r
    res = {}
    for a in STRATEGIES + CM_PEERS:
        if a not in raw:
            continue
        res[a] = {}
        for w in CM_WORKLOADS:
            r, b = raw[a][w], raw['null'][w]
            if not r or not b:
                res[a][w] = None
                continue
            assert r['calls'] == b['calls']
            truthful(a, 'cortex-m4 ' + w, r)
            res[a][w] = {'ipc': (r['insns'] - b['insns']) / r['calls'] + 2 - 1, 'calls': r['calls'],
                         'insns': r['insns'], 'baseline_insns': b['insns'], 'footprint': r['footprint'],
                         'peak_live': r['peak_live']}
    return res


def parse(out):
    return {k: int(v) for k, v in re.findall(r'(\w+)=(\d+)', out)}


def truthful(a, w, r):
    """The harness took nothing from the allocator under test before the workload, and no footprint
    is below the live payload (either would be a measuring error, not a property of the allocator)."""
    if r['harness'] != 0:
        raise RuntimeError('%s %s: the harness took %d bytes from the allocator before the workload'
                           % (a, w, r['harness']))
    if r['footprint'] < r['peak_live']:
        raise RuntimeError('%s %s: footprint %d below the peak live payload %d' % (a, w, r['footprint'], r['peak_live']))


def host_runs(bins, trace):
    res = {}

    def one(a, w):
        args = [w] + ([trace] if w == 'trace' else [])
        try:
            fp = parse(run([bins[a]] + args, env=dict(os.environ, BENCH_SAMPLE='1') if a == 'glibc' else None).stdout)
        except RuntimeError as e:
            print('%s %s failed: %s' % (a, w, str(e)[-300:]), file=sys.stderr)
            return a, w, None
        try:
            p = run(['valgrind', '--tool=callgrind', '--toggle-collect=bm_*', '--callgrind-out-file=/dev/null',
                     bins[a]] + args)
        except RuntimeError as e:
            print('%s %s failed under callgrind: %s' % (a, w, str(e)[-300:]), file=sys.stderr)
            return a, w, None
        collected = int(re.search(r'Collected : (\d+)', p.stderr).group(1))
        calls = parse(p.stdout)['calls']
        truthful(a, w, fp)
        return a, w, {'ipc': collected / calls - 1, 'calls': calls, 'peak_live': fp['peak_live'],
                      'footprint': fp['footprint']}

    step('host: %d workload runs, under callgrind and for the footprint' % (len(bins) * len(WORKLOADS)))
    with cf.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        for a, w, r in ex.map(lambda aw: one(*aw), [(a, w) for a in bins for w in WORKLOADS]):
            res.setdefault(a, {})[w] = r
    # An allocator that fails a workload (Emscripten's emmalloc is written for 32-bit) is left out.
    return {a: res[a] for a in STRATEGIES + PEERS if a in res and all(res[a].values())}


def wasm_runs(bins, trace):
    times = {}
    foot = {}
    step('wasm: footprint of every workload (sbrk break above __heap_base, sampled after every call)')
    for w in WORKLOADS:
        for a, js in bins.items():
            args = [w] + ([trace] if w == 'trace' else [])
            r = parse(run(['node', '--no-experimental-fetch', js] + args,
                          env=dict(os.environ, NODE_PATH='/usr/share/nodejs', BENCH_SAMPLE='1')).stdout)
            truthful(a, 'wasm ' + w, r)
            foot.setdefault(a, {})[w] = r
    for rep in range(WASM_REPS):  # interleaved: every allocator once per repetition
        step('wasm: timed round %d of %d' % (rep + 1, WASM_REPS))
        for w in WORKLOADS:
            for a, js in bins.items():
                args = [w] + ([trace] if w == 'trace' else [])
                p = run(['node', '--no-experimental-fetch', js] + args,
                        env=dict(os.environ, NODE_PATH='/usr/share/nodejs'))
                times.setdefault(a, {}).setdefault(w, []).append(parse(p.stdout)['ns'] / 1e6)
    order = STRATEGIES + PEERS
    return ({a: {w: statistics.median(v) for w, v in times[a].items()} for a in order if a in times},
            {a: foot[a] for a in order if a in foot})


def label(a):
    return 'lite-alloc ' + a if a in STRATEGIES else {'glibc': 'glibc (host)', 'dlmalloc': 'dlmalloc (Emscripten)',
                                                      'emmalloc': 'emmalloc (Emscripten)',
                                                      'bump': 'bump, never frees (ceiling)',
                                                      'newlib-nano': 'newlib-nano malloc', 'newlib': 'newlib malloc'}[a]


def ratio_table(title, res, workloads, fmt=lambda r: '%.2f' % (r['footprint'] / r['peak_live'])):
    L = [title, '', '| allocator | ' + ' | '.join(WNAMES[w] for w in workloads) + ' |',
         '|---|' + '---:|' * len(workloads)]
    for a in res:
        L.append('| %s | %s |' % (label(a), ' | '.join(fmt(res[a][w]) if res[a].get(w) else 'failed'
                                                        for w in workloads)))
    return L + ['']


def tables(host, wasm, wasm_foot=None, cm=None, programs_text=''):
    L = []
    if programs_text:
        L += ['### Real programs', '', programs_text.rstrip('\n'), '']
    L += ['### Workloads: speed', '']
    if wasm:
        L += ['wasm (Emscripten -O2, node %s), wall time of the workload in ms, median of %d interleaved runs:'
              % (run(['node', '--version']).stdout.strip(), WASM_REPS), '',
              '| allocator | ' + ' | '.join(WNAMES[w] for w in WORKLOADS) + ' |',
              '|---|' + '---:|' * len(WORKLOADS)]
        for a in wasm:
            L.append('| %s | %s |' % (label(a), ' | '.join('%.2f' % wasm[a][w] for w in WORKLOADS)))
        L.append('')
    if cm:
        L += ['Cortex-M4 (arm-none-eabi-gcc -O2, QEMU %s mps2-an386 -icount shift=0), instructions per call '
              '(guest instructions of the workload minus a two-instruction allocator\'s, per call):'
              % re.search(r'version (\S+)', run(['qemu-system-arm', '--version']).stdout).group(1), '',
              '| allocator | ' + ' | '.join(WNAMES[w] + (' (%d live)' % CM_MIXED_SLOTS if w == 'mixed' else '')
                                           for w in CM_WORKLOADS) + ' |', '|---|' + '---:|' * len(CM_WORKLOADS)]
        for a in cm:
            L.append('| %s | %s |' % (label(a), ' | '.join('%.1f' % cm[a][w]['ipc'] if cm[a][w] else 'failed'
                                                            for w in CM_WORKLOADS)))
        L.append('')
    L += ratio_table('Host (x86-64), instructions per call (callgrind, allocator calls only):', host, WORKLOADS,
                     lambda r: '%.1f' % r['ipc'])
    L += ['### Workloads: footprint', '']
    if wasm_foot:
        L += ratio_table('wasm (Emscripten): peak heap / peak live payload (the sbrk break above __heap_base, '
                         'sampled after every call; every allocator there grows through sbrk):', wasm_foot, WORKLOADS)
    if cm:
        L += ratio_table('Cortex-M4: heap high-water mark (highest _sbrk break) / peak live payload:', cm, CM_WORKLOADS)
    L += ratio_table('Host (x86-64), third: peak of what the allocator took from the system / peak live payload '
                     '(ours: a reservation committed in 64 KiB steps):', host, WORKLOADS)
    if cm:
        c = next(iter(cm.values()))
        L += ['Cortex-M4 calls per workload: ' + ', '.join('%s %d' % (WNAMES[w], c[w]['calls'])
                                                          for w in CM_WORKLOADS if c[w]) +
              '. The Lua trace does not fit in the board\'s 4 MiB of RAM: no Cortex-M4 column.', '']
    calls = host[next(iter(host))]
    L += ['Calls per workload: ' + ', '.join('%s %d' % (WNAMES[w], calls[w]['calls']) for w in WORKLOADS) +
          '. The harness allocates nothing through the allocator under test (asserted: nothing taken before the '
          'first call). Method: test/bench/bench.py, test/bench/programs.py.', '',
          '![Code size against speed, per target](test/bench/size-vs-speed.svg)']
    return '\n'.join(L) + '\n'


def goals(host, progs=None):
    """The speed issues' targets (issues 9 and 18): met or missed."""
    L = []
    dl = host['dlmalloc']

    def line(what, x, goal, unit='x dlmalloc'):
        L.append('%s: %.2f%s (goal <= %g): %s' % (what, x, unit, goal, 'met' if x <= goal else 'MISSED'))

    sb = host['segregated_bump']
    line('segregated_bump small churn', sb['churn']['ipc'], 30, ' instr/call')
    line('segregated_bump Lua trace', sb['trace']['ipc'], 40, ' instr/call')
    for s, goal in (('segregated_bump', 0.8), ('freelist', 1.0), ('bump_freelist', 3.0)):
        for w in WORKLOADS:
            line('%s %s' % (s, w), host[s][w]['ipc'] / dl[w]['ipc'], goal)
    for w in WORKLOADS:
        fl, d = host['freelist'][w], dl[w]
        line('freelist %s footprint / dlmalloc\'s' % w, (fl['footprint'] / fl['peak_live']) /
             (d['footprint'] / d['peak_live']), 1.0, 'x (host)')
    bm = host['bump_freelist']['mixed']
    line('bump_freelist mixed-sizes footprint / peak live', bm['footprint'] / bm['peak_live'], 2.0, 'x (host)')
    # The one-layer issue's speed targets (issue 18), for the libraries as shipped: Lua under Emscripten
    # (wall time against dlmalloc's), Lua on the Cortex-M4 (instructions against newlib-nano's), and the
    # host's instructions per call, each workload no more than 5 % above d166c82's.
    progs = progs or {}
    for s, goal in (('bump_freelist', 0.75), ('segregated_bump', 0.72), ('freelist', 0.82)):
        em = progs.get('emscripten', {}).get('lua', {}).get(s)
        if em:
            extra = ', 95 %% interval %.2f-%.2f' % tuple(em['interval']) if em.get('interval') else ''
            if 'insns_ratio' in em:
                extra += '; node\'s instructions %.3fx' % em['insns_ratio']
            line('Lua under Emscripten, %s' % s, em['ratio'], 1.0, 'x dlmalloc\'s time%s' % extra)
        m4 = progs.get('cortex-m4', {}).get('lua', {}).get(s)
        if m4:
            line('Lua on the Cortex-M4, %s' % s, m4['ratio'], goal, 'x newlib-nano\'s instructions')
        for w, before in zip(WORKLOADS, ISSUE18_HOST_BEFORE[s]):
            line('host %s %s, %.1f instr/call' % (s, w, host[s][w]['ipc']), host[s][w]['ipc'] / before, 1.05,
                 'x d166c82\'s %.1f' % before)
    return '\n'.join(L) + '\n'


# Host instructions per call of d166c82 (before the one-layer redesign), per workload (WORKLOADS' order).
ISSUE18_HOST_BEFORE = {'bump_freelist': (48.5, 1197.3, 48.9, 42.4, 48.1),
                       'segregated_bump': (24.0, 1182.2, 43.2, 27.0, 35.3),
                       'freelist': (59.7, 1173.4, 56.5, 65.4, 83.5)}


def main():
    os.makedirs(OUT, exist_ok=True)
    trace = os.path.join(OUT, 'trace.txt')
    with lzma.open(os.path.join(HERE, 'trace.txt.xz')) as z, open(trace, 'wb') as f:
        f.write(z.read())
    host = host_runs(build_host(), trace)
    wasm, wasm_foot = {}, {}
    if subprocess.run(['sh', '-c', 'command -v emcc && command -v node'], capture_output=True).returncode == 0:
        try:
            wasm, wasm_foot = wasm_runs(build_wasm(), trace)
        except RuntimeError as e:
            print('wasm runs skipped: %s' % str(e)[-600:], file=sys.stderr)
    cm = {}
    if subprocess.run(['sh', '-c', 'command -v arm-none-eabi-gcc && command -v qemu-system-arm'],
                      capture_output=True).returncode == 0:
        try:
            cm = cortex_m_runs(build_cortex_m())
        except RuntimeError as e:
            print('cortex-m4 runs skipped: %s' % str(e)[-600:], file=sys.stderr)
    sys.path.insert(0, HERE)
    import programs
    progs = programs.main(QUICK)
    text = tables(host, wasm, wasm_foot, cm, programs.table(progs) if progs else '')
    print(text)
    g = goals(host, progs)  # the project's own targets: build/bench/goals.txt, printed only with --goals (make goals prints the file)
    if '--goals' in sys.argv:
        print('Speed goals:\n' + g)
    with open(os.path.join(OUT, 'bench-table.md'), 'w') as f:
        f.write(text)
    with open(os.path.join(OUT, 'bench.json'), 'w') as f:
        json.dump({'host': host, 'wasm': wasm, 'wasm_footprint': wasm_foot, 'cortex-m4': cm, 'programs': progs},
                  f, indent=1)
    with open(os.path.join(OUT, 'goals.txt'), 'w') as f:
        f.write(g)
    step('chart: test/bench/size-vs-speed.svg (matplotlib), build/bench/size-vs-speed.png')
    # Debian's python3, where python3-matplotlib is installed (the python3 on PATH may be another)
    run(['/usr/bin/python3', os.path.join(HERE, 'chart.py'), os.path.join(HERE, 'size-vs-speed.svg'),
         os.path.join(OUT, 'size-vs-speed.png')])
    sys.path.insert(0, os.path.join(ROOT, 'test', 'size'))
    from size import put_between_markers
    if '--readme' in sys.argv:
        step('README.md: the section between the bench markers')
        put_between_markers(os.path.join(ROOT, 'README.md'), 'bench', text)


if __name__ == '__main__':
    main()
