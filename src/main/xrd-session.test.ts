/**
 * The XRD half of the handlers on the simulated Fe2O3 + NiO sequence (../shared/fixtures/simulated/sxrd-fe2o3_nio-700C,
 * read in place, skipped with a printed reason when absent: 61 pyFAI .xy frames, λ = 0.20735 Å, one every 30 s;
 * truth.json per frame). The analysis runs in-process here (the worker runner is covered by
 * xrd-analysis-runner.test.ts) on the last five frames, so the file stays fast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Api, XrdJobView } from '../shared/api';
import { simulatedStudyCifs } from '../../test/e2e/support/sim-cifs';
import { haveSimulated, simulatedDir } from '../../test/fixtures/xrd/paths';
import { literatureVegardEnds } from '../core/xrd/pipeline';
import { missingShared, sharedFixture } from '../../test/fixtures/shared-fixtures';
import { createHandlers } from './handlers';
import { instrumentRunOptions, parseTemperatureLog, sequenceName } from './xrd-session';

const HAVE = haveSimulated('sxrd-fe2o3_nio-700C') && haveSimulated('sxrd-structures');
const DIR = simulatedDir('sxrd-fe2o3_nio-700C');
const truth = HAVE ? (JSON.parse(readFileSync(resolve(DIR, 'truth.json'), 'utf8')) as { frames: { t_s: number; wt: Record<string, number>; fcc_x_ni: number; a: Record<string, number> }[] }) : null!;
const frameNames = HAVE ? readdirSync(DIR).filter((n) => n.endsWith('.xy')).sort() : [];
const bytes = (name: string) => new Uint8Array(readFileSync(resolve(DIR, name)));
const enc = (text: string) => new TextEncoder().encode(text);

function makeApi(): { api: Api; logs: string[] } {
  const logs: string[] = [];
  const api = createHandlers({
    parseTga: async () => {
      throw new Error('no TGA here');
    },
    readFile: async (path) => new Uint8Array(readFileSync(path)),
    pickFiles: async (kind) => (kind === 'xrd' ? frameNames.slice(0, 3).map((n) => resolve(DIR, n)) : []),
    saveFile: async () => null,
    exampleDir: null,
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  return { api, logs };
}

async function until(api: Api, pred: (j: XrdJobView) => boolean): Promise<XrdJobView> {
  for (;;) {
    const job = await api.xrdGetJob();
    if (job && pred(job)) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!HAVE)('xrd sequence import', () => {
  it('builds the 61-frame sequence, reports a bad frame by name, ignores folder extras', async () => {
    const { api } = makeApi();
    const files = [...frameNames.map((name) => ({ name: `sxrd/${name}`, bytes: bytes(name) })), { name: 'zz_broken.xy', bytes: enc('this is not a pattern\n') }];
    const result = await api.xrdImportFiles(files, { intervalS: 30 });
    const seq = result.state.sequence!;
    expect(seq.frameCount).toBe(61);
    expect(seq.name).toBe('fe2o3_nio_700C');
    expect(seq.fileNames[0]).toBe('fe2o3_nio_700C_00000.xy');
    expect(seq.timeSource).toBe('interval');
    expect(seq.timesS[60]).toBe(truth.frames[60].t_s);
    expect(seq.wavelengthA).toBeCloseTo(0.20735, 8);
    expect(seq.points).toBe(2801);
    expect(seq.twoThetaRangeDeg[0]).toBeCloseTo(2, 6);
    expect(seq.twoThetaRangeDeg[1]).toBeCloseTo(16, 6);
    expect(result.skipped.map((s) => s.fileName)).toEqual(['zz_broken.xy']);
    expect(result.skipped[0].message).toContain('zz_broken.xy');

    // a folder: README.md and truth.json are not frames and are ignored, not skipped
    const folder = readdirSync(DIR).map((name) => ({ name, bytes: bytes(name) }));
    const again = await api.xrdImportFiles(folder, { fromFolder: true });
    expect(again.ignored.sort()).toEqual(['README.md', 'truth.json']);
    expect(again.skipped).toEqual([]);
    expect(again.state.sequence!.frameCount).toBe(61);
    // default interval 2 s
    expect(again.state.sequence!.timesS[60]).toBe(120);
  });

  it('changes interval, offset and wavelength; attaches a temperature log', async () => {
    const { api } = makeApi();
    await api.xrdImportFiles(frameNames.slice(0, 4).map((name) => ({ name, bytes: bytes(name) })), {});
    let s = await api.xrdSetSequenceOptions({ intervalS: 30, offsetS: -60 });
    expect(Array.from(s.sequence!.timesS)).toEqual([-60, -30, 0, 30]);
    s = await api.xrdSetSequenceOptions({ wavelengthA: 0.5 });
    expect(s.sequence!.wavelengthA).toBe(0.5);
    expect(s.sequence!.fileWavelengthA).toBeCloseTo(0.20735, 8);
    s = await api.xrdSetSequenceOptions({ wavelengthA: null });
    expect(s.sequence!.wavelengthA).toBeCloseTo(0.20735, 8);
    s = await api.xrdSetTemperatureLog({ name: 'T.csv', bytes: enc('time_s,T_C\n-60,600\n60,720\n') });
    expect(s.sequence!.temperatureLogName).toBe('T.csv');
    expect(Array.from(s.sequence!.temperatureC!)).toEqual([600, 630, 660, 690]);
    await expect(api.xrdSetSequenceOptions({ intervalS: -1 })).rejects.toThrow('xrdSetSequenceOptions: invalid input (0.intervalS: the frame interval must be > 0 s)');
    await expect(api.xrdSetTemperatureLog({ name: 'bad.csv', bytes: enc('nothing here') })).rejects.toThrow('bad.csv: expected a temperature log');
  });

  it('carries the import report: every frame with its time, points, 2θ range and λ, following the options', async () => {
    const { api } = makeApi();
    const r = await api.xrdImportFiles(frameNames.slice(0, 3).map((name) => ({ name, bytes: bytes(name) })), { intervalS: 30 });
    const report = r.state.sequence!.importReport;
    expect(report).toMatchObject({ format: 'pyfai-xy', frameCount: 3, timeSource: 'interval', skipped: [], warnings: [] });
    expect(report.formats).toEqual([{ id: 'pyfai-xy', label: 'pyFAI / Dioptas integrated pattern (.xy, .dat)', frames: 3 }]);
    expect(report.frames.map((f) => [f.index, f.file, f.timeS, f.points, f.xUnit, f.wavelengthA])).toEqual([
      [0, 'fe2o3_nio_700C_00000.xy', 0, 2801, '2th_deg', 0.20735],
      [1, 'fe2o3_nio_700C_00001.xy', 30, 2801, '2th_deg', 0.20735],
      [2, 'fe2o3_nio_700C_00002.xy', 60, 2801, '2th_deg', 0.20735],
    ]);
    expect([report.frames[0].xMin, report.frames[0].xMax]).toEqual([2, 16]);
    const s = await api.xrdSetSequenceOptions({ offsetS: -30 });
    expect(s.sequence!.importReport.frames.map((f) => f.timeS)).toEqual([-30, 0, 30]);
  });

  it('Electron dialog: xrdOpenFiles reads the picked paths', async () => {
    const { api } = makeApi();
    const r = await api.xrdOpenFiles({ intervalS: 30 });
    expect(r.state.sequence!.frameCount).toBe(3);
  });

  it('fails with a message when no file is a frame', async () => {
    const { api } = makeApi();
    await expect(api.xrdImportFiles([{ name: 'a.xy', bytes: enc('junk\n') }], {})).rejects.toThrow(/No frame could be read: a\.xy/);
    await expect(api.xrdHeatmap({})).rejects.toThrow('No SXRD sequence is loaded');
  });
});

describe.skipIf(!HAVE)('xrd display data', () => {
  it('bins a heatmap in main and cuts frames on demand', async () => {
    const { api } = makeApi();
    await api.xrdImportFiles(frameNames.map((name) => ({ name, bytes: bytes(name) })), { intervalS: 30 });
    const grid = await api.xrdHeatmap({ xBins: 600, tBins: 300, log: true });
    expect(grid.tBins).toBe(61);
    expect(grid.xBins).toBe(600);
    expect(grid.value.length).toBe(61 * 600);
    expect(grid.frames).toBe(61);
    expect(grid.tLoS).toBe(-15);
    expect(grid.tHiS).toBe(1815);
    const q = await api.xrdHeatmap({ axis: 'q_A^-1', xRange: [2, 3], xBins: 50 });
    expect(q.xLo).toBe(2);
    expect(q.xBins).toBe(50);
    const frames = await api.xrdFrames([0, 60], '2th_deg', [5, 6]);
    expect(frames.map((f) => f.index)).toEqual([0, 60]);
    expect(frames[1].timeS).toBe(1800);
    expect(frames[0].x[0]).toBeGreaterThanOrEqual(5);
    expect(frames[0].x[frames[0].x.length - 1]).toBeLessThanOrEqual(6);
    expect(frames[0].x.length).toBe(201);
    await expect(api.xrdFrames([61], '2th_deg', null)).rejects.toThrow('There is no frame 61: the sequence has 61 frames.');
    await expect(api.xrdFrames(Array.from({ length: 201 }, (_, i) => i), '2th_deg', null)).rejects.toThrow('at most 200 frames per call');
  });
});

describe.skipIf(!HAVE)('xrd phases and analysis', () => {
  it('adds phases from CIF files and rejects a bad one', async () => {
    const { api } = makeApi();
    const [spinel] = simulatedStudyCifs();
    const s = await api.xrdAddPhaseCif({ name: spinel.name, bytes: enc(spinel.text) });
    const cif = s.phases.filter((p) => p.source === 'cif');
    expect(cif).toEqual([
      { id: 'cif-magnetite-700c', name: expect.any(String), formula: expect.any(String), spaceGroup: 'Fd-3m:2', source: 'cif', fileName: 'magnetite.cif', structure: expect.any(Object) },
    ]);
    // the structure travels with the phase, so the views can draw its reflections: a spinel, a ≈ 8.48 Å
    expect(cif[0].structure!.id).toBe('cif-magnetite-700c');
    expect(cif[0].structure!.lattice.aA).toBeGreaterThan(8.3);
    expect(cif[0].structure!.lattice.aA).toBeLessThan(8.5);
    expect(cif[0].structure!.symops.length).toBe(192);
    expect(s.phases.find((p) => p.id === 'fcc-FeNi' && p.source === 'library')?.structure).toBeNull();
    await expect(api.xrdAddPhaseCif({ name: 'empty.cif', bytes: enc('data_x\n') })).rejects.toThrow(/^empty\.cif: no data block/);
    const after = await api.xrdRemovePhase('cif-magnetite-700c');
    expect(after.phases.some((p) => p.source === 'cif')).toBe(false);
    await expect(api.xrdRemovePhase('NiO')).rejects.toThrow('NiO is a library phase and cannot be removed.');
  });

  it('runs the analysis with progress, keeps the result, exports CSV; rejects unknown phases', async () => {
    const { api } = makeApi();
    const last = frameNames.slice(56);
    await api.xrdImportFiles(last.map((name) => ({ name, bytes: bytes(name) })), { intervalS: 30, offsetS: 56 * 30 });
    for (const c of simulatedStudyCifs()) await api.xrdAddPhaseCif({ name: c.name, bytes: enc(c.text) });
    await expect(api.xrdStartAnalysis({ phases: ['unobtainium'] })).rejects.toThrow(/unobtainium/);
    await expect(api.xrdResultsCsv()).rejects.toThrow('There are no SXRD results yet');
    expect(await api.xrdFrameFit(0)).toBeNull();
    const started = await api.xrdStartAnalysis({ phases: ['cif-magnetite-700c', 'cif-wustite-700c', 'NiO', 'fcc-FeNi'], detectPhases: ['bcc-Fe'], peaks: ['fcc-FeNi:200'], temperatureC: 700 });
    expect(started.state).toBe('running');
    await expect(api.xrdStartAnalysis({ phases: ['NiO'] })).rejects.toThrow('An analysis is already running');
    const job = await until(api, (j) => j.state !== 'running');
    expect(job.state).toBe('done');
    // 5 frames × 3 steps: refinement, the fcc 200 peak, the presence of bcc-Fe (the frame fits come with the
    // refinement's results; no second chain)
    expect(job.total).toBe(15);
    expect(job.done).toBe(job.total);
    const state = await api.xrdGetState();
    const a = state.analysis!;
    expect(a.frames).toHaveLength(5);
    // a temperature log keeps the result; new times drop it (it no longer describes the sequence)
    expect((await api.xrdSetTemperatureLog({ name: 'T.csv', bytes: enc('0,700\n9999,700\n') })).analysis).not.toBeNull();
    const f = a.frames[4];
    const t = truth.frames[60];
    expect(f.timeS).toBe(t.t_s);
    expect(Math.abs(f.phases['fcc-FeNi'].weightFraction - t.wt.fcc)).toBeLessThan(0.015);
    expect(Math.abs(f.phases.NiO.weightFraction - t.wt.NiO)).toBeLessThan(0.015);
    expect(f.gof!).toBeLessThan(1.5);
    expect(f.phases['fcc-FeNi'].bRefined).toBe(true);
    // obs/calc of a frame: the re-derived fit reports the analysis' own Rwp, on the analysed 2θ range
    const fit = (await api.xrdFrameFit(4))!;
    expect(fit.rwp).toBe(f.rwp);
    expect(fit.calculated).toHaveLength(fit.twoThetaDeg.length);
    expect(fit.twoThetaDeg[0]).toBeGreaterThanOrEqual(a.twoThetaMinDeg);
    expect(fit.twoThetaDeg[fit.twoThetaDeg.length - 1]).toBeLessThanOrEqual(a.twoThetaMaxDeg);
    expect((await api.xrdFrameFit(0))!.rwp).toBe(a.frames[0].rwp);
    expect(await api.xrdFrameFit(5)).toBeNull();
    await expect(api.xrdFrameFit(-1)).rejects.toThrow(/xrdFrameFit: invalid input/);
    const csv = (await api.xrdResultsCsv()).trimEnd().split('\n');
    expect(csv).toHaveLength(6);
    expect(csv[0].split(',')).toContain('fcc-FeNi_weightFraction');
    expect(await api.getTasks()).toEqual([]);
    const retimed = await api.xrdSetSequenceOptions({ intervalS: 60 });
    expect(retimed.analysis).toBeNull();
    expect(await api.xrdFrameFit(4)).toBeNull();
    expect(retimed.job).toBeNull();
  }, 60_000);

  it('cancel stops the chain and keeps the finished frames', async () => {
    const { api } = makeApi();
    await api.xrdImportFiles(frameNames.slice(50).map((name) => ({ name, bytes: bytes(name) })), { intervalS: 30 });
    await api.xrdStartAnalysis({ phases: ['NiO', 'fcc-FeNi'], temperatureC: 700 });
    const tasks = await api.getTasks();
    expect(tasks.map((x) => x.label)).toEqual(['SXRD analysis']);
    await api.xrdCancelAnalysis();
    const job = await until(api, (j) => j.state !== 'running');
    expect(job.state).toBe('cancelled');
    const a = (await api.xrdGetState()).analysis!;
    expect(a.cancelled).toBe(true);
    expect(a.frames.length).toBeLessThan(11);
  }, 60_000);
});

describe('xrd analysis settings: Vegard end members and laboratory instruments', () => {
  // real laboratory files, read in place from ../shared/fixtures/xrd (the tests that need them skip without them)
  const TOPAS = sharedFixture('xrd/topas-P25-anatase-rutile-heating');
  const NIST = sharedFixture('xrd/nist-austenite-ferrite');
  const fileOf = (dir: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(resolve(dir, name))) });

  /** TOPAS wt% by 1-based seqno and lower-case phase (output.txt, as core/xrd/rietveld/topas.test.ts reads it). */
  function topasWeights(): Map<number, Record<string, number>> {
    const [head, ...rows] = readFileSync(resolve(TOPAS, 'output.txt'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));
    const [iSeq, iPhase, iWt] = ['seqno', 'phase', 'wtpct'].map((k) => head.indexOf(k));
    const out = new Map<number, Record<string, number>>();
    for (const c of rows) out.set(Number(c[iSeq]), { ...out.get(Number(c[iSeq])), [c[iPhase].toLowerCase()]: Number(c[iWt]) });
    return out;
  }

  async function analyse(api: Api, options: Parameters<Api['xrdStartAnalysis']>[0]) {
    await api.xrdStartAnalysis(options);
    const job = await until(api, (j) => j.state !== 'running');
    expect(job.message).toBeNull();
    expect(job.state).toBe('done');
    return (await api.xrdGetState()).analysis!;
  }

  it.skipIf(!HAVE)('Vegard end members reach the analysis: x_Ni = (a − a0)/(a1 − a0) on the ends given', async () => {
    const { api } = makeApi();
    await api.xrdImportFiles(frameNames.slice(59).map((name) => ({ name, bytes: bytes(name) })), { intervalS: 30, offsetS: 59 * 30 });
    const base = { phases: ['NiO', 'fcc-FeNi'], peaks: ['fcc-FeNi:200'], temperatureC: 700 };
    const lit = literatureVegardEnds(700);
    const byDefault = await analyse(api, base);
    expect(byDefault.vegardEndsSource).toBe('literature');
    expect(byDefault.settings.vegardEndsA).toEqual(lit);
    expect(byDefault.settings.temperatureC).toBe(700);
    const ends2 = { a0A: 3.7, a1A: 3.55 };
    const edited = await analyse(api, { ...base, vegardEndsA: ends2 });
    expect(edited.vegardEndsSource).toBe('option');
    expect(edited.settings.vegardEndsA).toEqual(ends2);
    expect(edited.phases.find((p) => p.id === 'fcc-FeNi')!.vegard).toEqual(ends2);
    for (const [a, ends] of [[byDefault, lit], [edited, ends2]] as const) {
      for (const f of a.frames) {
        const fcc = f.phases['fcc-FeNi'];
        expect(fcc.xNi!).toBeCloseTo((fcc.aA - ends.a0A) / (ends.a1A - ends.a0A), 6);
        expect(fcc.xNiSigma!).toBeCloseTo(fcc.aSigmaA / Math.abs(ends.a1A - ends.a0A), 6);
        const peak = f.peaks['fcc-FeNi:200'];
        expect(peak.xNi!).toBeCloseTo((peak.aA! - ends.a0A) / (ends.a1A - ends.a0A), 6);
      }
    }
    // the same cell reads as another composition: truth a = 3.6323 Å, x_Ni = 0.349 on the literature law at 700 °C
    // and (3.6323 − 3.70)/(3.55 − 3.70) = 0.451 on these ends
    const aTrue = truth.frames[60].a.fcc;
    expect(Math.abs(byDefault.frames[1].phases['fcc-FeNi'].xNi! - truth.frames[60].fcc_x_ni)).toBeLessThan(0.01);
    expect(Math.abs(edited.frames[1].phases['fcc-FeNi'].aA - aTrue)).toBeLessThan(0.001);
    expect(Math.abs(edited.frames[1].phases['fcc-FeNi'].xNi! - (aTrue - 3.7) / (3.55 - 3.7))).toBeLessThan(0.01);
    await expect(api.xrdStartAnalysis({ ...base, vegardEndsA: { a0A: 3.6, a1A: 3.6 } })).rejects.toThrow('the Vegard end members must differ');
    await expect(api.xrdStartAnalysis({ ...base, vegardEndsA: { a0A: 36.6, a1A: 3.56 } })).rejects.toThrow('lattice parameter in Å');
  }, 60_000);

  it.skipIf(missingShared('xrd/topas-P25-anatase-rutile-heating'))('lab Cu Kα Bragg–Brentano: two TOPAS P25 patterns within 2 wt.% of TOPAS', async () => {
    const { api } = makeApi();
    await api.xrdImportFiles(['degussa_000.xye', 'degussa_001.xye'].map((n) => fileOf(resolve(TOPAS, 'xye-files'), n)), { intervalS: 30 });
    // no wavelength in the files: the tube gives it
    await expect(api.xrdStartAnalysis({ phases: ['anatase', 'rutile'] })).rejects.toThrow('The files do not state the wavelength');
    await expect(api.xrdStartAnalysis({ phases: ['anatase', 'rutile'], radiation: 'XyKa' })).rejects.toThrow(/xrdStartAnalysis: invalid input \(0\.radiation/);
    const a = await analyse(api, { phases: ['anatase', 'rutile'], radiation: 'CuKa', geometry: 'bragg-brentano', backgroundTerms: 10 });
    expect(a.wavelengthA).toBe(1.5405929);
    expect(a.wavelengthSource).toBe('option');
    expect(a.instrument).toMatchObject({ geometry: 'bragg-brentano', profile: 'tch', wavelength2A: 1.5444274, ratio21: 0.5, refineZero: false, refineDisplacement: true, monochromatorTwoThetaDeg: 0 });
    const topas = topasWeights();
    expect(a.frames).toHaveLength(2);
    a.frames.forEach((f, i) => {
      const t = topas.get(i + 1)!;
      expect(Math.abs(100 * f.phases.anatase.weightFraction - t.anatase)).toBeLessThan(2);
      expect(Math.abs(100 * f.phases.rutile.weightFraction - t.rutile)).toBeLessThan(2);
      expect(f.displacementDeg).not.toBeNull();
    });
  }, 60_000);

  it.skipIf(missingShared('xrd/nist-austenite-ferrite'))('GSAS-II .instprm read in main: NIST austenite within 2 wt.% of 11.94 %', async () => {
    const { api } = makeApi();
    await api.xrdImportFiles([fileOf(NIST, 'E211110-AAC-001_013-000_exported.csv')], {});
    const instprm = fileOf(NIST, 'BrukerD8_E211110.instprm');
    await expect(api.xrdStartAnalysis({ phases: ['austenite', 'ferrite'], instprm, radiation: 'CuKa' })).rejects.toThrow('both set the wavelengths');
    await expect(api.xrdStartAnalysis({ phases: ['austenite', 'ferrite'], instprm: { name: 'x/bad.instprm', bytes: enc('Type:PXC\nU:1\n') } })).rejects.toThrow(
      'bad.instprm: instrument parameters: no wavelength (Lam1 or Lam)',
    );
    const a = await analyse(api, { phases: ['austenite', 'ferrite'], instprm, geometry: 'bragg-brentano', monochromatorTwoThetaDeg: 0 });
    expect(a.instrument!.instrumentProfile).not.toBeNull();
    expect(a.instrument!.profile).toBe('tch');
    expect(a.instrument!.refineProfile).toEqual(['size', 'strain']);
    expect(a.instrument!.polarisationK).toBe(0.7);
    expect(a.instrument!.wavelength2A).toBeCloseTo(1.5443, 4);
    expect(Math.abs(100 * a.frames[0].phases.austenite.weightFraction - 11.94)).toBeLessThan(2);
  }, 60_000);

  it('resolves tube and .instprm shorthands as the CLI does (explicit options win)', () => {
    expect(instrumentRunOptions({ phases: ['rutile'], radiation: 'MoKa' })).toEqual({ phases: ['rutile'], wavelengthA: 0.7093171, wavelength2A: 0.7136043, ratio21: 0.5 });
    expect(instrumentRunOptions({ phases: ['rutile'], radiation: 'CoKa1', wavelengthA: 1.79 })).toEqual({ phases: ['rutile'], wavelengthA: 1.79 });
    const text = 'Type:PXC\nLam1:1.5406\nLam2:1.5443\nI(L2)/I(L1):0.5\nPolariz.:0.7\nZero:0.01\nU:2\nV:-1\nW:3\nX:0.5\nY:1.5\n';
    const o = instrumentRunOptions({ phases: ['rutile'], instprm: { name: 'a.instprm', bytes: enc(text) }, polarisationK: 0.5 });
    expect(o.polarisationK).toBe(0.5);
    expect(o.zeroShiftDeg).toBe(0.01);
    expect(o.wavelengthA).toBe(1.5406);
    expect(o.instrumentProfile!.U).toBeCloseTo((8 * Math.LN2 * 2) / 1e4, 12);
    expect(o.instrumentProfile!.Y).toBeCloseTo(0.015, 12);
    expect('instprm' in o).toBe(false);
    // read on the main thread, so a file far larger than any instrument file is refused before parsing
    expect(() => instrumentRunOptions({ phases: ['rutile'], instprm: { name: 'huge.instprm', bytes: new Uint8Array(2 * 1024 * 1024) } })).toThrow(/^huge\.instprm: 2\.0 MB is not a GSAS-II instrument parameter file/);
  });
});

describe('helpers', () => {
  it('names a sequence by its files and reads a temperature log', () => {
    expect(sequenceName(['run_7_00001.xy', 'run_7_00002.xy'])).toBe('run_7');
    expect(sequenceName(['a.xy'])).toBe('a');
    const log = parseTemperatureLog('t.txt', enc('# T log\n0\t25\n10\t35.5\n'));
    expect(Array.from(log.timeS)).toEqual([0, 10]);
    expect(Array.from(log.temperatureC)).toEqual([25, 35.5]);
  });
});
