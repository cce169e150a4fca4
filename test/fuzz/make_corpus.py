#!/usr/bin/env python3
"""Writes the fuzz target's seed corpus, test/fuzz/corpus/seed-*: a few dozen small inputs in the
layout fuzz_alloc.c reads, each a heap setup plus a script that reaches one corner (every call,
huge and zero sizes, bad alignments, realloc in place and moving, exhaustion, growth refused).
Deterministic: running it again rewrites the same files."""
import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def size(n):
    """A size as decode_size reads it (exact for n < 64, n < 1084, and multiples up to 8 * 65535)."""
    if n < 64:
        return [n]
    if n < 256 * 4 + 64:
        return [0x40 | (n % 4), n // 4] if n // 4 < 256 else [0x40 | (n - 255 * 4), 255]
    for mult in range(1, 9):
        if n % mult == 0 and n // mult < 65536:
            v = n // mult
            return [0xA0 | (mult - 1), v & 255, v >> 8]
    raise ValueError(n)


def huge(i):
    return [0xC0 | i]


def align(k=None, odd=None):
    return [k] if odd is None else [0xE0 | odd]


def region(nbytes, offset=0):
    nbytes = min(nbytes, 65535 * 16)
    return [0, offset, (nbytes // 16) & 255, (nbytes // 16) >> 8, nbytes % 16]


def backend(chunk=0, gaps=0, limit_64k=127, budget=None):
    head = [2 if budget is None else 3, chunk, gaps & 255, gaps >> 8, limit_64k]
    return head + ([] if budget is None else [budget])


malloc = lambda n: [0] + (size(n) if isinstance(n, int) else n)
calloc = lambda count, n: [3] + size(n) + ([1, count] if count < 8 else [0] + size(count))
realloc = lambda slot, n: [4] + (size(n) if isinstance(n, int) else n) + [slot]
realloc_null = lambda n: [6] + size(n)
realloc_zero = lambda slot: [7, slot]
aligned_alloc = lambda a, n: [8] + a + size(n)
memalign = lambda a, n: [9] + a + size(n)
posix_memalign = lambda a, n: [10] + a + size(n)
free = lambda slot: [11, slot]
budget = lambda k: [14 + 16 * k]
verify = lambda slot: [15, slot]


def seeds():
    yield "malloc-free", region(4096) + malloc(1) + malloc(24) + malloc(0) + free(1) + malloc(16) + free(0)
    yield "every-call", region(65536) + malloc(40) + calloc(3, 10) + realloc(0, 100) + realloc_null(8) + \
        realloc_zero(1) + aligned_alloc(align(6), 50) + memalign(align(9), 7) + posix_memalign(align(4), 33) + \
        free(2) + verify(0) + free(0)
    yield "huge-sizes", region(65536) + sum((malloc(huge(i)) for i in range(16)), []) + \
        sum((calloc(2, 0) + [3] + huge(i) + [1, 1] for i in range(4)), [])
    yield "calloc-overflow", region(8192) + [3] + huge(2) + [0] + huge(2) + [3] + huge(0) + [1, 2] + calloc(0, 100)
    yield "bad-alignments", region(65536) + sum((aligned_alloc(align(odd=i), 16) + memalign(align(odd=i), 16) +
                                                 posix_memalign(align(odd=i), 16) for i in range(32)), [])
    yield "small-alignments", region(65536) + sum((posix_memalign(align(k), 8) + aligned_alloc(align(k), 1)
                                                  for k in range(0, 6)), [])
    yield "big-alignments", region(1 << 20) + sum((aligned_alloc(align(k), 100) for k in range(8, 18)), []) + \
        free(0) + free(3) + aligned_alloc(align(12), 5000)
    yield "realloc-grow-shrink", region(1 << 16) + malloc(10) + realloc(0, 200) + realloc(0, 3000) + \
        realloc(0, 20) + realloc(0, 0) + realloc(0, 60000)
    yield "realloc-aligned", region(1 << 20) + aligned_alloc(align(12), 100) + malloc(8) + realloc(0, 5000) + \
        memalign(align(17), 3) + realloc(2, 70000) + realloc(1, 9000)
    yield "realloc-fail", region(8192) + malloc(4000) + malloc(3000) + realloc(0, 7000) + realloc(0, huge(0)) + \
        realloc(1, huge(5))
    yield "fill-region", region(2048) + malloc(16) * 40 + free(3) + free(9) + malloc(40) + malloc(8)
    yield "tiny-region", region(64) + malloc(1) + malloc(1) + free(0) + malloc(0)
    yield "odd-region", region(1000, offset=13) + malloc(100) + malloc(200) + free(0) + malloc(50)
    yield "zero-region", region(0) + malloc(1)
    yield "holes", region(1 << 16) + sum((malloc(8 + 24 * i) for i in range(12)), []) + \
        sum((free(i) for i in (0, 2, 4, 6)), []) + sum((aligned_alloc(align(k), 40) for k in (5, 6, 7)), [])
    yield "coalesce", region(1 << 16) + malloc(100) * 6 + free(1) + free(2) + free(1) + malloc(300) + \
        realloc(0, 500) + realloc(0, 20)
    yield "classes", region(1 << 16) + sum((malloc(n) for n in (16, 17, 32, 33, 64, 65, 128, 129)), []) + \
        sum((free(0) for _ in range(8)), []) + sum((malloc(n) for n in (128, 64, 32, 16)), [])
    yield "backend-grow", backend() + malloc(60000) + malloc(70000) + malloc(200000) + free(1) + malloc(10)
    yield "backend-gaps", backend(chunk=1, gaps=0xE4E4) + malloc(3000) + malloc(5000) + malloc(9000) + \
        realloc(0, 20000) + free(1) + malloc(100)
    yield "backend-small-chunks", backend(chunk=2, gaps=0x5555) + malloc(10) * 10 + realloc(3, 5000) + free(0)
    yield "backend-word-gaps", backend(chunk=3, gaps=0x1111) + malloc(100) + malloc(300) + aligned_alloc(align(10), 2000)
    yield "backend-budget-0", backend(budget=0) + malloc(1) + calloc(1, 1) + realloc_null(3)
    yield "backend-budget-2", backend(chunk=1, budget=2) + malloc(3000) * 5 + realloc(0, 9000) + budget(1) + \
        malloc(9000) + budget(0) + malloc(10)
    yield "backend-exhaust", backend(chunk=6, limit_64k=3) + malloc(100000) + malloc(100000) + malloc(100000) + \
        free(0) + malloc(50000)
    yield "backend-top-realloc", backend(chunk=1) + malloc(100) + realloc(0, 10000) + realloc(0, 100000) + \
        realloc(0, 50) + malloc(8)
    yield "backend-odd-chunk", backend(chunk=7, gaps=0x9999) + malloc(17) * 8 + free(2) + aligned_alloc(align(7), 64)
    # a full heap whose free blocks lie side by side: bump_freelist and segregated_bump merge them in
    # one walk when a request finds nothing else, and split what they take (rests of every size)
    yield "lazy-merge-region", region(4096) + malloc(100) * 40 + sum((free(i) for i in (3, 4, 5, 6, 7, 8)), []) + \
        malloc(500) + malloc(40) + malloc(24) + verify(0) + free(1) + free(2) + malloc(200) + malloc(8)
    yield "lazy-merge-budget", backend(chunk=1, budget=3) + malloc(3000) * 6 + free(1) + free(2) + free(2) + \
        budget(0) + malloc(8000) + malloc(100) + malloc(2000) + free(0) + malloc(16) * 4 + budget(8) + malloc(30000)
    # more than 256 spans that do not touch, each freed block too small for the next request: the
    # fuzz pool once recorded only 256 and called a block in the 257th foreign (issue 13.8)
    data = backend(chunk=3, gaps=0x5555)
    for i in range(1, 301):
        data += malloc(4 * i) + free(0)
    yield "many-spans", data
    # a few random streams of every call, to start the fuzzer off with variety
    rng = random.Random(2026)
    for i in range(12):
        data = region(rng.choice([512, 4096, 65536, 1 << 20]), rng.randrange(64)) if i % 2 == 0 else \
            backend(chunk=rng.randrange(8), gaps=rng.randrange(65536), limit_64k=rng.randrange(256),
                    budget=rng.choice([None, rng.randrange(16)]))
        for _ in range(rng.randrange(20, 60)):
            data += [rng.randrange(256) for _ in range(rng.randrange(1, 5))]
        yield "random-%02d" % i, data


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.startswith("seed-"):
            os.remove(os.path.join(OUT, old))
    count = 0
    for name, data in seeds():
        with open(os.path.join(OUT, "seed-" + name), "wb") as f:
            f.write(bytes(data))
        count += 1
    print("%d seeds in %s" % (count, OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
