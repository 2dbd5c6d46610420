#!/usr/bin/env python3
"""
Peer for bench/eos.mjs: V(P, T) of two pressure scales for N pressures, the way a Python user would do it.

  brentq     scipy.optimize.brentq per point (xtol 1e-12 relative), P(V) in plain Python; the Debye integral by the
             same series as the app (an accurate closed form; scipy.integrate.quad per call would be ~50× slower)
  numpy      vectorised Newton on all points at once (NumPy arrays), bracketed by bisection fallback

Usage: peer_eos.py METHOD N            prints one JSON line {method, n, seconds, rate, checksum, ...}
Scales: Re Anzellini 2014 (Vinet, 300 K) and Au Fei 2007 (Vinet + MGD, γ0 = 2.97, q = 0.6, θ0 = 170 K) at 1500 K;
pressures linspace(1, 150) GPa and linspace(1, 100) GPa.
"""
import json
import math
import sys
import time

import numpy as np
from scipy.optimize import brentq

NA = 6.02214076e23
R = 8.314462618
PI4_15 = math.pi ** 4 / 15
BERN = [(0, 1.0), (1, -0.5), (2, 1 / 6), (4, -1 / 30), (6, 1 / 42), (8, -1 / 30), (10, 5 / 66), (12, -691 / 2730), (14, 7 / 6),
        (16, -3617 / 510), (18, 43867 / 798), (20, -174611 / 330), (22, 854513 / 138), (24, -236364091 / 2730)]
SER = []
_f = 1.0
_last = 0
for k, b in BERN:
    for j in range(_last + 1, k + 1):
        _f *= j
    _last = k
    SER.append((k + 3, b / ((k + 3) * _f)))


def debye_int(x):
    if x <= 0:
        return 0.0
    if x < 2:
        return sum(c * x ** p for p, c in SER)
    s = 0.0
    q = math.exp(-x)
    ek = 1.0
    for k in range(1, 200):
        ek *= q
        t = ek * (x ** 3 / k + 3 * x * x / k ** 2 + 6 * x / k ** 3 + 6 / k ** 4)
        s += t
        if t < 1e-17 * PI4_15:
            break
    return PI4_15 - s


def vinet(v, v0, k0, kp):
    x = (v / v0) ** (1 / 3)
    return 3 * k0 * (1 - x) / x ** 2 * math.exp(1.5 * (kp - 1) * (1 - x))


RE = (29.4666, 352.6, 4.56)
AU = (67.85, 167.0, 6.0)
T_AU = 1500.0


def au_p(v, t=T_AU):
    v0, k0, kp = AU
    x = v / v0
    g = 2.97 * x ** 0.6
    th = 170 * math.exp((2.97 - g) / 0.6)
    e = lambda tt: 9 * R * tt / (th / tt) ** 3 * debye_int(th / tt)
    vm = v * 1e-30 * NA / 4
    return vinet(v, v0, k0, kp) + g / vm * (e(t) - e(300.0)) * 1e-9


def re_p(v):
    return vinet(v, *RE)


# ---- vectorised versions
def debye_int_np(x):
    out = np.empty_like(x)
    lo = x < 2
    xl = x[lo]
    out[lo] = sum(c * xl ** p for p, c in SER)
    xh = x[~lo]
    s = np.zeros_like(xh)
    q = np.exp(-xh)
    ek = np.ones_like(xh)
    for k in range(1, 25):
        ek = ek * q
        s += ek * (xh ** 3 / k + 3 * xh * xh / k ** 2 + 6 * xh / k ** 3 + 6 / k ** 4)
    out[~lo] = PI4_15 - s
    return out


def vinet_np(v, v0, k0, kp):
    x = np.cbrt(v / v0)
    return 3 * k0 * (1 - x) / x ** 2 * np.exp(1.5 * (kp - 1) * (1 - x))


def au_p_np(v, t=T_AU):
    v0, k0, kp = AU
    x = v / v0
    g = 2.97 * x ** 0.6
    th = 170 * np.exp((2.97 - g) / 0.6)
    e = lambda tt: 9 * R * tt / (th / tt) ** 3 * debye_int_np(th / tt)
    vm = v * 1e-30 * NA / 4
    return vinet_np(v, v0, k0, kp) + g / vm * (e(t) - e(300.0)) * 1e-9


def newton_np(f, p, v0, k0):
    lo = np.full_like(p, 0.3 * v0)
    hi = np.full_like(p, 1.3 * v0)
    p0 = f(np.array([v0]))[0]
    v = v0 * (1 + 4 * (p - p0) / k0) ** -0.25  # Murnaghan start (K' = 4)
    for _ in range(60):
        fv = f(v) - p
        lo = np.where(fv > 0, v, lo)
        hi = np.where(fv <= 0, v, hi)
        h = 1e-5 * v
        d = (f(v + h) - f(v - h)) / (2 * h)
        nv = v - fv / d
        bad = ~((nv >= lo) & (nv <= hi))
        nv = np.where(bad, 0.5 * (lo + hi), nv)
        if np.max(np.abs(nv - v) / v) < 1e-11:
            return nv
        v = nv
    return v


def main():
    method, n = sys.argv[1], int(sys.argv[2])
    p_re = np.linspace(1, 150, n)
    p_au = np.linspace(1, 100, n)
    t0 = time.perf_counter()
    if method == 'brentq':
        v_re = [brentq(lambda v: re_p(v) - p, 0.3 * RE[0], 1.3 * RE[0], xtol=1e-12, rtol=1e-12) for p in p_re]
        t1 = time.perf_counter()
        v_au = [brentq(lambda v: au_p(v) - p, 0.3 * AU[0], 1.3 * AU[0], xtol=1e-12, rtol=1e-12) for p in p_au]
    else:
        v_re = newton_np(lambda v: vinet_np(v, *RE), p_re, RE[0], RE[1])
        t1 = time.perf_counter()
        v_au = newton_np(au_p_np, p_au, AU[0], AU[1])
    t2 = time.perf_counter()
    print(json.dumps({'method': method, 'n': n, 'isothermSeconds': t1 - t0, 'mgdSeconds': t2 - t1,
                      'isothermRate': n / (t1 - t0), 'mgdRate': n / (t2 - t1),
                      'reFirst': float(v_re[0]), 'reLast': float(v_re[-1]), 'auFirst': float(v_au[0]), 'auLast': float(v_au[-1])}))


if __name__ == '__main__':
    main()
