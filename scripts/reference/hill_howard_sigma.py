#!/usr/bin/env python3
"""Reference values for src/core/xrd/rietveld/hill-howard.test.ts: Hill-Howard weight fractions
W_p = S_p Z_p / sum_i S_i Z_i and their standard uncertainties from a FULL scale covariance, computed two
independent ways: the delta method with a finite-difference Jacobian (numpy) and Monte Carlo over correlated
normal scales. Dropping the off-diagonal covariance terms gives visibly different sigmas (printed too).

Usage: python3 scripts/reference/hill_howard_sigma.py
"""
import numpy as np

Z = np.array([1.0, 2.0, 3.0])  # (ZMV)_p
C = np.array([[0.04, -0.03, 0.01], [-0.03, 0.09, -0.02], [0.01, -0.02, 0.0625]])  # scale covariance
assert np.all(np.linalg.eigvalsh(C) > 0)


def fractions(s, z):
    v = s * z
    return v / v.sum()


def delta_sigma(s, z, c, h=1e-6):
    n = len(s)
    jac = np.zeros((n, n))
    for j in range(n):
        d = np.zeros(n)
        d[j] = h
        jac[:, j] = (fractions(s + d, z) - fractions(s - d, z)) / (2 * h)
    return np.sqrt(np.diag(jac @ c @ jac.T))


def monte_carlo_sigma(s, z, c, shrink=1e-2, n=2_000_000, seed=1):
    # small covariance (shrink^2 C) so the linearisation holds, then scaled back
    rng = np.random.default_rng(seed)
    x = rng.multivariate_normal(s, c * shrink**2, size=n)
    return (x * z / (x * z).sum(1)[:, None]).std(0) / shrink


S = np.array([2.0, 1.5, 0.8])
print('correlated: W', fractions(S, Z).tolist())
print('  sigma (delta, full covariance)', delta_sigma(S, Z, C).tolist())
print('  sigma (Monte Carlo)           ', monte_carlo_sigma(S, Z, C).tolist())
print('  sigma (diagonal only, wrong)  ', delta_sigma(S, Z, np.diag(np.diag(C))).tolist())

# phase 1 held at zero: it does not vary, the other two share the weight
keep = [0, 2]
S2 = np.array([2.0, 0.8])
print('held: W', fractions(S2, Z[keep]).tolist(), 'sigma', delta_sigma(S2, Z[keep], C[np.ix_(keep, keep)]).tolist())
