#!/usr/bin/python3
"""The chart of make bench (run with Debian's python3, which has python3-matplotlib): per target, the
allocator's code size (build/size/size.json, test/size/size.py: malloc free realloc calloc) against
its speed on the real program (build/bench/bench.json: Lua 5.4's time relative to the platform's
default allocator; without the real programs, the Lua trace's time under Emscripten or the geometric
mean of the workloads' instructions per call on the Cortex-M4). Both axes logarithmic; lower left is
better. Usage: chart.py OUT.svg [OUT.png]"""
import json
import math
import os
import sys

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
STRATEGIES = ['bump_freelist', 'segregated_bump', 'freelist']

# target panel: (title, size.json target, {bench allocator: size.json allocator})
PANELS = [
    ('Emscripten (wasm32)', 'emscripten', 'wasm32', {
        **{s: 'lite-alloc ' + s for s in STRATEGIES},
        'dlmalloc': 'Emscripten dlmalloc (clang-19 -Oz)', 'emmalloc': 'Emscripten emmalloc (clang-19 -Oz)'}),
    ('wasm32-wasi', 'wasi', 'wasi', {
        **{s: 'lite-alloc ' + s for s in STRATEGIES}, 'wasi-libc dlmalloc': 'wasi-libc dlmalloc'}),
    ('Cortex-M4', 'cortex-m4', 'cortex-m4', {
        **{s: 'lite-alloc ' + s for s in STRATEGIES},
        'newlib-nano': 'newlib-nano 3.3.0', 'newlib': 'newlib 3.3.0'}),
]


def speeds(bench, platform):
    """{allocator: time relative to the platform default}, and what it is."""
    prog = bench.get('programs', {}).get(platform, {}).get('lua')
    if prog:
        default = {'emscripten': 'dlmalloc', 'wasi': 'wasi-libc dlmalloc', 'cortex-m4': 'newlib-nano'}[platform]
        return {a: v['ratio'] for a, v in prog.items()}, 'Lua 5.4 time / %s\'s' % default
    if platform == 'emscripten' and bench.get('wasm'):
        w = bench['wasm']
        return {a: w[a]['trace'] / w['dlmalloc']['trace'] for a in w if a != 'bump'}, 'Lua trace time / dlmalloc\'s'
    if platform == 'cortex-m4' and bench.get('cortex-m4'):
        c = bench['cortex-m4']
        gm = {a: math.exp(sum(math.log(r['ipc'] / c['newlib-nano'][w]['ipc']) for w, r in c[a].items() if r) /
                          sum(1 for r in c[a].values() if r)) for a in c}
        return gm, 'instructions per call / newlib-nano\'s (geometric mean)'
    return {}, ''


def main():
    out = sys.argv[1:] or [os.path.join(ROOT, 'test', 'bench', 'size-vs-speed.svg')]
    bench = json.load(open(os.path.join(ROOT, 'build', 'bench', 'bench.json')))
    sizes = {}
    for r in json.load(open(os.path.join(ROOT, 'build', 'size', 'size.json'))):
        sizes[(r['target'], r['allocator'])] = r['code']
    panels = []
    for title, platform, size_target, names in PANELS:
        sp, what = speeds(bench, platform)
        pts = [(a, sizes[(size_target, n)], sp[a]) for a, n in names.items() if a in sp and (size_target, n) in sizes]
        if pts:
            panels.append((title, size_target, what, pts))
    if not panels:
        print('chart: nothing measured', file=sys.stderr)
        return 1
    plt.rcParams.update({'font.size': 9, 'svg.hashsalt': 'lite-alloc'})  # stable ids: diffs show changes
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 4.0), squeeze=False)
    for ax, (title, size_target, what, pts) in zip(axes[0], panels):
        xs = [p[1] for p in pts]
        ys = [p[2] for p in pts]
        ax.set_xscale('log')
        ax.set_yscale('log')
        # margins in log space, so that every label stays inside the frame
        x0, x1 = min(xs) / 1.6, max(xs) * 2.6
        y0, y1 = min(ys) / 1.35, max(ys) * 1.35
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.axhline(1.0, color='0.75', linewidth=0.8, zorder=0)
        for a, x, y in sorted(pts, key=lambda p: p[2]):
            ours = a in STRATEGIES
            ax.scatter([x], [y], s=36, color='#1f77b4' if ours else '#d62728', marker='o' if ours else 's', zorder=3)
            ax.annotate('%s\n%d B, %.2f' % (('lite-alloc ' + a) if ours else a, x, y), (x, y),
                        xytext=(6, 0), textcoords='offset points', va='center', fontsize=7.5)
        ax.set_title(title)
        ax.set_xlabel('code bytes, malloc free realloc calloc (%s)' % size_target)
        ax.set_ylabel(what + ' (log)')
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: '%g' % v))
            axis.set_minor_formatter(matplotlib.ticker.FuncFormatter(
                lambda v, _: '%g' % v if str('%g' % v)[0] in '25' else ''))
        ax.annotate('better', xy=(0.05, 0.06), xytext=(0.24, 0.22), xycoords='axes fraction',
                    textcoords='axes fraction', color='green', fontsize=9,
                    arrowprops=dict(arrowstyle='->', color='green'))
        ax.grid(True, which='both', color='0.92')
    fig.suptitle('lite-alloc beside each target\'s allocators: code size against time (lower left is better)',
                 fontsize=10)
    fig.tight_layout()
    for path in out:
        fig.savefig(path, dpi=110, metadata={'Date': None} if path.endswith('.svg') else None)
    return 0


if __name__ == '__main__':
    sys.exit(main())
