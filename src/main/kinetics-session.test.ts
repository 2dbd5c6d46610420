/**
 * The Kinetics workspace through the Api (createHandlers with the real parser and the in-process runner): series
 * from imported files and from the TGA workspace's runs, blanks matched to runs by programme, the job, results,
 * CSV, validation, cancel, and the snapshot/restore persistence contract (notes/common-state.md).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Api } from '../shared/api';
import { createHandlers } from './handlers';
import { createKineticsSession } from './kinetics-session';
import { inProcessKineticsRunner } from './kinetics-runner';
import { parseTgaInProcess } from './tga-import';

const SIM = resolve(__dirname, '../../test/fixtures/simulated/kinetics');
const file = (dir: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(resolve(SIM, dir, name))) });
const noisy = (name: string) => file('nonisothermal-f1-noisy', name);

function makeApi(): Api {
  return createHandlers({
    parseTga: parseTgaInProcess,
    readFile: async (path) => new Uint8Array(readFileSync(path)),
    pickFiles: async () => [],
    saveFile: async () => null,
    exampleDir: null,
    log: () => undefined,
  });
}

async function waitForJob(api: Api): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const j = await api.kinGetJob();
    if (!j || j.state !== 'running') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the kinetics job did not finish');
}

describe('Kinetics workspace', () => {
  it('imports a series with its blanks, matches each blank to its run by programme, reads β from the data, runs the analysis', async () => {
    const api = makeApi();
    let s = await api.kinAddSeries('Fe2O3');
    const id = s.series[0].id;
    // blanks first and in another order than the runs: matching is by temperature programme, not by order or name
    const imported = await api.kinImportFiles(id, [
      noisy('blank_20Kmin.csv'),
      noisy('blank_2Kmin.csv'),
      noisy('F1_2Kmin.csv'),
      noisy('F1_5Kmin.csv'),
      noisy('blank_10Kmin.csv'),
      noisy('blank_5Kmin.csv'),
      noisy('F1_10Kmin.csv'),
      noisy('F1_20Kmin.csv'),
    ]);
    expect(imported.failures).toEqual([]);
    s = imported.state;
    const series = s.series[0];
    expect(series.files.filter((f) => f.role === 'blank')).toHaveLength(4);
    expect(series.runs.map((r) => r.label)).toEqual(['F1_2Kmin', 'F1_5Kmin', 'F1_10Kmin', 'F1_20Kmin']);
    expect(series.runs.map((r) => r.blankLabel)).toEqual(['blank_2Kmin.csv', 'blank_5Kmin.csv', 'blank_10Kmin.csv', 'blank_20Kmin.csv']);
    expect(series.runs.map((r) => Math.round((r.heatingRateKPerMin as number) * 100) / 100)).toEqual([2, 5, 10, 20]);
    for (const r of series.runs) {
      expect(r.kind).toBe('heating');
      expect(r.startNote).toMatch(/Ar → H2 at 600 s/);
      expect(r.error).toBeNull();
    }
    expect(s.results).toBeNull();

    await api.kinSetOptions({ alphaStep: 0.1 });
    const job = await api.kinStartAnalysis();
    expect(job.state).toBe('running');
    await waitForJob(api);
    s = await api.kinGetState();
    expect(s.job?.state).toBe('done');
    expect(s.resultsStale).toBe(false);
    const res = s.results?.[0].result;
    expect(res?.mode).toBe('nonisothermal');
    expect(res?.alphas).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    for (const p of res?.isoconversional.vyazovkin?.points ?? []) expect(Math.abs((p.eKJPerMol as number) - 120)).toBeLessThan(1);
    expect(res?.warnings.join(' ')).not.toMatch(/No blank/);
    const csv = await api.kinResultsCsv();
    expect(csv.split('\n')[0]).toBe('series,method,alpha,E_kJ_per_mol,ci95_kJ_per_mol,ci95_low_kJ_per_mol,ci95_high_kJ_per_mol,runs,r2');
    expect(csv).toMatch(/^Fe2O3,advancedVyazovkin,0\.5,1(19|20)\./m);

    // a changed setting makes the results stale until the next run
    s = await api.kinUpdateRun(id, series.runs[0].key, { startS: 650 });
    expect(s.resultsStale).toBe(true);
    expect(s.series[0].runs[0].usedStartS).toBe(650);
    await expect(api.kinUpdateRun(id, series.runs[0].key, { startS: 700, endS: 600 })).rejects.toThrow(/window must end after it starts/);
  });

  it('uses the runs of the TGA workspace, with their blank and start', async () => {
    const api = makeApi();
    const tga = await api.tgaImportFiles(['F1_5Kmin.csv', 'F1_10Kmin.csv', 'F1_20Kmin.csv', 'blank_10Kmin.csv'].map(noisy));
    const byLabel = new Map(tga.session.runs.map((r) => [r.settings.label, r.id]));
    await api.tgaUpdateRun(byLabel.get('F1_10Kmin') as string, { blankId: byLabel.get('blank_10Kmin') as string });
    let s = await api.kinAddSeries('from TGA');
    const id = s.series[0].id;
    expect(s.tgaRuns.map((r) => r.label)).toEqual(['F1_5Kmin', 'F1_10Kmin', 'F1_20Kmin', 'blank_10Kmin']);
    await expect(api.kinAddTgaRuns(id, [byLabel.get('blank_10Kmin') as string])).rejects.toThrow(/is a blank/);
    s = await api.kinAddTgaRuns(id, ['F1_5Kmin', 'F1_10Kmin', 'F1_20Kmin'].map((l) => byLabel.get(l) as string));
    const runs = s.series[0].runs;
    expect(runs.map((r) => r.ref.kind)).toEqual(['tga', 'tga', 'tga']);
    expect(runs[1].blankLabel).toBe('blank_10Kmin');
    expect(runs[0].blankLabel).toBeNull();
    expect(runs.map((r) => Math.round(r.heatingRateKPerMin as number))).toEqual([5, 10, 20]);
    await api.kinStartAnalysis();
    await waitForJob(api);
    s = await api.kinGetState();
    expect(s.results?.[0].error).toBeNull();
    expect(s.results?.[0].result?.warnings.join(' ')).toMatch(/No blank \(empty-crucible\) correction for F1_5Kmin, F1_20Kmin/);
    // removing the TGA run leaves the kinetics run with a reason, not a crash
    await api.tgaRemoveRun(byLabel.get('F1_20Kmin') as string);
    s = await api.kinGetState();
    expect(s.series[0].runs[2].error).toMatch(/removed from the TGA workspace/);
  });

  it('a series that cannot be computed says what is missing; the others are computed', async () => {
    const api = makeApi();
    let s = await api.kinAddSeries('one run');
    await api.kinImportFiles(s.series[0].id, [noisy('F1_5Kmin.csv')]);
    s = await api.kinAddSeries('empty');
    s = await api.kinAddSeries('good');
    await api.kinImportFiles(s.series[2].id, ['F1_5Kmin.csv', 'F1_10Kmin.csv', 'F1_20Kmin.csv'].map(noisy));
    await api.kinStartAnalysis();
    await waitForJob(api);
    s = await api.kinGetState();
    expect(s.results?.[0].error).toMatch(/at least 2 runs/);
    expect(s.results?.[1].error).toMatch(/has no runs/);
    expect(s.results?.[2].error).toBeNull();
  });

  it('validates its arguments with the contract', async () => {
    const api = makeApi();
    await expect(api.kinSetOptions({ alphaMin: 1.5 } as never)).rejects.toThrow(/kinSetOptions: invalid input/);
    await expect(api.kinAddSeries('')).rejects.toThrow(/the series needs a name/);
    await expect(api.kinUpdateSeries('nope', { name: 'x' })).rejects.toThrow(/no series with id "nope"/);
    const s = await api.kinAddSeries('x');
    await expect(api.kinUpdateSeries(s.series[0].id, { alphaBasis: 'recipe' })).rejects.toThrow(/Set a recipe/);
    await expect(api.kinStartAnalysis()).resolves.toMatchObject({ state: 'running' });
  });

  it('cancel stops a running analysis', async () => {
    const api = makeApi();
    const s = await api.kinAddSeries('Fe2O3');
    await api.kinImportFiles(s.series[0].id, ['F1_2Kmin.csv', 'F1_5Kmin.csv', 'F1_10Kmin.csv', 'F1_20Kmin.csv'].map(noisy));
    await api.kinSetOptions({ alphaMin: 0.02, alphaMax: 0.98, alphaStep: 0.01 });
    await api.kinStartAnalysis();
    const j = await api.kinCancelAnalysis();
    expect(j?.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect((await api.kinGetState()).results).toBeNull();
  });

  it('snapshot() and restore() carry the whole workspace: settings as JSON and the files as imported', async () => {
    const deps = {
      parseTga: parseTgaInProcess,
      runKinetics: inProcessKineticsRunner,
      tgaRuns: () => [],
      pickFiles: async () => [],
      readFile: async () => new Uint8Array(),
      log: () => undefined,
      userError: (m: string) => new Error(m),
      nextTaskId: (() => {
        let n = 1;
        return () => n++;
      })(),
    };
    const a = createKineticsSession(deps);
    const s = await a.kinAddSeries('Fe2O3');
    const id = s.series[0].id;
    await a.kinImportFiles(id, ['F1_5Kmin.csv', 'F1_10Kmin.csv', 'blank_10Kmin.csv'].map(noisy));
    const st = await a.kinGetState();
    await a.kinUpdateRun(id, st.series[0].runs[0].key, { label: '5 K/min', startS: 610 });
    await a.kinSetOptions({ alphaStep: 0.1, predictionC: 420 });
    const snap = a.snapshot();
    // plain JSON state and the raw bytes
    expect(JSON.parse(JSON.stringify(snap.state))).toEqual(snap.state);
    expect(snap.files.map((f) => f.name)).toEqual(['F1_5Kmin.csv', 'F1_10Kmin.csv', 'blank_10Kmin.csv']);
    expect(snap.files[0].bytes).toEqual(noisy('F1_5Kmin.csv').bytes);

    const b = createKineticsSession(deps);
    await b.restore(snap);
    const restored = await b.kinGetState();
    const original = await a.kinGetState();
    expect(restored.series).toEqual(original.series);
    expect(restored.options).toEqual(original.options);
    expect(restored.series[0].runs[0]).toMatchObject({ label: '5 K/min', startS: 610, usedStartS: 610 });
    expect(restored.series[0].runs[1].blankLabel).toBe('blank_10Kmin.csv');
    // ids keep counting from where they were: a new series does not reuse an id
    const more = await b.kinAddSeries('Fe2O3 + NiO');
    expect(new Set(more.series.map((x) => x.id)).size).toBe(2);
    await expect(b.restore({ ...snap, files: [] })).rejects.toThrow(/damaged/);
  });
});
