#!/usr/bin/python3
"""Simulated LVP radiography stacks with known answers, for the radiography reader and analysis tests.

usage: /usr/bin/python3 scripts/make-radiography-simulation.py [OUT_DIR]
  OUT_DIR defaults to test/fixtures/simulated/radiography-lvp. Seeded: the output is the same on every run.
Needs Debian's python3-numpy, python3-tifffile, python3-h5py, and tiffcp (libtiff-tools) for the LZW copy.

This generator is independent of ReductionLab's code: the region masks are computed here with numpy from the
pixel-centre rule (pixel (x, y) belongs to a region when its centre (x + 0.5, y + 0.5) is inside), the TIFF and HDF5
files are written by tifffile, h5py and libtiff, and the expected means are numpy means.

The scene (64 x 48 pixels, after the LVP paper's Fig. 2/3): a pressure medium (MgO) background, a reaction region
(ellipse), a by-product region (triangle) and an iron-nitride region (rectangle) inside it. A heating ramp takes the
sample from 900 K to 1700 K; the reaction region changes at 1200 K (stage I) and again at 1600 K (stage II), the
by-product at 1300 K, the medium never; heating stops (quench) after a hold at 1700 K and every region densifies,
each by its own ΔI % (Table 1's values). Frames are 0.33 s apart.

Files written:
  noisefree.tif           40 frames, uint16, no noise, plain multi-page TIFF (no time metadata): ROI means are exact
  noisy-imagej.tif        160 frames, uint16, Gaussian noise, ImageJ hyperstack with finterval = 0.33
  noisy-deflate-be.tif    the first 12 frames of noisy-imagej.tif: big-endian, Deflate + horizontal predictor
  noisy-lzw.tif           the first 12 frames: LZW (tiffcp), when tiffcp is installed
  folder/img_tX.XXs.tif   the first 12 noise-free frames as single files with the time in the name
  dataexchange.h5         the first 60 noisy frames as raw uint16 detector counts with a dark and a flat field
                          (/exchange/data, data_dark, data_white) and /exchange/time in ms (from 5000 ms)
  mixed-sizes/            two single-page TIFFs of different sizes (a stack the readers must refuse)
  temperature.csv         the thermocouple log: "time (s),T (K)" every 0.5 s, on the frames' clock
  truth.json              ROIs, grid, per-frame noise-free means, onset frames and temperatures, ΔI %
"""
import json
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import tifffile

W, H = 64, 48
DT = 0.33
N_NOISY = 160
N_CLEAN = 40
N_H5 = 60
SEED = 20240607

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'simulated', 'radiography-lvp')

# ---------------------------------------------------------------------------------------------------------------
# Regions (pixel-centre rule, computed independently with numpy)
yc, xc = np.mgrid[0:H, 0:W] + 0.5  # centres


def rect(x, y, w, h):
    # ImageJ's convention for a centre on an edge: left/top edge out, right/bottom edge in (a < c <= b)
    return (xc > x) & (xc <= x + w) & (yc > y) & (yc <= y + h)


def ellipse(x, y, w, h):
    rx, ry = w / 2, h / 2
    return ((xc - (x + rx)) / rx) ** 2 + ((yc - (y + ry)) / ry) ** 2 <= 1


def polygon(pts):
    """Even-odd rule at the pixel centre; an edge counts when ya < cy <= yb (or the reverse), a centre on a right edge is in."""
    inside = np.zeros((H, W), bool)
    n = len(pts)
    for j in range(n):
        (xa, ya), (xb, yb) = pts[j - 1], pts[j]
        crosses = (ya < yc) != (yb < yc)
        with np.errstate(divide='ignore', invalid='ignore'):
            xcross = xa + (yc - ya) * (xb - xa) / (yb - ya)
        inside ^= crosses & (xc <= xcross)
    return inside


ROIS = [
    {'name': 'medium', 'group': 'medium', 'shape': {'kind': 'rect', 'x': 2, 'y': 2, 'width': 12, 'height': 10}},
    {'name': 'reaction', 'group': 'reaction', 'shape': {'kind': 'ellipse', 'x': 20, 'y': 14, 'width': 21, 'height': 17}},
    {'name': 'byproduct', 'group': 'by-product', 'shape': {'kind': 'polygon', 'points': [[46, 30], [62, 30], [54, 46]]}},
    {'name': 'nitride', 'group': 'reaction', 'shape': {'kind': 'rect', 'x': 26, 'y': 19, 'width': 8, 'height': 6}},
]


def mask_of(roi):
    s = roi['shape']
    if s['kind'] == 'rect':
        return rect(s['x'], s['y'], s['width'], s['height'])
    if s['kind'] == 'ellipse':
        return ellipse(s['x'], s['y'], s['width'], s['height'])
    return polygon(s['points'])


MASKS = {r['name']: mask_of(r) for r in ROIS}

# ---------------------------------------------------------------------------------------------------------------
# Temperature programme and intensity model
QUENCH_FRAME = 140  # first frame after heating stops
T_START, T_HOLD = 900.0, 1700.0
RAMP_FRAMES = 120  # 900 K -> 1700 K over frames 0..120, hold to 139


def temperature(t):
    """Thermocouple temperature (K) at time t (s)."""
    t_ramp_end = RAMP_FRAMES * DT
    t_quench = (QUENCH_FRAME - 0.5) * DT
    if t <= 0:
        return T_START
    if t <= t_ramp_end:
        return T_START + (T_HOLD - T_START) * t / t_ramp_end
    if t <= t_quench:
        return T_HOLD
    # quench: 1700 K -> 400 K within 1 s
    return max(400.0, T_HOLD - 1300.0 * (t - t_quench))


def first_frame_at(T_level):
    for i in range(N_NOISY):
        if temperature(i * DT) >= T_level:
            return i
    raise ValueError(T_level)


STAGE_I = first_frame_at(1200.0)    # reaction region: -8 %
STAGE_II = first_frame_at(1600.0)   # reaction region: a further -5 %
BYPRODUCT = first_frame_at(1300.0)  # by-product: +4 %
QUENCH_DROP = {'medium': 1.91, 'reaction': 3.23, 'byproduct': 2.22, 'nitride': 3.23, 'background': 1.82}

BASE = {'background': 15000.0, 'medium': 20000.0, 'reaction': 24000.0, 'byproduct': 18000.0, 'nitride': 26000.0}


def level(region, i):
    v = BASE[region]
    if region in ('reaction', 'nitride'):
        if i >= STAGE_I:
            v *= 0.92
        if i >= STAGE_II:
            v *= 0.95
    if region == 'byproduct' and i >= BYPRODUCT:
        v *= 1.04
    if i >= QUENCH_FRAME:
        v *= 1 - QUENCH_DROP[region] / 100
    return v


def clean_frame(i):
    img = np.full((H, W), level('background', i))
    img[MASKS['medium']] = level('medium', i)
    img[MASKS['reaction']] = level('reaction', i)
    img[MASKS['byproduct']] = level('byproduct', i)
    img[MASKS['nitride']] = level('nitride', i)  # inside the reaction ellipse
    return img


def region_masks_for_truth():
    m = dict(MASKS)
    return m


# ---------------------------------------------------------------------------------------------------------------
def main():
    rng = np.random.default_rng(SEED)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(os.path.join(OUT, 'folder'))
    os.makedirs(os.path.join(OUT, 'mixed-sizes'))

    clean = np.stack([np.rint(clean_frame(i)) for i in range(N_NOISY)]).astype(np.uint16)
    noise = rng.normal(0, 60.0, size=clean.shape)
    noisy = np.clip(np.rint(clean + noise), 0, 65535).astype(np.uint16)

    # noise-free multi-page TIFF (first N_CLEAN frames), no metadata
    tifffile.imwrite(os.path.join(OUT, 'noisefree.tif'), clean[:N_CLEAN], photometric='minisblack', metadata=None)
    # noisy ImageJ stack with the frame interval
    tifffile.imwrite(os.path.join(OUT, 'noisy-imagej.tif'), noisy, imagej=True, metadata={'axes': 'TYX', 'finterval': DT, 'unit': 'pixel'})
    # big-endian Deflate + predictor copy of the first 12 noisy frames
    tifffile.imwrite(os.path.join(OUT, 'noisy-deflate-be.tif'), noisy[:12].astype('>u2'), byteorder='>', compression='zlib', predictor=True, photometric='minisblack', metadata=None)
    lzw = os.path.join(OUT, 'noisy-lzw.tif')
    if shutil.which('tiffcp'):
        plain = os.path.join(OUT, 'plain12.tmp.tif')
        tifffile.imwrite(plain, noisy[:12], photometric='minisblack', metadata=None)
        subprocess.run(['tiffcp', '-c', 'lzw:2', plain, lzw], check=True)
        os.remove(plain)
    else:
        print('tiffcp not found: noisy-lzw.tif not written', file=sys.stderr)
    # folder of single-page files, times in the names
    for i in range(12):
        tifffile.imwrite(os.path.join(OUT, 'folder', f'img_t{i * DT:.2f}s.tif'), clean[i], photometric='minisblack', metadata=None)
    with open(os.path.join(OUT, 'folder', 'README.txt'), 'w') as f:
        f.write('Not a frame: the folder reader must ignore this file.\n')
    # a stack with mixed frame sizes
    tifffile.imwrite(os.path.join(OUT, 'mixed-sizes', 'a_000.tif'), clean[0], photometric='minisblack', metadata=None)
    tifffile.imwrite(os.path.join(OUT, 'mixed-sizes', 'a_001.tif'), clean[1][:, :60], photometric='minisblack', metadata=None)

    # HDF5 Data Exchange: raw = dark + gain * transmitted, flat = dark + gain * open beam
    yy, xx = np.mgrid[0:H, 0:W]
    gain = 1.0 + 0.2 * np.sin(xx / 9.0) * np.cos(yy / 7.0)  # detector gain map
    dark = np.full((H, W), 100.0) + 3.0 * ((xx + yy) % 5)
    open_beam = 40000.0
    flat = dark + gain * open_beam
    transmitted = noisy.astype(np.float64) / 65535.0 * open_beam  # transmission scaled to the open beam
    raw = np.rint(dark[None] + gain[None] * transmitted[:N_H5])
    with h5py.File(os.path.join(OUT, 'dataexchange.h5'), 'w', track_order=True) as f:
        f.attrs['implements'] = 'exchange'
        ex = f.create_group('exchange')
        ex.create_dataset('data', data=raw.astype(np.uint16), chunks=(1, H, W))
        ex.create_dataset('data_dark', data=np.stack([dark, dark]).astype(np.float32))
        ex.create_dataset('data_white', data=np.stack([flat, flat]).astype(np.float32))
        t = ex.create_dataset('time', data=(1000.0 * DT * np.arange(N_H5) + 5000.0))
        t.attrs['units'] = 'ms'

    # temperature log on the frames' clock, every 0.5 s, starting before the first frame
    times = np.arange(-5.0, N_NOISY * DT + 5.0, 0.5)
    with open(os.path.join(OUT, 'temperature.csv'), 'w') as f:
        f.write('# thermocouple W-Re, simulated\n')
        f.write('time (s),T (K)\n')
        for t in times:
            f.write(f'{t:.3f},{temperature(t):.4f}\n')

    # truth
    def means(stack):
        out = {}
        for r in ROIS:
            m = MASKS[r['name']]
            out[r['name']] = [float(stack[i][m].mean()) for i in range(len(stack))]
        out['frame'] = [float(stack[i].mean()) for i in range(len(stack))]
        return out

    cols, rows = 4, 4
    xs = [int(np.floor(c * W / cols)) for c in range(cols + 1)]
    ys = [int(np.floor(r * H / rows)) for r in range(rows + 1)]
    grid_clean = [[[float(clean[i, ys[r]:ys[r + 1], xs[c]:xs[c + 1]].mean()) for c in range(cols)] for r in range(rows)] for i in range(N_CLEAN)]
    frame_temperature = [temperature(i * DT) for i in range(N_NOISY)]
    before, after = [135, 139], [145, 149]
    truth = {
        'description': 'Simulated LVP radiography (scripts/make-radiography-simulation.py): see the script for the model.',
        'width': W, 'height': H, 'intervalS': DT, 'frames': {'noisefree': N_CLEAN, 'noisy': N_NOISY},
        'rule': 'a pixel belongs to a region when its centre (x + 0.5, y + 0.5) is inside',
        'rois': ROIS,
        'pixelCounts': {r['name']: int(MASKS[r['name']].sum()) for r in ROIS},
        'noisefreeMeans': means(clean[:N_CLEAN].astype(np.float64)),
        'noisyMeans': means(noisy.astype(np.float64)),
        'grid4x4NoisefreeMeans': grid_clean,
        'noiseSdCounts': 60.0,
        'onsets': {
            'reaction': {'frame': STAGE_I, 'temperatureK': frame_temperature[STAGE_I], 'timeS': STAGE_I * DT},
            'nitride': {'frame': STAGE_I, 'temperatureK': frame_temperature[STAGE_I], 'timeS': STAGE_I * DT},
            'byproduct': {'frame': BYPRODUCT, 'temperatureK': frame_temperature[BYPRODUCT], 'timeS': BYPRODUCT * DT},
            'medium': {'frame': QUENCH_FRAME, 'temperatureK': frame_temperature[QUENCH_FRAME], 'timeS': QUENCH_FRAME * DT},
        },
        'stageII': {'frame': STAGE_II, 'temperatureK': frame_temperature[STAGE_II]},
        'quench': {'frame': QUENCH_FRAME, 'before': before, 'after': after, 'deltaPercent': {k: QUENCH_DROP[k] for k in ('medium', 'reaction', 'byproduct', 'nitride')}},
        'frameTemperatureK': frame_temperature,
        'hdf5': {'openBeam': open_beam, 'flatCorrectedScale': open_beam / 65535.0 / open_beam, 'note': '(raw - dark)/(flat - dark) = noisy / 65535'},
    }
    with open(os.path.join(OUT, 'truth.json'), 'w') as f:
        json.dump(truth, f, indent=1)
    print(f'wrote {OUT}')


if __name__ == '__main__':
    main()
