/**
 * EDD analysis against simulated spectra with known answers (scripts/make-edd-fixtures.py: independent Python
 * generator, pressures from the SciPy reference EOS).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEddFile } from '../../formats/edd';
import { HC_KEV_A, pressureWithSigma, scaleById } from '../eos';
import { allowedReflections, analyseEdd, analyseSequence, calibrateTwoTheta, dFromEnergyA, energyKeVFromD } from './index';

const dir = path.resolve(__dirname, '../../../../test/fixtures/simulated/edd');
const read = (f: string) => readEddFile(f, readFileSync(path.join(dir, f)));
const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));

describe('reflections and Bragg in energy', () => {
  it('lists the first reflections of each lattice', () => {
    const first = (l: Parameters<typeof allowedReflections>[0], cell: { aA: number; cA?: number }, n: number) =>
      allowedReflections(l).map((r) => ({ r, d: cell.cA ? 1 / Math.sqrt((4 / 3) * (r.h ** 2 + r.h * r.k + r.k ** 2) / cell.aA ** 2 + r.l ** 2 / cell.cA ** 2) : cell.aA / Math.hypot(r.h, r.k, r.l) }))
        .sort((a, b) => b.d - a.d).slice(0, n).map((x) => x.r.label);
    expect(first('fcc', { aA: 4 }, 5)).toEqual(['111', '200', '220', '311', '222']);
    expect(first('bcc', { aA: 3 }, 3)).toEqual(['110', '200', '211']);
    expect(first('b2', { aA: 3 }, 3)).toEqual(['100', '110', '111']);
    expect(first('hcp', { aA: 2.76, cA: 4.46 }, 6)).toEqual(['100', '002', '101', '102', '110', '103']);
  });
  it('d = hc/(2E sin θ) with hc = 12.398419843 keV·Å', () => {
    expect(HC_KEV_A).toBeCloseTo(12.398419843, 9);
    expect(energyKeVFromD(2.039, 6.051)).toBeCloseTo(HC_KEV_A / (2 * 2.039 * Math.sin((6.051 * Math.PI) / 360)), 12);
    expect(dFromEnergyA(energyKeVFromD(2.039, 6.051), 6.051)).toBeCloseTo(2.039, 12);
  });
});

describe('2θ calibration from Au at 1 bar (the LVP paper: Au 111 and 200 → 2θ = 6.051°)', () => {
  const [s] = read('au_ambient_calibration.mca');
  const aA = truth.files['au_ambient_calibration.mca'].aA;
  it('from 111 and 200', () => {
    const c = calibrateTwoTheta(s, { calibrant: 'Au', lattice: 'fcc', cell: { aA }, hkl: ['111', '200'] });
    expect(c.twoThetaDeg).toBeCloseTo(6.051, 3);
    expect(c.sigmaTwoThetaDeg).toBeLessThan(0.001);
    expect(c.peaks.map((p) => p.hkl)).toEqual(['111', '200']);
  });
  it('from every reflection, leaving out the one on a W fluorescence line', () => {
    const c = calibrateTwoTheta(s, { calibrant: 'Au', lattice: 'fcc', cell: { aA } });
    expect(Math.abs(c.twoThetaDeg - 6.051)).toBeLessThan(3 * c.sigmaTwoThetaDeg + 2e-4);
    expect(c.peaks.find((p) => p.hkl === '200')?.note).toMatch(/W Kα2/);
    expect(c.peaks.filter((p) => p.used).length).toBeGreaterThanOrEqual(6);
  });
});

describe('Au + MgO at 5.38 GPa (Tsuchiya 2003), 2θ = 6.051°', () => {
  const t = truth.files['au_mgo_5.38GPa.mca'];
  for (const f of ['au_mgo_5.38GPa.mca', 'au_mgo_5.38GPa.csv']) {
    it(`${f}: recovers the Au cell and 5.38 GPa within 3σ, ignores MgO, flags the 200 on W Kα2`, () => {
      const [s] = read(f);
      const r = analyseEdd(s, { twoThetaDeg: 6.051, scale: scaleById('tsuchiya2003', 'Au'), temperatureK: 300 });
      expect(Math.abs(r.latticeA - t.aA)).toBeLessThan(3 * r.sigmaLatticeA + 1e-5);
      expect(Math.abs(r.pressureGPa - 5.38)).toBeLessThan(3 * r.sigmaGPa + 0.005);
      expect(r.sigmaGPa).toBeLessThan(0.05);
      expect(r.peaks.filter((p) => p.used).length).toBeGreaterThanOrEqual(6);
      expect(r.peaks.find((p) => p.hkl === '200')?.note).toMatch(/W Kα2/);
      expect(r.pressure.citation).toMatch(/Tsuchiya/);
    });
  }
  it('σ(2θ) propagates into σ(a) and σ(P)', () => {
    const [s] = read('au_mgo_5.38GPa.mca');
    const scale = scaleById('tsuchiya2003', 'Au');
    const r0 = analyseEdd(s, { twoThetaDeg: 6.051, scale });
    const r1 = analyseEdd(s, { twoThetaDeg: 6.051, sigmaTwoThetaDeg: 0.002, scale });
    // δa/a = cot θ·δθ
    const expected = r0.latticeA * ((0.002 * Math.PI) / 360) / Math.tan((6.051 * Math.PI) / 360);
    expect(r1.sigmaLatticeA).toBeCloseTo(Math.hypot(r0.sigmaLatticeA, expected), 9);
    expect(r1.sigmaGPa).toBeGreaterThan(5 * r0.sigmaGPa);
  });
  it('says what is missing when the spectrum has no energy scale', () => {
    const [s] = read('au_mgo_5.38GPa.mca');
    expect(() => analyseEdd({ ...s, energyKeV: null, calibration: null }, { twoThetaDeg: 6.051, scale: scaleById('tsuchiya2003', 'Au') })).toThrow(/energy calibration/);
  });
});

describe('hcp Re in a SPEC file (the terapascal paper\'s gasket cells), 2θ = 10°', () => {
  const spectra = read('re_gasket.spec');
  it.each([0, 1])('spectrum %i: a, c and P within 3σ of the truth', (i) => {
    const t = truth.files['re_gasket.spec'].spectra[i];
    const r = analyseEdd(spectra[i], { twoThetaDeg: 10, scale: scaleById('anzellini2014', 'Re') });
    expect(Math.abs(r.latticeA - t.aA)).toBeLessThan(3 * r.sigmaLatticeA + 2e-5);
    expect(Math.abs(r.latticeCA! - t.cA)).toBeLessThan(3 * r.sigmaLatticeCA! + 3e-5);
    expect(Math.abs(r.pressureGPa - t.pressureGPa)).toBeLessThan(3 * r.sigmaGPa + 0.05);
    // σ(P)'s parts from a and c: the σ of P with only that cell edge uncertain (through the cell volume's own path)
    const scale = scaleById('anzellini2014', 'Re');
    expect(r.sigmaFromAGPa).toBeGreaterThan(0);
    expect(r.sigmaFromAGPa).toBeCloseTo(pressureWithSigma(scale, { cell: { aA: r.latticeA, cA: r.latticeCA!, sigmaAA: r.sigmaLatticeA } }).sigmaGPa, 6);
    expect(r.sigmaFromCGPa!).toBeCloseTo(pressureWithSigma(scale, { cell: { aA: r.latticeA, cA: r.latticeCA!, sigmaCA: r.sigmaLatticeCA! } }).sigmaGPa, 6);
  });
});

describe('a heating sequence → P(t) at the thermocouple temperature (Fei 2007, Vinet + MGD)', () => {
  it('recovers every frame within 3σ, times from the files', () => {
    const frames = truth.sequence.frames.map((f: { file: string; temperatureK: number }) => ({ spectrum: read(f.file)[0], temperatureK: f.temperatureK }));
    const r = analyseSequence(frames, { twoThetaDeg: 6.051, scale: scaleById('fei2007', 'Au') });
    expect(Array.from(r.timesS)).toEqual(truth.sequence.frames.map((f: { timeS: number }) => f.timeS));
    r.frames.forEach((f, i) => {
      expect(f.error).toBeNull();
      expect(f.timeSource).toBe('file');
      expect(Math.abs(f.result!.pressureGPa - truth.sequence.frames[i].pressureGPa), `frame ${i}`).toBeLessThan(3 * f.result!.sigmaGPa + 0.005);
    });
  });
});
