#!/usr/bin/python3
"""Reference ROI means from ImageJ itself, for the pixel-centre rule of src/core/imaging/roi.ts.

usage: /usr/bin/python3 scripts/reference/imagej_roi_means.py [OUT.json]
  OUT defaults to test/fixtures/reference/imagej-roi-means.json.
Needs Debian's imagej (ImageJ 1.53t, /usr/share/java/ij.jar) and a Java runtime; runs ImageJ headless (-batch).

A 24 x 20 image of seeded random integers is built inside the ImageJ macro (setPixel), then every ROI below is
selected (makeRectangle, makeOval, makePolygon, makeSelection with sub-pixel vertices) and measured with
getStatistics: the pixel count ("area" for an uncalibrated image) and the mean, printed with 9 decimals. The JSON
holds the image, each ROI in ReductionLab's RoiShape form and ImageJ's count and mean.
"""
import json
import os
import random
import subprocess
import sys

W, H = 24, 20
random.seed(7)
PIX = [[random.randint(0, 1000) for _ in range(W)] for _ in range(H)]

CASES = [
    ('rect', {'kind': 'rect', 'x': 2, 'y': 3, 'width': 5, 'height': 4}, 'makeRectangle(2, 3, 5, 4);'),
    ('rect-full', {'kind': 'rect', 'x': 0, 'y': 0, 'width': 24, 'height': 20}, 'makeRectangle(0, 0, 24, 20);'),
    ('rect-1px', {'kind': 'rect', 'x': 9, 'y': 7, 'width': 1, 'height': 1}, 'makeRectangle(9, 7, 1, 1);'),
    ('rect-edge', {'kind': 'rect', 'x': 20, 'y': 15, 'width': 4, 'height': 5}, 'makeRectangle(20, 15, 4, 5);'),
    ('rect-subpixel', {'kind': 'rect', 'x': 2.5, 'y': 3.5, 'width': 6, 'height': 4}, 'makeRectangle(2.5, 3.5, 6, 4);'),
    ('rect-subpixel-2', {'kind': 'rect', 'x': 3.2, 'y': 1.7, 'width': 5.3, 'height': 6.6}, 'makeRectangle(3.2, 1.7, 5.3, 6.6);'),
    ('oval-5x4', {'kind': 'ellipse', 'x': 2, 'y': 3, 'width': 5, 'height': 4}, 'makeOval(2, 3, 5, 4);'),
    ('oval-7x7', {'kind': 'ellipse', 'x': 1, 'y': 1, 'width': 7, 'height': 7}, 'makeOval(1, 1, 7, 7);'),
    ('oval-10x6', {'kind': 'ellipse', 'x': 4, 'y': 2, 'width': 10, 'height': 6}, 'makeOval(4, 2, 10, 6);'),
    ('oval-2x8', {'kind': 'ellipse', 'x': 3, 'y': 4, 'width': 2, 'height': 8}, 'makeOval(3, 4, 2, 8);'),
    ('oval-3x3', {'kind': 'ellipse', 'x': 10, 'y': 10, 'width': 3, 'height': 3}, 'makeOval(10, 10, 3, 3);'),
    ('oval-full', {'kind': 'ellipse', 'x': 0, 'y': 0, 'width': 24, 'height': 20}, 'makeOval(0, 0, 24, 20);'),
    ('oval-11x9', {'kind': 'ellipse', 'x': 6, 'y': 5, 'width': 11, 'height': 9}, 'makeOval(6, 5, 11, 9);'),
    ('oval-16x13', {'kind': 'ellipse', 'x': 3, 'y': 4, 'width': 16, 'height': 13}, 'makeOval(3, 4, 16, 13);'),
    ('oval-subpixel', {'kind': 'ellipse', 'x': 2.5, 'y': 3.5, 'width': 6.2, 'height': 4.8}, 'makeOval(2.5, 3.5, 6.2, 4.8);'),
    ('oval-subpixel-2', {'kind': 'ellipse', 'x': 7.3, 'y': 2.1, 'width': 9.4, 'height': 12.6}, 'makeOval(7.3, 2.1, 9.4, 12.6);'),
    ('poly-triangle', {'kind': 'polygon', 'points': [[2, 2], [12, 3], [6, 11]]}, 'makePolygon(2, 2, 12, 3, 6, 11);'),
    ('poly-concave', {'kind': 'polygon', 'points': [[1, 1], [10, 1], [10, 10], [6, 5], [1, 10]]}, 'makePolygon(1, 1, 10, 1, 10, 10, 6, 5, 1, 10);'),
    ('poly-diamond', {'kind': 'polygon', 'points': [[12, 2], [20, 9], [12, 16], [4, 9]]}, 'makePolygon(12, 2, 20, 9, 12, 16, 4, 9);'),
    ('poly-subpixel', {'kind': 'polygon', 'points': [[2.3, 1.6], [14.7, 4.2], [8.1, 15.9]]},
     'makeSelection("polygon", newArray(2.3, 14.7, 8.1), newArray(1.6, 4.2, 15.9));'),
    ('poly-subpixel-square', {'kind': 'polygon', 'points': [[2.5, 2.5], [8.5, 2.5], [8.5, 8.5], [2.5, 8.5]]},
     'makeSelection("polygon", newArray(2.5, 8.5, 8.5, 2.5), newArray(2.5, 2.5, 8.5, 8.5));'),
    ('poly-subpixel-quad', {'kind': 'polygon', 'points': [[3.25, 2.75], [19.5, 3.5], [21.2, 17.8], [5.6, 14.1]]},
     'makeSelection("polygon", newArray(3.25, 19.5, 21.2, 5.6), newArray(2.75, 3.5, 17.8, 14.1));'),
]


def macro():
    lines = [f'newImage("ref", "32-bit black", {W}, {H}, 1);']
    for y, row in enumerate(PIX):
        lines.append(f'row = newArray({", ".join(map(str, row))}); for (x=0; x<{W}; x++) setPixel(x, {y}, row[x]);')
    for name, _, select in CASES:
        lines.append(select)
        lines.append(f'getStatistics(area, mean); print("{name} " + area + " " + d2s(mean, 9));')
    lines.append('print("version " + getVersion());')
    return '\n'.join(lines) + '\n'


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'reference', 'imagej-roi-means.json')
    path = '/tmp/imagej-roi-means.ijm'
    with open(path, 'w') as f:
        f.write(macro())
    text = subprocess.run(['java', '-Djava.awt.headless=true', '-jar', '/usr/share/java/ij.jar', '-batch', path], check=True, capture_output=True, text=True).stdout
    got = {}
    version = None
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == 'version':
            version = parts[1]
        elif len(parts) == 3:
            got[parts[0]] = (int(float(parts[1])), float(parts[2]))
    cases = [{'name': n, 'shape': s, 'imagej': select, 'pixelCount': got[n][0], 'mean': got[n][1]} for n, s, select in CASES]
    with open(out, 'w') as f:
        json.dump({'made by': 'scripts/reference/imagej_roi_means.py', 'imagej': version, 'width': W, 'height': H, 'pixels': PIX, 'cases': cases}, f, indent=1)
    print(f'wrote {out} (ImageJ {version}, {len(cases)} ROIs)')


if __name__ == '__main__':
    main()
