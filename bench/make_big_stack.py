#!/usr/bin/python3
"""A big radiography stack for bench/radiography.mjs: FRAMES frames of SIZE x SIZE uint16 in one uncompressed
BigTIFF (1,000 x 2048 x 2048 x 2 bytes = 8 GiB), written frame by frame with tifffile (Debian's python3-tifffile).

usage: /usr/bin/python3 bench/make_big_stack.py OUT.tif [FRAMES=1000] [SIZE=2048]
Frame i = a fixed seeded random image (0..40000) + 7 * i: the means are known, the pixels are not trivially
compressible, and making it costs little more than writing it.
"""
import sys

import numpy as np
import tifffile

out = sys.argv[1]
frames = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
size = int(sys.argv[3]) if len(sys.argv) > 3 else 2048
base = np.random.default_rng(1).integers(0, 40000, size=(size, size), dtype=np.uint16)


def gen():
    for i in range(frames):
        yield base + np.uint16(7 * i)


tifffile.imwrite(out, gen(), shape=(frames, size, size), dtype=np.uint16, bigtiff=True, photometric='minisblack', metadata=None)
print(f'wrote {out}: {frames} frames of {size}x{size} uint16, base mean {base.mean():.6f}')
