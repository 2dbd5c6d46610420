#!/usr/bin/python3
"""NumPy peer of `reductionlab radiography STACK --grid 4x4 --roi ...`: reads an uncompressed multi-page TIFF frame by
frame (np.fromfile at each page's data offset, as tifffile reports them) and takes the same means: whole frame,
4 x 4 tiles, a rectangle and an ellipse by the pixel-centre rule. Prints a JSON summary (frame count, a few means).

usage: /usr/bin/python3 bench/peer_radiography.py STACK.tif RX,RY,RW,RH EX,EY,EW,EH
"""
import json
import sys

import numpy as np
import tifffile

path = sys.argv[1]
rx, ry, rw, rh = map(int, sys.argv[2].split(','))
ex, ey, ew, eh = map(int, sys.argv[3].split(','))
with tifffile.TiffFile(path) as tif:
    pages = tif.pages
    first = pages[0]
    h, w = first.shape
    offsets = [p.dataoffsets[0] for p in pages]  # contiguous single strip per page (checked below)
    assert all(len(p.dataoffsets) == 1 or p.is_contiguous for p in pages[:3])
yc, xc = np.mgrid[0:h, 0:w] + 0.5
rxc, ryc = ew / 2, eh / 2
ellipse = ((xc - (ex + rxc)) / rxc) ** 2 + ((yc - (ey + ryc)) / ryc) ** 2 <= 1
xs = [int(np.floor(c * w / 4)) for c in range(5)]
ys = [int(np.floor(r * h / 4)) for r in range(5)]
frame_means, rect_means, ell_means, grid_last = [], [], [], None
with open(path, 'rb') as f:
    for off in offsets:
        f.seek(off)
        img = np.fromfile(f, dtype='<u2', count=w * h).reshape(h, w)
        frame_means.append(float(img.mean(dtype=np.float64)))
        rect_means.append(float(img[ry:ry + rh, rx:rx + rw].mean(dtype=np.float64)))
        ell_means.append(float(img[ellipse].mean(dtype=np.float64)))
        grid_last = [[float(img[ys[r]:ys[r + 1], xs[c]:xs[c + 1]].mean(dtype=np.float64)) for c in range(4)] for r in range(4)]
print(json.dumps({'frames': len(offsets), 'frame0': frame_means[0], 'frameLast': frame_means[-1], 'rectLast': rect_means[-1], 'ellipseLast': ell_means[-1], 'gridLast': grid_last}))
