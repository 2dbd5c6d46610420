#!/usr/bin/python3
"""Independent reference reflection lists and form factors from pymatgen, for src/core/xrd/crystal tests.

Reads test/fixtures/reference/library.json (written by `npx tsx scripts/reference/dump-library.ts`: the asymmetric
units, lattices and space-group symbols of our phase library), rebuilds every phase in pymatgen with pymatgen's OWN
space-group tables (Structure.from_spacegroup), and writes:

  test/fixtures/reference/pymatgen-reflections.json  XRDCalculator peaks at lambda = 0.20735 A (2theta 0-16 deg) and
                                                     Cu Ka1 1.5406 A (2theta 0-120 deg), Debye-Waller off and on
                                                     (B per element as in our library), each peak:
                                                     [2theta_deg, d_A, relative intensity (max 100), total
                                                     multiplicity, [hkl families]]
  test/fixtures/reference/pymatgen-form-factors.json pymatgen's atomic scattering factors
                                                     f(s) = Z - 41.78214 s^2 sum_i a_i exp(-b_i s^2) at a few s

Run with Debian's python (apt-get install -y python3-pymatgen):
  /usr/bin/python3 scripts/reference/pymatgen_reflections.py
"""
import json
import math
from importlib.metadata import version
from pathlib import Path

import numpy as np
from pymatgen.analysis.diffraction.xrd import ATOMIC_SCATTERING_PARAMS, XRDCalculator
from pymatgen.core import Element, Lattice, Structure

ROOT = Path(__file__).resolve().parents[2]
REF = ROOT / 'test/fixtures/reference'

# our symbol/setting -> pymatgen space-group symbol (pymatgen's default Fd-3m is origin choice 1; ':2' selects 2)
PMG_SYMBOL = {
    ('Fd-3m', 'origin choice 2'): 'Fd-3m:2',
    ('R-3c', 'hexagonal axes'): 'R-3c',
    ('I4_1/amd', 'origin choice 1'): 'I4_1/amd',
}

WAVELENGTHS = {'0.20735': (0.20735, (0, 16)), '1.5406': (1.5406, (0, 120))}


def element_of(symbol):
    s = ''.join(ch for ch in symbol if ch.isalpha())
    return s[0].upper() + s[1:].lower()


def build(phase):
    sg = phase['spaceGroup']
    symbol = PMG_SYMBOL.get((sg['symbol'], sg.get('setting')), sg['symbol'])
    lat = phase['lattice']
    lattice = Lattice.from_parameters(lat['aA'], lat['bA'], lat['cA'], lat['alphaDeg'], lat['betaDeg'], lat['gammaDeg'])
    # merge sites that share a position (fcc Fe,Ni) into one mixed-occupancy site
    merged = []
    for a in phase['atoms']:
        xyz = (a['x'], a['y'], a['z'])
        for m in merged:
            if all(abs(p - q) < 1e-9 for p, q in zip(m[0], xyz)):
                m[1][element_of(a['element'])] = m[1].get(element_of(a['element']), 0) + a['occupancy']
                break
        else:
            merged.append([xyz, {element_of(a['element']): a['occupancy']}])
    return Structure.from_spacegroup(symbol, lattice, [m[1] for m in merged], [list(m[0]) for m in merged]), symbol


def peaks(structure, wavelength, tth_range, dw):
    calc = XRDCalculator(wavelength=wavelength, debye_waller_factors=dw)
    pat = calc.get_pattern(structure, scaled=True, two_theta_range=tth_range)
    out = []
    for x, y, fams, d in zip(pat.x, pat.y, pat.hkls, pat.d_hkls):
        mult = sum(f['multiplicity'] for f in fams)
        out.append([round(float(x), 8), round(float(d), 8), round(float(y), 6), int(mult), [list(f['hkl']) for f in fams]])
    return out


def main():
    lib = json.loads((REF / 'library.json').read_text())
    result = {
        'generator': 'scripts/reference/pymatgen_reflections.py',
        'pymatgen': version('pymatgen'),
        'numpy': np.__version__,
        'lorentzPolarisation': '(1 + cos^2 2theta) / (sin^2 theta cos theta)',
        'columns': ['twoThetaDeg', 'dA', 'relativeIntensity', 'multiplicity', 'hklFamilies'],
        'phases': {},
    }
    for phase in lib['phases']:
        structure, symbol = build(phase)
        dw = {}
        for a in phase['atoms']:
            dw[element_of(a['element'])] = a['bIsoA2']
        entry = {'pymatgenSpaceGroup': symbol, 'numSites': len(structure), 'ourCellAtomCount': phase['cellAtomCount'], 'patterns': {}}
        for key, (wl, rng) in WAVELENGTHS.items():
            entry['patterns'][key] = {'dwOff': peaks(structure, wl, rng, None), 'dwOn': peaks(structure, wl, rng, dw)}
        entry['debyeWallerB'] = dw
        result['phases'][phase['id']] = entry
        print(phase['id'], symbol, len(structure), phase['cellAtomCount'])
    (REF / 'pymatgen-reflections.json').write_text(json.dumps(result, indent=None, separators=(',', ':')) + '\n')

    elements = ['Fe', 'Ni', 'O', 'La', 'B', 'Ce', 'Au', 'Mg', 'Pt', 'Re', 'N', 'Ti', 'C', 'Cr', 'Mn', 'Si', 'Mo', 'Co', 'Cu']
    s_values = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
    ff = {'generator': 'scripts/reference/pymatgen_reflections.py', 'pymatgen': version('pymatgen'),
          'formula': 'f(s) = Z - 41.78214 s^2 sum_i a_i exp(-b_i s^2), s = sin(theta)/lambda (1/A)',
          'sInvA': s_values, 'f': {}}
    for el in elements:
        z = Element(el).Z
        coeffs = ATOMIC_SCATTERING_PARAMS[el]
        ff['f'][el] = [round(z - 41.78214 * s * s * sum(a * math.exp(-b * s * s) for a, b in coeffs), 6) for s in s_values]
    (REF / 'pymatgen-form-factors.json').write_text(json.dumps(ff, indent=1) + '\n')


if __name__ == '__main__':
    main()


def gemmi_form_factors():
    """International Tables Vol. C Table 6.1.1.4 (IT92 4-Gaussian) f(s) from Debian's python3-gemmi, if installed."""
    try:
        import gemmi
    except ImportError:
        print('python3-gemmi not installed: gemmi-it92-form-factors.json not written')
        return
    elements = ['Fe', 'Ni', 'O', 'La', 'B', 'Ce', 'Au', 'Mg', 'Pt', 'Re', 'N', 'Ti', 'C', 'Cr', 'Mn', 'Si', 'Mo', 'Co', 'Cu']
    s_values = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0, 1.5]
    out = {'generator': 'scripts/reference/pymatgen_reflections.py (gemmi_form_factors)', 'gemmi': gemmi.__version__,
           'table': 'International Tables Vol. C (1992) Table 6.1.1.4, 4 Gaussians + c (gemmi Element.it92)',
           'sInvA': s_values, 'f': {}}
    for el in elements:
        c = gemmi.Element(el).it92
        out['f'][el] = [round(c.calculate_sf(stol2=s * s), 6) for s in s_values]
    (REF / 'gemmi-it92-form-factors.json').write_text(json.dumps(out, indent=1) + '\n')
    print('wrote gemmi-it92-form-factors.json')


if __name__ == '__main__':
    gemmi_form_factors()
