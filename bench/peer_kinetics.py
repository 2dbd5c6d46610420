#!/usr/bin/env python3
"""
Peer of `npm run bench kinetics`: the same whole process with NumPy/SciPy, written for this benchmark (no kinetics
package is installed here): read the CSV runs (time_s, temperature_C, mass_mg), α from each run's mass range,
Savitzky–Golay dα/dt (window 1/25 of the α 0.05–0.95 duration), t_α by interpolation, β by least squares on T(t),
then Friedman, KAS, OFW, Starink, Vyazovkin (exact temperature integral, scipy.special.expn) and advanced Vyazovkin
(trapezoid of exp(−E/RT) over each Δα on the measured T(t)) at every α of the grid, and Kissinger.
Prints one JSON line: {method: [E(α) kJ/mol]} and kissinger.

    python3 bench/peer_kinetics.py ALPHA_MIN ALPHA_MAX STEP FILE...
"""
import json
import math
import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.signal import savgol_filter
from scipy.special import expn

R = 8.314462618


def load(path):
    d = pd.read_csv(path)
    t = d['time_s'].to_numpy(float)
    T = d['temperature_C'].to_numpy(float) + 273.15
    m = d['mass_mg'].to_numpy(float)
    m0 = m[:5].mean()
    mend = m[t >= t[-1] - 30].mean()
    a = (m0 - m) / (m0 - mend)
    return t, T, a


def crossing(t, a, level):
    i = int(np.argmax(a >= level))
    if a[i] < level:
        return math.nan
    if i == 0:
        return t[0]
    return t[i - 1] + (level - a[i - 1]) / (a[i] - a[i - 1]) * (t[i] - t[i - 1])


def main():
    amin, amax, step = map(float, sys.argv[1:4])
    files = sys.argv[4:]
    grid = np.round(np.arange(amin, amax + step / 2, step), 10)
    runs = []
    for f in files:
        t, T, a = load(f)
        dt = np.median(np.diff(t))
        span = crossing(t, a, 0.95) - crossing(t, a, 0.05)
        w = max(5, int(round(span / 25 / dt)) | 1)
        rate = savgol_filter(a, w, 2, deriv=1, delta=dt)
        ta = np.array([crossing(t, a, x) for x in grid])
        Ta = np.interp(ta, t, T)
        ra = np.interp(ta, t, rate)
        i0, i1 = np.searchsorted(t, ta[0]), np.searchsorted(t, ta[-1])
        beta = np.polyfit(t[i0:i1], T[i0:i1], 1)[0]
        ip = int(np.argmax(rate))
        runs.append(dict(t=t, T=T, a=a, ta=ta, Ta=Ta, ra=ra, beta=beta, Tp=T[ip]))
    out = {k: [] for k in ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin']}
    betas = np.array([r['beta'] for r in runs])
    for k, alpha in enumerate(grid):
        Ta = np.array([r['Ta'][k] for r in runs])
        inv = 1 / Ta
        out['friedman'].append(-np.polyfit(inv, np.log([r['ra'][k] for r in runs]), 1)[0] * R / 1000)
        out['kas'].append(-np.polyfit(inv, np.log(betas / Ta ** 2), 1)[0] * R / 1000)
        out['ofw'].append(-np.polyfit(inv, np.log(betas), 1)[0] * R / 1000 / 1.052)
        out['starink'].append(-np.polyfit(inv, np.log(betas / Ta ** 1.92), 1)[0] * R / 1000 / 1.0008)

        def lnI(E, T):
            x = E / (R * T)
            return np.log(E / R) + np.log(expn(2, x)) - np.log(x)

        def phi(Ek):
            w = lnI(Ek * 1000, Ta) - np.log(betas)
            return np.sum(np.exp(w[:, None] - w[None, :])) - len(w)
        out['vyazovkin'].append(minimize_scalar(phi, bounds=(1, 1000), method='bounded', options={'xatol': 1e-6}).x)

        lo = max(alpha - step, 0)
        segs = []
        for r in runs:
            t0 = r['t'][0] if lo <= 0 else crossing(r['t'], r['a'], lo)
            t1 = r['ta'][k]
            inside = (r['t'] > t0) & (r['t'] < t1)
            ts = np.concatenate([[t0], r['t'][inside], [t1]])
            Ts = np.interp(ts, r['t'], r['T'])
            segs.append((ts, 1 / Ts))

        def phi_adv(Ek):
            c = Ek * 1000 / R
            lj = []
            for ts, iv in segs:
                m = iv.min()
                lj.append(-c * m + np.log(np.trapz(np.exp(-c * (iv - m)), ts)))
            lj = np.array(lj)
            return np.sum(np.exp(lj[:, None] - lj[None, :])) - len(lj)
        out['advancedVyazovkin'].append(minimize_scalar(phi_adv, bounds=(1, 1000), method='bounded', options={'xatol': 1e-6}).x)
    Tp = np.array([r['Tp'] for r in runs])
    kiss = -np.polyfit(1 / Tp, np.log(betas / Tp ** 2), 1)[0] * R / 1000
    print(json.dumps({'alphas': grid.tolist(), **{k: [float(v) for v in vals] for k, vals in out.items()}, 'kissinger': kiss}))


if __name__ == '__main__':
    main()
