#!/usr/bin/python3
"""How well can ANY refinement recover weight fractions from grainy frames? The oracle floor of a held-out study.

usage: /usr/bin/python3 scripts/sxrd-graininess-floor.py --preset heldout-nio|heldout-fe [--seed N ...] [--graininess SD]

For every frame of a study made by scripts/make-sxrd-study.py (the same random stream, so the same frames), the
oracle fit knows everything the simulation knows except the graininess and the counting noise: the exact structures,
cells, widths, eta, zero shift and background (one column per phase at unit weight fraction, the background
subtracted), with the phase coefficients solved by weighted linear least squares (w = 1/max(y, 1)).
The coefficients estimate the weight fractions up to their sum; normalised, they are the oracle's fractions. Printed
per study: max and median |dw| of the oracle against truth.json, and the analytic spread due to graininess alone,
sigma_g(w) = SD x || dw/dg ||, with dw/dg_k the linear response of the fractions to reflection k's intensity factor
(1 + g_k) -- the exact form of "scale error ~ SD / sqrt(N_eff)" with each reflection weighted by its information.
"""
import argparse, importlib.util, json, math, os, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('study', os.path.join(HERE, 'make-sxrd-study.py'))
study = importlib.util.module_from_spec(spec)
spec.loader.exec_module(study)


def floor(preset, seed, graininess, frames=61):
    p = study.PRESETS[preset]
    sample = p['sample']
    kin = dict(study.DEV[sample])
    kin.update(p['kinetics'])
    bg = p['background']
    zero = p['zero_shift']
    sd = p['graininess'] if graininess is None else graininess
    rng = np.random.default_rng(p['seed'] if seed is None else seed)
    x = study.TTH
    worst, dws, sig_ratio, per_frame = 0.0, [], [], []
    for i in range(frames):
        t = 30.0 * i
        wt, x_ni = study.phase_fractions(sample, kin, t)
        keys = [k for k, w in wt.items() if w > 0]
        y = np.zeros_like(x)
        unit, refl = {}, {}
        for key, w in wt.items():  # the generator's order and draws
            tth, inten, _ = study.reflections(key, x_ni if key == 'fcc' else None)
            if w <= 0:
                continue
            areas = study.SCALE * w * inten
            g = rng.standard_normal(len(areas)) if sd > 0 else np.zeros(len(areas))
            y += study.pseudo_voigt(x, tth + zero, areas * np.maximum(0.0, 1 + sd * g), study.fwhm_deg(key, tth), study.PHASES[key]['eta'])
            unit[key] = study.pseudo_voigt(x, tth + zero, study.SCALE * inten, study.fwhm_deg(key, tth), study.PHASES[key]['eta'])
            # one column per reflection (at the phase's true fraction): the response to its factor (1 + g_k)
            refl[key] = [study.pseudo_voigt(x, tth[k:k + 1] + zero, areas[k:k + 1], study.fwhm_deg(key, tth[k:k + 1]), study.PHASES[key]['eta']) for k in range(len(tth))]
        counts = rng.poisson(np.maximum(y + study.background(x, bg), 0)).astype(float)
        wgt = 1 / np.maximum(counts, 1)
        counts = counts - study.background(x, bg)
        a = np.column_stack([unit[k] for k in keys])
        aw = a * wgt[:, None]
        normal = a.T @ aw
        coef = np.linalg.solve(normal, aw.T @ counts)
        c = coef[:len(keys)]
        w_hat = c / c.sum()
        truth = np.array([wt[k] for k in keys])
        dw = np.abs(w_hat - truth)
        worst = max(worst, dw.max())
        per_frame.append({'w': dict(zip(keys, map(float, w_hat))), 'truth': dict(zip(keys, map(float, truth)))})
        dws.extend(dw)
        # linear response of the fractions to every reflection's factor: d coef = N^-1 A^T W column_k
        jac_w = np.eye(len(c)) / c.sum() - np.outer(c, np.ones(len(c))) / c.sum() ** 2  # d w_hat / d c
        var = np.zeros(len(keys))
        for key in keys:
            r = np.column_stack(refl[key])
            dc = np.linalg.solve(normal, aw.T @ r)[:len(keys)]  # d coef / d g_k (per unit g)
            dwk = jac_w @ dc
            var += (sd ** 2) * (dwk ** 2).sum(axis=1)
        sg = np.sqrt(var)
        # counting statistics alone (what a refinement reports): the least-squares covariance
        cov_c = np.linalg.inv(normal)[:len(keys), :len(keys)]
        sp = np.sqrt(np.maximum(np.diag(jac_w @ cov_c @ jac_w.T), 0))
        st = np.sqrt(sg ** 2 + sp ** 2)
        sig_ratio.append((dw.max(), st[np.argmax(dw)], sg.max(), (dw / st).max(), (dw / sp).max(), sp.max()))
        per_frame[-1]['sigma_g'] = dict(zip(keys, map(float, sg)))
        if os.environ.get('FLOOR_DEBUG'):
            print(i, keys, np.round(w_hat - truth, 4), np.round(sg, 4))
    return worst, float(np.median(dws)), max(s[2] for s in sig_ratio), sig_ratio, per_frame


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--preset', choices=sorted(study.PRESETS), required=True)
    ap.add_argument('--seed', type=int, nargs='*')
    ap.add_argument('--graininess', type=float)
    ap.add_argument('--json', help='write the oracle fractions, truth and sigma_g per frame to this file ({seed} is replaced)')
    a = ap.parse_args()
    for seed in a.seed or [None]:
        worst, med, sgmax, rows, per_frame = floor(a.preset, seed, a.graininess)
        if a.json:
            with open(a.json.replace('{seed}', str(seed)), 'w') as f:
                json.dump(per_frame, f)
        z = max(r[3] for r in rows)
        zp = max(r[4] for r in rows)
        spmax = max(r[5] for r in rows)
        print(f'{a.preset} seed {seed if seed is not None else study.PRESETS[a.preset]["seed"]} graininess '
              f'{a.graininess if a.graininess is not None else study.PRESETS[a.preset]["graininess"]}: oracle max |dw| {worst:.4f} '
              f'(median {med:.4f}); sigma(w) from graininess up to {sgmax:.4f}, from counting up to {spmax:.4f}; '
              f'max |dw| / sigma(counting) {zp:.1f}, / sigma(counting + graininess) {z:.1f}')


if __name__ == '__main__':
    sys.exit(main())
