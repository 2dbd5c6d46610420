import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SCALES, createRegistry, debyeD3, debyeIntegral3, eosModel, hexagonalVolume, listScales, parseScaleDefinitions,
  PressureInputError, pressureGPa, pressureWithSigma, ScaleFileError, scaleById, UnknownScaleError, volumeAt, type ScaleDefinition,
} from './index';

describe('Debye integral', () => {
  // Reference values: adaptive quadrature (scipy.integrate.quad, rel. tol. 1e-13).
  const ref: [number, number][] = [
    [1e-3, 3.3320834999999987e-10], [0.5, 0.0343734570406764], [1, 0.2248051880259382], [1.999, 1.1750906706033146],
    [2, 1.1763425966069978], [2.001, 1.1775949526990686], [5, 4.899892158330582], [10, 6.43192189678183], [30, 6.493939399470211],
  ];
  it.each(ref)('I(%f) matches quadrature to 1e-13 relative on both branches', (x, value) => {
    expect(Math.abs(debyeIntegral3(x) / value - 1)).toBeLessThan(1e-13);
  });
  it('D3 → 1 at high temperature and I → π⁴/15 at low', () => {
    expect(debyeD3(1e-9)).toBeCloseTo(1 - 3e-9 / 8, 15);
    expect(debyeD3(1e-3)).toBeCloseTo(0.9996250499999996, 13);
    expect(debyeIntegral3(200)).toBeCloseTo(Math.PI ** 4 / 15, 14);
  });
});

describe('Re (Anzellini et al. 2014, Vinet V0 = 29.4666 Å³, K0 = 352.6 GPa, K0′ = 4.56): the terapascal paper', () => {
  const re = scaleById('anzellini2014', 'Re');
  it('has the parameters the paper quotes', () => {
    expect(re.v0A3).toBe(29.4666);
    expect(re.eos).toMatchObject({ isotherm: { form: 'vinet', k0GPa: 352.6, k0Prime: 4.56 } });
  });
  it.each([
    [2.5606, 4.0588, 149],
    [2.5577, 4.1095, 140],
    [2.2803, 3.622, 730],
  ])('a = %f, c = %f Å → %i GPa (gasket before/after heating, dsDAC #3)', (a, c, p) => {
    expect(pressureGPa(re, { cell: { aA: a, cA: c } })).toBeCloseTo(p, 0);
  });
  it.each([
    [2.2214, 3.5609, 930, 933.72],
    [2.2269, 3.5702, 905, 909.65],
    [2.2297, 3.5735, 895, 898.85],
  ])('sample a = %f, c = %f Å → within 1 %% of the paper\'s %i GPa (this EOS gives %f)', (a, c, paper, ours) => {
    const p = pressureGPa(re, { cell: { aA: a, cA: c } });
    expect(p).toBeCloseTo(ours, 1);
    expect(Math.abs(p / paper - 1)).toBeLessThan(0.01);
  });
  it('propagates σ(a), σ(c) through V = √3/2·a²·c and dP/dV', () => {
    const r = pressureWithSigma(re, { cell: { aA: 2.5606, cA: 4.0588, sigmaAA: 0.0005, sigmaCA: 0.0012 } });
    // the paper: V = 23.047(7) Å³, 149(3) GPa
    expect(r.volumeA3).toBeCloseTo(23.047, 3);
    expect(r.sigmaVolumeA3).toBeCloseTo(0.0117, 3);
    const h = hexagonalVolume(2.5606, 4.0588, 0.0005, 0.0012);
    const k = r.bulkModulusGPa;
    expect(r.sigmaGPa).toBeCloseTo((k / r.volumeA3) * h.sigmaVolumeA3, 10);
    expect(r.citation).toMatch(/Anzellini/);
  });
  it('warns (does not refuse) beyond the 144 GPa of its calibration', () => {
    const r = pressureWithSigma(re, { cell: { aA: 2.2214, cA: 3.5609 } });
    expect(r.warnings.join(' ')).toMatch(/beyond the 144 GPa/);
    expect(pressureWithSigma(re, { cell: { aA: 2.5577, cA: 4.1095 } }).warnings).toEqual([]);
  });
  it('refuses a temperature it has no thermal model for, and says why', () => {
    expect(() => pressureWithSigma(re, { volumeA3: 23 }, { temperatureK: 2000 })).toThrow(/isotherm without a thermal model/);
    expect(pressureWithSigma(re, { volumeA3: 23 }, { temperatureK: 305 }).warnings[0]).toMatch(/300 K isotherm/);
  });
  it('needs both a and c for hcp and refuses c for cubic', () => {
    expect(() => pressureGPa(re, { cell: { aA: 2.5 } })).toThrow(PressureInputError);
    expect(() => pressureGPa(scaleById('fei2007', 'Au'), { cell: { aA: 4, cA: 4 } })).toThrow(/cubic/);
  });
});

describe('Au by Tsuchiya (2003) at 5.38(5) GPa: the LVP paper', () => {
  const au = scaleById('tsuchiya2003', 'Au');
  it('V(5.38 GPa, 300 K) and back', () => {
    const v = volumeAt(au, 5.38, 300);
    expect(v.vOverV0).toBeCloseTo(0.97075, 4);
    const a = Math.cbrt(v.volumeA3);
    expect(a).toBeCloseTo(4.0374, 4);
    expect(pressureGPa(au, { cell: { aA: a } }, 300)).toBeCloseTo(5.38, 10);
    // ±0.05 GPa corresponds to σ(a) ≈ 3.6e-4 Å at this pressure
    const r = pressureWithSigma(au, { cell: { aA: a, sigmaAA: 3.6e-4 } });
    expect(r.sigmaGPa).toBeGreaterThan(0.045);
    expect(r.sigmaGPa).toBeLessThan(0.055);
  });
  it('reproduces its own table at the nodes', () => {
    const t = au.eos.kind === 'table' ? au.eos.table : null;
    for (let i = 0; i < t!.compression.length; i += 3) {
      for (let j = 0; j < t!.temperatureK.length; j++) {
        expect(pressureGPa(au, { vOverV0: 1 - t!.compression[i] }, t!.temperatureK[j])).toBeCloseTo(t!.pressureGPa[i][j], 10);
      }
    }
  });
});

describe('every built-in scale', () => {
  it('follows the schema', () => {
    expect(parseScaleDefinitions(BUILTIN_SCALES, 'library')).toHaveLength(BUILTIN_SCALES.length);
  });
  it('is zero at V0 and its reference temperature (tables: within their printing)', () => {
    for (const s of BUILTIN_SCALES) {
      const m = eosModel(s);
      expect(Math.abs(m.pressureGPa(s.v0A3, m.referenceTemperatureK)), `${s.calibrant} ${s.id}`).toBeLessThan(1e-9);
    }
  });
  const states: [number, number][] = [[0.97, 300], [0.9, 300], [0.8, 300], [0.92, 1000], [0.85, 2000], [0.75, 1500]];
  it('inverts: V(P(V, T), T) = V and ∂P/∂V matches a central difference', () => {
    for (const s of BUILTIN_SCALES) {
      const m = eosModel(s);
      for (const [x, t0] of states) {
        const t = m.hasThermalModel ? t0 : m.referenceTemperatureK;
        const v = x * s.v0A3;
        const p = m.pressureGPa(v, t);
        const back = volumeAt(s, p, t).volumeA3;
        expect(Math.abs(back / v - 1), `${s.calibrant} ${s.id} x=${x} T=${t}`).toBeLessThan(1e-11);
        const h = 1e-5 * v;
        const num = (m.pressureGPa(v + h, t) - m.pressureGPa(v - h, t)) / (2 * h);
        expect(Math.abs(m.dPdV(v, t) / num - 1), `dP/dV ${s.calibrant} ${s.id}`).toBeLessThan(1e-5);
        if (m.hasThermalModel) {
          const ht = 0.5;
          const numT = (m.pressureGPa(v, t + ht) - m.pressureGPa(v, t - ht)) / (2 * ht);
          expect(Math.abs(m.dPdT(v, t) - numT), `dP/dT ${s.calibrant} ${s.id}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(numT)));
        }
      }
    }
  });
  it('lists every scale with a citation and a thermal-model label', () => {
    const list = listScales();
    expect(list).toHaveLength(BUILTIN_SCALES.length);
    for (const s of list) {
      expect(s.citation.length).toBeGreaterThan(20);
      expect(s.thermalModel.length).toBeGreaterThan(3);
    }
    expect(new Set(list.map((s) => s.calibrant))).toEqual(new Set(['Au', 'Pt', 'MgO', 'Re', 'NaCl-B1', 'NaCl-B2', 'Cu', 'W', 'Mo']));
  });
  it('the plain id is the preferred form', () => {
    expect(scaleById('fei2007', 'Au').id).toBe('fei2007-vinet');
    expect(scaleById('tange2009', 'mgo').id).toBe('tange2009-vinet');
  });
});

describe('finding scales and user scales', () => {
  it('names what exists when an id is unknown, never falls back', () => {
    expect(() => scaleById('nonesuch2020', 'Au')).toThrow(UnknownScaleError);
    expect(() => scaleById('nonesuch2020', 'Au')).toThrow(/fei2007-vinet/);
    expect(() => scaleById('fei2007')).toThrow(/Au, Pt, NaCl-B2/);
    expect(() => scaleById('anzellini2014', 'Unobtainium')).toThrow(/unknown calibrant/);
  });
  const custom: ScaleDefinition = {
    id: 'mine2025', calibrant: 'Au', name: 'My Au — AP2 isotherm only', citation: 'Lab notebook 2025, p. 12',
    structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85,
    eos: { kind: 'analytic', isotherm: { form: 'ap2', k0GPa: 167, k0Prime: 5.9, electronsPerAtom: 79 }, thermal: { model: 'none', referenceTemperatureK: 300 } },
  };
  it('adds a valid JSON scale (AP2 here) and computes with it', () => {
    const reg = createRegistry([JSON.parse(JSON.stringify(custom))]);
    const s = scaleById('mine2025', 'Au', reg);
    const p = pressureGPa(s, { vOverV0: 0.9 });
    expect(p).toBeGreaterThan(20);
    expect(p).toBeLessThan(24);
    expect(listScales(reg).find((x) => x.id === 'mine2025')?.custom).toBe(true);
  });
  it('refuses a bad file with the field and the reason', () => {
    const bad = { ...custom, v0A3: -3, eos: { ...custom.eos, isotherm: { form: 'vinet', k0GPa: 'x', k0Prime: 5 } } };
    expect(() => parseScaleDefinitions(bad, 'au.json')).toThrow(ScaleFileError);
    try {
      parseScaleDefinitions(bad, 'au.json');
    } catch (e) {
      expect((e as Error).message).toMatch(/^au\.json "mine2025": /);
      expect((e as Error).message).toMatch(/v0A3/);
      expect((e as Error).message).toMatch(/eos\.isotherm\.k0GPa/);
    }
    expect(() => createRegistry([{ ...custom, id: 'fei2007' }])).toThrow(/already used/);
  });
});
