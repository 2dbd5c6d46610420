#!/usr/bin/python3
"""Reference fits for src/core/xrd/peaks/lmfit.test.ts: Poisson patterns with known pseudo-Voigt peaks on a linear
background, fitted by lmfit (PseudoVoigtModel + LinearModel, MINPACK leastsq) with the weights ReductionLab uses
(1/sqrt(max(y, 1))) and lmfit's default covariance scaling by the reduced chi-square. The counts and lmfit's
best-fit values, standard errors and chi-square go to test/fixtures/reference/lmfit-peaks.json.

lmfit's pseudo-Voigt: amplitude*[(1-fraction)*G(sigma_g) + fraction*L(sigma)], sigma_g = sigma/sqrt(2 ln 2), so
G and L share FWHM = 2*sigma: the same profile as ReductionLab's (centre c, FWHM, eta = fraction, area = amplitude),
written independently.

Usage: /usr/bin/python3 scripts/reference/lmfit_peaks.py   (Debian python3-lmfit; numpy default_rng seeds fixed)
"""
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np
from lmfit.models import LinearModel, PseudoVoigtModel

out = Path(__file__).resolve().parents[2] / 'test/fixtures/reference/lmfit-peaks.json'
x = np.round(np.arange(5.5, 6.5 + 1e-9, 0.005), 6)


def pv(x, c, fwhm, eta, area):
    s = fwhm / 2
    g = np.sqrt(np.log(2) / np.pi) / s * np.exp(-np.log(2) * ((x - c) / s) ** 2)
    lor = 1 / (np.pi * s) / (1 + ((x - c) / s) ** 2)
    return area * (eta * lor + (1 - eta) * g)


CASES = [
    # name, seed, peaks [(centre, fwhm, eta, area)], background (intercept at 6.0, slope per degree)
    ('single', 1, [(6.0, 0.05, 0.4, 50.0)], (500.0, -20.0)),
    ('doublet', 2, [(5.97, 0.05, 0.3, 40.0), (6.04, 0.06, 0.6, 25.0)], (300.0, 10.0)),
    ('weak', 11, [(6.01, 0.05, 0.5, 10.0)], (800.0, 0.0)),
]

cases = []
for name, seed, peaks, (b0, b1) in CASES:
    mean = b0 + b1 * (x - 6.0) + sum(pv(x, *p) for p in peaks)
    y = np.random.default_rng(seed).poisson(mean).astype(float)
    model = LinearModel(prefix='bg_')
    for k in range(len(peaks)):
        model = model + PseudoVoigtModel(prefix=f'p{k}_')
    params = model.make_params(bg_intercept=b0 - 6.0 * b1, bg_slope=b1)
    for k, (c, fwhm, eta, area) in enumerate(peaks):
        # started where ReductionLab's seeds start: the centre and FWHM given, eta 0.5, area from the data
        params[f'p{k}_center'].set(value=c)
        params[f'p{k}_sigma'].set(value=fwhm / 2, min=0)
        params[f'p{k}_fraction'].set(value=0.5, min=0, max=1)
        params[f'p{k}_amplitude'].set(value=area * 0.8, min=0)
    fit = model.fit(y, params, x=x, weights=1 / np.sqrt(np.maximum(y, 1)), method='leastsq',
                    max_nfev=20000, fit_kws={'ftol': 1e-12, 'xtol': 1e-12})
    res = []
    for k in range(len(peaks)):
        p = fit.params
        res.append({
            'centreDeg': p[f'p{k}_center'].value, 'centreSigmaDeg': p[f'p{k}_center'].stderr,
            'fwhmDeg': 2 * p[f'p{k}_sigma'].value, 'fwhmSigmaDeg': 2 * p[f'p{k}_sigma'].stderr,
            'eta': p[f'p{k}_fraction'].value, 'etaSigma': p[f'p{k}_fraction'].stderr,
            'area': p[f'p{k}_amplitude'].value, 'areaSigma': p[f'p{k}_amplitude'].stderr,
        })
    cases.append({
        'name': name, 'seed': seed, 'truth': [dict(zip(['centreDeg', 'fwhmDeg', 'eta', 'area'], p)) for p in peaks],
        'counts': [int(v) for v in y], 'lmfit': {'peaks': res, 'chi2': fit.chisqr, 'reducedChi2': fit.redchi,
                                                 'nfev': fit.nfev, 'success': bool(fit.success)},
    })

json.dump({'generator': 'scripts/reference/lmfit_peaks.py', 'lmfit': version('lmfit'), 'numpy': np.__version__,
           'x': {'fromDeg': 5.5, 'stepDeg': 0.005, 'n': len(x)}, 'cases': cases}, out.open('w'), indent=1)
print(f'wrote {out}')
for c in cases:
    print(c['name'], c['lmfit']['success'], c['lmfit']['reducedChi2'], c['lmfit']['peaks'])
