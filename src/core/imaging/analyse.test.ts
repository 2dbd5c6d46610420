/**
 * The radiography analysis against the simulated LVP stacks' truth (scripts/make-radiography-simulation.py, an
 * independent numpy generator): ROI and grid means exact on noise-free data, onsets at the known frames and
 * temperatures, ΔI % across the quench, the temperature log joined by time, cancel.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoiDef } from '../../shared/radiography';
import { memorySource, openStackFromBytes, openTiffStack } from '../formats/image/index';
import { analyseRadiography } from './analyse';
import { parseTemperatureLog } from './temperature-log';

const DIR = resolve(__dirname, '../../../test/fixtures/simulated/radiography-lvp');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
interface Truth {
  rois: RoiDef[];
  pixelCounts: Record<string, number>;
  noisefreeMeans: Record<string, number[]>;
  noisyMeans: Record<string, number[]>;
  grid4x4NoisefreeMeans: number[][][];
  onsets: Record<string, { frame: number; temperatureK: number; timeS: number }>;
  quench: { before: [number, number]; after: [number, number]; deltaPercent: Record<string, number> };
  noiseSdCounts: number;
  stageII: { frame: number; temperatureK: number };
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Truth;
const log = { name: 'temperature.csv', log: parseTemperatureLog('temperature.csv', bytes('temperature.csv')) };

describe('ROI means', () => {
  it('equal the generator’s numpy means exactly on noise-free data: rectangle, ellipse, polygon, whole frame, 4×4 grid', async () => {
    const stack = await openTiffStack(memorySource('noisefree.tif', bytes('noisefree.tif')));
    const r = await analyseRadiography(stack, { rois: truth.rois, grid: { cols: 4, rows: 4 } });
    expect(r.framesDone).toBe(40);
    for (const roi of r.rois) {
      expect(roi.pixelCount).toBe(truth.pixelCounts[roi.name]);
      expect(Array.from(roi.mean)).toEqual(truth.noisefreeMeans[roi.name]);
    }
    expect(Array.from(r.frame.mean)).toEqual(truth.noisefreeMeans.frame);
    const cells = r.grid!.cells;
    expect(cells.map((c) => c.name)).toEqual(Array.from({ length: 16 }, (_, i) => `P${i + 1}`));
    for (const i of [0, 20, 39]) {
      for (let row = 0; row < 4; row++) for (let col = 0; col < 4; col++) expect(cells[row * 4 + col].mean[i]).toBe(truth.grid4x4NoisefreeMeans[i][row][col]);
    }
  });

  it('the flat-field correction of the HDF5 stack recovers the transmitted intensity', async () => {
    const { stack } = await openStackFromBytes([{ name: 'dataexchange.h5', bytes: bytes('dataexchange.h5') }]);
    const r = await analyseRadiography(stack, { rois: truth.rois });
    expect(r.flatField).toBe('dark and flat');
    for (const roi of r.rois) {
      for (const i of [0, 30, 59]) expect(roi.mean[i] * 65535).toBeCloseTo(truth.noisyMeans[roi.name][i], 0);
    }
    const raw = await analyseRadiography(stack, { rois: truth.rois, flatField: false });
    expect(raw.flatField).toBe('none');
    expect(raw.rois[0].mean[0]).toBeGreaterThan(1000);
  });
});

describe('onsets, ΔI and temperature on the noisy ImageJ stack (0.33 s per frame)', async () => {
  const stack = await openTiffStack(memorySource('noisy-imagej.tif', bytes('noisy-imagej.tif')));
  const r = await analyseRadiography(
    stack,
    { rois: truth.rois, grid: { cols: 4, rows: 4 }, onset: { baseline: [0, 29] }, delta: { before: truth.quench.before, after: truth.quench.after } },
    { temperatureLog: log },
  );

  it('uses the ImageJ frame interval and joins the temperature log by time', () => {
    expect(r.stack.timeSource).toBe('interval');
    expect(r.timesS[100]).toBeCloseTo(33, 9);
    expect(r.temperatureK![0]).toBeCloseTo(900, 6);
    expect(r.temperatureK![45]).toBeCloseTo(truth.onsets.reaction.temperatureK, 6);
  });

  // the log as written (every 0.5 s): during the quench it samples the thermocouple too coarsely to give the true
  // temperature between rows, so the expected value is the log's straight line between the rows around the frame
  const rows = readFileSync(join(DIR, 'temperature.csv'), 'utf8').split('\n').filter((l) => /^-?\d/.test(l)).map((l) => l.split(',').map(Number));
  const logAt = (t: number) => {
    const i = rows.findIndex((row) => row[0] > t);
    const [t0, T0] = rows[i - 1];
    const [t1, T1] = rows[i];
    return T0 + ((T1 - T0) * (t - t0)) / (t1 - t0);
  };

  it('finds each region’s onset at the known frame and temperature', () => {
    for (const [name, want] of Object.entries(truth.onsets)) {
      const o = r.onsets.find((x) => x.region === name)!;
      expect(o.frame, name).toBe(want.frame);
      expect(o.temperatureK!, name).toBeCloseTo(logAt(want.timeS), 6);
      if (name !== 'medium') expect(o.temperatureK!, name).toBeCloseTo(want.temperatureK, 6);
      expect(o.timeS!, name).toBeCloseTo(want.timeS, 9);
    }
  });

  it('ΔI % across the quench within 2σ of the generator’s values', () => {
    for (const [name, want] of Object.entries(truth.quench.deltaPercent)) {
      const d = r.delta!.regions.find((x) => x.region === name)!;
      expect(d.sigmaPercent).toBeGreaterThan(0);
      expect(d.sigmaPercent).toBeLessThan(0.1);
      expect(Math.abs(d.percent - want), `${name}: ${d.percent} ± ${d.sigmaPercent} vs ${want}`).toBeLessThan(2 * d.sigmaPercent + 1e-3);
    }
  });

  it('groups average their members pixel-weighted and are normalised to the first frame', () => {
    const reaction = r.groups.find((g) => g.name === 'group:reaction')!;
    expect(reaction.pixelCount).toBe(truth.pixelCounts.reaction + truth.pixelCounts.nitride);
    const want = (r.rois[1].mean[50] * r.rois[1].pixelCount + r.rois[3].mean[50] * r.rois[3].pixelCount) / reaction.pixelCount;
    expect(reaction.mean[50]).toBeCloseTo(want, 9);
    expect(reaction.normalised[0]).toBe(1);
  });
});

describe('cancel', () => {
  it('stops between frames and keeps the frames done', async () => {
    const stack = await openTiffStack(memorySource('noisy-imagej.tif', bytes('noisy-imagej.tif')));
    let seen = 0;
    const r = await analyseRadiography(stack, { rois: truth.rois, delta: { before: [0, 1], after: [2, 3] } }, { onProgress: (d) => (seen = d), shouldCancel: () => seen >= 25 });
    expect(r.cancelled).toBe(true);
    expect(r.framesDone).toBe(25);
    expect(r.rois[0].mean.length).toBe(25);
    expect(Array.from(r.rois[0].mean.slice(0, 3))).toEqual(truth.noisyMeans.medium.slice(0, 3));
  });

  it('refuses a ΔI range past the last frame and duplicate ROI names', async () => {
    const stack = await openTiffStack(memorySource('noisefree.tif', bytes('noisefree.tif')));
    await expect(analyseRadiography(stack, { rois: [], delta: { before: [30, 35], after: [38, 45] } })).rejects.toThrow(/after range 38–45 ends past the last frame \(39\)/);
    await expect(analyseRadiography(stack, { rois: [truth.rois[0], truth.rois[0]] })).rejects.toThrow(/used twice/);
  });
});
