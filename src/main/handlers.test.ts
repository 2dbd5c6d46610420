import { describe, expect, it } from 'vitest';
import type { Api } from '../shared/api';
import { lttbIndices } from './downsample';
import { NO_SIM, fakeParse, fixture, makeApi, truth } from './handlers.testkit';

const FE2O3 = { precursors: [{ formula: 'Fe2O3' }] };
const NI = { precursors: [{ formula: 'Fe2O3' }, { formula: 'Ni' }], target: 'Fe-36Ni' };
const NIO = { precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }], target: 'Fe-36Ni' };

async function studyApi(): Promise<Api> {
  const { api } = makeApi();
  const result = await api.tgaImportFiles(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'].map(fixture));
  expect(result.failures).toEqual([]);
  const [fe, ni, nio, blank] = result.importedIds;
  await api.tgaUpdateRun(fe, { recipe: FE2O3 });
  await api.tgaUpdateRun(ni, { recipe: NI });
  await api.tgaUpdateRun(nio, { recipe: NIO });
  await api.tgaSetBlankForAll(blank);
  await api.tgaSetReference(fe);
  return api;
}

describe.skipIf(NO_SIM)('createHandlers on the simulated study (../shared)', () => {
  it('imports runs in the given order, marks the blank, and keeps display series small', async () => {
    const { api } = makeApi();
    const result = await api.tgaImportFiles(['Fe2O3.csv', 'blank.csv'].map(fixture));
    expect(result.importedIds).toEqual(['run-1', 'run-2']);
    const [fe, blank] = result.session.runs;
    expect(fe.settings.label).toBe('Fe2O3');
    expect(fe.settings.role).toBe('sample');
    expect(blank.settings.role).toBe('blank');
    expect(fe.points).toBe(6376);
    expect(fe.durationS).toBe(6375);
    expect(fe.colorIndex).not.toBe(blank.colorIndex);
    expect(fe.massRaw?.x.length).toBe(2000);
    expect(fe.massRaw?.x[0]).toBe(0);
    expect(fe.massRaw?.x[1999]).toBe(6375);
    expect(fe.report).toEqual(['6376 rows']);
    // Without a recipe α is normalised to the observed loss, and the analysis says so.
    expect(fe.analysis?.warnings.some((w) => /No recipe/.test(w))).toBe(true);
    expect(blank.analysis).toBeNull();
    expect(result.session.referenceId).toBe('run-1');
  });

  it('computes the speed-up factors of the simulated study within 5 % of the truth', async () => {
    const api = await studyApi();
    const session = await api.getSession();
    const byLabel = new Map(session.runs.map((r) => [r.settings.label, r]));
    const fe = byLabel.get('Fe2O3')!;
    expect(fe.analysis?.reduction.startS).toBe(2625);
    expect(fe.analysis?.reduction.startSource).toBe('gas-event');
    expect(fe.analysis?.recipe?.theoreticalLossFraction).toBeCloseTo(truth.runs['Fe2O3.csv'].theoretical_loss_fraction, 4);
    for (const [label, file] of [['Fe2O3', 'Fe2O3.csv'], ['Fe2O3_Ni', 'Fe2O3_Ni.csv'], ['Fe2O3_NiO', 'Fe2O3_NiO.csv']]) {
      const t05 = byLabel.get(label)!.analysis!.metrics.tAlphaS['0.5']!;
      expect(Math.abs(t05 / truth.runs[file]['t_alpha_0.5_s'] - 1)).toBeLessThan(0.05);
    }
    const speed = new Map(session.speedUps.map((s) => [s.label, s.tAlpha['0.5']]));
    const expectNi = truth.runs['Fe2O3.csv']['t_alpha_0.5_s'] / truth.runs['Fe2O3_Ni.csv']['t_alpha_0.5_s'];
    const expectNio = truth.runs['Fe2O3.csv']['t_alpha_0.5_s'] / truth.runs['Fe2O3_NiO.csv']['t_alpha_0.5_s'];
    expect(speed.get('Fe2O3')).toBe(1);
    expect(Math.abs(speed.get('Fe2O3_Ni')! / expectNi - 1)).toBeLessThan(0.05);
    expect(Math.abs(speed.get('Fe2O3_NiO')! / expectNio - 1)).toBeLessThan(0.05);
    // The inset series: dα/dt against α, display-sized and finite.
    const inset = byLabel.get('Fe2O3_NiO')!.analysis!.rateVsAlpha;
    expect(inset.x.length).toBeGreaterThan(1000);
    expect(inset.x.length).toBeLessThanOrEqual(4000);
    expect(inset.y.every(Number.isFinite)).toBe(true);
  });

  it('writes the metrics and derived series as CSV from the full-resolution analysis', async () => {
    const api = await studyApi();
    const csv = (await api.tgaMetricsCsv()).trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]).toBe(
      'run,file,condition,theoretical_loss_percent,start_file_time_s,start_source,end_file_time_s,end_source,t_alpha_0.5_s,t_alpha_0.9_s,t_sat_s,alpha_final,max_rate_per_s,alpha_at_max_rate,onset_extrapolated_C,inflection_C,onset_alpha_0.02_C,speedup_t_alpha_0.5,speedup_t_alpha_0.9,speedup_t_sat,onset_extrapolated_shift_C,onset_alpha_0.02_shift_C,checks,reference',
    );
    const header = csv[0].split(',');
    const fe = csv[1].split(',');
    const col = (name: string): string => fe[header.indexOf(name)];
    expect(fe[0]).toBe('Fe2O3');
    expect(col('condition')).toBe('Fe2O3');
    expect(Number(col('theoretical_loss_percent'))).toBeCloseTo(30.057, 2);
    // The window ends where the H2 stops (Ar at 4425 s in the simulated runs).
    expect([col('end_file_time_s'), col('end_source')]).toEqual(['4425', 'gas-event']);
    expect(col('speedup_t_alpha_0.5')).toBe('1');
    // Isothermal runs: no onset of either kind.
    expect(['onset_extrapolated_C', 'inflection_C', 'onset_alpha_0.02_C'].map(col)).toEqual(['', '', '']);
    expect(fe.at(-1)).toBe('Fe2O3');
    const session = await api.getSession();
    const derived = (await api.tgaDerivedCsv(session.runs[0].id)).trim().split('\n');
    expect(derived[0]).toBe('t_s,file_time_s,temperature_C,alpha,dalpha_dt_per_s,mass_corrected_mg');
    // Full resolution: one row per data point from the H2 switch (2625 s) to the end (6375 s).
    expect(derived).toHaveLength(1 + 6375 - 2625 + 1);
    expect(derived[1].split(',').slice(0, 2)).toEqual(['0', '2625']);
  });

  it('starts from the core defaults and reports the ISO 11358-1 onset of a ramp with its construction', async () => {
    const { api } = makeApi();
    expect((await api.getSession()).settings.sgWindowS).toBe(15);
    // 10 K/min from 200 °C in H2, α a logistic step at 550 °C, width 25 °C (test input): its extrapolated onset is
    // T0 − 2w = 500 °C (tangent slope 1/(4w) at α = 1/2), its inflection 550 °C, α = 0.02 at 550 + 25·ln(0.02/0.98).
    const rows = ['time_s,temperature_C,mass_mg,gas'];
    for (let t = 0; t <= 4200; t += 2) {
      const T = 200 + t / 6;
      rows.push(`${t},${T.toFixed(3)},${(50 - 15.0285 / (1 + Math.exp(-(T - 550) / 25))).toFixed(5)},H2`);
    }
    const ramp = { name: 'ramp.csv', bytes: new TextEncoder().encode(rows.join('\n') + '\n') };
    const other = { name: 'ramp-late.csv', bytes: new TextEncoder().encode(rows.join('\n').replace(/\n(\d+),([\d.]+),/g, (_, t, T) => `\n${t},${(Number(T) - 10).toFixed(3)},`) + '\n') };
    const imported = await api.tgaImportFiles([ramp, other]);
    let session = imported.session;
    for (const id of imported.importedIds) session = await api.tgaUpdateRun(id, { recipe: FE2O3 });
    const run = session.runs[0].analysis!;
    expect(run.metrics.onsetExtrapolatedC!).toBeCloseTo(500, 0);
    expect(run.metrics.inflectionC!).toBeCloseTo(550, 0);
    expect(run.metrics.onsetC!).toBeCloseTo(550 + 25 * Math.log(0.02 / 0.98), 0);
    const c = run.onsetConstruction!;
    expect(c.onsetC).toBe(run.metrics.onsetExtrapolatedC);
    expect(c.inflectionC).toBe(run.metrics.inflectionC);
    expect(c.alphaAtInflection).toBeCloseTo(0.5, 2);
    expect(c.slopePerC).toBeCloseTo(1 / 100, 4);
    // The second run's temperature reads 10 °C low: its onset is 10 °C lower; shifts are run − reference.
    const shift = session.speedUps.find((s) => s.label === 'ramp-late')!;
    expect(shift.onsetExtrapolatedShiftC!).toBeCloseTo(-10, 1);
    expect(shift.onsetShiftC!).toBeCloseTo(-10, 1);
    const csv = (await api.tgaMetricsCsv()).trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => csv[0].indexOf(name);
    expect(Number(csv[1][col('onset_extrapolated_C')])).toBeCloseTo(500, 0);
    expect(Number(csv[1][col('inflection_C')])).toBeCloseTo(550, 0);
    expect(Number(csv[1][col('onset_alpha_0.02_C')])).toBeCloseTo(452.7, 0);
    expect(Number(csv[2][col('onset_extrapolated_shift_C')])).toBeCloseTo(-10, 1);
    // Isothermal runs have no construction.
    const iso = await studyApi();
    expect((await iso.getSession()).runs.every((r) => r.analysis === null || r.analysis.onsetConstruction === null)).toBe(true);
  });

  it('gives a per-file error for a bad file and keeps the other runs', async () => {
    const { api, logs } = makeApi();
    const result = await api.tgaImportFiles([fixture('Fe2O3.csv'), { name: 'broken.csv', bytes: new TextEncoder().encode('hello\n1,2\n') }, fixture('Fe2O3_Ni.csv')]);
    expect(result.importedIds).toHaveLength(2);
    expect(result.failures).toEqual([{ fileName: 'broken.csv', message: 'broken.csv, line 1: expected the simulated CSV header' }]);
    expect(result.session.runs.map((r) => r.fileName)).toEqual(['Fe2O3.csv', 'Fe2O3_Ni.csv']);
    expect(logs.some((l) => l.startsWith('warn: import failed: broken.csv'))).toBe(true);
  });

  it('validates every argument with a human message', async () => {
    const { api } = makeApi();
    await expect(api.tgaRemoveRun(42 as unknown as string)).rejects.toThrow(/tgaRemoveRun: invalid input/);
    await expect(api.tgaRemoveRun('run-9')).rejects.toThrow('There is no run with id "run-9"');
    await expect(api.tgaSetAnalysisSettings({ alphaTargets: [1.5] })).rejects.toThrow(/α targets must be < 1/);
    await expect(api.tgaUpdateRun('run-1', { recipe: { precursors: [] } })).rejects.toThrow(/at least one precursor/);
    await expect(api.tgaImportFiles([{ name: 'x.csv', bytes: 'abc' as unknown as Uint8Array }])).rejects.toThrow(/Uint8Array/);
    await expect((api.tgaUpdateRun as (...a: unknown[]) => Promise<unknown>)('run-1', { colour: 'red' })).rejects.toThrow(/invalid input/);
  });

  it('removes, reorders, renames and re-references runs; colours stay with their runs', async () => {
    const api = await studyApi();
    let session = await api.getSession();
    const ids = session.runs.map((r) => r.id);
    const colours = new Map(session.runs.map((r) => [r.id, r.colorIndex]));
    session = await api.tgaReorderRuns([ids[2], ids[0], ids[1], ids[3]]);
    expect(session.runs.map((r) => r.id)).toEqual([ids[2], ids[0], ids[1], ids[3]]);
    expect(session.runs.every((r) => r.colorIndex === colours.get(r.id))).toBe(true);
    await expect(api.tgaReorderRuns([ids[0]])).rejects.toThrow(/every run exactly once/);
    await expect(api.tgaUpdateRun(ids[1], { label: 'Fe2O3' })).rejects.toThrow(/already called/);
    await expect(api.tgaSetReference(ids[3])).rejects.toThrow(/is a blank/);
    session = await api.tgaRemoveRun(ids[0]);
    // The reference was removed: the first sample takes over.
    expect(session.referenceId).toBe(ids[2]);
    session = await api.tgaRemoveRun(ids[3]);
    expect(session.runs.every((r) => r.settings.blankId === null)).toBe(true);
    expect(session.revision).toBeGreaterThan(5);
  });

  it('applies a manual start and new α targets', async () => {
    const api = await studyApi();
    const id = (await api.getSession()).runs[0].id;
    let session = await api.tgaUpdateRun(id, { startS: 2600 });
    const run = session.runs.find((r) => r.id === id)!;
    expect(run.analysis?.reduction.startSource).toBe('manual');
    expect(run.analysis?.reduction.startS).toBe(2600);
    session = await api.tgaSetAnalysisSettings({ alphaTargets: [0.9, 0.2, 0.5] });
    expect(session.settings.alphaTargets).toEqual([0.2, 0.5, 0.9]);
    expect(Object.keys(session.runs[1].analysis!.metrics.tAlphaS).sort()).toEqual(['0.2', '0.5', '0.9']);
    session = await api.tgaUpdateRun(id, { startS: 99999 });
    expect(session.runs.find((r) => r.id === id)!.analysisNote).toMatch(/outside the data/);
  });

  it('opens the example study from study.json and imports through the file picker', async () => {
    const files = new Map<string, string>([
      ['/ex/study.json', JSON.stringify({ title: 'Example', label: 'SIMULATED', runs: [{ file: 'Fe2O3.csv', recipe: FE2O3, blank: 'blank.csv' }, { file: 'blank.csv', role: 'blank' }], reference: 'Fe2O3.csv' })],
    ]);
    const { api } = makeApi({
      exampleDir: '/ex',
      readFile: async (path) => {
        if (files.has(path)) return new TextEncoder().encode(files.get(path));
        return fixture(path.replace(/^\/ex\//, '').replace(/^.*\//, '')).bytes;
      },
      pickFiles: async () => ['/data/Fe2O3_NiO.csv'],
    });
    let session = await api.openExampleStudy();
    expect(session.study).toEqual({ title: 'Example', label: 'SIMULATED', description: null });
    expect(session.runs[0].settings.blankId).toBe(session.runs[1].id);
    expect(session.referenceId).toBe(session.runs[0].id);
    const opened = await api.tgaOpenFiles();
    expect(opened.session.runs.map((r) => r.fileName)).toEqual(['Fe2O3.csv', 'blank.csv', 'Fe2O3_NiO.csv']);
    session = await api.clearSession();
    expect(session.runs).toEqual([]);
    expect(session.study).toBeNull();
    await expect(makeApi().api.openExampleStudy()).rejects.toThrow(/no example study/);
  });

  it('reports import progress while files are parsed', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { api } = makeApi({ parseTga: async (file) => (await gate, fakeParse(file)) });
    const pending = api.tgaImportFiles([fixture('Fe2O3.csv'), fixture('blank.csv')]);
    await new Promise((r) => setTimeout(r, 0));
    const tasks = await api.getTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0].label).toBe('Importing 2 files');
    expect(tasks[0].fraction).toBe(0);
    expect(tasks[0].detail).toMatch(/reading Fe2O3.csv, blank.csv/);
    release();
    await pending;
    expect(await api.getTasks()).toEqual([]);
  });

  it('saves through the injected dialog', async () => {
    const { api, saved } = makeApi();
    const result = await api.saveFile({ suggestedName: 'm.csv', data: 'a,b\n', filterName: 'CSV', extensions: ['csv'] });
    expect(result.path).toBe('/tmp/m.csv');
    expect(saved[0].data).toBe('a,b\n');
  });
});

describe('lttbIndices', () => {
  it('keeps the ends and the extremes of a spike', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i === 5000 ? 100 : i === 7000 ? -50 : Math.sin(i / 500)));
    const idx = Array.from(lttbIndices(x, y, 500));
    expect(idx).toHaveLength(500);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(n - 1);
    expect(idx).toContain(5000);
    expect(idx).toContain(7000);
    expect(idx.every((v, i) => i === 0 || v > idx[i - 1])).toBe(true);
  });
});
