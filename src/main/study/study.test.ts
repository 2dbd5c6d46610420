/**
 * The study through the Api, as the app uses it: undo and redo of every kind of change (TGA and SXRD), save and open
 * with identical results, a full disk, autosave and recovery, a newer workspace layout, a workspace this version does
 * not know. Real parsers, the bundled example study and the simulated SXRD sequence.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Api, SessionView, XrdJobView, XrdStateView } from '../../shared/api';
import { simulatedStudyCifs } from '../../../test/e2e/support/sim-cifs';
import { missingShared, sharedFixture } from '../../../test/fixtures/shared-fixtures';
import { AtomicWriteError } from '../atomic-write';
import { createHandlers } from '../handlers';
import { parseTgaInProcess } from '../tga-import';
import type { Autosaver } from './autosave';
import { decodeStudy, encodeStudy } from './format';
import { createRecoveryStore } from './recovery';
import type { StudyHost } from './study-api';

const EXAMPLE = resolve(__dirname, '../../../resources/example');
const SIM_TGA = sharedFixture('simulated/tga-700C-isothermal');
const missingSimTga = missingShared('simulated/tga-700C-isothermal');
const SXRD = sharedFixture('simulated/sxrd-fe2o3_nio-700C');
const missingSxrd = missingShared('simulated/sxrd-fe2o3_nio-700C');
const frameNames = missingSxrd ? [] : readdirSync(SXRD).filter((n) => n.endsWith('.xy')).sort();
const bytes = (dir: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
const enc = (text: string) => new TextEncoder().encode(text);

const tmp = mkdtempSync(join(tmpdir(), 'rlab-study-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function makeApi(host?: StudyHost): { api: Api; logs: string[] } {
  const logs: string[] = [];
  const api = createHandlers({
    parseTga: parseTgaInProcess,
    readFile: async (path) => new Uint8Array(readFileSync(path)),
    pickFiles: async () => [],
    saveFile: async () => null,
    exampleDir: EXAMPLE,
    log: (level, message) => logs.push(`${level}: ${message}`),
    studyHost: host,
  });
  return { api, logs };
}

/** What a user sees of the TGA workspace: runs, settings, metrics, reference, speed-ups. */
function tgaView(s: SessionView): string {
  return JSON.stringify({
    study: s.study,
    runs: s.runs.map((r) => ({ id: r.id, colour: r.colorIndex, file: r.fileName, settings: r.settings, metrics: r.analysis?.metrics ?? null, note: r.analysisNote })),
    referenceId: s.referenceId,
    settings: s.settings,
    speedUps: s.speedUps,
  });
}

/** What a user sees of the SXRD workspace. */
function xrdView(s: XrdStateView): string {
  const q = s.sequence;
  return JSON.stringify({
    sequence: q && { name: q.name, frames: q.frameCount, times: Array.from(q.timesS), wavelengthA: q.wavelengthA, log: q.temperatureLogName, t: q.temperatureC ? Array.from(q.temperatureC) : null },
    phases: s.phases.map((p) => p.id),
    analysis: s.analysis && { frames: s.analysis.frames.length, settings: s.analysis.settings, last: s.analysis.frames[s.analysis.frames.length - 1]?.rwp },
  });
}

async function until(api: Api, pred: (j: XrdJobView) => boolean): Promise<void> {
  for (;;) {
    const job = await api.xrdGetJob();
    if (job && pred(job)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Do `change`; undo it (the view is as before), redo it (as after); the Undo label names it. */
async function checkUndo(api: Api, view: () => Promise<string>, change: () => Promise<unknown>, label: RegExp): Promise<void> {
  const before = await view();
  await change();
  const after = await view();
  expect(after, `${label}: the change changed nothing`).not.toBe(before);
  const status = await api.studyStatus();
  expect(status.undoLabel).toMatch(label);
  expect(status.dirty).toBe(true);
  await api.studyUndo();
  expect(await view(), `undo of ${label}`).toBe(before);
  expect((await api.studyStatus()).redoLabel).toMatch(label);
  await api.studyRedo();
  expect(await view(), `redo of ${label}`).toBe(after);
}

describe('undo and redo of every change', () => {
  it.skipIf(!!missingSimTga)('TGA: import, remove, reorder, recipe, start, end, blank, label, role, reference, settings', async () => {
    const { api } = makeApi();
    await api.openExampleStudy();
    const start = tgaView(await api.getSession());
    expect((await api.studyStatus()).dirty).toBe(false);
    expect((await api.studyStatus()).canUndo).toBe(false);
    const view = async () => tgaView(await api.getSession());
    const ids = (await api.getSession()).runs.map((r) => r.id);
    const [fe, ni, nio, blank] = ids;

    await checkUndo(api, view, () => api.tgaImportFiles([bytes(SIM_TGA, 'Fe2O3_NiO.csv')]), /^Import “Fe2O3_NiO\.csv”$/);
    const imported = (await api.getSession()).runs[4].id;
    await checkUndo(api, view, () => api.tgaRemoveRun(imported), /^Remove run “Fe2O3_NiO”$/);
    await checkUndo(api, view, () => api.tgaRemoveRun(ni), /^Remove run “Fe2O3 \+ Ni, Fe-36Ni \(SIMULATED\)”$/);
    await checkUndo(api, view, () => api.tgaReorderRuns([nio, fe, blank]), /^Reorder runs$/);
    await checkUndo(api, view, () => api.tgaUpdateRun(nio, { recipe: { precursors: [{ formula: 'Fe2O3', wtPercent: 60 }, { formula: 'NiO', wtPercent: 40 }] } }), /^Change recipe of/);
    await checkUndo(api, view, () => api.tgaUpdateRun(fe, { startS: 2700 }), /^Change start of “Fe2O3 \(SIMULATED\)”$/);
    await checkUndo(api, view, () => api.tgaUpdateRun(fe, { endS: 3500 }), /^Change end of/);
    await checkUndo(api, view, () => api.tgaUpdateRun(fe, { blankId: null }), /^Change blank of/);
    await checkUndo(api, view, () => api.tgaUpdateRun(fe, { label: 'Hematite' }), /^Change label of “Fe2O3 \(SIMULATED\)”$/);
    await checkUndo(api, view, () => api.tgaSetBlankForAll(blank), /^Set the blank of every run$/);
    await checkUndo(api, view, () => api.tgaSetReference(nio), /^Change the reference run$/);
    await checkUndo(api, view, () => api.tgaSetAnalysisSettings({ alphaTargets: [0.3, 0.6], sgWindowS: 30 }), /^Change the analysis settings$/);
    await checkUndo(api, view, () => api.tgaUpdateRun(nio, { role: 'blank' }), /^Change role of/);

    // a change that changes nothing leaves no entry
    const depth = (await api.studyStatus()).undoLabel;
    await api.tgaSetReference((await api.getSession()).referenceId);
    expect((await api.studyStatus()).undoLabel).toBe(depth);

    // all the way back: the example study as opened, and clean again
    while ((await api.studyStatus()).canUndo) await api.studyUndo();
    expect(await view()).toBe(start);
    expect((await api.studyStatus()).dirty).toBe(false);
    // a new change after undo drops the redo branch
    expect((await api.studyStatus()).canRedo).toBe(true);
    await api.tgaSetReference(nio);
    expect((await api.studyStatus()).canRedo).toBe(false);
  }, 60_000);

  it.skipIf(missingSxrd)('SXRD: open a sequence, times and wavelength, temperature log, CIF phases, analysis options, clear', async () => {
    const { api } = makeApi();
    await api.clearSession();
    const view = async () => xrdView(await api.xrdGetState());
    const frames = frameNames.slice(58).map((n) => bytes(SXRD, n));
    const [spinel] = simulatedStudyCifs();
    await checkUndo(api, view, () => api.xrdImportFiles(frames, { intervalS: 30 }), /^Open an SXRD sequence \(3 files\)$/);
    await checkUndo(api, view, () => api.xrdSetSequenceOptions({ intervalS: 10, offsetS: 5, wavelengthA: 0.2 }), /^Change the sequence’s times or wavelength$/);
    await checkUndo(api, view, () => api.xrdSetTemperatureLog({ name: 'T.csv', bytes: enc('t,T\n0,700\n100,710\n') }), /^Set the temperature log “T\.csv”$/);
    await checkUndo(api, view, () => api.xrdAddPhaseCif({ name: spinel.name, bytes: enc(spinel.text) }), /^Add the phase from/);
    const cifId = (await api.xrdGetState()).phases.find((p) => p.source === 'cif')!.id;
    await checkUndo(api, view, () => api.xrdRemovePhase(cifId), /^Remove the phase/);
    await checkUndo(
      api,
      view,
      async () => {
        await api.xrdStartAnalysis({ phases: ['NiO', 'fcc-FeNi'], debyeWaller: false });
        await until(api, (j) => j.state !== 'running');
      },
      /^Run the SXRD analysis$/,
    );
    await checkUndo(api, view, () => api.xrdClear(), /^Clear the SXRD sequence$/);
  }, 120_000);
});

describe('the high-pressure workspace in the study', () => {
  const EDD = resolve(__dirname, '../../../test/fixtures/simulated/edd');
  const hpView = async (api: Api) => {
    const s = await api.hpGetState();
    return JSON.stringify({ calculator: s.calculator, edd: s.edd, scales: s.scales });
  };
  it('undo/redo of a pressure, an EDD import and its settings; save and open give the same state and P', async () => {
    const folder = join(tmp, 'hp-studies');
    const { api } = makeApi({ saveFolder: folder });
    const view = () => hpView(api);
    await checkUndo(api, view, () => api.hpComputePressure({ calibrant: 'Re', scale: 'anzellini2014', input: 'cell', aA: 2.5606, cA: 4.0588 }), /^Compute a pressure$/);
    await checkUndo(api, view, () => api.hpEddImport([bytes(EDD, 'au_mgo_5.38GPa.mca')]), /^Import the EDD spectrum “au_mgo_5\.38GPa\.mca”$/);
    await checkUndo(api, view, () => api.hpEddSetOptions({ temperatureK: 300, twoThetaDeg: 6.051 }), /^Change the EDD settings$/);
    const before = await view();
    await api.studySaveAs('hp');
    const { api: other } = makeApi({ saveFolder: folder });
    await other.studyOpenRecent(join(folder, 'hp.rlab'));
    expect(await hpView(other)).toBe(before);
    expect((await other.hpGetState()).calculator?.aA).toBe(2.5606);
  }, 120_000);
});

describe('Open reads the file through the host\'s reader (the import workers in both hosts)', () => {
  it('the host\'s decoder reads it; its refusal reaches the user and the open study stays', async () => {
    const folder = join(tmp, 'decoder-studies');
    const { api } = makeApi({ saveFolder: folder });
    await api.openExampleStudy();
    await api.studySaveAs('decoded');
    const calls: string[] = [];
    const { api: other } = makeApi({ saveFolder: folder, decodeStudy: async (b, name) => (calls.push(name), decodeStudy(b, name)) });
    await other.studyOpenRecent(join(folder, 'decoded.rlab'));
    expect(calls).toEqual(['decoded.rlab']);
    expect((await other.getSession()).runs.length).toBe((await api.getSession()).runs.length);
    const { api: refusing } = makeApi({
      saveFolder: folder,
      decodeStudy: async (_b, name) => {
        throw new Error(`${name} is damaged: the database is corrupt. Open an earlier copy or the recovery file.`);
      },
    });
    await refusing.openExampleStudy();
    const before = (await refusing.getSession()).runs.length;
    expect(before).toBeGreaterThan(0);
    await expect(refusing.studyOpenRecent(join(folder, 'decoded.rlab'))).rejects.toThrow('decoded.rlab is damaged: the database is corrupt.');
    expect((await refusing.getSession()).runs.length).toBe(before);
  }, 60_000);
});

describe('the figures in the study', () => {
  const entry = {
    presetId: '183',
    settings: {
      font: 'large' as const,
      x: { '0': { min: 0, max: 30, title: 'time (min)' } },
      y: { '1': { min: 0.2, max: null } },
      labels: { 'Fe2O3 (SIMULATED)': 'Fe₂O₃, no additive' },
      looks: { 'Fe2O3 (SIMULATED)': { dash: 'dashed' as const, marker: 'circle' as const, widthPt: 1.2 } },
    },
  };
  it('undo/redo of a figure’s settings and the composer’s layout; save and open restore them exactly; bad entries are left out', async () => {
    const folder = join(tmp, 'fig-studies');
    const { api } = makeApi({ saveFolder: folder });
    const view = async () => JSON.stringify(await api.figGetState());
    expect(await api.figGetState()).toEqual({ figures: {}, composer: { presetId: '', layout: 'column' } });
    await checkUndo(api, view, () => api.figSetFigure('tga:conversion', entry), /^Change the figure “tga:conversion”$/);
    await checkUndo(api, view, () => api.figSetFigure('xrd:results', { ...entry, presetId: '89' }), /^Change the figure “xrd:results”$/);
    await checkUndo(api, view, () => api.figSetComposer({ presetId: '183', layout: 'row' }), /^Change the figure composer’s width or layout$/);
    await checkUndo(api, view, () => api.figSetFigure('xrd:results', null), /^Reset the figure “xrd:results”$/);
    const before = await api.figGetState();
    expect(before.figures['tga:conversion']).toEqual(entry);
    await api.studySaveAs('figures');
    const { api: other } = makeApi({ saveFolder: folder });
    await other.studyOpenRecent(join(folder, 'figures.rlab'));
    expect(await other.figGetState()).toEqual(before);
    // main validates what it is sent
    await expect(api.figSetFigure('tga:conversion', { ...entry, settings: { ...entry.settings, font: 'huge' as 'large' } })).rejects.toThrow();
    await expect(api.figSetComposer({ presetId: '89', layout: 'diagonal' as 'row' })).rejects.toThrow();
    // New session forgets them
    await api.clearSession();
    expect(await api.figGetState()).toEqual({ figures: {}, composer: { presetId: '', layout: 'column' } });
  }, 120_000);

  it('a study written by hand with a broken figure entry opens with the others', async () => {
    const { validFiguresState } = await import('../figures-session');
    const state = validFiguresState({ figures: { good: entry, bad: { presetId: 3 }, worse: null }, composer: { presetId: '89', layout: 'sideways' } });
    expect(Object.keys(state.figures)).toEqual(['good']);
    expect(state.composer).toEqual({ presetId: '', layout: 'column' });
    expect(validFiguresState(null)).toEqual({ figures: {}, composer: { presetId: '', layout: 'column' } });
  });
});

describe('the Kinetics workspace in the study', () => {
  const KIN = resolve(__dirname, '../../../test/fixtures/simulated/kinetics/nonisothermal-f1');
  const kinView = async (api: Api) => {
    const s = await api.kinGetState();
    return JSON.stringify({ series: s.series.map((x) => ({ name: x.name, runs: x.runs.map((r) => [r.label, r.heatingRateKPerMin]) })), options: s.options, reference: s.referenceSeriesId });
  };
  it('undo/redo of a series, its imported runs and the options; save and open give the same series and E(α)', async () => {
    const folder = join(tmp, 'kin-studies');
    const { api } = makeApi({ saveFolder: folder });
    const view = () => kinView(api);
    await checkUndo(api, view, () => api.kinAddSeries('Fe2O3'), /^Add the series “Fe2O3”$/);
    const id = (await api.kinGetState()).series[0].id;
    const names = readdirSync(KIN).filter((n) => n.endsWith('.txt')).sort();
    await checkUndo(api, view, () => api.kinImportFiles(id, names.map((n) => bytes(KIN, n))), /^Import \d+ files into a series$|^Import “.*” into a series$/);
    await checkUndo(api, view, () => api.kinSetOptions({ alphaStep: 0.1 }), /^Change the kinetics options$/);
    const before = await view();
    await api.studySaveAs('kinetics');
    const { api: other } = makeApi({ saveFolder: folder });
    await other.studyOpenRecent(join(folder, 'kinetics.rlab'));
    expect(await kinView(other)).toBe(before);
  }, 120_000);

  const kinJobDone = async (api: Api) => {
    for (let i = 0; i < 2400; i++) {
      const j = await api.kinGetJob();
      if (j && j.state !== 'running') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the kinetics job did not finish');
  };
  /** What the results say: per series, every method's E(α) and CI, Kissinger, the master-plot model. */
  const kinResults = async (api: Api) => {
    const s = await api.kinGetState();
    return JSON.stringify({ stale: s.resultsStale, results: s.results && s.results.map((r) => ({ name: r.name, iso: r.result?.isoconversional, kissinger: r.result?.kissinger?.eKJPerMol, master: r.result?.masterPlot?.nearestModel })) });
  };

  it('results are stored with the study under the kinetics engine: opening shows them without recomputing; undo brings back the previous results', async () => {
    const folder = join(tmp, 'kin-derived');
    const { api } = makeApi({ saveFolder: folder });
    await api.kinAddSeries('Fe2O3');
    const id = (await api.kinGetState()).series[0].id;
    const names = readdirSync(KIN).filter((n) => n.endsWith('.txt')).sort();
    await api.kinImportFiles(id, names.map((n) => bytes(KIN, n)));
    for (const r of (await api.kinGetState()).series[0].runs) await api.kinUpdateRun(id, r.key, { startS: 0 });
    await api.kinSetOptions({ alphaStep: 0.1 });
    await api.kinStartAnalysis();
    expect((await kinJobDone(api)).state).toBe('done');
    const coarse = await kinResults(api);
    const e05 = (await api.kinGetState()).results?.[0].result?.isoconversional.vyazovkin?.points.find((p) => Math.abs(p.alpha - 0.5) < 1e-9)?.eKJPerMol;
    expect(Math.abs((e05 as number) - 120)).toBeLessThan(0.01);
    expect((await api.studyStatus()).dirty).toBe(true);

    // a finer grid: new results; undo of the option brings the coarse ones back at once (no job), redo the fine ones
    await api.kinSetOptions({ alphaStep: 0.05 });
    expect(JSON.parse(await kinResults(api)).stale).toBe(true);
    await api.kinStartAnalysis();
    await kinJobDone(api);
    const fine = await kinResults(api);
    expect(fine).not.toBe(coarse);
    await api.studyUndo();
    expect(await kinResults(api)).toBe(coarse);
    // no analysis ran for it
    expect(await api.kinGetJob()).toBeNull();
    await api.studyRedo();
    expect(await kinResults(api)).toBe(fine);
    // Run analysis on inputs already analysed returns the results without computing (the job is done at once)
    const again = await api.kinStartAnalysis();
    expect(again.state).toBe('done');
    expect(await kinResults(api)).toBe(fine);

    await api.studySaveAs('kinetics-results');
    const path = join(folder, 'kinetics-results.rlab');
    const file = await decodeStudy(new Uint8Array(readFileSync(path)), 'x');
    const stored = file.derived.filter((d) => d.section === 'kinetics');
    expect(stored.map((d) => [d.key, d.engine])).toEqual([['results', 'kinetics/1']]);

    const { api: other, logs } = makeApi({ saveFolder: folder });
    const opened = await other.studyOpenRecent(path);
    expect(opened.dirty).toBe(false);
    expect(await kinResults(other)).toBe(fine);
    // shown from the file: no analysis ran
    expect(await other.kinGetJob()).toBeNull();
    expect(logs.join('\n')).not.toMatch(/recomputed/);

    // a run's data changed in the file (another file under the same name): the stored results are not shown as its
    const tampered = await decodeStudy(new Uint8Array(readFileSync(path)), 'x');
    const section = tampered.sections.find((s) => s.id === 'kinetics')!;
    section.files[0] = { ...section.files[0], bytes: new Uint8Array(readFileSync(join(KIN, names[1]))) };
    const { api: third } = makeApi();
    await third.studyOpenBytes({ name: 'tampered.rlab', bytes: await encodeStudy(tampered) });
    await kinJobDone(third);
    // recomputed from the data in the file: two runs at 20 K/min now
    const recomputed = (await third.kinGetState()).results?.[0].result?.runs.map((r) => Math.round(r.heatingRateKPerMin as number));
    expect(recomputed?.sort((a, b) => a - b)).toEqual([2, 5, 20, 20]);
    expect(await kinResults(third)).not.toBe(fine);
  }, 240_000);

  it('results of another kinetics engine are recomputed on open', async () => {
    const { api } = makeApi();
    await api.kinAddSeries('Fe2O3');
    const id = (await api.kinGetState()).series[0].id;
    const names = readdirSync(KIN).filter((n) => n.endsWith('.txt')).sort();
    await api.kinImportFiles(id, names.map((n) => bytes(KIN, n)));
    await api.kinSetOptions({ alphaStep: 0.1, methods: ['friedman', 'kas', 'kissinger'] });
    await api.kinStartAnalysis();
    await kinJobDone(api);
    const expected = await kinResults(api);
    const download = await api.studyDownload();
    const decoded = await decodeStudy(download.bytes, download.name);
    decoded.derived = decoded.derived.map((d) => (d.section === 'kinetics' ? { ...d, engine: 'kinetics/0' } : d));
    const { api: other, logs } = makeApi();
    await other.studyOpenBytes({ name: 'older.rlab', bytes: await encodeStudy(decoded) });
    expect((await kinJobDone(other)).state).toBe('done');
    expect(logs.join('\n')).toMatch(/kinetics results of the opened study are being recomputed \(stored by kinetics\/0/);
    expect(await kinResults(other)).toBe(expected);
  }, 240_000);
});

describe('radiography and map results in the study', () => {
  const RAD = resolve(__dirname, '../../../test/fixtures/simulated/radiography-lvp');
  const MAP = resolve(__dirname, '../../../test/fixtures/simulated/xrd-map-re');
  const points = readdirSync(join(MAP, 'points')).map((n) => bytes(join(MAP, 'points'), n));
  /** Analyses run, counted from the session's log ("… analysis finished"): the engine calls. */
  const count = (logs: string[], what: 'radiography' | 'map') => logs.filter((l) => l.includes(`${what} analysis finished`)).length;
  const wait = async (get: () => Promise<{ state: string } | null>) => {
    for (let i = 0; i < 3000; i++) {
      const j = await get();
      if (!j || j.state !== 'running') return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the analysis did not finish');
  };
  const roi = (name: string, x: number) => ({ rois: [{ name, shape: { kind: 'rect' as const, x, y: 10, width: 12, height: 10 }, group: 'reaction' as const }], grid: { cols: 2, rows: 2 }, delta: null });
  const radView = async (api: Api) => {
    const r = (await api.radGetState()).result;
    return r ? JSON.stringify({ rois: r.rois.map((q) => [q.name, Array.from(q.mean)]), frame: Array.from(r.frame.mean), onsets: r.onsets }) : null;
  };
  const mapView = async (api: Api) => {
    const r = (await api.mapGetState()).result;
    return r ? JSON.stringify(r.points.map((p) => p && [p.pressureGPa, p.pressureSigmaGPa, p.phases.Fe3N.detected])) : null;
  };

  it('opening a saved study shows them without analysing again; undo of a ROI change brings back the previous result without measuring', async () => {
    const folder = join(tmp, 'imaging-derived');
    const { api, logs } = makeApi({ saveFolder: folder });
    await api.radImport([bytes(RAD, 'noisy-imagej.tif')]);
    await api.radSetSettings(roi('melt', 10));
    await api.radStart();
    await wait(() => api.radGetJob());
    const first = await radView(api);
    await api.mapImport(points, { nx: 12, ny: 10 });
    await api.mapStart({ phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'anzellini2014' } });
    await wait(() => api.mapGetJob());
    const map = await mapView(api);
    expect([count(logs, 'radiography'), count(logs, 'map')]).toEqual([1, 1]);

    // the ROI moved and measured again; undo brings the first result back without measuring, redo the second
    await api.radSetSettings(roi('melt', 30));
    await api.radStart();
    await wait(() => api.radGetJob());
    const second = await radView(api);
    expect(second).not.toBe(first);
    expect(count(logs, 'radiography')).toBe(2);
    await api.studyUndo(); // the measurement is not a command: this undoes the ROI change
    expect(await radView(api)).toBe(first);
    await api.studyRedo();
    expect(await radView(api)).toBe(second);
    expect([count(logs, 'radiography'), count(logs, 'map')]).toEqual([2, 1]);
    expect(await mapView(api)).toBe(map);

    await api.studySaveAs('imaging-results');
    const path = join(folder, 'imaging-results.rlab');
    const file = await decodeStudy(new Uint8Array(readFileSync(path)), 'x');
    expect(file.derived.filter((d) => d.section === 'imaging').map((d) => [d.key, d.engine]).sort()).toEqual([['map', 'xrdmap/3'], ['radiography', 'radiography/1']]);

    const { api: other, logs: otherLogs } = makeApi({ saveFolder: folder });
    const opened = await other.studyOpenRecent(path);
    expect(opened.dirty).toBe(false);
    expect(await radView(other)).toBe(second);
    expect(await mapView(other)).toBe(map);
    // shown from the file: no analysis ran; a pixel's fit still draws from the stored refinements
    expect([count(otherLogs, 'radiography'), count(otherLogs, 'map')]).toEqual([0, 0]);
    expect((await other.mapPointFit(6, 5))!.calculated.length).toBeGreaterThan(100);

    // stored by another engine: analysed again on open, with the same answer
    const older = await decodeStudy(new Uint8Array(readFileSync(path)), 'x');
    older.derived = older.derived.map((d) => (d.section === 'imaging' ? { ...d, engine: `${d.engine.split('/')[0]}/0` } : d));
    const { api: third, logs: thirdLogs } = makeApi();
    await third.studyOpenBytes({ name: 'older.rlab', bytes: await encodeStudy(older) });
    await wait(() => third.radGetJob());
    await wait(() => third.mapGetJob());
    expect([count(thirdLogs, 'radiography'), count(thirdLogs, 'map')]).toEqual([1, 1]);
    expect(thirdLogs.join('\n')).toMatch(/radiography results of the opened study are measured again/);
    expect(await radView(third)).toBe(second);
    expect(await mapView(third)).toBe(map);
  }, 240_000);
});

describe('undo while an analysis runs', () => {
  it.skipIf(missingSxrd)('is refused with a reason, and works once the analysis is cancelled', async () => {
    let release: (() => void) | null = null;
    const api = createHandlers({
      parseTga: parseTgaInProcess,
      readFile: async (path) => new Uint8Array(readFileSync(path)),
      pickFiles: async () => [],
      saveFile: async () => null,
      exampleDir: null,
      log: () => undefined,
      // an analysis that runs until cancelled
      runXrdAnalysis: (seq) => {
        const stopped = new Promise<void>((ok) => (release = ok));
        return {
          result: stopped.then(() => ({ cancelled: true, frames: [], phases: [], settings: {}, warnings: [] }) as never),
          chain: stopped.then(() => null),
          progress: () => ({ done: 0, total: seq.frames.length }),
          cancel: () => release?.(),
        };
      },
    });
    await api.xrdImportFiles(frameNames.slice(59).map((n) => bytes(SXRD, n)), { intervalS: 30 });
    await api.xrdStartAnalysis({ phases: ['NiO'], debyeWaller: false });
    await expect(api.studyUndo()).rejects.toThrow(/Cannot undo: Wait for the SXRD analysis to finish \(or cancel it\)/);
    await api.xrdCancelAnalysis();
    await until(api, (j) => j.state !== 'running');
    await api.studyUndo();
    expect((await api.studyStatus()).redoLabel).toBe('Run the SXRD analysis');
  });
});

describe('save and open', () => {
  it.skipIf(missingSxrd)('a saved study opens with the same runs, settings, metrics, sequence and SXRD results; the raw files are kept exactly', async () => {
    const folder = join(tmp, 'studies');
    const { api } = makeApi({ saveFolder: folder });
    await api.openExampleStudy();
    const session = await api.getSession();
    await api.tgaUpdateRun(session.runs[1].id, { startS: 2650, endS: 4000 });
    await api.tgaSetAnalysisSettings({ alphaTargets: [0.25, 0.5, 0.9] });
    await api.xrdImportFiles(frameNames.slice(57).map((n) => bytes(SXRD, n)), { intervalS: 30, offsetS: 57 * 30 });
    for (const c of simulatedStudyCifs()) await api.xrdAddPhaseCif({ name: c.name, bytes: enc(c.text) });
    await api.xrdStartAnalysis({ phases: ['NiO', 'fcc-FeNi'], peaks: ['fcc-FeNi:200'], debyeWaller: false, backgroundOrder: 2 });
    await until(api, (j) => j.state === 'done');
    const tga = tgaView(await api.getSession());
    const xrd = xrdView(await api.xrdGetState());
    expect((await api.studyStatus()).name).toMatch(/^Example study/);

    await expect(api.studySave()).rejects.toThrow(/give it a name/);
    const saved = await api.studySaveAs('../Fe2O3 series');
    expect(saved?.path).toBe(join(folder, 'Fe2O3 series.rlab'));
    expect(saved?.dirty).toBe(false);
    expect(saved?.name).toBe('Fe2O3 series');

    const file = await decodeStudy(new Uint8Array(readFileSync(join(folder, 'Fe2O3 series.rlab'))), 'x');
    const tgaFiles = file.sections.find((s) => s.id === 'tga')!.files;
    expect(tgaFiles.map((f) => f.name)).toEqual(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv']);
    for (const f of tgaFiles) expect(Buffer.compare(Buffer.from(f.bytes), readFileSync(join(EXAMPLE, f.name)))).toBe(0);
    expect(file.derived.map((d) => d.key)).toEqual(['analysis']);

    const { api: other, logs } = makeApi({ saveFolder: folder });
    await other.clearSession();
    const recent = await other.studyRecent();
    expect(recent.map((r) => r.name)).toEqual(['Fe2O3 series']);
    const opened = await other.studyOpenRecent(recent[0].path);
    expect(opened.dirty).toBe(false);
    expect(opened.canUndo).toBe(false);
    expect(tgaView(await other.getSession())).toBe(tga);
    expect(xrdView(await other.xrdGetState())).toBe(xrd);
    // the stored results were used, not recomputed
    expect((await other.xrdGetJob())).toBeNull();
    expect(logs.join('\n')).not.toMatch(/recomputed/);
    // a path outside the study folder is not opened
    await expect(other.studyOpenRecent('/etc/passwd')).rejects.toThrow(/passwd is not a study file/);
  }, 120_000);

  it.skipIf(missingSxrd)('results from another analysis engine are recomputed on open', async () => {
    const { api } = makeApi();
    await api.clearSession();
    await api.xrdImportFiles(frameNames.slice(59).map((n) => bytes(SXRD, n)), { intervalS: 30 });
    await api.xrdStartAnalysis({ phases: ['NiO', 'fcc-FeNi'], debyeWaller: false });
    await until(api, (j) => j.state === 'done');
    const expected = xrdView(await api.xrdGetState());
    const download = await api.studyDownload();
    const decoded = await decodeStudy(download.bytes, download.name);
    decoded.derived = decoded.derived.map((d) => ({ ...d, engine: 'sxrd-analysis/0' }));
    const older = await encodeStudy(decoded);
    const { api: other, logs } = makeApi();
    await other.studyOpenBytes({ name: 'older.rlab', bytes: older });
    await until(other, (j) => j.state === 'done');
    expect(logs.join('\n')).toMatch(/recomputed/);
    expect(xrdView(await other.xrdGetState())).toBe(expected);
  }, 120_000);

  it('a full disk: the message says so, the old file is kept and the study stays unsaved', async () => {
    const folder = join(tmp, 'full');
    let full = false;
    const host: StudyHost = {
      saveFolder: folder,
      writeFile: async (path, data) => {
        if (full) throw new AtomicWriteError(`Could not save ${path}: the disk is full. Free some space and save again (the previous version of the file (if any) is unchanged).`, 'ENOSPC');
        const { writeFileAtomic } = await import('../atomic-write');
        return writeFileAtomic(path, data);
      },
    };
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder, { recursive: true });
    const { api } = makeApi(host);
    await api.openExampleStudy();
    await api.studySaveAs('kept');
    const before = readFileSync(join(folder, 'kept.rlab'));
    await api.tgaSetAnalysisSettings({ sgWindowS: 20 });
    full = true;
    await expect(api.studySave()).rejects.toThrow(/the disk is full/);
    expect((await api.studyStatus()).dirty).toBe(true);
    expect(Buffer.compare(readFileSync(join(folder, 'kept.rlab')), before)).toBe(0);
  }, 60_000);

  it('refuses a study whose TGA part comes from a newer layout; keeps a part it does not know', async () => {
    const { api } = makeApi();
    await api.openExampleStudy();
    const download = await api.studyDownload();
    const decoded = await decodeStudy(download.bytes, 'x');
    const newer = { ...decoded, sections: decoded.sections.map((s) => (s.id === 'tga' ? { ...s, version: 99 } : s)) };
    await expect(api.studyOpenBytes({ name: 'newer.rlab', bytes: await encodeStudy(newer) })).rejects.toThrow(/newer\.rlab: its TGA comparison part was saved by a newer version of ReductionLab/);

    // A part written by a later version this one has no workspace for (e.g. a future DSC workspace) survives a round trip.
    const future = { id: 'dsc', version: 3, state: { series: [{ name: 'β = 5 K/min' }] }, files: [{ name: 'k.csv', bytes: enc('T,heatFlow\n') }] };
    const withFuture = { ...decoded, sections: [...decoded.sections.filter((s) => s.id !== 'dsc'), future] };
    const status = await api.studyOpenBytes({ name: 'future.rlab', bytes: await encodeStudy(withFuture) });
    expect(status.notes.join(' ')).toMatch(/“dsc” part .* kept unchanged/);
    const again = await decodeStudy((await api.studyDownload()).bytes, 'y');
    const kept = again.sections.find((s) => s.id === 'dsc')!;
    expect(kept.state).toEqual(future.state);
    expect(kept.files[0].bytes).toEqual(future.files[0].bytes);
  }, 60_000);

  it('refuses a damaged file and keeps the open study', async () => {
    const { api } = makeApi();
    await api.openExampleStudy();
    const before = tgaView(await api.getSession());
    const download = await api.studyDownload();
    await expect(api.studyOpenBytes({ name: 'cut.rlab', bytes: download.bytes.subarray(0, download.bytes.length - 5000) })).rejects.toThrow(/cut\.rlab is damaged: it is cut short/);
    expect(tgaView(await api.getSession())).toBe(before);
  }, 60_000);
});

describe('autosave and recovery', () => {
  it('autosaves after a change, offers the file to the next session, recovers it and removes it after a save', async () => {
    const dir = join(tmp, 'recovery');
    const live = new Set<string>();
    const store = createRecoveryStore(dir, (id) => live.has(id));
    let saver: Autosaver | null = null;
    live.add('window-1');
    const { api } = makeApi({ recovery: { store, id: 'window-1', options: { debounceMs: 10, maxWaitMs: 50 } }, saveFolder: join(tmp, 'rec-studies'), onAutosaver: (a) => (saver = a) });
    await api.openExampleStudy();
    await api.tgaUpdateRun((await api.getSession()).runs[0].id, { label: 'Hematite, recovered' });
    await saver!.flush();
    expect(readdirSync(dir).sort()).toEqual(['window-1.json', 'window-1.rlab']);
    const expected = tgaView(await api.getSession());

    // the session "crashes": a new window finds the file
    live.delete('window-1');
    live.add('window-2');
    const { api: next } = makeApi({ recovery: { store, id: 'window-2', options: { debounceMs: 10, maxWaitMs: 50 } }, saveFolder: join(tmp, 'rec-studies'), onAutosaver: (a) => (saver = a) });
    await next.clearSession();
    const offered = await next.studyRecoveryList();
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({ id: 'window-1', name: expect.stringMatching(/^Example study/), savedPath: null });
    expect(offered[0].size).toBeGreaterThan(100_000);
    const status = await next.studyRecover('window-1');
    expect(status.dirty).toBe(true);
    expect(tgaView(await next.getSession())).toBe(expected);
    expect(readdirSync(dir).sort()).toEqual(['window-2.json', 'window-2.rlab']);
    expect(await next.studyRecoveryList()).toEqual([]);

    // saved: nothing to recover any more
    await next.studySaveAs('recovered');
    await saver!.flush();
    expect(readdirSync(dir)).toEqual([]);
    // discarding changes removes the file too
    await next.tgaSetAnalysisSettings({ sgWindowS: 25 });
    await saver!.flush();
    expect(readdirSync(dir)).toHaveLength(2);
    await next.studyDiscardChanges();
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('writes at least every maxWait while changes keep coming', async () => {
    const dir = join(tmp, 'recovery-busy');
    const store = createRecoveryStore(dir, () => false);
    let saver: Autosaver | null = null;
    const { api } = makeApi({ recovery: { store, id: 'busy', options: { debounceMs: 200, maxWaitMs: 300 } }, onAutosaver: (a) => (saver = a) });
    const opened = await api.openExampleStudy();
    const id = opened.runs[0].id;
    // A label change re-analyses nothing, so a change lands every ~50 ms even on a loaded machine: the 200 ms debounce
    // never fires, and only the 300 ms cap can write. Changes go on until two writes are done (a write is async: on a
    // loaded machine the first one takes a while), within a generous deadline.
    const t0 = Date.now();
    let k = 0;
    while (saver!.writes() < 2 && Date.now() - t0 < 30_000) {
      await api.tgaUpdateRun(id, { label: `run ${k++ % 5}` });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(saver!.writes()).toBeGreaterThanOrEqual(2);
    writeFileSync(join(dir, 'stray.txt'), 'not a recovery file');
    expect((await store.list()).map((r) => r.id)).toEqual(['busy']);
  }, 60_000);
});
