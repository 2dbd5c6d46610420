/** The imaging session: import, settings, jobs, exports, and the persistence contract (snapshot → restore gives the same results). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImagingSession, displayFrame, type ImagingSession } from './imaging-session';

const RAD = resolve(__dirname, '../../test/fixtures/simulated/radiography-lvp');
const MAP = resolve(__dirname, '../../test/fixtures/simulated/xrd-map-re');
const file = (dir: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });

function session(): ImagingSession {
  let id = 1;
  return createImagingSession({ userError: (m) => new Error(m), nextTaskId: () => id++, log: () => undefined, pickStackPaths: async () => [], workerUrl: null });
}

async function settle(s: ImagingSession, which: 'rad' | 'map'): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const job = which === 'rad' ? await s.radGetJob() : await s.mapGetJob();
    if (job && job.state !== 'running') {
      if (job.state === 'failed') throw new Error(job.message ?? 'failed');
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('job did not finish');
}

describe('radiography in the session', () => {
  it('imports a stack, analyses it as a job, exports CSV; snapshot → restore gives the same result', async () => {
    const s = session();
    const st = await s.radImport([file(RAD, 'noisy-imagej.tif')]);
    expect(st.stack).toMatchObject({ frameCount: 160, width: 64, height: 48, onDisk: false });
    await s.radSetTemperatureLog(file(RAD, 'temperature.csv'));
    await s.radSetSettings({ rois: [{ name: 'reaction', shape: { kind: 'ellipse', x: 20, y: 14, width: 21, height: 17 }, group: 'reaction' }], grid: { cols: 4, rows: 4 }, onset: { baseline: [0, 29] }, delta: { before: [135, 139], after: [145, 149] } });
    await s.radStart();
    await settle(s, 'rad');
    const r = (await s.radGetState()).result!;
    expect(r.onsets.find((o) => o.region === 'reaction')!.frame).toBe(45);
    expect((await s.radResultsCsv()).split('\n').length).toBeGreaterThan(160);
    const snap = s.snapshot();
    expect(snap.files.map((f) => f.name)).toEqual(['stack/noisy-imagej.tif', 'tlog/temperature.csv']);
    expect(JSON.parse(JSON.stringify(snap.state))).toEqual(snap.state);
    const t = session();
    await t.restore(snap);
    const again = (await t.radGetState()).result!;
    expect(Array.from(again.rois[0].mean)).toEqual(Array.from(r.rois[0].mean));
    expect(again.delta).toEqual(r.delta);
  });

  it('refuses settings that do not fit the stack, and frames that do not exist', async () => {
    const s = session();
    await s.radImport([file(RAD, 'noisefree.tif')]);
    await expect(s.radSetSettings({ rois: [], delta: { before: [0, 1], after: [50, 60] } })).rejects.toThrow(/ends past the last frame \(39\)/);
    await expect(s.radFrame(40, 512)).rejects.toThrow(/There is no frame 40/);
    const f = await s.radFrame(3, 32);
    expect([f.width, f.height, f.binning]).toEqual([32, 24, 2]);
  });

  it('displayFrame block-averages and reports percentiles', () => {
    const px = Float64Array.from({ length: 16 }, (_, i) => i);
    const v = displayFrame(0, px, 4, 4, 2);
    expect(Array.from(v.pixels)).toEqual([2.5, 4.5, 10.5, 12.5]);
    expect([v.min, v.max]).toEqual([2.5, 12.5]);
  });
});

describe('maps in the session', () => {
  const points = readdirSync(join(MAP, 'points')).map((n) => file(join(MAP, 'points'), n));

  it('imports one file per point, refuses missing points unless allowed, analyses, draws a point’s fit, restores', async () => {
    const s = session();
    const st = await s.mapImport(points.filter((p) => p.name !== 'map_2_3.xy'), { nx: 12, ny: 10 });
    expect(st.layout).toMatchObject({ nx: 12, ny: 10, points: 119, missing: [{ ix: 3, iy: 2 }] });
    await expect(s.mapStart({ phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'anzellini2014' } })).rejects.toThrow(/1 of 120 points have no pattern: \(ix 3, iy 2\)/);
    await s.mapStart({ phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'anzellini2014' }, allowMissing: true });
    await settle(s, 'map');
    const r = (await s.mapGetState()).result!;
    expect(r.points[2 * 12 + 3]).toBeNull();
    expect(r.points[0]!.pressureGPa).toBeGreaterThan(10);
    const fit = (await s.mapPointFit(6, 5))!;
    expect(fit.rwp).toBeCloseTo(r.points[5 * 12 + 6]!.rwp!, 9);
    expect(fit.phases.map((p) => p.id)).toEqual(['Re', 'Fe3N']);
    expect(await s.mapPointFit(3, 2)).toBeNull();
    const t = session();
    await t.restore(s.snapshot());
    expect((await t.mapGetState()).result!.points[0]!.pressureGPa).toBe(r.points[0]!.pressureGPa);
  });
});
