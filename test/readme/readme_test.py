#!/usr/bin/env python3
"""The README's commands, run as written (make check-readme), in the manner of Rust's doctests and
cram tests.

A fenced block of README.md is tested when the line before its opening fence is an HTML comment
(invisible to readers):

    <!-- readme-test: NAME file=app.c -->          the block is a file: written to the scratch
                                                   checkout as app.c, for the blocks after it
    <!-- readme-test: NAME expect=REGEX ... -->    the block is run, as written, by bash -e
                                                   (-o pipefail); it must exit 0 and its output
                                                   (stdout and stderr) must match every expect=
    <!-- readme-test: NAME fails expect=REGEX -->  the block must exit non-zero (a command the
                                                   README says fails), its output matching expect=
    ... reject=REGEX                               and no line of the output may match REGEX

REGEX is a Python regular expression searched in the output (re.M); give it in single quotes when it
holds spaces. Blocks run in the order of the README, in one scratch directory that holds the
project's files as a clone does (tracked and untracked-but-not-ignored files, mtimes kept) plus
what the file blocks wrote (all written first; a file block may not overwrite the project's), with HOME set to a scratch home. Its build/ is a link to
build/readme/cache, so that libraries are rebuilt only when their sources change (make's own
dependencies decide, as in any checkout).

Usage: test/readme/readme_test.py [--readme FILE] [NAME ...]   (the named blocks only, and the file
blocks; all by default; a block may need what an earlier one built or installed). Prints "readme: ok NAME (line N, S s)" per block; a failure prints the
block, its output's tail and exits 1. `--list` lists the blocks.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'build', 'readme')
MARK = re.compile(r'^<!-- readme-test: (\S+)(.*?)-->\s*$')
FENCE = re.compile(r'^(```+|~~~+)(\S*)\s*$')
TIMEOUT = int(os.environ.get('README_TEST_TIMEOUT', '300'))  # seconds per block


def blocks(path):
    """(name, attributes, line of the fence, text) for every marked block."""
    lines = open(path).read().split('\n')
    found = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        name, rest = m.group(1), m.group(2)
        f = FENCE.match(lines[i + 1]) if i + 1 < len(lines) else None
        if not f:
            sys.exit('%s:%d: readme-test %s: no fenced block on the next line' % (path, i + 1, name))
        end = next((j for j in range(i + 2, len(lines)) if lines[j].startswith(f.group(1))), None)
        if end is None:
            sys.exit('%s:%d: readme-test %s: the block is not closed' % (path, i + 2, name))
        attrs = {'expect': [], 'reject': []}
        for word in shlex.split(rest):
            k, _, v = word.partition('=')
            if k in ('expect', 'reject'):
                attrs[k].append(v)
            elif k in ('file', 'fails'):
                attrs[k] = v if v else True
            else:
                sys.exit('%s:%d: readme-test %s: unknown attribute %s' % (path, i + 1, name, k))
        if 'file' not in attrs and not attrs['expect']:
            sys.exit('%s:%d: readme-test %s: a run block needs expect= (what shows it worked)' % (path, i + 1, name))
        found.append((name, attrs, i + 2, '\n'.join(lines[i + 2:end]) + '\n'))
    names = [b[0] for b in found]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        sys.exit('%s: readme-test names used twice: %s' % (path, ' '.join(sorted(dup))))
    return found


def scratch_checkout():
    """build/readme/scratch/lite-alloc: the project's files as a clone has them, build/ cached."""
    top = os.path.join(OUT, 'scratch')
    shutil.rmtree(top, ignore_errors=True)
    co = os.path.join(top, 'lite-alloc')
    os.makedirs(co)
    files = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd=ROOT,
                           capture_output=True, check=True).stdout.split(b'\0')
    for f in files:
        f = f.decode()
        src = os.path.join(ROOT, f)
        if f and os.path.isfile(src) and not f.startswith('build/'):
            dst = os.path.join(co, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    cache = os.path.join(OUT, 'cache')
    os.makedirs(cache, exist_ok=True)
    os.symlink(cache, os.path.join(co, 'build'))
    home = os.path.join(top, 'home')
    os.makedirs(home)
    return co, home


def main():
    args = sys.argv[1:]
    readme = os.path.join(ROOT, 'README.md')
    if '--readme' in args:
        i = args.index('--readme')
        readme = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    found = blocks(readme)
    if '--list' in args:
        for name, attrs, line, _ in found:
            print('%-24s line %-4d %s' % (name, line, 'file ' + attrs['file'] if 'file' in attrs else 'run'))
        return
    unknown = set(args) - {b[0] for b in found}
    if unknown:
        sys.exit('readme: no block named %s in %s' % (' '.join(sorted(unknown)), readme))
    co, home = scratch_checkout()
    env = dict(os.environ, HOME=home)
    env.pop('MAKEFLAGS', None)  # the blocks' make runs as a user's would, not as a sub-make of make check
    env.pop('MAKELEVEL', None)
    env.pop('MFLAGS', None)
    files = [a['file'] for _, a, _, _ in found if 'file' in a]
    if len(set(files)) != len(files):
        sys.exit('readme: two file blocks write the same file: %s' % ' '.join(files))
    for name, attrs, line, text in found:  # the files first: a command may come before its program
        if 'file' in attrs:
            path = os.path.join(co, attrs['file'])
            if os.path.exists(path):
                sys.exit('readme: file block %s would overwrite the checkout\'s %s' % (name, attrs['file']))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w') as f:
                f.write(text)
    ran = []
    for name, attrs, line, text in found:
        if 'file' in attrs or (args and name not in args):
            continue
        start = time.time()
        try:
            p = subprocess.run(['bash', '-e', '-o', 'pipefail', '-c', text], cwd=co, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=TIMEOUT)
            out, rc = p.stdout.decode(errors='replace'), p.returncode
        except subprocess.TimeoutExpired as e:
            out, rc = (e.stdout or b'').decode(errors='replace') + '\n(timed out after %d s)' % TIMEOUT, None
        with open(os.path.join(OUT, name + '.out'), 'w') as f:
            f.write(out)
        want_fail = attrs.get('fails', False)
        problems = []
        if rc is None or (rc == 0) == bool(want_fail):
            problems.append('exit status %s, expected %s' % (rc, 'non-zero' if want_fail else '0'))
        problems += ['no line matches %r' % e for e in attrs['expect'] if not re.search(e, out, re.M)]
        problems += ['a line matches %r: %r' % (e, re.search(e, out, re.M).group(0)) for e in attrs['reject']
                     if re.search(e, out, re.M)]
        if problems:
            print('readme: FAILED %s (README.md line %d): %s' % (name, line, '; '.join(problems)))
            print('---- the block, run in %s:\n%s---- its output (last 30 lines):' % (co, text))
            print('\n'.join(out.rstrip('\n').split('\n')[-30:]))
            sys.exit(1)
        ran.append(name)
        print('readme: ok %s (line %d, %.0f s)' % (name, line, time.time() - start))
    print('readme: %d blocks run as written: %s' % (len(ran), ' '.join(ran)))


if __name__ == '__main__':
    main()
