#!/usr/bin/env python3
"""Records trace.txt.xz: the allocations of `lua5.4 trace.lua`, logged by record_shim.c under
LD_PRELOAD and renumbered from addresses to slots (a slot is reused once its block is freed), so the
trace replays on any allocator and address width. Run by hand; the result is committed."""
import lzma, os, subprocess, sys, tempfile
here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as d:
    subprocess.run(['gcc', '-O2', '-shared', '-fPIC', os.path.join(here, 'record_shim.c'), '-o', d + '/shim.so'], check=True)
    env = dict(os.environ, LD_PRELOAD=d + '/shim.so', TRACE_OUT=d + '/raw')
    subprocess.run(['lua5.4', os.path.join(here, 'trace.lua')], env=env, check=True, stdout=subprocess.DEVNULL)
    raw = open(d + '/raw').read().split('\n')
slots, free_slots, out, nslots = {}, [], [], 0
def take(addr):
    global nslots
    s = free_slots.pop() if free_slots else nslots
    if s == nslots: nslots += 1
    slots[addr] = s
    return s
for line in raw:
    f = line.split()
    if not f: continue
    if f[0] == 'm' and f[1] != '0':
        out.append('m %d %s' % (take(f[1]), f[2]))
    elif f[0] == 'c' and f[1] != '0':
        out.append('c %d %s %s' % (take(f[1]), f[2], f[3]))
    elif f[0] == 'f' and f[1] in slots:
        s = slots.pop(f[1]); free_slots.append(s); out.append('f %d' % s)
    elif f[0] == 'r' and f[2] != '0':
        if f[1] != '0' and f[1] in slots:
            s = slots.pop(f[1])
        else:
            s = free_slots.pop() if free_slots else nslots
            if s == nslots: nslots += 1
        slots[f[2]] = s
        out.append('r %d %s' % (s, f[3]))
data = ('\n'.join(out) + '\n').encode()
with lzma.open(os.path.join(here, 'trace.txt.xz'), 'wb', preset=9) as z: z.write(data)
print('%d events, %d slots, %d bytes compressed' % (len(out), nslots, os.path.getsize(os.path.join(here, 'trace.txt.xz'))))
