#!/usr/bin/env python3
"""Real programs of make bench, built from Debian's own sources (fetch_sources.sh: apt-get source
lua5.4 sqlite3; the SQLite amalgamation made with tclsh): Lua 5.4 running test/bench/programs.lua
(binary trees, string building, table churn) and SQLite running Emscripten's copy of speedtest1.c
(/usr/share/emscripten/tests/sqlite/speedtest1.c, in-memory database).

Each program is compiled once per platform and linked once per allocator, the way a user links:
  Emscripten (emcc -O2): lite-alloc with -sMALLOC=none + build/emscripten/<s>/liblite_alloc.a, beside
    -sMALLOC=dlmalloc (the default) and -sMALLOC=emmalloc; run under node.
  wasi (clang-19 --target=wasm32-wasi -O2, Debian's wasi-libc): build/wasi/<s>/liblite_alloc.a on the
    link line, beside wasi-libc's own dlmalloc; run under node's WASI. Lua only: this wasi-libc
    (2022) has no setjmp, so Lua's errors are built to abort (-DLUAI_THROW/LUAI_TRY: the script raises
    none and uses no coroutines). SQLite is not built for wasi yet (its unix VFS wants file locks and
    mmap, which this wasi-libc lacks; an in-memory VFS would do, not written yet).
  Cortex-M4 (arm-none-eabi-gcc -O2, hard float, QEMU mps2-an386 -icount shift=0, semihosting):
    -llite_alloc with newlib-nano, beside newlib-nano's malloc and full newlib's. Lua with LUA_USE_C89
    (newlib-nano's printf has no %lld) and -u _printf_float. Lua only: SQLite on the board (4 MiB of
    flash and of RAM) has not been tried yet.
Measured: output identical to the platform default's (asserted; speedtest1's timings are blanked
first); time as a ratio to the platform default, paired runs interleaved (every allocator once per
round), median of the per-round ratios (wasm: wall time of the node process; Cortex-M4: guest
instructions of the program, from SysTick under -icount, deterministic so one run); peak memory
(wasm: linear memory at exit, which never shrinks, from peak_wasm.c; Cortex-M4: the heap's
high-water mark, _sbrk wrapped by cm_sbrk_peak.c); whole-module size (.wasm bytes) or firmware size
(.text + .data of the ELF).

--check (make check-programs, part of make check): Lua (and SQLite on Emscripten) at a small scale,
once per allocator: the release and the checked library of every strategy must print what the platform default prints, on
Emscripten, wasi and the Cortex-M4; and each binary must hold the allocator it names (wasi: the link
map has wasi-libc's dlmalloc.o only in the default's module; Emscripten: -sMALLOC=none; Cortex-M4: newlib's
malloc members linked only into the default's firmware; checked builds: lite-alloc's use-after-free
message present, and absent from release builds).
"""
import hashlib
import os
import re
import statistics
import subprocess
import sys
import time
import concurrent.futures as cf

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
HERE = os.path.join(ROOT, 'test', 'bench')
OUT = os.path.join(ROOT, 'build', 'bench', 'programs')
STRATEGIES = ['bump_freelist', 'segregated_bump', 'freelist']
REPS = int(os.environ.get('BENCH_PROGRAM_REPS', '5'))
# Lua's wasm rounds are short (half a second a process) and its ratio to the default is a goal: three
# times the rounds, so that the median of a shared machine's runs moves by less than its 10-30 % spread.
LUA_REPS_FACTOR = 3
# Lua under Emscripten is a goal's measure (no slower than dlmalloc, issue 18), and one node process's
# wall time here swings: the per-round ratio's standard deviation was 0.14 over 40 rounds, so the median
# of 15 rounds moves by about 3 %, more than the allocator's whole margin (V8's profile: 6.5 % of the
# samples in segregated_bump's allocator, 8.6 % in dlmalloc's). The goal's subjects (the release
# builds and dlmalloc) run LUA_GOAL_ROUNDS rounds, the other builds every LUA_REPS_FACTOR-th round of
# them; the table prints the median's 95 % interval beside it. A steady
# second figure: the instructions of the whole node process under callgrind (lua_instructions).
LUA_GOAL_ROUNDS = 60
LUA_INSNS_SCALE = '0.3'
# The checked build (CHECKED=1) runs the Lua program too: output identical, and its cost beside release.
CHECKED = ' checked'
# LITE_ALLOC_MERGE=2 (the merge before growth as well, src/core/config.hpp): the two strategies that
# merge lazily, beside the shipped builds on the Cortex-M4 (an option there; wasi and Emscripten ship it).
MERGE2 = ' merge=2'
MERGE2_STRATEGIES = ['bump_freelist', 'segregated_bump']
MERGE2_PLATFORMS = ['cortex-m4']
LUA_SCALE = {'emscripten': '1', 'wasi': '1', 'cortex-m4': '0.3'}
CHECK_LUA_SCALE = {'emscripten': '0.1', 'wasi': '0.1', 'cortex-m4': '0.03'}  # --check: seconds, not minutes
CHECK = False  # --check (make check-programs)
HEAP = False  # --heap (make bench-heap): the two heap tables only (release builds, one run each)
FIXED = 'fixed heap'  # results' key of the fixed-heap search (Cortex-M4)
FIXED_GRAIN = 4096  # the search's resolution (bytes)
FIXED_ALLOCS = STRATEGIES + ['newlib-nano']
LUA_LAST = re.compile(r'^tables\t\d+$', re.M)  # programs.lua's last line: the whole script ran
# MuJS (Debian's mujs, a JavaScript interpreter) running test/bench/programs.js: strings, arrays and
# JSON buffers that grow through many sizes. Its garbage collector counts objects, not bytes, so
# dead strings of every length pile up between collections: even small scales need 2 MiB of heap.
MUJS_SCALE = {'emscripten': '1', 'cortex-m4': '0.1'}
CHECK_MUJS_SCALE = {'cortex-m4': '0.01'}  # --check: the Cortex-M4 only
LAST = {'lua': LUA_LAST, 'mujs': re.compile(r'^tables\t\d+$', re.M)}  # programs.js's last line too
CHECKED_MESSAGE = b'was written to after free'  # only the checked build carries its messages
SQLITE_SIZE = '2'  # Emscripten's speedtest1 takes its size as its first argument: 2 is --size 15
SQLITE_CHECK_SIZE = '1'  # --check: --size 5
SQLITE_LAST = re.compile(r'^ *TOTAL\.', re.M)  # speedtest1's last line: every test ran
CM_FLAGS = ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16']
CM_HARNESS = os.path.join(ROOT, 'test', 'harness', 'cortex_m')
DEFAULT = {'emscripten': 'dlmalloc', 'wasi': 'wasi-libc dlmalloc', 'cortex-m4': 'newlib-nano'}


def wanted(a):
    """Whether allocator a is built and run: --heap measures the release builds beside the default."""
    return not HEAP or a in STRATEGIES or a in DEFAULT.values() or a.endswith(MERGE2)


def step(msg):
    print(('check-programs: ' if CHECK else 'bench: ') + msg, flush=True)


def run(cmd, env=None, cwd=ROOT, timeout=None):
    env = dict(env or os.environ, NODE_PATH='/usr/share/nodejs')
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)
    if p.returncode:
        raise RuntimeError('%s\n%s%s' % (' '.join(cmd), p.stdout[-2000:], p.stderr[-2000:]))
    return p


def have(*tools):
    return all(subprocess.run(['sh', '-c', 'command -v ' + t], capture_output=True).returncode == 0 for t in tools)


def sources(small=False):
    """(Lua's src/, SQLite's amalgamation directory or None when small, MuJS's source directory)"""
    p = run([os.path.join(HERE, 'fetch_sources.sh')] + (['small'] if small else []))
    d = dict(re.findall(r'^(\w+)=(.*)$', p.stdout, re.M))
    return (os.path.join(ROOT, d['LUA_SRC']), d.get('SQLITE_SRC') and os.path.join(ROOT, d['SQLITE_SRC']),
            os.path.join(ROOT, d['MUJS_SRC']))


def compile_all(cc, flags, files, objdir, jobs=2):
    """Objects compiled once, kept while the source is older; a change of flags gets its own directory."""
    objdir += '-' + hashlib.sha1(' '.join(cc + flags).encode()).hexdigest()[:8]
    os.makedirs(objdir, exist_ok=True)
    objs = []
    with cf.ThreadPoolExecutor(jobs) as ex:
        futs = []
        for f in files:
            o = os.path.join(objdir, os.path.basename(f)[:-2] + '.o')
            objs.append(o)
            if not os.path.exists(o) or os.path.getmtime(o) < os.path.getmtime(f):
                futs.append(ex.submit(run, cc + flags + ['-c', f, '-o', o]))
        for f in futs:
            f.result()
    return objs


def lua_files(lua):
    return sorted(os.path.join(lua, f) for f in os.listdir(lua) if f.endswith('.c') and f not in ('luac.c', 'onelua.c'))


def mujs_files(mujs):
    """MuJS's library (its Makefile's js*.c utf*.c regexp.c; not one.c, which includes them all, nor
    pp.c, a tool); main.c apart."""
    return sorted(os.path.join(mujs, f) for f in os.listdir(mujs)
                  if re.match(r'(js.*|utf.*|regexp)\.c$', f))


def build_emscripten(lua, sqlite, mujs):
    d = os.path.join(OUT, 'emscripten')
    common = ['-O2', '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=2GB', '-sNODERAWFS=1', '-sENVIRONMENT=node',
              '-sEXIT_RUNTIME=1', '-sTOTAL_STACK=1MB', '-sINITIAL_MEMORY=2MB',
              '-sMEMORY_GROWTH_GEOMETRIC_STEP=0']  # memory grows to what is asked, not 20% beyond: a peak to compare
    peak = compile_all(['emcc', '-O2'], [], [os.path.join(HERE, 'peak_wasm.c')], d + '/obj')
    progs = {'lua': compile_all(['emcc', '-O2'], ['-DLUA_COMPAT_5_3'], lua_files(lua), d + '/lua')}
    if not CHECK:
        progs['mujs'] = compile_all(['emcc', '-O2'], [], mujs_files(mujs) + [os.path.join(mujs, 'main.c')], d + '/mujs')
    if sqlite:  # not in --check
        progs['sqlite'] = compile_all(['emcc', '-O2'], ['-DSQLITE_THREADSAFE=0', '-DSQLITE_OMIT_LOAD_EXTENSION', '-I' + sqlite],
                                      [os.path.join(sqlite, 'sqlite3.c'), '/usr/share/emscripten/tests/sqlite/speedtest1.c'],
                                      d + '/sqlite')
    allocs = {s: ['-sMALLOC=none', 'build/emscripten/%s/liblite_alloc.a' % s] for s in STRATEGIES}
    allocs.update({s + CHECKED: ['-sMALLOC=none', 'build/emscripten/%s/checked/liblite_alloc.a' % s] for s in STRATEGIES})
    allocs['dlmalloc'] = ['-sMALLOC=dlmalloc']
    allocs['emmalloc'] = ['-sMALLOC=emmalloc']
    bins = {}
    jobs = []
    for prog, objs in progs.items():
        for a, link in allocs.items():
            if prog != 'lua' and a.endswith(CHECKED) and not CHECK or not wanted(a):
                continue  # the bench times the checked build on the Lua program only; --check runs SQLite too
            js = '%s/%s-%s.js' % (d, prog, a.replace(' ', '_'))
            jobs.append((prog, a, js, ['emcc'] + common + objs + peak + link + ['-o', js]))
    with cf.ThreadPoolExecutor(2) as ex:
        for (prog, a, js, cmd), f in zip(jobs, [ex.submit(run, j[3]) for j in jobs]):
            f.result()
            bins.setdefault(prog, {})[a] = (js, os.path.getsize(js[:-3] + '.wasm'))
    return bins


def build_wasi(lua):
    d = os.path.join(OUT, 'wasi')
    cc = ['clang-19', '--target=wasm32-wasi', '-O2']
    # No setjmp in this wasi-libc: Lua's errors abort (the bench script raises none).
    luaflags = ['-DLUA_COMPAT_5_3', '-D_WASI_EMULATED_SIGNAL', '-D_WASI_EMULATED_PROCESS_CLOCKS',
                "-DLUAI_THROW(L,c)=abort()", "-DLUAI_TRY(L,c,a)={ a }", '-Dluai_jmpbuf=int',
                # nor processes or temporary files: os.execute, os.tmpname, io.tmpfile fail (wasi_stubs.c)
                "-Dlua_tmpnam(b,e)=(e = 1)", '-DLUA_TMPNAMBUFSIZE=32']
    inc = d + '/include'  # ldo.c includes <setjmp.h>, which this wasi-libc lacks: an empty one
    os.makedirs(inc, exist_ok=True)
    with open(inc + '/setjmp.h', 'w') as f:
        f.write('/* make bench: wasi-libc (2022) has no setjmp; Lua is built with LUAI_THROW = abort() */\n')
    objs = compile_all(cc, luaflags + ['-I' + inc], lua_files(lua), d + '/lua')
    peak = compile_all(cc, [], [os.path.join(HERE, 'peak_wasm.c'), os.path.join(HERE, 'wasi_stubs.c')], d + '/obj')
    allocs = {s: ['build/wasi/%s/liblite_alloc.a' % s] for s in STRATEGIES}
    allocs.update({s + CHECKED: ['build/wasi/%s/checked/liblite_alloc.a' % s] for s in STRATEGIES})
    allocs['wasi-libc dlmalloc'] = []
    bins = {}
    for a, link in allocs.items():
        w = '%s/lua-%s.wasm' % (d, a.replace(' ', '_'))
        run(cc + objs + peak + link + ['-lwasi-emulated-signal', '-lwasi-emulated-process-clocks',
                                       '-Wl,-z,stack-size=1048576', '-Wl,-Map=' + w + '.map', '-o', w])
        bins[a] = (w, os.path.getsize(w))
    return {'lua': bins}


def build_cortex_m(lua, mujs):
    d = os.path.join(OUT, 'cortex-m4')
    cc = ['arm-none-eabi-gcc', *CM_FLAGS]
    cflags = ['-O2', '-g0', '-ffunction-sections', '-fdata-sections']
    nano = ['--specs=nano.specs', '--specs=rdimon.specs', '-u', '_printf_float']  # Lua prints floats
    # LUA_USE_C89 (luaconf.h: integers are C89's long, 32-bit here, and floats double): newlib-nano's
    # printf has no %lld, which 64-bit Lua integers print with.
    cflags = cflags + ['-DLUA_USE_C89']
    objs = compile_all(cc, cflags + ['-DLUA_COMPAT_5_3'],
                       [f for f in lua_files(lua) if not f.endswith('/lua.c')], d + '/lua')
    main = os.path.dirname(objs[0]) + '/lua_main.o'  # lua.c's main becomes bench_main, called by cortex_m.c
    run(cc + cflags + ['-Dmain=bench_main', '-c', os.path.join(lua, 'lua.c'), '-o', main])
    progs = {'lua': objs + [main]}
    js = compile_all(cc, cflags, mujs_files(mujs), d + '/mujs')
    js_main = os.path.dirname(js[0]) + '/mujs_main.o'
    run(cc + cflags + ['-Dmain=bench_main', '-c', os.path.join(mujs, 'main.c'), '-o', js_main])
    progs['mujs'] = js + [js_main]
    run(cc + ['-Os', '-g', '-ffunction-sections', '-fdata-sections', '-Iinclude', '-c',
              os.path.join(CM_HARNESS, 'startup.c'), '-o', d + '/startup.o'])
    harness = compile_all(cc, cflags, [os.path.join(HERE, 'cortex_m.c'), os.path.join(HERE, 'cm_sbrk_peak.c')],
                          d + '/obj')
    ld = ['-nostartfiles', '-L' + CM_HARNESS, '-T' + os.path.join(CM_HARNESS, 'mps2-an386.ld'), '-Wl,--gc-sections',
          '-Wl,--wrap=_sbrk']
    allocs = {s: (nano, ['-Lbuild/cortex-m4/' + s, '-llite_alloc']) for s in STRATEGIES}
    allocs.update({s + CHECKED: (nano, ['-Lbuild/cortex-m4/%s/checked' % s, '-llite_alloc']) for s in STRATEGIES})
    allocs.update({s + MERGE2: (nano, ['-Lbuild/cortex-m4/%s/merge2' % s, '-llite_alloc']) for s in MERGE2_STRATEGIES})
    allocs['newlib-nano'] = (nano, [])
    allocs['newlib'] = (['--specs=rdimon.specs'], [])
    bins = {}
    for prog, pobjs in progs.items():
        for a, (specs, libs) in allocs.items():
            if not wanted(a):
                continue
            elf = '%s/%s-%s.elf' % (d, prog, a.replace(' ', '_'))
            run(cc + cflags + specs + ld + pobjs + harness + [d + '/startup.o'] + libs +
                ['-lm', '-Wl,-Map=' + elf + '.map', '-o', elf])
            newlib_heap = re.search(r'lib_a-(nano-)?mallocr\.o', open(elf + '.map').read()) is not None
            if newlib_heap != (a in ('newlib-nano', 'newlib')):
                raise RuntimeError('%s: newlib\'s malloc %slinked' % (elf, '' if newlib_heap else 'not '))
            sz = run(['arm-none-eabi-size', elf]).stdout.split('\n')[1].split()
            bins.setdefault(prog, {})[a] = (elf, int(sz[0]) + int(sz[1]))
    return bins


def args_of(prog, platform):
    if prog == 'lua':
        return [os.path.join(HERE, 'programs.lua'), (CHECK_LUA_SCALE if CHECK else LUA_SCALE)[platform]]
    if prog == 'mujs':
        return [os.path.join(HERE, 'programs.js'), (CHECK_MUJS_SCALE if CHECK else MUJS_SCALE)[platform]]
    return [SQLITE_CHECK_SIZE if CHECK else SQLITE_SIZE]


def normalise(prog, out):
    if prog == 'sqlite':  # speedtest1 prints each test's time
        out = re.sub(r'\d+\.\d{3}s$', 'T', out, flags=re.M)
    return out


def median_interval(xs):
    """The 95 % interval of the median of xs, from their order statistics (no assumed distribution):
    the k-th smallest and the k-th largest, k = (n - 1.96 sqrt(n)) / 2; None below 10 values."""
    n = len(xs)
    if n < 10:
        return None
    k = max(1, int((n - 1.96 * n ** 0.5) / 2))
    xs = sorted(xs)
    return xs[k - 1], xs[n - k]


def lua_goal_rounds():
    """Rounds of the goal's subjects: LUA_GOAL_ROUNDS, fewer when fewer repetitions were asked for."""
    return LUA_GOAL_ROUNDS * REPS // 5


def goal_subjects(platform, prog, names):
    """The builds whose Lua time is a goal (every round; the others every LUA_REPS_FACTOR-th), or
    None where no goal is measured (every build every round)."""
    if prog != 'lua' or platform != 'emscripten' or CHECK or HEAP:
        return None
    return [a for a in names if a in STRATEGIES or a == DEFAULT[platform]]


def wasm_runs(platform, bins):
    """Paired, interleaved runs under node: per round, every allocator once; ratio to the default."""
    res = {}
    for prog, allocs in bins.items():
        names = list(allocs)
        subjects = goal_subjects(platform, prog, names)
        times = {a: {} for a in names}  # round -> seconds
        outs, peaks, breaks = {}, {}, {}
        reps = lua_goal_rounds() if subjects else REPS * (LUA_REPS_FACTOR if prog == 'lua' and not (CHECK or HEAP) else 1)
        for r in range(reps):
            now = subjects if subjects and r % LUA_REPS_FACTOR else names
            step('%s %s: round %d of %d (%s)' % (platform, prog, r + 1, reps, ', '.join(now)))
            for a in (now if r % 2 == 0 else now[::-1]):
                cmd = wasm_command(platform, allocs[a][0])
                t = time.perf_counter()
                p = run(cmd + args_of(prog, platform), timeout=900)
                times[a][r] = time.perf_counter() - t
                outs.setdefault(a, normalise(prog, p.stdout))
                peaks[a] = int(re.search(r'peak_memory=(\d+)', p.stderr).group(1))
                brk = re.search(r'heap_break=(\d+)', p.stderr)
                if brk:
                    breaks[a] = int(brk.group(1))
        base = DEFAULT[platform]
        for a in names:
            if outs[a] != outs[base]:
                raise RuntimeError('%s %s: the output on %s differs from %s\'s' % (platform, prog, a, base))
        res[prog] = {}
        for a in names:
            ratios = [t / times[base][r] for r, t in times[a].items()]
            res[prog][a] = {'ratio': statistics.median(ratios), 'rounds': len(ratios),
                            'interval': median_interval(ratios) if subjects and a in subjects and a != base else None,
                            'seconds': statistics.median(times[a].values()), 'peak': peaks[a], 'size': allocs[a][1],
                            'heap_break': breaks.get(a)}
        if subjects and have('valgrind'):
            for a, ratio in lua_instructions(allocs, subjects).items():
                res[prog][a]['insns_ratio'] = ratio
    return res


def lua_instructions(allocs, subjects):
    """The whole node process's instructions under callgrind (Lua at LUA_INSNS_SCALE), each build's
    over the default's: V8's code as it runs, counted, not timed, so the figure moved by up to 2 %
    between runs here (V8 compiles on other threads, and collects when it will) where a pair's wall
    times swing by 14 %."""
    step('emscripten lua: node\'s instructions under callgrind (%s)' % ', '.join(subjects))

    def one(a):
        p = run(['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null'] +
                wasm_command('emscripten', allocs[a][0]) + [os.path.join(HERE, 'programs.lua'), LUA_INSNS_SCALE],
                timeout=900)
        m = re.search(r'Collected : (\d+)', p.stderr)
        if not m or not LUA_LAST.search(p.stdout):
            raise RuntimeError('emscripten lua under callgrind on %s did not finish:\n%s' % (a, p.stderr[-1000:]))
        return a, int(m.group(1))

    with cf.ThreadPoolExecutor(2) as ex:
        insns = dict(ex.map(one, subjects))
    base = DEFAULT['emscripten']
    return {a: insns[a] / insns[base] for a in subjects}


def qemu_cortex_m(elf, args, icount=True, cap=None, timeout=900):
    """Runs a Cortex-M4 program under QEMU (semihosting): the completed process, whatever its exit
    code. icount: one guest instruction per virtual ns (the instruction counts; about 2.5x slower).
    cap: the heap may not grow more than cap bytes (cm_sbrk_peak.c refuses _sbrk past it)."""
    arg = ' '.join((['heap_cap=%d' % cap] if cap else []) + args)
    return subprocess.run(['timeout', str(timeout), 'qemu-system-arm', '-M', 'mps2-an386'] +
                          (['-icount', 'shift=0'] if icount else []) +
                          ['-semihosting-config', 'enable=on,target=native,arg=' + arg,
                           '-nographic', '-monitor', 'none', '-serial', 'none', '-kernel', elf],
                          capture_output=True, text=True)


def cm_output(out):
    """A Cortex-M4 run's output without the harness's figures."""
    return re.sub(r'^(insns|total_insns|heap_peak)=\d+\n', '', out, flags=re.M)


def cortex_m_runs(bins):
    res = {}
    for prog, allocs in bins.items():
        raw, outs = {}, {}

        def one(a):
            p = qemu_cortex_m(allocs[a][0], args_of(prog, 'cortex-m4'))
            if p.returncode:
                raise RuntimeError('cortex-m4 %s on %s: exit code %d\n%s%s' % (prog, a, p.returncode,
                                                                               p.stdout[-1000:], p.stderr[-1000:]))
            return a, p.stdout

        step('cortex-m4 %s: %s under QEMU' % (prog, ', '.join(allocs)))
        with cf.ThreadPoolExecutor(2) as ex:
            for a, out in ex.map(one, list(allocs)):
                stats = dict((k, int(v)) for k, v in re.findall(r'^(total_insns|heap_peak)=(\d+)$', out, re.M))
                raw[a] = stats
                outs[a] = cm_output(out)
        base = DEFAULT['cortex-m4']
        for a in allocs:
            if outs[a] != outs[base]:
                raise RuntimeError('cortex-m4 %s: the output on %s differs from %s\'s' % (prog, a, base))
        res[prog] = {a: {'ratio': raw[a]['total_insns'] / raw[base]['total_insns'], 'insns': raw[a]['total_insns'],
                         'peak': raw[a]['heap_peak'], 'size': allocs[a][1], 'finished': LAST[prog].search(outs[a]) is not None}
                    for a in allocs}
    return res


def wasm_command(platform, path):
    if platform == 'wasi':
        return ['node', '--no-warnings', os.path.join(HERE, 'run_wasi.mjs'), path]
    return ['node', '--no-experimental-fetch', path]


def check_binaries(platform, allocs):
    """Each binary holds the allocator it is named after (see --check in the docstring)."""
    base = DEFAULT[platform]
    for a, (path, _) in allocs.items():
        wasm = path[:-3] + '.wasm' if path.endswith('.js') else path
        blob = open(wasm, 'rb').read()
        if (CHECKED_MESSAGE in blob) != a.endswith(CHECKED):
            raise RuntimeError('%s: the checked build\'s messages are %sthere' % (wasm, '' if CHECKED_MESSAGE in blob else 'not '))
        if platform == 'wasi':
            foreign = 'libc.a(dlmalloc.o)' in open(wasm + '.map').read()
            if foreign != (a == base):
                raise RuntimeError('%s: wasi-libc\'s dlmalloc %slinked' % (wasm, '' if foreign else 'not '))


def check_runs(platform, bins):
    """--check: every allocator once; the output must be the default's (and the program finished)."""
    for prog, allocs in bins.items():
        check_binaries(platform, allocs)
    if platform == 'cortex-m4':
        res = cortex_m_runs(bins)  # asserts the outputs (newlib's malloc only in the default's: build)
        for prog, r in res.items():
            if not r[DEFAULT[platform]]['finished']:
                raise RuntimeError('cortex-m4 %s: the script did not reach its last line ("tables ...")' % prog)
        check_fixed_heap(bins, res)
    base = DEFAULT[platform]
    for prog, allocs in bins.items():
        if platform != 'cortex-m4':
            outs = {a: normalise(prog, run(wasm_command(platform, allocs[a][0]) + args_of(prog, platform),
                                           timeout=300).stdout) for a in allocs}
            for a in allocs:
                if outs[a] != outs[base]:
                    raise RuntimeError('%s %s: the output on %s differs from %s\'s' % (platform, prog, a, base))
            if not (LUA_LAST if prog == 'lua' else SQLITE_LAST).search(outs[base]):
                raise RuntimeError('%s %s: the program did not reach its last line' % (platform, prog))
        step('%s: %s on lite-alloc %s, release and checked: output identical to %s\'s' % (
            platform, {'lua': 'Lua %s' % CHECK_LUA_SCALE[platform], 'sqlite': 'SQLite speedtest1 %s' % SQLITE_CHECK_SIZE,
                       'mujs': 'MuJS %s' % CHECK_MUJS_SCALE.get(platform)}[prog],
            ', '.join(STRATEGIES), base))


def check_fixed_heap(bins, grown):
    """--check: the fixed-heap search's premises, on every program and release allocator beside
    newlib-nano: capped at its own high-water mark, the program runs to its end as uncapped; capped
    below it, it stops cleanly with its own out-of-memory error (no fault): Lua at an eighth (it
    collects its garbage when an allocation fails, and runs in half its high-water mark), MuJS at
    half (its collector never runs on a failed allocation; an eighth is too small to start it)."""
    oom = {'lua': ('not enough memory',), 'mujs': ('out of memory', 'Could not initialize MuJS')}  # theirs
    share = {'lua': 8, 'mujs': 2}
    for prog in bins:
        want = cm_output(qemu_cortex_m(bins[prog][DEFAULT['cortex-m4']][0], args_of(prog, 'cortex-m4'),
                                       icount=False).stdout)
        for a in FIXED_ALLOCS:
            elf, high = bins[prog][a][0], grown[prog][a]['peak']
            if not fits(elf, prog, high, want):
                raise RuntimeError('cortex-m4 %s on %s: did not run in a heap of its own high-water mark, %d B'
                                   % (prog, a, high))
            p = qemu_cortex_m(elf, args_of(prog, 'cortex-m4'), icount=False, cap=high // share[prog], timeout=300)
            out = p.stdout + p.stderr
            if p.returncode != 1 or not any(m in out for m in oom[prog]) or 'cortex-m: fault' in out:
                raise RuntimeError('cortex-m4 %s on %s in a heap of %d B: expected its out-of-memory error, got exit '
                                   'code %d\n%s%s' % (prog, a, high // share[prog], p.returncode, p.stdout[-800:], p.stderr[-800:]))
        step('cortex-m4: %s on lite-alloc %s and newlib-nano: runs in a heap capped at its high-water mark, '
             'stops with its out-of-memory error below it' % (prog, ', '.join(STRATEGIES)))


def label(a):
    if a.endswith(CHECKED):
        return 'lite-alloc %s, checked build' % a[:-len(CHECKED)]
    if a.endswith(MERGE2):
        return 'lite-alloc %s, LITE_ALLOC_MERGE=2' % a[:-len(MERGE2)]
    return 'lite-alloc ' + a if a in STRATEGIES else {
        'dlmalloc': 'dlmalloc (Emscripten default)', 'emmalloc': 'emmalloc (Emscripten)',
        'wasi-libc dlmalloc': 'dlmalloc (wasi-libc default)', 'newlib-nano': 'newlib-nano (default)',
        'newlib': 'newlib'}[a]


def table(results):
    """Markdown: one table per platform and program."""
    L = []
    titles = {'emscripten': 'Emscripten 3.1.6 -O2 under node %s' % run(['node', '--version']).stdout.strip(),
              'wasi': 'wasm32-wasi (clang-19 -O2, wasi-libc) under node\'s WASI',
              'cortex-m4': 'Cortex-M4 (arm-none-eabi-gcc -O2, QEMU mps2-an386 -icount shift=0)'}
    what = {'lua': 'Lua 5.4 (Debian source), test/bench/programs.lua %s',
            'mujs': 'MuJS 1.3.2 (Debian source), test/bench/programs.js %s',
            'sqlite': 'SQLite 3.40 (Debian source), Emscripten\'s speedtest1 %s (size 15)' % SQLITE_SIZE}
    for platform, progs in results.items():
        if platform == FIXED:
            continue
        for prog, r in progs.items():
            base = DEFAULT[platform]
            cm = platform == 'cortex-m4'
            L += ['%s, %s: output identical on every allocator.' % (
                (what[prog] % {'lua': LUA_SCALE, 'mujs': MUJS_SCALE}[prog][platform]) if prog != 'sqlite' else what[prog],
                titles[platform]), '',
                  '| allocator | time / %s | %s | peak %s (KiB) | %s size (B) |' % (
                      base, 'instructions' if cm else 'wall time (s)',
                      'heap' if cm else 'linear memory', 'firmware' if cm else 'module'),
                  '|---|---:|---:|---:|---:|']
            for a, v in r.items():
                ratio = '%.2f' % v['ratio']
                if v.get('interval'):
                    ratio += ' (%.2f-%.2f)' % tuple(v['interval'])
                L.append('| %s | %s | %s | %d | %d |' % (label(a), ratio,
                                                           '%d' % v['insns'] if cm else '%.2f' % v['seconds'],
                                                           v['peak'] // 1024, v['size']))
            insns = [(a, v['insns_ratio']) for a, v in r.items() if 'insns_ratio' in v and a != base]
            if insns:
                L += ['', 'The whole node process\'s instructions under callgrind (programs.lua %s), over %s\'s: %s.' % (
                    LUA_INSNS_SCALE, base, ', '.join('%s %.3f' % (a, x) for a, x in insns))]
            L.append('')
    if L:
        L.append('Time: %s; wasm: median over %d interleaved rounds (Lua: %d; under Emscripten, %d for the release '
                 'builds and dlmalloc, with the median\'s 95 %% interval) of the per-round ratio of node process '
                 'wall times; Cortex-M4: guest instructions of the whole program (deterministic). Method: '
                 'test/bench/programs.py.' % ('paired runs', REPS, REPS * LUA_REPS_FACTOR, lua_goal_rounds()))
        L.append('')
    return '\n'.join(L) + heap_tables(results)


def fits(elf, prog, cap, want):
    """Whether the program runs to its end, printing want, with the heap capped at cap bytes. A clean
    failure (the program's own out-of-memory error, exit code 1) is False; anything else is an error."""
    p = qemu_cortex_m(elf, args_of(prog, 'cortex-m4'), icount=False, cap=cap, timeout=600)
    if 'cortex-m: fault' in p.stdout + p.stderr or p.returncode not in (0, 1):
        raise RuntimeError('cortex-m4 %s (%s) with a %d-byte heap: exit code %d\n%s%s' % (
            prog, elf, cap, p.returncode, p.stdout[-800:], p.stderr[-800:]))
    return p.returncode == 0 and cm_output(p.stdout) == want


def smallest_heap(elf, prog, high, want):
    """The smallest heap, to FIXED_GRAIN, in which the program runs to its end: bisection between a cap
    that fails and one that works, from the uncapped run's high-water mark `high` (a cap it never
    reached). Assumes that a larger heap never fails where a smaller one works. (bytes, runs)"""
    hi = -(-high // FIXED_GRAIN) * FIXED_GRAIN
    lo, runs = hi // 2 // FIXED_GRAIN * FIXED_GRAIN, 0
    while lo and fits(elf, prog, lo, want):  # half the high-water mark already works
        hi, lo, runs = lo, lo // 2 // FIXED_GRAIN * FIXED_GRAIN, runs + 1
    runs += 1
    while hi - lo > FIXED_GRAIN:
        mid = (lo + hi) // 2 // FIXED_GRAIN * FIXED_GRAIN
        if fits(elf, prog, mid, want):
            hi = mid
        else:
            lo = mid
        runs += 1
    return hi, runs


def fixed_heaps(bins, grown):
    """Cortex-M4: for every program, the smallest heap (_sbrk refusing past a cap, as a board's fixed
    heap would) in which each release allocator and newlib-nano run it to its end with the output
    newlib-nano prints uncapped. grown: cortex_m_runs' results (their high-water marks)."""
    res = {}
    jobs = [(prog, a) for prog in bins for a in FIXED_ALLOCS if a in bins[prog]]
    step('cortex-m4: the smallest fixed heap of %s, by bisection to %d B (%s)' % (
        ', '.join(bins), FIXED_GRAIN, ', '.join(FIXED_ALLOCS)))
    want = {prog: cm_output(qemu_cortex_m(bins[prog][DEFAULT['cortex-m4']][0], args_of(prog, 'cortex-m4'),
                                          icount=False).stdout) for prog in bins}

    def one(job):
        prog, a = job
        heap, runs = smallest_heap(bins[prog][a][0], prog, grown[prog][a]['peak'], want[prog])
        return prog, a, {'heap': heap, 'runs': runs}

    with cf.ThreadPoolExecutor(2) as ex:
        for prog, a, r in ex.map(one, jobs):
            res.setdefault(prog, {})[a] = r
    return res


GOALS = {'fixed': {'bump_freelist': 1.15, 'segregated_bump': 1.15, 'freelist': 1.05},
         'grown': {'bump_freelist': 1.3, 'segregated_bump': 1.3, 'freelist': 1.05}}


def heap_tables(results):
    """Markdown: the fixed heap (Cortex-M4) and the grown heap's high-water mark (Cortex-M4, Emscripten)
    of every program, against the platform default's. The targets, met or missed, go to
    build/bench/heap-goals.txt only."""
    L, goals = [], []
    names = {'lua': 'Lua 5.4, programs.lua %s', 'mujs': 'MuJS 1.3.2, programs.js %s', 'sqlite': 'SQLite speedtest1 %s'}

    def name(prog, platform):
        return names[prog] % {'lua': LUA_SCALE, 'mujs': MUJS_SCALE}.get(prog, {}).get(platform, SQLITE_SIZE)

    def goal(what, prog, platform, a, x):
        g = GOALS[what][a]
        goals.append('%s heap, %s, %s, %s: %.2fx the default (goal <= %g): %s' % (
            what, prog, platform, a, x, g, 'met' if x <= g else 'MISSED'))

    fixed = results.get(FIXED)
    if fixed:
        L += ['Fixed heap, Cortex-M4 (newlib-nano, QEMU mps2-an386): the smallest heap in which each program runs '
              'to its end with newlib-nano\'s output, found by bisection to %d B with _sbrk refusing to grow past '
              'a cap; KiB, and the ratio to newlib-nano\'s:' % FIXED_GRAIN, '',
              '| program | newlib-nano (KiB) | ' + ' | '.join('lite-alloc ' + s for s in STRATEGIES) + ' |',
              '|---|---:|' + '---:|' * len(STRATEGIES)]
        for prog, r in fixed.items():
            base = r['newlib-nano']['heap']
            cells = []
            for a in STRATEGIES:
                x = r[a]['heap'] / base
                goal('fixed', prog, 'cortex-m4', a, x)
                cells.append('%d (%.2fx)' % (r[a]['heap'] // 1024, x))
            L.append('| %s | %d | %s |' % (name(prog, 'cortex-m4'), base // 1024, ' | '.join(cells)))
        L.append('')
    grown = []
    columns = STRATEGIES + [s + MERGE2 for s in MERGE2_STRATEGIES]
    for platform, key in (('cortex-m4', 'peak'), ('emscripten', 'heap_break')):
        for prog, r in results.get(platform, {}).items():
            base = DEFAULT[platform]
            if r[base].get(key) is None:
                continue
            cells = []
            for a in columns:
                if a not in r:
                    cells.append('')
                    continue
                x = r[a][key] / r[base][key]
                if a in STRATEGIES:  # the goals are the shipped builds'
                    goal('grown', prog, platform, a, x)
                cells.append('%d (%.2fx)' % (r[a][key] // 1024, x))
            grown.append('| %s | %s | %s: %d | %s |' % (name(prog, platform), platform, base, r[base][key] // 1024,
                                                         ' | '.join(cells)))
    if grown:
        L += ['Growing heap: the heap\'s high-water mark (Cortex-M4: the highest _sbrk break; Emscripten: the sbrk '
              'break above __heap_base at exit, which no allocator there lowers), KiB, and the ratio to the platform '
              'default\'s (the last columns: the two strategies built with LITE_ALLOC_MERGE=2, an option on the Cortex-M4; '
              'wasi and Emscripten ship it):', '',
              '| program | platform | default (KiB) | ' + ' | '.join(label(a)[len('lite-alloc '):] for a in columns) + ' |',
              '|---|---|---:|' + '---:|' * len(columns)]
        L += grown + ['']
    if goals:
        os.makedirs(os.path.dirname(OUT), exist_ok=True)
        with open(os.path.join(os.path.dirname(OUT), 'heap-goals.txt'), 'w') as f:
            f.write('\n'.join(goals) + '\n')
    return '\n'.join(L) + '\n'


def main(quick=False, check=False, heap=False):
    global REPS, CHECK, HEAP
    CHECK, HEAP = check, heap
    if quick:
        REPS = min(REPS, 3)
    if heap:
        REPS = 1  # the heap's figures are the same in every run
    results = {}
    step('real programs: fetching Lua 5.4, MuJS and SQLite from Debian (apt-get source)')
    lua, sqlite, mujs = sources()
    for platform, tools, build in (('emscripten', ('emcc', 'node'), lambda: build_emscripten(lua, sqlite, mujs)),
                                   ('wasi', ('clang-19', 'node'), lambda: build_wasi(lua)),
                                   ('cortex-m4', ('arm-none-eabi-gcc', 'qemu-system-arm'),
                                    lambda: build_cortex_m(lua, mujs))):
        if os.environ.get('BENCH_PLATFORMS') and platform not in os.environ['BENCH_PLATFORMS'].split():
            continue  # BENCH_PLATFORMS='emscripten wasi': only those
        if heap and platform == 'wasi':
            continue  # wasi-libc's memory grows page by page, not through one break: not in the heap tables
        if not have(*tools):
            if check:  # make check has every toolchain (make toolchains): a missing one is a failure
                raise RuntimeError('%s: %s not installed (make toolchains)' % (platform, ' or '.join(tools)))
            step('%s: skipped (%s not installed)' % (platform, ' or '.join(tools)))
            continue
        target = platform
        for s in STRATEGIES:
            for checked in ('0',) if heap else ('0', '1'):
                run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=' + target, 'STRATEGY=' + s, 'CHECKED=' + checked])
        for s in MERGE2_STRATEGIES if platform in MERGE2_PLATFORMS else []:
            run(['make', '-s', '--no-print-directory', 'lib', 'TARGET=' + target, 'STRATEGY=' + s, 'VARIANT=merge2'])
        step('%s: building the programs for every allocator' % platform)
        try:
            bins = build()
            if check:
                check_runs(platform, bins)
            else:
                results[platform] = cortex_m_runs(bins) if platform == 'cortex-m4' else wasm_runs(platform, bins)
                if platform == 'cortex-m4':
                    results[FIXED] = fixed_heaps(bins, results[platform])
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print('bench: %s real programs failed: %s' % (platform, str(e)[-1500:]), file=sys.stderr)
            raise
    return results


if __name__ == '__main__':
    import json
    if '--check' in sys.argv:
        main(check=True)
        sys.exit(0)
    if '--heap' in sys.argv:  # make bench-heap: the heap tables alone
        r = main(heap=True)
        text = heap_tables(r)
        print(text)
        os.makedirs(OUT, exist_ok=True)
        open(os.path.join(os.path.dirname(OUT), 'heap-table.md'), 'w').write(text)
        json.dump(r, open(os.path.join(OUT, 'heap.json'), 'w'), indent=1)
        sys.exit(0)
    r = main('--quick' in sys.argv)
    print(table(r))
    os.makedirs(OUT, exist_ok=True)
    json.dump(r, open(os.path.join(OUT, 'programs.json'), 'w'), indent=1)
