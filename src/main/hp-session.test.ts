import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from './handlers';
import { createHpSession } from './hp-session';

const EDD = resolve(__dirname, '../../test/fixtures/simulated/edd');
const truth = JSON.parse(readFileSync(resolve(EDD, 'truth.json'), 'utf8'));
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(resolve(EDD, name))) });

function session() {
  const logs: string[] = [];
  let id = 1;
  const s = createHpSession({ userError: (m) => new Error(m), nextTaskId: () => id++, log: (l, m) => logs.push(`${l}: ${m}`) });
  return { s, logs };
}

describe('high-pressure session', () => {
  it('computes a pressure and keeps the input', async () => {
    const { s } = session();
    const r = await s.hpComputePressure({ calibrant: 'Re', scale: 'anzellini2014', input: 'cell', aA: 2.5606, cA: 4.0588 });
    expect(r.pressureGPa).toBeCloseTo(149.14, 2);
    expect((await s.hpGetState()).calculator?.aA).toBe(2.5606);
    await expect(s.hpComputePressure({ calibrant: 'Re', scale: 'nope', input: 'volume', volumeA3: 20 })).rejects.toThrow(/unknown scale "nope" for Re/);
  });

  it('calibrates 2θ, analyses a sequence with a temperature log, exports CSV; snapshot → restore gives the same', async () => {
    const { s } = session();
    const imp = await s.hpEddImport([file('au_ambient_calibration.mca'), ...truth.sequence.frames.map((f: { file: string }) => file(f.file))]);
    expect(imp.failures).toEqual([]);
    expect(imp.state.edd.spectra).toBe(7);
    let st = await s.hpEddCalibrate({ spectrum: 0, calibrant: 'Au', a0A: truth.files['au_ambient_calibration.mca'].aA, hkl: ['111', '200'], apply: true });
    expect(st.edd.options.twoThetaDeg).toBeCloseTo(6.051, 3);
    // the calibration file is not part of the sequence: drop it
    st = await s.hpEddRemoveFile('au_ambient_calibration.mca');
    expect(st.edd.calibration).toBeNull();
    const log = 'time_s,T_K\n' + truth.sequence.frames.map((f: { timeS: number; temperatureK: number }) => `${f.timeS},${f.temperatureK}`).join('\n');
    await s.hpEddSetTemperatureLog({ name: 'tc.csv', bytes: new TextEncoder().encode(log) });
    await s.hpEddSetOptions({ calibrant: 'Au', scale: 'fei2007', twoThetaDeg: 6.051 });
    st = await s.hpEddAnalyse();
    const frames = st.edd.frames!;
    expect(frames).toHaveLength(6);
    frames.forEach((f, i) => {
      expect(f.temperatureK).toBe(truth.sequence.frames[i].temperatureK);
      expect(Math.abs(f.pressureGPa! - truth.sequence.frames[i].pressureGPa)).toBeLessThan(3 * f.sigmaGPa! + 0.005);
      // σ(P)'s parts: for a cubic cell V = a³, σV = 3a²σa, so the part from a is the part from V; no σT given
      const parts = f.sigmaParts!;
      expect(parts.cGPa).toBeNull();
      expect(parts.aGPa).toBeGreaterThan(0);
      expect(parts.aGPa).toBeCloseTo(parts.volumeGPa, 10);
      expect(parts.temperatureGPa).toBe(0);
      expect(Math.hypot(parts.volumeGPa, parts.temperatureGPa)).toBeCloseTo(f.sigmaGPa!, 10);
    });
    const csv = await s.hpEddResultsCsv();
    expect(csv.split('\n')[2]).toBe('file,label,time_s,temperature_K,a_A,sigma_a_A,volume_A3,pressure_GPa,sigma_GPa,sigma_P_from_a_GPa,sigma_P_from_V_GPa,sigma_P_from_T_GPa,reflections_used,error');
    const row = csv.split('\n')[3].split(',');
    expect(Number(row[9])).toBeCloseTo(frames[0].sigmaParts!.aGPa, 8);
    const spec = await s.hpEddSpectrum(2);
    expect(spec.source).toBe('analysis');
    expect(spec.peaks.some((p) => p.hkl === '111' && p.used)).toBe(true);
    expect(spec.curves.length).toBeGreaterThan(3);

    const snap = s.snapshot();
    expect(JSON.parse(JSON.stringify(snap.state))).toEqual(snap.state);
    expect(snap.files.map((f) => f.name)).toContain('tlog/tc.csv');
    const { s: s2 } = session();
    await s2.restore(snap);
    const again = (await s2.hpGetState()).edd.frames!;
    expect(again.map((f) => f.pressureGPa)).toEqual(frames.map((f) => f.pressureGPa));
  });

  it('user scale files: imported, used, removed; a bad one is reported with its fields', async () => {
    const { s } = session();
    const good = { id: 'lab2025', calibrant: 'Au', name: 'Lab Au — Vinet only', citation: 'notebook', structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85, eos: { kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 167, k0Prime: 6 }, thermal: { model: 'none', referenceTemperatureK: 300 } } };
    const r = await s.hpImportScales([{ name: 'lab.json', bytes: new TextEncoder().encode(JSON.stringify(good)) }, { name: 'bad.json', bytes: new TextEncoder().encode('{"id": 3}') }]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].message).toMatch(/^bad\.json: id: /);
    expect(r.state.scales.find((x) => x.id === 'lab2025')?.custom).toBe(true);
    expect((await s.hpComputePressure({ calibrant: 'Au', scale: 'lab2025', input: 'vOverV0', vOverV0: 0.9 })).pressureGPa).toBeCloseTo(24.03, 2);
    await s.hpRemoveScaleFile('lab.json');
    await expect(s.hpComputePressure({ calibrant: 'Au', scale: 'lab2025', input: 'vOverV0', vOverV0: 0.9 })).rejects.toThrow(/unknown scale/);
  });

  it('a file no reader knows is reported by name; analysis without 2θ says what to do', async () => {
    const { s } = session();
    const r = await s.hpEddImport([{ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }, file('au_mgo_5.38GPa.mca')]);
    expect(r.failures[0]).toMatchObject({ fileName: 'notes.txt' });
    await expect(s.hpEddAnalyse()).rejects.toThrow(/Set 2θ first/);
  });
});

describe('the hp group through the validated Api', () => {
  it('refuses bad input with a sentence naming the field', async () => {
    const api = createHandlers({ parseTga: async () => { throw new Error('unused'); }, readFile: async () => new Uint8Array(), pickFiles: async () => [], saveFile: async () => null, exampleDir: null, log: () => {} });
    await expect(api.hpComputePressure({ calibrant: 'Au', scale: 'fei2007', input: 'cell' } as never)).rejects.toThrow(/hpComputePressure: invalid input \(.*aA: give a/);
    await expect(api.hpEddSetOptions({ twoThetaDeg: 120 })).rejects.toThrow(/2θ must be < 90°/);
    const st = await api.hpGetState();
    expect(st.scales.length).toBe(19);
  });
});
