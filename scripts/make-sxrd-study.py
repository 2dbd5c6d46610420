#!/usr/bin/python3
"""Simulated in situ SXRD studies made the way the developer studies in ../shared/fixtures/simulated/sxrd-* were made
(their README.md and truth.json give the model), with other rate constants, graininess, a zero shift and another
background: held-out studies for checking the sequential Rietveld with known answers.

usage: /usr/bin/python3 scripts/make-sxrd-study.py OUTDIR [--sample fe2o3_nio|fe2o3] [--preset NAME] [--frames 61]
       [--seed N] [--zero-shift DEG] [--graininess SD] [--KEY VALUE for any kinetic parameter]
       /usr/bin/python3 scripts/make-sxrd-study.py --check ../shared/fixtures/simulated/sxrd-fe2o3_nio-700C

Model (model v2 of the developer studies): reflections and |F|^2 x multiplicity x Lorentz-polarisation from pymatgen's
XRDCalculator (Debian python3-pymatgen 2022.11.7) with a Debye-Waller B per element and phase; 700 C cells from
room-temperature cells and a mean expansion coefficient per phase; phase intensity = w / rho / V^2 x I(hkl) x scale;
pseudo-Voigt with a per-phase eta and FWHM^2 = U tan^2 th + V tan th + W + (K lambda / (L cos th))^2; Poisson noise
on signal + background. Kinetics as in the developer studies (Fe: Avrami metal fraction, magnetite share decaying
exponentially, the rest wustite; Ni: NiO share by an Avrami law; metallic Fe and Ni form one fcc (Fe,Ni)).
Graininess: every reflection's intensity in every frame times max(0, 1 + SD N(0,1)). Zero shift: observed 2theta =
true 2theta + shift (truth.json keeps the true cells). --check rebuilds a developer study's frame 0 without noise
and reports how well it matches the stored counts (the overall scale is calibrated this way, see SCALE).
"""
import argparse, json, math, os, sys

import numpy as np
from pymatgen.analysis.diffraction.xrd import XRDCalculator
from pymatgen.core import Lattice, Structure

LAMBDA_A = 0.20735
TTH = np.round(np.arange(2.0, 16.0 + 1e-9, 0.005), 6)
N_A = 0.602214076  # Avogadro's number x 1e-24 (g/cm^3 from g/mol and A^3)
M = {'Fe': 55.845, 'Ni': 58.6934, 'O': 15.999}
T_C = 700.0
# counts per unit of w / rho / V^2 x pymatgen's unscaled intensity; calibrated with --check on the developer studies
SCALE = 1.25 * 0.9667

# name, formula-unit mass, Z, room-temperature a (A), alpha (1/K), B per element (A^2, 700 C), L (nm), eta
PHASES = {
    'Fe3O4': dict(M=3 * M['Fe'] + 4 * M['O'], Z=8, a_rt=8.3965, alpha=15e-6, B={'Fe': 1.2, 'O': 1.5}, L=55.0, eta=0.40),
    'FeO': dict(M=0.947 * M['Fe'] + M['O'], Z=4, a_rt=4.3088, alpha=14e-6, B={'Fe': 1.5, 'O': 1.6}, L=38.0, eta=0.50),
    'NiO': dict(M=M['Ni'] + M['O'], Z=4, a_rt=4.1771, alpha=15e-6, B={'Ni': 1.0, 'O': 1.2}, L=48.0, eta=0.35),
    'fcc': dict(M=None, Z=4, a_rt=None, alpha=17.5e-6, B={'Fe': 1.2, 'Ni': 1.2}, L=27.0, eta=0.55),
    'bcc_Fe': dict(M=M['Fe'], Z=2, a_rt=2.8665, alpha=14.5e-6, B={'Fe': 1.1}, L=31.0, eta=0.45),
}
CAGLIOTI = dict(U=0.05, V=-0.002, W=0.0004)
SCHERRER_K = 0.9
FCC_NI_A, FCC_FE_A = 3.524, 3.62523  # Vegard ends at room temperature (developer studies' README)

DEV = {
    'fe2o3_nio': dict(tau_metal_s=520.0, n_metal=1.5, mag_share0=0.9, tau_mag_s=120.0, nio_share0=0.7, tau_nio_s=100.0, n_nio=1.3),
    'fe2o3': dict(tau_metal_s=1040.0, n_metal=1.5, mag_share0=0.95, tau_mag_s=150.0),
}
DEV_BACKGROUND = dict(b0=300.0, b1=250.0, b_centre=3.0, b_width=2.5, b_slope=20.0)
# held-out presets: other rate constants, graininess, a zero shift and another background
PRESETS = {
    'heldout-nio': dict(sample='fe2o3_nio', seed=23, zero_shift=0.012, graininess=0.04,
                        kinetics=dict(tau_metal_s=380.0, n_metal=1.2, mag_share0=0.8, tau_mag_s=200.0, nio_share0=0.85, tau_nio_s=160.0, n_nio=1.6),
                        background=dict(b0=420.0, b1=150.0, b_centre=4.5, b_width=3.5, b_slope=-8.0)),
    'heldout-fe': dict(sample='fe2o3', seed=31, zero_shift=-0.009, graininess=0.03,
                       kinetics=dict(tau_metal_s=760.0, n_metal=1.8, mag_share0=0.85, tau_mag_s=240.0),
                       background=dict(b0=250.0, b1=320.0, b_centre=2.5, b_width=2.0, b_slope=12.0)),
}


def cell_700(a_rt, alpha):
    return a_rt * (1 + alpha * (T_C - 25.0))


def structure(key, x_ni=None):
    p = PHASES[key]
    if key == 'fcc':
        a = cell_700(FCC_NI_A * x_ni + FCC_FE_A * (1 - x_ni), p['alpha'])
        return Structure.from_spacegroup('Fm-3m', Lattice.cubic(a), [{'Fe': 1 - x_ni, 'Ni': x_ni}], [[0, 0, 0]]), a
    a = cell_700(p['a_rt'], p['alpha'])
    if key == 'Fe3O4':
        s = Structure.from_spacegroup('Fd-3m:2', Lattice.cubic(a), ['Fe', 'Fe', 'O'], [[0.125] * 3, [0.5] * 3, [0.2549] * 3])
    elif key == 'FeO':
        s = Structure.from_spacegroup('Fm-3m', Lattice.cubic(a), [{'Fe': 0.947}, 'O'], [[0, 0, 0], [0.5] * 3])
    elif key == 'NiO':
        s = Structure.from_spacegroup('Fm-3m', Lattice.cubic(a), ['Ni', 'O'], [[0, 0, 0], [0.5] * 3])
    else:
        s = Structure.from_spacegroup('Im-3m', Lattice.cubic(a), ['Fe'], [[0, 0, 0]])
    return s, a


_cache = {}


def reflections(key, x_ni=None):
    """2theta (deg) and w-independent intensity I / (rho V^2) of a phase at 700 C, cached."""
    ck = (key, None if x_ni is None else round(x_ni, 6))
    if ck not in _cache:
        s, a = structure(key, x_ni)
        p = PHASES[key]
        calc = XRDCalculator(wavelength=LAMBDA_A, debye_waller_factors=p['B'])
        pat = calc.get_pattern(s, scaled=False, two_theta_range=(0.5, 17.0))
        vol = a ** 3
        fu_mass = p['M'] if key != 'fcc' else x_ni * M['Ni'] + (1 - x_ni) * M['Fe']
        rho = p['Z'] * fu_mass / (N_A * vol)
        _cache[ck] = (np.asarray(pat.x, float), np.asarray(pat.y, float) / rho / vol ** 2, a)
    return _cache[ck]


def fwhm_deg(key, tth):
    th = np.radians(tth / 2)
    t = np.tan(th)
    h_size = np.degrees(SCHERRER_K * LAMBDA_A / (PHASES[key]['L'] * 10.0 * np.cos(th)))
    return np.sqrt(CAGLIOTI['U'] * t * t + CAGLIOTI['V'] * t + CAGLIOTI['W'] + h_size ** 2)


def pseudo_voigt(x, centres, areas, fwhm, eta):
    d = x[None, :] - centres[:, None]
    h = fwhm[:, None]
    g = math.sqrt(4 * math.log(2) / math.pi) / h * np.exp(-4 * math.log(2) * (d / h) ** 2)
    lor = 2 / (math.pi * h) / (1 + 4 * (d / h) ** 2)
    return (areas[:, None] * (eta * lor + (1 - eta) * g)).sum(axis=0)


def phase_fractions(sample, k, t):
    """Weight fractions (truth.json keys) and the fcc Ni fraction at time t (s)."""
    n_fe = 64.0 / M['Fe']
    f_metal = 1 - math.exp(-((t / k['tau_metal_s']) ** k['n_metal']))
    unreduced = n_fe * (1 - f_metal)
    fe_mag = unreduced * k['mag_share0'] * math.exp(-t / k['tau_mag_s'])
    fe_wus = unreduced - fe_mag
    fe_met = n_fe * f_metal
    mass = {'Fe3O4': fe_mag / 3 * PHASES['Fe3O4']['M'], 'FeO': fe_wus / 0.947 * PHASES['FeO']['M']}
    x_ni = None
    if sample == 'fe2o3_nio':
        n_ni = 36.0 / M['Ni']
        ni_ox = n_ni * k['nio_share0'] * math.exp(-((t / k['tau_nio_s']) ** k['n_nio']))
        ni_met = n_ni - ni_ox
        mass['NiO'] = ni_ox * PHASES['NiO']['M']
        mass['fcc'] = fe_met * M['Fe'] + ni_met * M['Ni']
        x_ni = ni_met / (ni_met + fe_met)
    else:
        mass['bcc_Fe'] = fe_met * M['Fe']
    total = sum(mass.values())
    return {key: v / total for key, v in mass.items()}, x_ni


def background(tth, b):
    return b['b0'] + b['b1'] * np.exp(-(((tth - b['b_centre']) / b['b_width']) ** 2)) + b['b_slope'] * (tth - 2.0)


def signal(wt, x_ni, zero_shift=0.0, graininess=0.0, rng=None):
    y = np.zeros_like(TTH)
    cells = {}
    for key, w in wt.items():
        tth, inten, a = reflections(key, x_ni if key == 'fcc' else None)
        cells[key] = a
        if w <= 0:
            continue
        areas = SCALE * w * inten
        if graininess > 0:
            areas = areas * np.maximum(0.0, 1 + graininess * rng.standard_normal(len(areas)))
        y += pseudo_voigt(TTH, tth + zero_shift, areas, fwhm_deg(key, tth), PHASES[key]['eta'])
    return y, cells


HEADER = """# == pyFAI calibration ==
# Distance Sample to Detector: 1.7 m
# PONI: 2.048e-01, 2.048e-01 m
# Rotations: 0.000000 0.000000 0.000000 rad
#
# == Fit2d calibration ==
# Distance Sample-beamCenter: 1700.000 mm
# Center: x=1024.000, y=1024.000 pix
# Tilt: 0.000 deg  TiltPlanRot: 0.000 deg
#
# Detector Detector\t Spline= None\t PixelSize= 2.000e-04, 2.000e-04 m
# Wavelength: 2.0735e-11 m
# Mask applied: True
# Dark current applied: False
# Flat field applied: False
# Polarization factor applied: True
# Normalization factor applied: 1.0
# --> {name}.tif
#       2th_deg             I
"""


def write_study(out, sample, kinetics, bg, frames, seed, zero_shift, graininess, label):
    rng = np.random.default_rng(seed)
    os.makedirs(out, exist_ok=True)
    stem = f'{sample}_700C'
    rows = []
    for i in range(frames):
        t = 30.0 * i
        wt, x_ni = phase_fractions(sample, kinetics, t)
        y, cells = signal(wt, x_ni, zero_shift, graininess, rng)
        counts = rng.poisson(np.maximum(y + background(TTH, bg), 0)).astype(float)
        name = f'{stem}_{i:05d}'
        with open(os.path.join(out, name + '.xy'), 'w') as f:
            f.write(HEADER.format(name=name))
            f.write(''.join(f'  {a:.6e}  {b:.6e}\n' for a, b in zip(TTH, counts)))
        frame = {'t_s': t, 'wt': wt, 'a': cells}
        if x_ni is not None:
            frame['fcc_x_ni'] = x_ni
        rows.append(frame)
    truth = {
        'sample': 'Fe2O3+NiO' if sample == 'fe2o3_nio' else 'Fe2O3', 'label': label, 'wavelength_A': LAMBDA_A, 'frame_interval_s': 30.0,
        'made_by': 'scripts/make-sxrd-study.py (pymatgen XRDCalculator reflections, model v2 of ../shared/fixtures/simulated)',
        'b_iso_A2': {k: PHASES[k]['B'] for k in rows[0]['wt']},
        'profile': {'caglioti_deg2': CAGLIOTI, 'scherrer_K': SCHERRER_K, 'size_nm': {k: PHASES[k]['L'] for k in rows[0]['wt']}, 'eta': {k: PHASES[k]['eta'] for k in rows[0]['wt']}},
        'instrument': {'zero_shift_deg': zero_shift, 'zero_shift_convention': 'observed 2theta = true 2theta + zero_shift_deg (the cells in frames[].a are the true ones)',
                       'graininess_rel_sd': graininess, 'background': bg, 'noise': 'Poisson on (signal + background)'},
        'kinetics': {'params': kinetics}, 'random_seed': seed, 'frames': rows,
    }
    with open(os.path.join(out, 'truth.json'), 'w') as f:
        json.dump(truth, f, indent=1)
    print(f'wrote {frames} frames of {label} to {out}')


def check(dev_dir):
    """Rebuild frame 0 of a developer study without noise; report the fitted scale and chi^2 per point."""
    truth = json.load(open(os.path.join(dev_dir, 'truth.json')))
    sample = 'fe2o3_nio' if truth['sample'] == 'Fe2O3+NiO' else 'fe2o3'
    names = sorted(f for f in os.listdir(dev_dir) if f.endswith('.xy'))
    for i in (0, len(names) // 2, len(names) - 1):
        obs = np.loadtxt(os.path.join(dev_dir, names[i]), comments='#')[:, 1]
        wt, x_ni = phase_fractions(sample, DEV[sample], truth['frames'][i]['t_s'])
        dw = max(abs(wt[k] - truth['frames'][i]['wt'][k]) for k in wt)
        y, _ = signal(wt, x_ni)
        bg = background(TTH, DEV_BACKGROUND)
        s = float(np.sum((obs - bg) * y) / np.sum(y * y))
        chi2 = [float(np.mean((obs - m) ** 2 / np.maximum(m, 1))) for m in (bg + y, bg + s * y)]
        print(f'{names[i]}: max |dw| vs truth.json {dw:.2e}, best scale / SCALE = {s:.5f}, chi^2 per point {chi2[0]:.3f} at SCALE, {chi2[1]:.3f} at the best scale')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out', nargs='?')
    ap.add_argument('--check')
    ap.add_argument('--preset', choices=sorted(PRESETS))
    ap.add_argument('--sample', choices=['fe2o3_nio', 'fe2o3'])
    ap.add_argument('--frames', type=int, default=61)
    ap.add_argument('--seed', type=int)
    ap.add_argument('--zero-shift', type=float)
    ap.add_argument('--graininess', type=float)
    for k in sorted({k for d in DEV.values() for k in d}):
        ap.add_argument('--' + k.replace('_', '-'), type=float, dest=k)
    a = ap.parse_args()
    if a.check:
        check(a.check)
        return
    if not a.out:
        ap.error('OUTDIR is needed')
    preset = PRESETS.get(a.preset, {})
    sample = a.sample or preset.get('sample', 'fe2o3_nio')
    kin = dict(DEV[sample])
    kin.update(preset.get('kinetics', {}) if preset.get('sample', sample) == sample else {})
    for k in DEV[sample]:
        if getattr(a, k) is not None:
            kin[k] = getattr(a, k)
    bg = preset.get('background', DEV_BACKGROUND)
    write_study(a.out, sample, kin, bg, a.frames, a.seed if a.seed is not None else preset.get('seed', 1),
                a.zero_shift if a.zero_shift is not None else preset.get('zero_shift', 0.0),
                a.graininess if a.graininess is not None else preset.get('graininess', 0.0), a.preset or 'custom')


if __name__ == '__main__':
    sys.exit(main())
