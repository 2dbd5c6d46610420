/**
 * `reductionlab radiography` on the simulated LVP stacks (test/fixtures/simulated/radiography-lvp, made by
 * scripts/make-radiography-simulation.py): the JSON of docs/cli.md, the grid's orientation, ΔI and onsets against
 * truth.json, and the errors a technician can make (exit 1 with a message, exit 2 for usage).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRadiographyCommand } from '../src/main/cli-radiography';

const DIR = resolve(__dirname, 'fixtures/simulated/radiography-lvp');
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as {
  noisefreeMeans: Record<string, number[]>;
  grid4x4NoisefreeMeans: number[][][];
  onsets: Record<string, { frame: number; temperatureK: number; timeS: number }>;
  quench: { before: [number, number]; after: [number, number]; deltaPercent: Record<string, number> };
};
const work = mkdtempSync(join(tmpdir(), 'reductionlab-radiography-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runRadiographyCommand(args, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n'), cwd: DIR });
  return { code, stdout, stderr };
}

interface Doc {
  frames: { index: number; timeS: number; temperatureK: number | null; mean: number; grid: number[][]; rois: Record<string, number> }[];
  onsets: { roi: string; temperatureK: number | null; timeS: number; frame: number }[];
  delta: Record<string, { percent: number; sigmaPercent: number }>;
}

describe('reductionlab radiography', () => {
  it('JSON: frames with index, time, whole-frame mean, grid[row][col] (rows top to bottom) and ROI means, exact on noise-free data', async () => {
    const r = await run(['noisefree.tif', '--interval-s', '0.5', '--grid', '4x4', '--roi', 'medium:2,2,12,10', '--roi', 'reaction:20,14,21,17:ellipse', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.frames).toHaveLength(40);
    const f = doc.frames[21];
    expect(f.index).toBe(21);
    expect(f.timeS).toBeCloseTo(10.5, 12);
    expect(f.temperatureK).toBeNull();
    expect(f.mean).toBe(truth.noisefreeMeans.frame[21]);
    expect(f.rois).toEqual({ medium: truth.noisefreeMeans.medium[21], reaction: truth.noisefreeMeans.reaction[21] });
    expect(f.grid).toEqual(truth.grid4x4NoisefreeMeans[21]);
  });

  it('onsets and ΔI % across the quench on the noisy ImageJ stack with the temperature log', async () => {
    const r = await run([
      'noisy-imagej.tif', '--temperature-log', 'temperature.csv', '--baseline', '0-29',
      '--roi', 'medium:2,2,12,10', '--roi', 'reaction:20,14,21,17:ellipse', '--roi', 'byproduct:polygon:46,30,62,30,54,46', '--roi', 'nitride:26,19,8,6',
      '--delta', `${truth.quench.before.join('-')}:${truth.quench.after.join('-')}`, '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.frames[3].timeS).toBeCloseTo(0.99, 12);
    for (const name of ['reaction', 'byproduct', 'nitride']) {
      const o = doc.onsets.find((x) => x.roi === name)!;
      expect(o.frame).toBe(truth.onsets[name].frame);
      expect(o.temperatureK!).toBeCloseTo(truth.onsets[name].temperatureK, 6);
    }
    for (const [name, want] of Object.entries(truth.quench.deltaPercent)) expect(Math.abs(doc.delta[name].percent - want)).toBeLessThan(2 * doc.delta[name].sigmaPercent + 1e-3);
  });

  it('writes a CSV with one row per frame', async () => {
    const out = join(work, 'r.csv');
    const r = await run(['noisefree.tif', '--roi', 'a:0,0,4,4', '--csv', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
    expect(rows[0]).toBe('frame,time_s,temperature_K,frame_mean,a_mean,frame_I_over_I0,a_I_over_I0');
    expect(rows).toHaveLength(41);
  });

  it('a folder of TIFFs, its README ignored, times from the names', async () => {
    const r = await run(['folder', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc & { inputs: { ignored: string[] } };
    expect(doc.inputs.ignored).toEqual(['README.txt']);
    expect(doc.frames.map((f) => f.timeS)).toEqual(Array.from({ length: 12 }, (_, i) => Number((i * 0.33).toFixed(2))));
  });

  it('an HDF5 stack read where it lies on disk, flat-field corrected, times from /exchange/time', async () => {
    const r = await run(['dataexchange.h5', '--roi', 'medium:2,2,12,10', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc & { flatField: string; noisy?: never };
    expect(doc.flatField).toBe('dark and flat');
    expect(doc.frames).toHaveLength(60);
    expect(doc.frames[10].timeS).toBeCloseTo(3.3, 9);
    const noisy = (JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as { noisyMeans: Record<string, number[]> }).noisyMeans;
    expect(doc.frames[10].rois.medium * 65535).toBeCloseTo(noisy.medium[10], 0);
  });

  it('bad input: mixed frame sizes, a missing stack, a ΔI past the end → exit 1 with a clear message', async () => {
    const mixed = await run(['mixed-sizes']);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/error: mixed-sizes: expected frames of one size and type \(64×48 uint16, like a_000\.tif\), found "60×48 uint16 in a_001\.tif"/);
    const missing = await run(['nope.tif']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.tif: no such file or folder/);
    const late = await run(['noisefree.tif', '--delta', '30-35:38-45']);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/ΔI event: the after range 38–45 ends past the last frame \(39\)/);
  });

  it('usage mistakes → exit 2 with the usage text', async () => {
    for (const args of [['noisefree.tif', '--grid', '4by4'], ['noisefree.tif', '--roi', 'a:1,2,3'], ['noisefree.tif', '--delta', '5-3:7-9'], ['noisefree.tif', '--group', 'melt=P1'], []]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
    }
  });
});
