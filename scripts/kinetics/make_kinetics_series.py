#!/usr/bin/env python3
"""
Simulated TGA series with known kinetics, written as vendor-like exports, for the kinetics tests (issue 9 §5).

Independent of the TypeScript code under test: NumPy/SciPy only (scipy.special.expn for the exact temperature
integral, solve_ivp for the consecutive case, brentq for isoconversional temperatures). Seeded: the same files come
out every time. Writes test/fixtures/simulated/kinetics/<case>/ (the exports, blanks where the case has them, and
truth.json) and test/fixtures/reference/kinetics/temperature-integral.json.

    python3 scripts/kinetics/make_kinetics_series.py            # all cases
    python3 scripts/kinetics/make_kinetics_series.py --bench OUT_DIR [ROWS]   # 4 big runs for `npm run bench kinetics`

Model: dα/dt = A exp(−E/RT) f(α) for single steps, so g(α) = (A/β)[I(E,T) − I(E,T₀)] on a linear ramp with
I(E,T) = (E/R) E₂(x)/x, x = E/RT (exact), and g(α) = k t isothermally. Two parallel independent first-order steps
(α = ½α₁ + ½α₂, after the ICTAC 2000 kinetics project's simulated process) and two consecutive first-order steps
A → B → C (mass-loss weights 1/9 and 8/9, like Fe2O3 → Fe3O4 → Fe) are integrated numerically.

Noise, where a case has it: microbalance σ = 1 µg on the mass, σ = 0.03 K on the sample temperature. Buoyancy:
+0.05 mg apparent step when H2 replaces Ar, +3·10⁻⁴ mg/K apparent drift; the blanks (one per programme) carry the
same apparent terms and their own noise.
"""
import json
import math
import os
import sys

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, minimize_scalar
from scipy.special import expn

R = 8.314462618
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'simulated', 'kinetics')
REF = os.path.join(ROOT, 'test', 'fixtures', 'reference', 'kinetics')
GRID = [round(0.05 * k, 2) for k in range(1, 20)]  # 0.05 … 0.95
SEED = 20260611
FE2O3_LOSS = 3 * 15.999 / (2 * 55.845 + 3 * 15.999)  # removable O of Fe2O3 (IUPAC standard atomic weights)
MASS_NOISE_MG = 0.001
T_NOISE_K = 0.03
BUOYANCY_STEP_MG = 0.05
BUOYANCY_DRIFT_MG_PER_K = 3e-4


# ───────────────────────────── kinetics ─────────────────────────────

def ln_i(E, T):
    """ln I(E, T) = ln ∫₀ᵀ exp(−E/RT′)dT′ (exact)."""
    x = E / (R * T)
    return math.log(E / R) + math.log(expn(2, x)) - math.log(x)


def _inv(g, y):
    """α with g(α) = y for a g rising from 0 on [0, 1) (brentq)."""
    if y <= 0:
        return 0.0
    top = 1 - 1e-15
    if y >= g(top):
        return 1.0
    return brentq(lambda a: g(a) - y, 0.0, top, xtol=1e-15, rtol=1e-15)


MODELS = {
    'F1': (lambda a: 1 - a, lambda a: -math.log1p(-a), lambda y: -math.expm1(-y)),
    'A2': (lambda a: 2 * (1 - a) * math.sqrt(-math.log1p(-a)), lambda a: math.sqrt(-math.log1p(-a)), lambda y: -math.expm1(-y * y)),
    'R3': (lambda a: 3 * (1 - a) ** (2 / 3), lambda a: 1 - (1 - a) ** (1 / 3), lambda y: 1.0 if y >= 1 else 1 - (1 - y) ** 3),
    # ICTAC 2011 table [Vyazovkin et al., Thermochim. Acta 520 (2011) 1, Table 1]; g⁻¹ in closed form, or by brentq
    'A3': (lambda a: 3 * (1 - a) * (-math.log1p(-a)) ** (2 / 3), lambda a: (-math.log1p(-a)) ** (1 / 3), lambda y: -math.expm1(-y ** 3)),
    'A4': (lambda a: 4 * (1 - a) * (-math.log1p(-a)) ** (3 / 4), lambda a: (-math.log1p(-a)) ** (1 / 4), lambda y: -math.expm1(-y ** 4)),
    'P2': (lambda a: 2 * a ** 0.5, lambda a: a ** 0.5, lambda y: min(1.0, y * y)),
    'P3': (lambda a: 3 * a ** (2 / 3), lambda a: a ** (1 / 3), lambda y: min(1.0, y ** 3)),
    'R2': (lambda a: 2 * (1 - a) ** 0.5, lambda a: 1 - (1 - a) ** 0.5, lambda y: 1.0 if y >= 1 else 1 - (1 - y) ** 2),
    'D1': (lambda a: 1 / (2 * a), lambda a: a * a, lambda y: min(1.0, math.sqrt(max(y, 0.0)))),
    'D2': (lambda a: -1 / math.log1p(-a), lambda a: (1 - a) * math.log1p(-a) + a, lambda y: _inv(MODELS['D2'][1], y)),
    'D3': (lambda a: 1.5 * (1 - a) ** (2 / 3) / (1 - (1 - a) ** (1 / 3)), lambda a: (1 - (1 - a) ** (1 / 3)) ** 2,
           lambda y: 1.0 if y >= 1 else 1 - (1 - math.sqrt(max(y, 0.0))) ** 3),
    'D4': (lambda a: 1.5 / ((1 - a) ** (-1 / 3) - 1), lambda a: 1 - 2 * a / 3 - (1 - a) ** (2 / 3), lambda y: _inv(MODELS['D4'][1], y)),
}


def theta_ramp(E, A, beta, T0, T):
    """Generalized time (A/β)[I(E,T) − I(E,T₀)] on a linear ramp (β in K/s)."""
    return (A / beta) * (math.exp(ln_i(E, T)) - math.exp(ln_i(E, T0)))


def single_step_ramp(model, E, A, beta, T0, T):
    f, g, ginv = MODELS[model]
    th = np.array([theta_ramp(E, A, beta, T0, t) for t in T])
    a = np.array([ginv(y) for y in th])
    rate = np.array([A * math.exp(-E / (R * t)) * f(min(ai, 1 - 1e-16)) if ai < 1 else 0.0 for t, ai in zip(T, a)])
    return a, rate


# ───────────────────────────── writers ─────────────────────────────

def write_text(path, text, encoding='utf-8', newline='\n'):
    data = text.replace('\n', newline).encode(encoding)
    if encoding == 'utf-16-le':
        data = b'\xff\xfe' + data
    with open(path, 'wb') as fh:
        fh.write(data)


def write_generic_csv(path, t, Tc, m, gas, sample_mass=None, name=None):
    lines = []
    if name:
        lines.append(f'Sample: {name}')
    if sample_mass is not None:
        lines.append(f'Sample mass: {sample_mass:.3f} mg')
    if lines:
        lines.append('')
    if gas is None:  # no gas channel on record
        lines.append('time_s,temperature_C,mass_mg')
        lines += [f'{t[i]:.2f},{Tc[i]:.4f},{m[i]:.6f}' for i in range(len(t))]
    else:
        lines.append('time_s,temperature_C,mass_mg,gas')
        for i in range(len(t)):
            lines.append(f'{t[i]:.2f},{Tc[i]:.4f},{m[i]:.6f},{gas[i]}')
    write_text(path, '\n'.join(lines) + '\n')


def write_netzsch(path, t, Tc, m, sample_mass, ident, seg):
    head = [
        '#EXPORTTYPE:DATA ALL', f'#FILE:{ident}.ngb-ds3', '#FORMAT:NETZSCH5', '#FTYPE:ANSI', f'#IDENTITY:{ident}',
        '#DECIMAL:POINT', '#SEPARATOR:SEMICOLON', '#MTYPE:TG', '#INSTRUMENT:NETZSCH TG 209F1 Libra (SIMULATED)',
        '#DATE/TIME:11.06.2026 09:00', '#CORR. FILE:', f'#SAMPLE:{ident}', f'#SAMPLE MASS /mg:{sample_mass:.3f}',
        '#TYPE OF CRUCIBLE:Al2O3 85 µl, open', f'#RANGE:{seg}', '#SEGMENT:S1/1', f'#SEG. 1:{seg}', '',
        '##Temp./°C;Time/min;Mass/%',
    ]
    rows = [f'{Tc[i]:11.5f};{t[i] / 60:11.6f};{100 * m[i] / sample_mass:10.6f}' for i in range(len(t))]
    write_text(path, '\n'.join(head + rows) + '\n', 'latin-1', '\r\n')


def write_ta_universal(path, t, Tc, m, sample_mass, sample, method_steps):
    head = [
        'CLOSED', 'Version\t2.0', 'Language\tEnglish', 'Mode\tTGA 1000 °C', 'Instrument\tTGA Q500 V20.13 Build 39 (SIMULATED)',
        'Module\tTGA', f'Sample\t{sample}', f'Size\t{sample_mass:.4f}\tmg', 'Xcomment\tPan: Platinum',
        'Xcomment\tGas1: Hydrogen 5% in Argon', 'Controls\tGas 1  Event Off  Sampling 1.0', 'Nsig\t3', 'Sig1\tTime (min)',
        'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)', 'Date\t2026-06-11', 'Time\t09:00:00',
    ]
    head += [f'OrgMethod\t{k + 1}: {s}' for k, s in enumerate(method_steps)]
    head += [f'OrgFile\tC:\\TA\\Data\\TGA\\{sample}.001', 'StartOfData', '-3.000000\t1.000000\t0.0000000']
    rows = [f'{t[i] / 60:.8f}\t{Tc[i]:.6f}\t{m[i]:.7f}' for i in range(len(t))]
    rows.append(f'-1.000000\t{Tc[-1]:.5f}\t0.0000000')
    write_text(path, '\n'.join(head + rows) + '\n', 'utf-16-le', '\r\n')


def write_mettler(path, t, Tc, Tr, m, sample_mass, sample):
    head = [
        'Title                                                           11.06.2026 09:00',
        '_' * 80, '', 'Title', '', '', 'FileName:', f'  {sample}, 11.06.2026 09:00:00', '  Sample Weight', 'SampleID:',
        f'  {sample}, {sample_mass:.4f} mg', 'Texts:', '', 'Remarks:', '  SIMULATED data', 'Evaluation:', f'  {sample}',
        'Method:', '  kinetics ramp', 'Order Nr:', '  ', 'Customer:', '  ', 'User:', '  sim', 'Results:', 'Curve:',
        '          Index              t             Ts             Tr          Value',
        '                           [s]           [°C]           [°C]           [mg]',
    ]
    rows = [f'{i:15d}{t[i]:15.3f}{Tc[i]:15.5f}{Tr[i]:15.5f}{m[i]:15.7f}' for i in range(len(t))]
    tail = ['', '', 'LastKeyWD:', '  Alumina 70ul', '  Weight  : 179.215 mg', '  Material: Ceramic', '', '', '_' * 80,
            '                                                                  STARe SW 17.00']
    write_text(path, '\n'.join(head + rows + tail), 'latin-1', '\r\n')


def write_pyris(path, t, Tc, Tp, m, sample_mass, sample, step_text):
    head = [
        f'Filename:\tC:\\PerkinElmer\\TGA Data\\{sample}.tg8d ', 'Operator ID:\t ', f'Sample ID:\t{sample} ', 'Comment: \tSIMULATED ',
        'Serial Number:\t000000000000 ', 'Data Collected:\t11-6-2026 09:00:00 ', f'Sample Weight:\t{sample_mass:.3f} mg ',
        f'Display Weight:\t{sample_mass:.3f} ', 'Validation ', 'Validated:\tNo ', 'Initial Conditions ',
        f'Temperature:\t {Tc[0]:.2f}°C ', 'Baseline Filename:\t ', 'End Condition:\tGo To Load ',
        f'Total Points in Run:\t{len(t)} ', 'Method Steps: ', 'Pre-Run Actions ', 'Start the Run ', '\tAction occurs Immediately ',
        f'1)\t{step_text} ', ' ', '1) TGA Temperature Scan ',
        '\tTime     \tUnsubtracted\tBaseline     \tProgram     \tSample     \tSample     \tBalance      ',
        '\t          \tWeight     \tWeight     \tTemperature\tTemperature\tPurge Flow\tPurge Flow ',
    ]
    rows = [f'\t{t[i] / 60:.6f}\t{m[i]:.7f}\t0.000000\t{Tp[i]:.6f}\t{Tc[i]:.6f}\t20.000000\t40.000000 ' for i in range(len(t))]
    write_text(path, '\n'.join(head + rows + [' ', ' ']) + '\n', 'latin-1', '\r\n')


def write_trios(path, steps, sample):
    """steps: list of (name, t, Tc, m, sample_mass); one [step] block each."""
    head = ['Filename\t' + sample, 'Instrument name\t5500-0000 (SIMULATED)', 'Operator\tsim', 'rundate\t6/11/2026', 'Sample name\t' + sample,
            'proceduresegments\t' + '; '.join(s[0] for s in steps)]
    out = head[:]
    for name, t, Tc, m, m0 in steps:
        out += ['[step]', name, 'Time\tTemperature\tWeight\tWeight', 'min\t°C\t%\tmg']
        out += [f'{t[i] / 60:.5f}\t{Tc[i]:.4f}\t{100 * m[i] / m0:.5f}\t{m[i]:.6f}' for i in range(len(t))]
        out.append('')
    write_text(path, '\n'.join(out) + '\n')


# ───────────────────────────── programmes ─────────────────────────────

def ramp_programme(beta_kpm, T0, T1, dt):
    beta = beta_kpm / 60
    t = np.arange(0, (T1 - T0) / beta + dt / 2, dt)
    return t, T0 + beta * t


def end_temperature(model, E, A, beta, T0):
    """Temperature where α = 0.99999 (then 15 K more are recorded)."""
    _, g, _ = MODELS[model]
    target = g(0.99999)
    return brentq(lambda T: theta_ramp(E, A, beta, T0, T) - target, T0 + 1, 3000) + 15


def iso_temperature_alpha(model, E, A, beta, T0, alpha):
    _, g, _ = MODELS[model]
    return brentq(lambda T: theta_ramp(E, A, beta, T0, T) - g(alpha), T0 + 1e-6, 3000)


def linear_regression(x, y):
    x = np.asarray(x)
    y = np.asarray(y)
    xm, ym = x.mean(), y.mean()
    s = ((x - xm) * (y - ym)).sum() / ((x - xm) ** 2).sum()
    return s, ym - s * xm


def expected_linear(betas_kps, T_alpha):
    """Expected KAS, OFW and Starink E (kJ/mol) from exact isoconversional temperatures."""
    inv = [1 / T for T in T_alpha]
    kas = -linear_regression(inv, [math.log(b / T ** 2) for b, T in zip(betas_kps, T_alpha)])[0] * R / 1000
    ofw = -linear_regression(inv, [math.log(b) for b in betas_kps])[0] * R / 1000 / 1.052
    sta = -linear_regression(inv, [math.log(b / T ** 1.92) for b, T in zip(betas_kps, T_alpha)])[0] * R / 1000 / 1.0008
    return kas, ofw, sta


def peak_temperature(rate_of_T, lo, hi):
    res = minimize_scalar(lambda T: -rate_of_T(T), bounds=(lo, hi), method='bounded', options={'xatol': 1e-9})
    return res.x


# ───────────────────────────── cases ─────────────────────────────

def single_step_ramp_case(name, model, E, lnA, rates, fmt, noise, rng, T0=400.0, nominal=None, recipe=False, notes=''):
    A = math.exp(lnA)
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    runs = []
    f, g, ginv = MODELS[model]
    for k, beta_kpm in enumerate(rates):
        beta = beta_kpm / 60
        T1 = end_temperature(model, E, A, beta, T0)
        dt = max(1.0, round((T1 - T0) / beta / 4000))
        t, T = ramp_programme(beta_kpm, T0, T1, dt)
        alpha, _ = single_step_ramp(model, E, A, beta, T0, T)
        m0 = [20.0, 20.3, 19.8, 20.1][k % 4] if noise else 20.0
        loss = FE2O3_LOSS * m0
        mass = m0 - loss * alpha
        nom = nominal[k] if nominal else beta_kpm
        label = f'{model}_{nom:g}Kmin'
        if not noise:
            Tc = T - 273.15
            if fmt == 'netzsch':
                fname = f'{label}.txt'
                write_netzsch(os.path.join(d, fname), t, Tc, mass, m0, label, f'{Tc[0]:.0f}°C/{nom:.1f}(K/min)/{Tc[-1]:.0f}°C')
            elif fmt == 'ta-universal':
                fname = f'{label}.txt'
                write_ta_universal(os.path.join(d, fname), t, Tc, mass, m0, label, [f'Ramp {nom:.2f} °C/min to {Tc[-1]:.2f} °C'])
            else:
                raise ValueError(fmt)
            runs.append({'file': fname, 'heating_rate_K_per_min': beta_kpm, 'nominal_K_per_min': nom, 'sample_mass_mg': m0, 'start_s': 0.0})
        else:
            # 10 min in Ar at T0, then H2 and the ramp; the blank has the same programme and gas
            hold = np.arange(0, 600, dt)
            tt = np.concatenate([hold, 600 + t])
            TT = np.concatenate([np.full(hold.size, T0), T])
            aa = np.concatenate([np.zeros(hold.size), alpha])
            gas = ['Ar'] * hold.size + ['H2'] * t.size
            h2 = np.array([1.0 if gg == 'H2' else 0.0 for gg in gas])
            apparent = BUOYANCY_STEP_MG * h2 + BUOYANCY_DRIFT_MG_PER_K * (TT - T0)
            mm = m0 - loss * aa + apparent + rng.normal(0, MASS_NOISE_MG, tt.size)
            Tn = TT + rng.normal(0, T_NOISE_K, tt.size)
            fname = f'{label}.csv'
            write_generic_csv(os.path.join(d, fname), tt, Tn - 273.15, mm, gas, sample_mass=m0, name=f'Fe2O3 (SIMULATED) {nom:g} K/min')
            blank = np.zeros(tt.size) + apparent + rng.normal(0, MASS_NOISE_MG, tt.size)
            bname = f'blank_{nom:g}Kmin.csv'
            write_generic_csv(os.path.join(d, bname), tt, TT + rng.normal(0, T_NOISE_K, tt.size) - 273.15, blank, gas, name='empty crucible (SIMULATED)')
            runs.append({'file': fname, 'blank': bname, 'heating_rate_K_per_min': beta_kpm, 'nominal_K_per_min': nom, 'sample_mass_mg': m0, 'h2_switch_s': 600.0})
    # truth
    betas = [b / 60 for b in rates]
    expected = []
    for a in GRID:
        Ts = [iso_temperature_alpha(model, E, A, b, T0, a) for b in betas]
        kas, ofw, sta = expected_linear(betas, Ts)
        expected.append({'alpha': a, 'T_alpha_K': Ts, 'x_mean': float(np.mean([E / (R * T) for T in Ts])), 'kas_kJ_per_mol': kas, 'ofw_kJ_per_mol': ofw, 'starink_kJ_per_mol': sta})
    peaks = []
    for b in betas:
        def rate_T(T, b=b):
            a = ginv(theta_ramp(E, A, b, T0, T))
            return A * math.exp(-E / (R * T)) * f(min(a, 1 - 1e-15))
        Tl = iso_temperature_alpha(model, E, A, b, T0, 0.2)
        Th = iso_temperature_alpha(model, E, A, b, T0, 0.9)
        peaks.append(peak_temperature(rate_T, Tl, Th))
    s, c = linear_regression([1 / T for T in peaks], [math.log(b / T ** 2) for b, T in zip(betas, peaks)])
    truth = {
        'case': name, 'simulated': True, 'model': model, 'E_kJ_per_mol': E / 1000, 'lnA_per_s': lnA, 'T0_K': T0,
        'noise': {'mass_mg_sd': MASS_NOISE_MG, 'temperature_K_sd': T_NOISE_K} if noise else None,
        'alpha_basis_recipe': 'Fe2O3' if recipe else None,
        'runs': runs, 'expected': expected,
        'kissinger': {'peak_T_K': peaks, 'E_kJ_per_mol': -s * R / 1000, 'lnA_per_s_F1': c + math.log(-s)},
        'notes': notes,
    }
    with open(os.path.join(d, 'truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)


def parallel_case(rng):
    """Two parallel independent first-order steps, ½ each: E1 = 80, E2 = 120 kJ/mol (after the ICTAC 2000 project)."""
    name = 'nonisothermal-parallel'
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    E1, E2 = 80e3, 120e3
    lnA1, lnA2 = math.log(1e10 / 60), math.log(1e15 / 60)
    A1, A2 = math.exp(lnA1), math.exp(lnA2)
    rates = [2, 5, 10, 20]
    T0 = 300.0
    runs = []
    for k, beta_kpm in enumerate(rates):
        beta = beta_kpm / 60
        T1 = max(end_temperature('F1', E1, A1, beta, T0), end_temperature('F1', E2, A2, beta, T0))
        dt = max(1.0, round((T1 - T0) / beta / 4000))
        t, T = ramp_programme(beta_kpm, T0, T1, dt)
        a1, _ = single_step_ramp('F1', E1, A1, beta, T0, T)
        a2, _ = single_step_ramp('F1', E2, A2, beta, T0, T)
        alpha = 0.5 * a1 + 0.5 * a2
        m0 = 15.0
        mass = m0 - 0.25 * m0 * alpha
        Tc = T - 273.15
        fname = f'parallel_{beta_kpm:g}Kmin.txt'
        write_mettler(os.path.join(d, fname), t, Tc, Tc, mass, m0, f'parallel {beta_kpm:g} K/min (SIMULATED)')
        runs.append({'file': fname, 'heating_rate_K_per_min': beta_kpm, 'start_s': 0.0})
    betas = [b / 60 for b in rates]

    def alpha_T(T, b):
        return 0.5 * (-math.expm1(-theta_ramp(E1, A1, b, T0, T))) + 0.5 * (-math.expm1(-theta_ramp(E2, A2, b, T0, T)))

    def rate_T(T, b):
        r1 = A1 * math.exp(-E1 / (R * T)) * math.exp(-theta_ramp(E1, A1, b, T0, T))
        r2 = A2 * math.exp(-E2 / (R * T)) * math.exp(-theta_ramp(E2, A2, b, T0, T))
        return 0.5 * r1 + 0.5 * r2
    expected = []
    for a in GRID:
        Ts = [brentq(lambda T: alpha_T(T, b) - a, T0 + 1, 2000) for b in betas]
        fr = -linear_regression([1 / T for T in Ts], [math.log(rate_T(T, b)) for T, b in zip(Ts, betas)])[0] * R / 1000
        kas, ofw, sta = expected_linear(betas, Ts)
        expected.append({'alpha': a, 'T_alpha_K': Ts, 'friedman_kJ_per_mol': fr, 'kas_kJ_per_mol': kas, 'ofw_kJ_per_mol': ofw, 'starink_kJ_per_mol': sta})
    truth = {'case': name, 'simulated': True, 'steps': [{'model': 'F1', 'E_kJ_per_mol': 80, 'lnA_per_s': lnA1, 'weight': 0.5}, {'model': 'F1', 'E_kJ_per_mol': 120, 'lnA_per_s': lnA2, 'weight': 0.5}],
             'T0_K': T0, 'noise': None, 'runs': runs, 'expected': expected,
             'notes': 'Two parallel independent first-order reactions (A1 = 1e10 min⁻¹, A2 = 1e15 min⁻¹), as in the ICTAC 2000 kinetics project\'s simulated data: E(α) rises from ~80 to ~120 kJ/mol.'}
    with open(os.path.join(d, 'truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)


def consecutive_case(rng):
    """A → B → C, first order each, mass-loss weights 1/9 and 8/9 (like Fe2O3 → Fe3O4 → Fe)."""
    name = 'nonisothermal-consecutive'
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    E1, E2 = 90e3, 130e3
    lnA1, lnA2 = math.log(5e5), math.log(2e7)
    A1, A2 = math.exp(lnA1), math.exp(lnA2)
    w1, w2 = 1 / 9, 8 / 9
    rates = [2, 5, 10, 20]
    T0 = 400.0
    runs = []
    solutions = []
    for beta_kpm in rates:
        beta = beta_kpm / 60

        def rhs(T, y):
            a, b = y
            k1 = A1 * math.exp(-E1 / (R * T)) / beta
            k2 = A2 * math.exp(-E2 / (R * T)) / beta
            return [-k1 * a, k1 * a - k2 * b]
        sol = solve_ivp(rhs, (T0, 1400), [1.0, 0.0], method='Radau', rtol=1e-11, atol=1e-14, dense_output=True)
        solutions.append(sol)
        # end where α > 0.99999
        Ts = np.linspace(T0, 1400, 20001)
        ab = sol.sol(Ts)
        al = w1 * (1 - ab[0]) + w2 * (1 - ab[0] - ab[1])
        T1 = Ts[np.argmax(al > 0.99999)] + 15
        dt = max(1.0, round((T1 - T0) / beta / 4000))
        t, T = ramp_programme(beta_kpm, T0, T1, dt)
        ab = sol.sol(T)
        alpha = np.clip(w1 * (1 - ab[0]) + w2 * (1 - ab[0] - ab[1]), 0, 1)
        m0 = 12.0
        mass = m0 - FE2O3_LOSS * m0 * alpha
        Tc = T - 273.15
        fname = f'consecutive_{beta_kpm:g}Kmin.txt'
        write_pyris(os.path.join(d, fname), t, Tc, Tc, mass, m0, f'consecutive_{beta_kpm:g}Kmin', f'Heat from {Tc[0]:.2f}°C to {Tc[-1]:.2f}°C at {beta_kpm:.2f}°C/min')
        runs.append({'file': fname, 'heating_rate_K_per_min': beta_kpm, 'start_s': 0.0})
    betas = [b / 60 for b in rates]
    expected = []
    for a in GRID:
        Ts = []
        rates_at = []
        for sol, b in zip(solutions, betas):
            def al(T, sol=sol):
                y = sol.sol(T)
                return w1 * (1 - y[0]) + w2 * (1 - y[0] - y[1])
            Ta = brentq(lambda T: al(T) - a, T0 + 1e-3, 1399)
            y = sol.sol(Ta)
            Ts.append(Ta)
            rates_at.append(w1 * A1 * math.exp(-E1 / (R * Ta)) * y[0] + w2 * A2 * math.exp(-E2 / (R * Ta)) * y[1])
        fr = -linear_regression([1 / T for T in Ts], [math.log(r) for r in rates_at])[0] * R / 1000
        kas, ofw, sta = expected_linear(betas, Ts)
        expected.append({'alpha': a, 'T_alpha_K': Ts, 'friedman_kJ_per_mol': fr, 'kas_kJ_per_mol': kas, 'ofw_kJ_per_mol': ofw, 'starink_kJ_per_mol': sta})
    truth = {'case': name, 'simulated': True, 'steps': [{'model': 'F1', 'E_kJ_per_mol': 90, 'lnA_per_s': lnA1, 'weight': w1}, {'model': 'F1', 'E_kJ_per_mol': 130, 'lnA_per_s': lnA2, 'weight': w2}],
             'T0_K': T0, 'noise': None, 'runs': runs, 'expected': expected,
             'notes': 'Consecutive first-order steps A → B → C integrated with Radau (rtol 1e-11).'}
    with open(os.path.join(d, 'truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)


def isothermal_case(name, model, E, k_ref, temps, fmt, noise, rng, label_prefix, notes=''):
    """Heat in Ar at 20 K/min to T_iso, hold 10 min, switch to H2 (t = 0 of the kinetics), hold, cool in Ar."""
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    T_ref = 973.15
    A = k_ref * math.exp(E / (R * T_ref))
    f, g, ginv = MODELS[model]
    runs = []
    for j, Tiso in enumerate(temps):
        k = A * math.exp(-E / (R * Tiso))
        hold_h2 = math.ceil((g(0.99999) / k) * 1.3 / 60) * 60
        dt = 1.0 if hold_h2 < 5000 else 2.0
        T_start = 300.0
        t_heat = np.arange(0, (Tiso - T_start) / (20 / 60), dt)
        T_heat = T_start + (20 / 60) * t_heat
        t_ar = t_heat[-1] + dt + np.arange(0, 600, dt)
        t_switch = t_ar[-1] + dt
        t_h2 = t_switch + np.arange(0, hold_h2, dt)
        t_cool = t_h2[-1] + dt + np.arange(0, 300, dt)
        T_cool = Tiso - (20 / 60) * (t_cool - t_cool[0])
        tt = np.concatenate([t_heat, t_ar, t_h2, t_cool])
        TT = np.concatenate([T_heat, np.full(t_ar.size, Tiso), np.full(t_h2.size, Tiso), T_cool])
        aa = np.concatenate([np.zeros(t_heat.size + t_ar.size), [ginv(k * (x - t_switch)) for x in t_h2], np.ones(t_cool.size)])
        gas = ['Ar'] * (t_heat.size + t_ar.size) + ['H2'] * t_h2.size + ['Ar'] * t_cool.size
        m0 = [50.0, 49.6, 50.4, 50.1][j % 4] if noise else 50.0
        loss = FE2O3_LOSS * m0
        h2 = np.array([1.0 if x == 'H2' else 0.0 for x in gas])
        apparent = (BUOYANCY_STEP_MG * h2 + BUOYANCY_DRIFT_MG_PER_K * (TT - T_start)) if noise else np.zeros(tt.size)
        mm = m0 - loss * aa + apparent + (rng.normal(0, MASS_NOISE_MG, tt.size) if noise else 0)
        Tn = TT + (rng.normal(0, T_NOISE_K, tt.size) if noise else 0)
        Tc = Tn - 273.15
        label = f'{label_prefix}_{Tiso - 273.15:.0f}C'
        run = {'T_K': Tiso, 'k_per_s': k, 'h2_switch_s': float(t_switch), 'h2_end_s': float(t_cool[0]), 'sample_mass_mg': m0,
               't_alpha_s': {str(a): (g(a) / k) for a in GRID}}
        if fmt == 'generic':
            fname = f'{label}.csv'
            write_generic_csv(os.path.join(d, fname), tt, Tc, mm, gas, sample_mass=m0, name=f'{label} (SIMULATED)')
            if noise:
                bname = f'blank_{Tiso - 273.15:.0f}C.csv'
                blank = apparent + rng.normal(0, MASS_NOISE_MG, tt.size)
                write_generic_csv(os.path.join(d, bname), tt, TT + rng.normal(0, T_NOISE_K, tt.size) - 273.15, blank, gas, name='empty crucible (SIMULATED)')
                run['blank'] = bname
        elif fmt == 'trios':
            fname = f'{label}.txt'
            i1 = t_heat.size
            i2 = i1 + t_ar.size
            i3 = i2 + t_h2.size
            steps = [
                (f'Ramp 20.00 °C/min to {Tiso - 273.15:.2f} °C', tt[:i1], Tc[:i1], mm[:i1], m0),
                ('Isothermal 10.0 min', tt[i1:i2], Tc[i1:i2], mm[i1:i2], m0),
                (f'Isothermal {hold_h2 / 60:.1f} min', tt[i2:i3], Tc[i2:i3], mm[i2:i3], m0),
                (f'Ramp 20.00 °C/min to {T_cool[-1] - 273.15:.2f} °C', tt[i3:], Tc[i3:], mm[i3:], m0),
            ]
            write_trios(os.path.join(d, fname), steps, label)
        else:
            raise ValueError(fmt)
        run['file'] = fname
        runs.append(run)
    x = [1 / r['T_K'] for r in runs]
    s, c = linear_regression(x, [math.log(r['k_per_s']) for r in runs])
    truth = {'case': name, 'simulated': True, 'model': model, 'E_kJ_per_mol': E / 1000, 'lnA_per_s': math.log(A), 'avrami_n': 2 if model == 'A2' else None,
             'noise': {'mass_mg_sd': MASS_NOISE_MG, 'temperature_K_sd': T_NOISE_K} if noise else None, 'runs': runs,
             'arrhenius_check': {'E_kJ_per_mol': -s * R / 1000, 'lnA_per_s': c}, 'notes': notes}
    with open(os.path.join(d, 'truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)


def isothermal_starts_case(rng):
    """One isothermal run per reaction model, no gas column (generic CSV): 300 s in Ar at the hold temperature, the
    switch to H2 (t₀ of the truth), the hold until α ≈ 0.99, 120 s of cooling in Ar. Two variants per model:
    'step' — noise, buoyancy step +0.05 mg at t₀ (a sample); 'clean' — noise-free, no step, t₀ 0.4 s after a sample
    (between samples). For the start detection of kinetics (src/core/kinetics/start.test.ts)."""
    name = 'isothermal-starts'
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    runs = []
    for model in ['F1', 'R2', 'R3', 'D1', 'D2', 'D3', 'D4', 'A2', 'A3', 'A4', 'P2', 'P3']:
        f, g, ginv = MODELS[model]
        for variant in ['step', 'clean']:
            Tiso = 973.15 if variant == 'step' else 948.15
            k = g(0.99) / (900.0 if variant == 'step' else 1300.0)  # α = 0.99 after 900 / 1300 s
            dt = 1.0
            t_ar = np.arange(0, 300, dt)
            t_switch = 300.0 if variant == 'step' else 299.4
            t_h2 = np.arange(300, 300 + math.ceil(1.15 * g(0.99) / k), dt)
            t_cool = t_h2[-1] + dt + np.arange(0, 120, dt)
            tt = np.concatenate([t_ar, t_h2, t_cool])
            TT = np.concatenate([np.full(t_ar.size + t_h2.size, Tiso), Tiso - (20 / 60) * (t_cool - t_cool[0])])
            aa = np.array([0.0 if x < t_switch else ginv(k * (x - t_switch)) for x in tt])
            aa[t_ar.size + t_h2.size:] = aa[t_ar.size + t_h2.size - 1]
            m0 = 50.0
            loss = FE2O3_LOSS * m0
            noisy = variant == 'step'
            apparent = BUOYANCY_STEP_MG * (tt >= t_switch) * (tt < t_cool[0]) if noisy else np.zeros(tt.size)
            mm = m0 - loss * aa + apparent + (rng.normal(0, MASS_NOISE_MG, tt.size) if noisy else 0)
            Tc = TT + (rng.normal(0, T_NOISE_K, tt.size) if noisy else 0) - 273.15
            fname = f'{model}_{variant}.csv'
            write_generic_csv(os.path.join(d, fname), tt, Tc, mm, None, sample_mass=m0, name=f'{model} {variant} (SIMULATED)')
            runs.append({'file': fname, 'model': model, 'variant': variant, 'T_K': Tiso, 'k_per_s': k, 'h2_switch_s': t_switch,
                         'h2_end_s': float(t_cool[0]), 'sample_mass_mg': m0})
    truth = {'case': name, 'simulated': True, 'runs': runs, 'noise': {'mass_mg_sd': MASS_NOISE_MG, 'temperature_K_sd': T_NOISE_K},
             'notes': 'Start detection: one isothermal run per model, no gas column; step = noise and a +0.05 mg buoyancy step at t0 (on a sample), '
                      'clean = noise-free, no step, t0 between samples (h2_switch_s).'}
    with open(os.path.join(d, 'truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)


def temperature_integral_reference():
    os.makedirs(REF, exist_ok=True)
    xs = [0.2, 0.5, 1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300, 500]
    rows = [{'x': x, 'ln_p': math.log(expn(2, x) / x), 'E1': float(expn(1, x)), 'E2': float(expn(2, x))} for x in xs]
    with open(os.path.join(REF, 'temperature-integral.json'), 'w') as fh:
        json.dump({'made_by': 'scipy.special.expn (SciPy ' + __import__('scipy').__version__ + '), p(x) = E2(x)/x', 'rows': rows}, fh, indent=1)


def bench(out_dir, rows):
    """Four F1 runs at 2, 5, 10, 20 K/min with `rows` rows each (generic CSV with noise), for `npm run bench kinetics`."""
    rng = np.random.default_rng(SEED + 1)
    os.makedirs(out_dir, exist_ok=True)
    E, A, T0 = 120e3, math.exp(15.3), 400.0
    for beta_kpm in [2, 5, 10, 20]:
        beta = beta_kpm / 60
        T1 = end_temperature('F1', E, A, beta, T0)
        t = np.linspace(0, (T1 - T0) / beta, rows)
        T = T0 + beta * t
        x = E / (R * T)
        lnI = np.log(E / R) + np.log(expn(2, x)) - np.log(x)
        th = (A / beta) * (np.exp(lnI) - math.exp(ln_i(E, T0)))
        alpha = -np.expm1(-th)
        m = 20 - FE2O3_LOSS * 20 * alpha + rng.normal(0, MASS_NOISE_MG, rows)
        Tn = T + rng.normal(0, T_NOISE_K, rows) - 273.15
        with open(os.path.join(out_dir, f'F1_{beta_kpm}Kmin.csv'), 'w') as fh:
            fh.write('time_s,temperature_C,mass_mg\n')
            fh.write('\n'.join(f'{t[i]:.4f},{Tn[i]:.4f},{m[i]:.6f}' for i in range(rows)))
            fh.write('\n')


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == '--bench':
        bench(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 250_000)
        return
    rng = np.random.default_rng(SEED)
    single_step_ramp_case('nonisothermal-f1', 'F1', 120e3, 15.3, [2, 5, 10, 20], 'netzsch', False, rng,
                          notes='F1, noise-free, NETZSCH Proteus ASCII (mass in %); the window starts at the first point (start_s).')
    single_step_ramp_case('nonisothermal-f1-noisy', 'F1', 120e3, 15.3, [2, 5, 10, 20], 'generic', True, rng, recipe=True,
                          notes='F1 with microbalance noise, buoyancy and one blank per heating rate; Ar → H2 at 600 s starts the ramp; Fe2O3 recipe (complete reduction).')
    single_step_ramp_case('nonisothermal-a2', 'A2', 150e3, 18.0, [1.98, 4.93, 9.91, 19.7], 'ta-universal', False, rng, nominal=[2, 5, 10, 20],
                          notes='JMAK n = 2 (A2) noise-free, TA Universal Analysis (UTF-16); the actual heating rates differ from the method\'s nominal 2/5/10/20 K/min (thermocouple calibration): β must come from T(t).')
    parallel_case(rng)
    consecutive_case(rng)
    isothermal_case('isothermal-a2', 'A2', 100e3, 1 / 300, [923.15, 948.15, 973.15, 998.15], 'generic', False, rng, 'Fe2O3',
                    notes='JMAK n = 2, noise-free, generic CSV with a gas column (Ar → H2 starts the kinetics, H2 → Ar ends them).')
    isothermal_case('isothermal-a2-noisy', 'A2', 100e3, 1 / 300, [923.15, 948.15, 973.15, 998.15], 'generic', True, rng, 'Fe2O3',
                    notes='As isothermal-a2, with noise, buoyancy and one blank per temperature.')
    isothermal_case('isothermal-a2-catalysed', 'A2', 70e3, 2 / 300, [923.15, 948.15, 973.15, 998.15], 'generic', True, rng, 'Fe2O3_NiO',
                    notes='A catalysed series: A2 with E = 70 kJ/mol and k(700 °C) twice the reference\'s: the speed-up at 973.15 K is exactly 2.')
    isothermal_case('isothermal-r3', 'R3', 80e3, 1 / 1200, [923.15, 948.15, 973.15, 998.15], 'trios', True, rng, 'R3',
                    notes='Contracting sphere (R3) with noise, TA TRIOS text export; no blank; the window is the H2 hold (h2_switch_s to h2_end_s).')
    temperature_integral_reference()
    # cases added later draw on their own generator, so the files above stay as they were
    rng2 = np.random.default_rng(SEED + 1)
    isothermal_case('isothermal-d3', 'D3', 110e3, 1 / 1500, [923.15, 948.15, 973.15, 998.15], 'trios', True, rng2, 'D3',
                    notes='Three-dimensional diffusion (Jander, D3) with noise, TA TRIOS text export; no blank; the window is the H2 hold (h2_switch_s to h2_end_s). Rate highest at t0.')
    isothermal_starts_case(rng2)


if __name__ == '__main__':
    main()
