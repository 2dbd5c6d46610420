#!/usr/bin/python3
"""A simulated 2D XRD map of a diamond-anvil-cell chamber with known answers, for the map analysis tests.

usage: /usr/bin/python3 scripts/make-xrd-map-simulation.py [OUT_DIR] [NX NY] [--variant NAME]
  OUT_DIR defaults to test/fixtures/simulated/xrd-map-re, NX x NY to 12 x 10. Seeded. Needs python3-numpy and
  python3-scipy. The benchmark makes a 100 x 100 map with it (bench/xrd-map.mjs).

Variants (the default is 'linear', the map described below):
  radial  a pressure peak in the chamber's centre, P = 70 GPa - 45 GPa * (r / r_corner)^2 (higher, curved
          gradient), a third of the counts (noisier), a zero shift of +0.015 deg 2theta on every pattern
  hole    the linear gradient reversed and steeper (P = 60 - 30 x/(NX-1) - 12 y/(NY-1)), the chamber off-centre
          with no Re inside its inner half (only Fe3N there: no pressure from Re), Fe3N absent from the rows below
          the chamber's centre line (only the gasket there), a zero shift of -0.01 deg, other noise seed

After the terapascal paper's maps: a Re gasket with a round sample chamber of eps-Fe3N in its middle, under a
pressure gradient P(x, y) = 15 GPa + 21 GPa * x/(NX-1) + 9 GPa * y/(NY-1). At every point the Re and Fe3N cells are
those of their equations of state at P, solved here independently (scipy brentq):
  Re:    Vinet, V0 = 29.4666 A^3, K0 = 352.6 GPa, K0' = 4.56 (Anzellini et al. 2014), c/a held at 4.456/2.761;
  Fe3N:  third-order Birch-Murnaghan, V0 = the library cell's, K0 = 172 GPa, K0' = 5.7 (assumed for the simulation),
         c/a held.
Patterns: lambda = 0.3 A, 2theta 5-17 deg in 0.02 deg steps; the reflections and |F|^2 of the phase library
(reflections.json, written by scripts/dump-map-reflections.ts, |F|^2 interpolated at the compressed cell); line
intensity S_p * m * |F|^2 * LP with LP = (1 + cos^2 2theta)/(2 sin^2 theta cos theta); pseudo-Voigt profiles,
FWHM 0.06 deg, eta 0.5; background 40 + 3 (2theta - 5); Poisson noise. Weight fractions by Hill & Howard:
w_p = S_p (ZMV)_p / sum_q S_q (ZMV)_q.

Files:
  points/map_{iy}_{ix}.xy   one pyFAI-style pattern per point (iy the row from the top, ix the column), 0-based
  index.csv                 a map index: file, ix, iy, x_um, y_um (steps of 0.5 um)
  matrix-6x5.csv            the first 6 x 5 points as one matrix, a column per point (row by row, ix fastest)
  truth.json                per point: P, cells, weight fractions, which phases are present
"""
import json
import math
import os
import shutil
import sys

import numpy as np
from scipy.optimize import brentq

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = [a for a in sys.argv[1:]]
VARIANT = 'linear'
if '--variant' in ARGS:
    i = ARGS.index('--variant')
    VARIANT = ARGS[i + 1]
    del ARGS[i:i + 2]
if VARIANT not in ('linear', 'radial', 'hole'):
    sys.exit(f'unknown variant {VARIANT}: linear, radial or hole')
OUT = ARGS[0] if len(ARGS) > 0 else os.path.join(HERE, '..', 'test', 'fixtures', 'simulated', 'xrd-map-re')
NX = int(ARGS[1]) if len(ARGS) > 1 else 12
NY = int(ARGS[2]) if len(ARGS) > 2 else 10
REFLECTIONS = os.path.join(HERE, '..', 'test', 'fixtures', 'simulated', 'xrd-map-re', 'reflections.json')
LAMBDA = 0.3
TTH = np.round(np.arange(5.0, 17.0 + 1e-9, 0.02), 4)
FWHM, ETA = 0.06, 0.5
STEP_UM = 0.5
SEED = {'linear': 20240610, 'radial': 20240611, 'hole': 20240612}[VARIANT]
COUNTS = {'linear': 1.0, 'radial': 1 / 3, 'hole': 1.0}[VARIANT]
ZERO_DEG = {'linear': 0.0, 'radial': 0.015, 'hole': -0.01}[VARIANT]
AMU = {'Re': 186.207, 'Fe': 55.845, 'N': 14.007}
ZM = {'Re': 2 * AMU['Re'], 'Fe3N': 6 * AMU['Fe'] + 2 * AMU['N']}


def vinet_p(v, v0, k0, kp):
    x = (v / v0) ** (1 / 3)
    return 3 * k0 * (1 - x) / x ** 2 * math.exp(1.5 * (kp - 1) * (1 - x))


def bm3_p(v, v0, k0, kp):
    f = (v0 / v) ** (2 / 3)
    return 1.5 * k0 * (f ** 3.5 - f ** 2.5) * (1 + 0.75 * (kp - 4) * (f - 1))


def volume_at(p, fn, v0, k0, kp):
    return brentq(lambda v: fn(v, v0, k0, kp) - p, 0.3 * v0, v0 * 1.0000001)


def hex_cell(v, c_over_a):
    a = (2 * v / (math.sqrt(3) * c_over_a)) ** (1 / 3)
    return a, a * c_over_a


def pressure(ix, iy):
    if VARIANT == 'radial':
        cx, cy = (NX - 1) / 2, (NY - 1) / 2
        return 70.0 - 45.0 * ((ix - cx) ** 2 + (iy - cy) ** 2) / (cx * cx + cy * cy)
    if VARIANT == 'hole':
        return 60.0 - 30.0 * ix / max(1, NX - 1) - 12.0 * iy / max(1, NY - 1)
    return 15.0 + 21.0 * ix / max(1, NX - 1) + 9.0 * iy / max(1, NY - 1)


def chamber_centre():
    if VARIANT == 'hole':
        return 0.4 * (NX - 1), 0.45 * (NY - 1)
    return (NX - 1) / 2, (NY - 1) / 2


def chamber_r2(ix, iy):
    cx, cy = chamber_centre()
    r = 0.32 * min(NX, NY)
    return ((ix - cx) ** 2 + (iy - cy) ** 2) / (r * r)


def inside_chamber(ix, iy):
    """Fe3N at this point."""
    if VARIANT == 'hole' and iy > chamber_centre()[1]:
        return False
    return chamber_r2(ix, iy) <= 1


def has_re(ix, iy):
    """Re (gasket) at this point: everywhere but the hole variant's inner chamber."""
    return not (VARIANT == 'hole' and chamber_r2(ix, iy) <= 0.25 and inside_chamber(ix, iy))


def pseudo_voigt(x, x0, fwhm, eta):
    g = np.exp(-4 * math.log(2) * ((x - x0) / fwhm) ** 2)
    lo = 1 / (1 + 4 * ((x - x0) / fwhm) ** 2)
    return eta * lo + (1 - eta) * g


def main():
    with open(REFLECTIONS) as f:
        refl = json.load(f)
    scales = np.array(refl['scales'])
    phases = {p['id']: p for p in refl['phases']}
    re0 = phases['Re']['ambientCell']
    fe0 = phases['Fe3N']['ambientCell']
    re_ca = re0['cA'] / re0['aA']
    fe_ca = fe0['cA'] / fe0['aA']
    fe_v0 = math.sqrt(3) / 2 * fe0['aA'] ** 2 * fe0['cA']
    rng = np.random.default_rng(SEED)

    def hex_d(a, c, h, k, l):
        return 1 / math.sqrt(4 / 3 * (h * h + h * k + k * k) / a ** 2 + l * l / c ** 2)

    def lines(pid, a, c, s_scale):
        """(2theta, intensity) of a phase's reflections at cell (a, c)."""
        p = phases[pid]
        s = a / p['ambientCell']['aA']
        out = []
        for r in p['reflections']:
            h, k, l = r['hkl']
            d = hex_d(a, c, h, k, l)
            sin_t = LAMBDA / (2 * d)
            if sin_t >= 1:
                continue
            tth = 2 * math.degrees(math.asin(sin_t))
            if tth < TTH[0] - 0.5 or tth > TTH[-1] + 0.5:
                continue
            f2 = np.interp(s, scales, [x if x is not None else 0.0 for x in r['f2']])
            th = math.radians(tth / 2)
            lp = (1 + math.cos(2 * th) ** 2) / (2 * math.sin(th) ** 2 * math.cos(th))
            out.append((tth, s_scale * r['multiplicity'] * f2 * lp))
        return out

    if os.path.isdir(OUT) and os.path.abspath(OUT) != os.path.abspath(os.path.dirname(REFLECTIONS)):
        shutil.rmtree(OUT)
    os.makedirs(os.path.join(OUT, 'points'), exist_ok=True)
    for name in os.listdir(os.path.join(OUT, 'points')):
        os.remove(os.path.join(OUT, 'points', name))
    S_RE = 2.5e-6  # scales: the strongest Re line a few thousand counts
    truth = []
    patterns = {}
    for iy in range(NY):
        for ix in range(NX):
            p = pressure(ix, iy)
            v_re = volume_at(p, vinet_p, 29.4666, 352.6, 4.56)
            a_re, c_re = hex_cell(v_re, re_ca)
            v_fe = volume_at(p, bm3_p, fe_v0, 172.0, 5.7)
            a_fe, c_fe = hex_cell(v_fe, fe_ca)
            chamber = inside_chamber(ix, iy)
            re_here = has_re(ix, iy)
            s_re = COUNTS * S_RE * (0.6 if chamber else 1.0) if re_here else 0.0
            s_fe = COUNTS * S_RE * 2.0 if chamber else 0.0
            y = COUNTS * (40 + 3 * (TTH - 5))
            for tth0, inten in (lines('Re', a_re, c_re, s_re) if re_here else []) + (lines('Fe3N', a_fe, c_fe, s_fe) if chamber else []):
                tth = tth0 + ZERO_DEG
                # area-normalised pseudo-Voigt: height = area / (FWHM * (eta*pi/2 + (1-eta)*sqrt(pi/(4 ln2))))
                norm = FWHM * (ETA * math.pi / 2 + (1 - ETA) * math.sqrt(math.pi / (4 * math.log(2))))
                y = y + inten / norm * pseudo_voigt(TTH, tth, FWHM, ETA)
            counts = rng.poisson(y).astype(float)
            patterns[(ix, iy)] = counts
            w_re = s_re * ZM['Re'] * v_re
            w_fe = s_fe * ZM['Fe3N'] * v_fe
            total = w_re + w_fe
            truth.append({
                'ix': ix, 'iy': iy, 'xUm': ix * STEP_UM, 'yUm': iy * STEP_UM, 'pressureGPa': p,
                'phases': {
                    'Re': {'a': a_re, 'c': c_re, 'volumeA3': v_re, 'weightFraction': w_re / total, 'present': re_here},
                    'Fe3N': {'a': a_fe, 'c': c_fe, 'volumeA3': v_fe, 'weightFraction': w_fe / total, 'present': chamber},
                },
            })
            with open(os.path.join(OUT, 'points', f'map_{iy}_{ix}.xy'), 'w') as f:
                f.write(f'# Wavelength: {LAMBDA * 1e-10:.4e} m\n# simulated map point ix={ix} iy={iy}\n# 2th_deg I\n')
                for t, c in zip(TTH, counts):
                    f.write(f'{t:.2f} {c:.0f}\n')
    with open(os.path.join(OUT, 'index.csv'), 'w') as f:
        f.write('file,ix,iy,x_um,y_um\n')
        for iy in range(NY):
            for ix in range(NX):
                f.write(f'points/map_{iy}_{ix}.xy,{ix},{iy},{ix * STEP_UM},{iy * STEP_UM}\n')
    if NX >= 6 and NY >= 5:
        order = [(ix, iy) for iy in range(5) for ix in range(6)]
        with open(os.path.join(OUT, 'matrix-6x5.csv'), 'w') as f:
            f.write('2th_deg,' + ','.join(f'p{iy}_{ix}' for ix, iy in order) + '\n')
            for i, t in enumerate(TTH):
                f.write(f'{t:.2f},' + ','.join(f'{patterns[pt][i]:.0f}' for pt in order) + '\n')
    with open(os.path.join(OUT, 'truth.json'), 'w') as f:
        json.dump({
            'description': 'Simulated DAC map (scripts/make-xrd-map-simulation.py): Re gasket, Fe3N in a round chamber, pressure gradient.',
            'nx': NX, 'ny': NY, 'stepUm': STEP_UM, 'wavelengthA': LAMBDA, 'variant': VARIANT, 'zeroShiftDeg': ZERO_DEG,
            'eos': {'Re': 'anzellini2014 (Vinet V0 29.4666, K0 352.6, K0p 4.56)', 'Fe3N': 'BM3 K0 172 K0p 5.7 (assumed)'},
            'points': truth,
        }, f, indent=1)
    print(f'wrote {OUT}: {NX} x {NY} points ({VARIANT})')


if __name__ == '__main__':
    main()
