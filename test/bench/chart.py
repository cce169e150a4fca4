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

# target panel: (title, size.json target, {bench allocator: size.json allocator, or (target, allocator)
# where the size comes from another target's rows}). Emscripten: lite-alloc's Emscripten libraries
# (the build that ran), its peers' code as the wasm32 rows measure it (size.py compiles them there).
PANELS = [
    ('Emscripten (wasm32)', 'emscripten', 'emscripten', {
        **{s: 'lite-alloc ' + s for s in STRATEGIES},
        'dlmalloc': ('wasm32', 'Emscripten dlmalloc (clang-19 -Oz)'),
        'emmalloc': ('wasm32', 'Emscripten emmalloc (clang-19 -Oz)')}),
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
    bench = json.load(open(os.environ.get('BENCH_JSON') or os.path.join(ROOT, 'build', 'bench', 'bench.json')))
    sizes = {}
    for r in json.load(open(os.path.join(ROOT, 'build', 'size', 'size.json'))):
        sizes[(r['target'], r['allocator'])] = r['code']
    panels = []
    for title, platform, size_target, names in PANELS:
        sp, what = speeds(bench, platform)
        keys = {a: n if isinstance(n, tuple) else (size_target, n) for a, n in names.items()}
        pts = [(a, sizes[k], sp[a]) for a, k in keys.items() if a in sp and k in sizes]
        if pts:
            others = sorted({k[0] for k in keys.values()} - {size_target})
            panels.append((title, size_target + ''.join('; peers: ' + t for t in others), what, pts))
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
        ax.set_xlim(min(xs) / 1.7, max(xs) * 3.2)
        ax.set_ylim(min(min(ys), 1) / 1.45, max(max(ys), 1) * 1.3)
        ax.axhline(1.0, color='0.75', linewidth=0.8, zorder=0)
        ticks = [t for t in (0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 2, 3, 4, 5, 7, 10)
                 if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
        ax.yaxis.set_major_locator(matplotlib.ticker.FixedLocator(ticks))
        ax.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: '%g' % v))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: '%g' % v))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.FuncFormatter(
            lambda v, _: '%g' % v if ('%g' % v)[0] in '25' else ''))
        fig.canvas.draw()
        to_px = ax.transData.transform
        right = ax.transAxes.transform((1, 0))[0]
        placed = []  # label boxes in pixels: (x0, x1, y), 2 lines of text each
        for a, x, y in sorted(pts, key=lambda p: -p[2]):
            ours = a in STRATEGIES
            ax.scatter([x], [y], s=36, color='#1f77b4' if ours else '#d62728', marker='o' if ours else 's', zorder=3)
            text = '%s\n%d B, %.2f' % (('lite-alloc ' + a) if ours else a, x, y)
            px, py = to_px((x, y))
            width = 5.6 * max(len(t) for t in text.split('\n'))
            left = px + 8 + width > right - 4  # no room on the right: the label goes to the left
            x0 = px - 8 - width if left else px + 8
            dy = 0
            while any(abs(py + dy - q) < 24 and x0 < b1 and x0 + width > b0 for b0, b1, q in placed):
                dy -= 6  # points are sorted from the top: move the label down
            placed.append((x0, x0 + width, py + dy))
            ax.annotate(text, (x, y), xytext=(-8 if left else 8, dy * 72 / fig.dpi), textcoords='offset points',
                        va='center', ha='right' if left else 'left', fontsize=7.5,
                        arrowprops=dict(arrowstyle='-', color='0.6', linewidth=0.6) if dy else None)
        ax.set_title(title)
        ax.set_xlabel('code bytes, malloc free realloc calloc (%s)' % size_target)
        ax.set_ylabel(what + ' (log)')
        ax.annotate('better', xy=(0.02, 0.03), xytext=(0.09, 0.13), xycoords='axes fraction',
                    textcoords='axes fraction', color='green', fontsize=9, fontweight='bold',
                    arrowprops=dict(arrowstyle='->', color='green', linewidth=1.5))
        ax.grid(True, which='both', color='0.92')
    fig.suptitle('lite-alloc beside each target\'s allocators: code size against time (lower left is better)',
                 fontsize=10)
    fig.tight_layout()
    for path in out:
        fig.savefig(path, dpi=110, metadata={'Date': None} if path.endswith('.svg') else None)
    return 0


if __name__ == '__main__':
    sys.exit(main())
