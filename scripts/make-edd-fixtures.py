#!/usr/bin/env python3
"""
Simulated energy-dispersive diffraction (EDD) spectra with known answers, for the tests of the EDD readers and of
the calibration → cell → pressure analysis. Independent of the TypeScript: the pressures come from the SciPy
reference implementation (scripts/reference/eos_reference.py), reflections and energies are computed here.

    /usr/bin/python3 scripts/make-edd-fixtures.py        (seeded: the same files every time)

Writes test/fixtures/simulated/edd/:
  au_ambient_calibration.mca   Amptek MCA: Au at 1 bar, 300 K, 2θ = 6.051°  (the LVP paper's calibration)
  au_mgo_5.38GPa.mca           Amptek MCA: Au at 5.38 GPa by Tsuchiya 2003 (300 K) + MgO at the same pressure
                               (Tange 2009 Vinet), Au/W/Pb fluorescence, 2θ = 6.051°
  au_mgo_5.38GPa.csv           the same counts as energy (keV), counts columns
  au_heating_000..005.mca      a heating sequence (Au + MgO), 120 s apart, thermocouple T in truth.json;
                               Au volumes from Fei et al. 2007 (Vinet + MGD) at the listed P and T
  re_gasket.spec               SPEC file, two @A spectra of hcp Re (the terapascal paper's gasket cells) at 2θ = 10°
  truth.json                   cells, pressures, temperatures, 2θ, energy calibrations
"""
import importlib.util
import json
import math
import os

import numpy as np
from scipy.optimize import brentq

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'simulated', 'edd')
HC = 12.398419843320026  # keV·Å

spec = importlib.util.spec_from_file_location('ref', os.path.join(HERE, 'reference', 'eos_reference.py'))
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
SCALES = ref.scales()

# Detector: 4096 channels, E = a + b ch + c ch² (keV), Ge-like resolution.
CAL = (0.05, 0.0366, 2.0e-8)
NCH = 4096
CH = np.arange(NCH, dtype=float)
E = CAL[0] + CAL[1] * CH + CAL[2] * CH ** 2


def fwhm(e):
    return np.sqrt(0.15 ** 2 + 0.0018 * e)


def pvoigt(x, c, w, eta, area):
    g = 2 / w * math.sqrt(math.log(2) / math.pi) * np.exp(-4 * math.log(2) * (x - c) ** 2 / w ** 2)
    l = 2 / (math.pi * w) / (1 + 4 * (x - c) ** 2 / w ** 2)
    return area * (eta * l + (1 - eta) * g)


def incident(e):
    """white-beam shape × low-energy absorption (arbitrary units, max ≈ 1 near 55 keV)"""
    s = (e / 52.5) ** 1.5 * np.exp(-(e - 52.5) / 35) * (1 - np.exp(-(e / 30) ** 4))
    return s


def f_atom(z, s):
    return z * math.exp(-0.25 * z ** 0.35 * s * s * 4)  # smooth fall-off with s = 1/(2d)


def fcc_refl(maxi=6):
    out = []
    for h in range(1, maxi + 1):
        for k in range(0, h + 1):
            for l in range(0, k + 1):
                if (h % 2 == k % 2 == l % 2):
                    perms = len({(a, b, c) for a, b, c in __import__('itertools').permutations((h, k, l))})
                    signs = 2 ** (3 - [h, k, l].count(0))
                    out.append(((h, k, l), perms * signs))
    return out


def hcp_refl(maxi=5):
    out = []
    for h in range(0, maxi + 1):
        for k in range(0, h + 1):
            for l in range(0, maxi + 1):
                if h == k == 0 and l == 0:
                    continue
                if (h - k) % 3 == 0 and l % 2 == 1:
                    continue
                m = 2 if h == k == 0 else (6 if (h == k or k == 0) else 12) * (1 if l == 0 else 2)
                out.append(((h, k, l), m))
    return out


def d_cubic(hkl, a):
    return a / math.sqrt(sum(i * i for i in hkl))


def d_hex(hkl, a, c):
    h, k, l = hkl
    return 1 / math.sqrt(4 / 3 * (h * h + h * k + k * k) / a ** 2 + l * l / c ** 2)


def energy(d, two_theta):
    return HC / (2 * d * math.sin(math.radians(two_theta) / 2))


FLUOR = {  # keV, relative strength (X-ray Data Booklet energies)
    'Au': [(68.8037, 1.0), (66.9895, 0.56), (77.9819, 0.34)],
    'W': [(59.31824, 1.0), (57.9817, 0.56), (67.2443, 0.33)],
    'Pb': [(74.9694, 1.0), (72.8042, 0.56), (84.936, 0.34)],
    'Re': [(61.1406, 1.0), (59.7179, 0.56), (69.3095, 0.34)],
}


def spectrum(rng, phases, two_theta, fluor, peak_scale=80.0, bg_scale=500.0):
    y = bg_scale * (0.25 + 0.9 * incident(E)) * (1 + 0.3 * np.exp(-E / 25))
    for ph in phases:
        for hkl, m in ph['refl']:
            d = ph['d'](hkl)
            e = energy(d, two_theta)
            if e < 20 or e > 148:
                continue
            s = 1 / (2 * d)
            fsq = ph['F2'](hkl, s)
            inten = peak_scale * ph['weight'] * incident(e) * m * fsq * d ** 2 * math.exp(-2 * 0.5 * s * s)
            y += pvoigt(E, e, fwhm(e), 0.2, inten * fwhm(e))
    for el, strength in fluor:
        for e, rel in FLUOR[el]:
            y += pvoigt(E, e, fwhm(e) * 1.1, 0.4, strength * rel * fwhm(e))
    return rng.poisson(np.maximum(y, 0)).astype(int)


def au_phase(a, weight=1.0):
    return {'refl': fcc_refl(), 'd': lambda hkl: d_cubic(hkl, a), 'weight': weight,
            'F2': lambda hkl, s: (4 * f_atom(79, s)) ** 2 / 1e4}


def mgo_phase(a, weight=0.5):
    def f2(hkl, s):
        even = all(i % 2 == 0 for i in hkl)
        f = 4 * (f_atom(12, s) + f_atom(8, s)) if even else 4 * (f_atom(12, s) - f_atom(8, s))
        return f ** 2 / 1e4
    return {'refl': fcc_refl(), 'd': lambda hkl: d_cubic(hkl, a), 'weight': weight, 'F2': f2}


def re_phase(a, c, weight=1.0):
    def f2(hkl, s):
        h, k, l = hkl
        # two atoms at (1/3, 2/3, 1/4), (2/3, 1/3, 3/4)
        ph1 = 2 * math.pi * (h / 3 + 2 * k / 3 + l / 4)
        ph2 = 2 * math.pi * (2 * h / 3 + k / 3 + 3 * l / 4)
        re_ = math.cos(ph1) + math.cos(ph2)
        im_ = math.sin(ph1) + math.sin(ph2)
        return f_atom(75, s) ** 2 * (re_ * re_ + im_ * im_) / 1e4
    return {'refl': hcp_refl(), 'd': lambda hkl: d_hex(hkl, a, c), 'weight': weight, 'F2': f2}


def volume_at(scale, p, t):
    v0, fn, _ = SCALES[scale]
    return brentq(lambda v: fn(v, t) - p, 0.66 * v0, 1.2 * v0, xtol=1e-13, rtol=4e-15)


def write_mca(path, counts, start_time, live=600.0, real=612.5):
    # Amptek layout: calibration as (channel, energy) pairs on the quadratic.
    pts = [(ch, CAL[0] + CAL[1] * ch + CAL[2] * ch * ch) for ch in (500, 1500, 2500, 3500)]
    with open(path, 'w', newline='\n') as fh:
        fh.write('<<PMCA SPECTRUM>>\nTAG - live_data\nDESCRIPTION - SIMULATED EDD spectrum (ReductionLab make-edd-fixtures.py)\n')
        fh.write(f'GAIN - 2\nTHRESHOLD - 0\nLIVE_MODE - 0\nPRESET_TIME - 600\nLIVE_TIME - {live:.6f}\nREAL_TIME - {real:.6f}\n')
        fh.write(f'START_TIME - {start_time}\nSERIAL_NUMBER - 0\n<<CALIBRATION>>\nLABEL - keV\n')
        for ch, e in pts:
            fh.write(f'{ch} {e:.6f}\n')
        fh.write('<<DATA>>\n')
        for c in counts:
            fh.write(f'{c}\n')
        fh.write('<<END>>\n<<DP5 CONFIGURATION>>\nMCAC=4096;    MCA/MCS Channels\n<<DP5 CONFIGURATION END>>\n')
    return pts


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240607)
    truth = {'note': 'SIMULATED spectra (project-made, not measurements); see scripts/make-edd-fixtures.py',
             'energyCalibration': {'a': CAL[0], 'b': CAL[1], 'c': CAL[2], 'channels': NCH}, 'files': {}}
    tt = 6.051
    au0 = ref.cm3_to_cell(10.215, 4)  # 67.850 Å³, Au at 1 bar
    a_au0 = au0 ** (1 / 3)
    # 1. calibration at 1 bar
    y = spectrum(rng, [au_phase(a_au0)], tt, [('W', 1500.0), ('Pb', 600.0)])
    write_mca(os.path.join(OUT, 'au_ambient_calibration.mca'), y, '06/07/2024 10:00:00')
    truth['files']['au_ambient_calibration.mca'] = {'calibrant': 'Au', 'aA': a_au0, 'twoThetaDeg': tt, 'pressureGPa': 0.0, 'temperatureK': 300}
    # 2. Au + MgO at 5.38 GPa (Tsuchiya 2003 for Au; MgO by Tange 2009 Vinet at the same P)
    v_au = volume_at(('Au', 'tsuchiya2003'), 5.38, 300.0)
    v_mgo = volume_at(('MgO', 'tange2009-vinet'), 5.38, 300.0)
    a_au = v_au ** (1 / 3)
    y = spectrum(rng, [au_phase(a_au), mgo_phase(v_mgo ** (1 / 3))], tt, [('Au', 4000.0), ('W', 1500.0), ('Pb', 600.0)])
    write_mca(os.path.join(OUT, 'au_mgo_5.38GPa.mca'), y, '06/07/2024 10:30:00')
    with open(os.path.join(OUT, 'au_mgo_5.38GPa.csv'), 'w', newline='\n') as fh:
        fh.write('# SIMULATED EDD spectrum (ReductionLab make-edd-fixtures.py), 2theta = 6.051 deg\n# Energy (keV),Counts\n')
        for e, c in zip(E, y):
            fh.write(f'{e:.5f},{c}\n')
    truth['files']['au_mgo_5.38GPa.mca'] = {'calibrant': 'Au', 'scale': 'tsuchiya2003', 'aA': a_au, 'volumeA3': v_au, 'twoThetaDeg': tt,
                                           'pressureGPa': 5.38, 'temperatureK': 300, 'mgoAA': v_mgo ** (1 / 3)}
    truth['files']['au_mgo_5.38GPa.csv'] = truth['files']['au_mgo_5.38GPa.mca']
    # 3. heating sequence (Fei 2007 Vinet + MGD for Au, Tange for MgO)
    seq = [(3.0, 300.0), (4.5, 300.0), (5.4, 700.0), (6.0, 1100.0), (6.8, 1400.0), (7.5, 1673.0)]
    rows = []
    for i, (p, t) in enumerate(seq):
        va = volume_at(('Au', 'fei2007-vinet'), p, t)
        vm = volume_at(('MgO', 'tange2009-vinet'), p, t)
        y = spectrum(rng, [au_phase(va ** (1 / 3)), mgo_phase(vm ** (1 / 3))], tt, [('Au', 4000.0), ('W', 1500.0)])
        name = f'au_heating_{i:03d}.mca'
        write_mca(os.path.join(OUT, name), y, f'06/07/2024 11:{2 * i:02d}:00')
        rows.append({'file': name, 'timeS': 120 * i, 'pressureGPa': p, 'temperatureK': t, 'aA': va ** (1 / 3)})
    truth['sequence'] = {'calibrant': 'Au', 'scale': 'fei2007-vinet', 'twoThetaDeg': tt, 'frames': rows}
    # 4. SPEC file with two hcp Re spectra (gasket before / after heating in the terapascal paper)
    cells = [(2.5606, 4.0588, 149.14), (2.5577, 4.1095, 139.91)]
    tt_re = 10.0
    with open(os.path.join(OUT, 're_gasket.spec'), 'w', newline='\n') as fh:
        fh.write('#F re_gasket.spec\n#E 1677801600\n#D Thu Mar 02 10:11:12 2023\n#C SIMULATED EDD spectra (ReductionLab make-edd-fixtures.py)\n\n')
        for i, (a, c, _) in enumerate(cells):
            y = spectrum(rng, [re_phase(a, c)], tt_re, [('Re', 3000.0)])
            fh.write(f'#S {i + 1}  ct 60\n#D Thu Mar 02 10:{15 + 5 * i}:40 2023\n#@MCA 16C\n#@CHANN {NCH} 0 {NCH - 1} 1\n')
            fh.write(f'#@CALIB {CAL[0]} {CAL[1]} {CAL[2]}\n#@CTIME 60 59.1 60\n#N 1\n#L Seconds\n60\n')
            vals = [str(v) for v in y]
            lines = [' '.join(vals[j:j + 16]) for j in range(0, len(vals), 16)]
            fh.write('@A ' + '\\\n '.join(lines) + '\n\n')
    truth['files']['re_gasket.spec'] = {'calibrant': 'Re', 'scale': 'anzellini2014', 'twoThetaDeg': tt_re,
                                        'spectra': [{'aA': a, 'cA': c, 'pressureGPa': p} for a, c, p in cells]}
    with open(os.path.join(OUT, 'truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)
        fh.write('\n')
    print('wrote', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
