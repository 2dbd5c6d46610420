/**
 * Building blocks of the kinetics: Student t and F quantiles (tables), the exact temperature integral (SciPy
 * reference values, test/fixtures/reference/kinetics/temperature-integral.json), the ICTAC reaction models.
 */
// eslint-disable-next-line no-restricted-imports -- the test reads its reference file; the code under test stays pure
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { R_J_PER_MOL_K } from './constants';
import { orderModel, REACTION_MODELS } from './models';
import { brentMinimum, findRoot, fitLine, fQuantile, studentTQuantile } from './stats';
import { expIntegral, lnP, lnTemperatureIntegral, P_APPROXIMATIONS } from './temperature-integral';
import type { RunKinetics } from './run-analysis';
import { intervalBetween, lnJ, lnJDirect, type Interval } from './vyazovkin';

describe('statistics', () => {
  it('Student t quantiles match the tables (two-sided 95 %)', () => {
    const table: [number, number][] = [[1, 12.7062], [2, 4.3027], [3, 3.1824], [4, 2.7764], [5, 2.5706], [10, 2.2281], [30, 2.0423], [120, 1.9799]];
    for (const [nu, t] of table) expect(studentTQuantile(0.975, nu)).toBeCloseTo(t, 4);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 3)).toBeCloseTo(-3.1824, 4);
  });
  it('F quantiles match the tables (95 %), as used by the Vyazovkin–Wight interval', () => {
    const table: [number, number, number][] = [[1, 1, 161.45], [2, 2, 19.0], [3, 3, 9.2766], [4, 4, 6.3882], [5, 5, 5.0503], [9, 9, 3.1789]];
    for (const [a, b, f] of table) expect(fQuantile(0.95, a, b)).toBeCloseTo(f, 2);
  });
  it('a straight line: slope, intercept, standard errors and the t interval', () => {
    // numpy.polyfit gives slope 2.98, intercept 2.06; slope SE = sqrt(s²/Sxx), Sxx = 10
    const x = [1, 2, 3, 4, 5];
    const y = [5.1, 7.9, 11.1, 13.9, 17.0];
    const f = fitLine(x, y)!;
    expect(f.slope).toBeCloseTo(2.98, 10);
    expect(f.intercept).toBeCloseTo(2.06, 10);
    const ssr = y.reduce((s, v, i) => s + (v - (2.06 + 2.98 * x[i])) ** 2, 0);
    expect(f.slopeSe).toBeCloseTo(Math.sqrt(ssr / 3 / 10), 10);
    expect(f.slopeCi95).toBeCloseTo(f.slopeSe * 3.182446305, 8);
    expect(fitLine([1, 1], [2, 3])).toBeNull();
    expect(Number.isNaN(fitLine([1, 2], [2, 3])!.slopeCi95)).toBe(true);
  });
  it('Brent minimum and the root finder', () => {
    const m = brentMinimum((x) => (x - 1.234567) ** 2 + 3, -10, 10, 1e-9);
    expect(m.x).toBeCloseTo(1.234567, 7);
    expect(m.evaluations).toBeLessThan(50); // the exact minimum comes early; golden steps then close the bracket
    expect(findRoot((x) => x * x - 2, 0, 3, 1e-12)).toBeCloseTo(Math.SQRT2, 10);
    expect(findRoot((x) => x * x + 1, 0, 3, 1e-12)).toBeNull();
  });
});

describe('the temperature integral', () => {
  const ref = JSON.parse(readFileSync(new URL('../../../test/fixtures/reference/kinetics/temperature-integral.json', import.meta.url), 'utf8')) as {
    rows: { x: number; ln_p: number; E1: number; E2: number }[];
  };
  it('ln p(x) = ln[E2(x)/x] and E1, E2 agree with SciPy to < 1e-12 relative (the issue asks < 1e-6)', () => {
    for (const r of ref.rows) {
      expect(Math.abs(lnP(r.x) - r.ln_p) / Math.abs(r.ln_p)).toBeLessThan(1e-12);
      if (r.E1 > 1e-300) expect(Math.abs(expIntegral(1, r.x) / r.E1 - 1)).toBeLessThan(1e-12);
      if (r.E2 > 1e-300) expect(Math.abs(expIntegral(2, r.x) / r.E2 - 1)).toBeLessThan(1e-12);
    }
  });
  it('I(E, T) equals a direct quadrature of exp(−E/RT)', () => {
    const E = 150e3;
    const T = 700;
    // composite Simpson on [1, T] (below ~200 K the integrand is < 1e-39 of its end value)
    const n = 200000;
    const h = (T - 1) / n;
    let s = 0;
    for (let i = 0; i <= n; i++) {
      const t = 1 + i * h;
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      s += w * Math.exp(-E / (R_J_PER_MOL_K * t));
    }
    const quad = (s * h) / 3;
    expect(Math.abs(lnTemperatureIntegral(E, T) - Math.log(quad))).toBeLessThan(1e-9);
  });
  it('the approximations of OFW, KAS and Starink err as documented (Doyle is exact only near x ≈ 30–40)', () => {
    for (const x of [20, 30, 40, 50]) {
      const exact = lnP(x);
      expect(Math.abs(P_APPROXIMATIONS.murrayWhite(x) - exact)).toBeLessThan(2.2 / x); // p ≈ e⁻ˣ/x² (1 − 2/x + …)
      expect(Math.abs(P_APPROXIMATIONS.starink(x) - exact)).toBeLessThan(0.02);
    }
    expect(Math.abs(P_APPROXIMATIONS.doyle(20) - lnP(20))).toBeGreaterThan(0.1);
  });
});

describe('reaction models (ICTAC 2011 table)', () => {
  it('has every code the issue names', () => {
    expect(REACTION_MODELS.map((m) => m.code)).toEqual(['P4', 'P3', 'P2', 'P2/3', 'D1', 'D2', 'D3', 'D4', 'F0', 'F1', 'F2', 'F3', 'A2', 'A3', 'A4', 'R2', 'R3']);
  });
  it('g⁻¹(g(α)) = α and f = 1/g′ for every model', () => {
    for (const m of REACTION_MODELS) {
      for (const a of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
        expect(m.gInverse(m.g(a)), `${m.code} at ${a}`).toBeCloseTo(a, 10);
        const h = 1e-6;
        const dg = (m.g(a + h) - m.g(a - h)) / (2 * h);
        expect(Math.abs(m.f(a) * dg - 1), `${m.code} f·g′ at ${a}`).toBeLessThan(1e-6);
      }
      expect(m.gInverse(0)).toBe(0);
    }
  });
  it('reaction order n: F1 at n = 1, R3 (up to k) at n = 2/3', () => {
    const r3 = REACTION_MODELS.find((m) => m.code === 'R3')!;
    const o = orderModel(2 / 3);
    for (const a of [0.2, 0.6, 0.95]) expect(o.g(a)).toBeCloseTo(3 * r3.g(a), 12);
    expect(orderModel(1).g(0.5)).toBeCloseTo(Math.log(2), 12);
    expect(orderModel(0.5).gInverse(3)).toBe(1);
  });
});

describe('the advanced Vyazovkin integral J = ∫exp(−E/RT)dt over the measured T(t)', () => {
  // a ramp at 10 K/min with thermocouple noise, 1 s samples
  const n = 4000;
  const tS = Float64Array.from({ length: n }, (_, i) => i);
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const temperatureK = tS.map((t) => 600 + t / 6 + 0.05 * rand());
  const run = { run: { tS, temperatureK } } as unknown as RunKinetics;
  it('the moment sum equals the sample-by-sample trapezoid to < 1e-12 relative, and the trapezoid the exact integral of a clean ramp', () => {
    for (const [t0, t1] of [[100.3, 130.7], [1000.5, 1600.2], [10.1, 3900.9]] as const) {
      const iv = intervalBetween(run, t0, Math.ceil(t0), t1, Math.ceil(t1)) as Interval;
      for (const e of [50e3, 120e3, 300e3, 2000e3]) {
        const direct = lnJDirect(run, t0, Math.ceil(t0), t1, Math.ceil(t1), e);
        expect(Math.abs(lnJ(iv, e) - direct)).toBeLessThan(1e-12 * Math.abs(direct));
      }
    }
    // noise-free ramp: J = (I(E,T1) − I(E,T0))/β with the exact temperature integral
    const clean = { run: { tS, temperatureK: tS.map((t) => 600 + t / 6) } } as unknown as RunKinetics;
    const iv = intervalBetween(clean, 200, 200, 260, 260) as Interval;
    const E = 120e3;
    const exact = Math.log((Math.exp(lnTemperatureIntegral(E, 600 + 260 / 6)) - Math.exp(lnTemperatureIntegral(E, 600 + 200 / 6))) * 6);
    // the trapezoid's own error, h²/12·(Eβ/RT²)² ≈ 3e-6 here (1 s samples); it cancels in the ratios J_i/J_j
    expect(Math.abs(lnJ(iv, E) - exact)).toBeLessThan(5e-6);
  });
});
