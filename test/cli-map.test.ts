/** `reductionlab map` on the simulated DAC map: the JSON of docs/cli.md, CSV, missing points, bad input. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMapCommand } from '../src/main/cli-map';

const DIR = resolve(__dirname, 'fixtures/simulated/xrd-map-re');
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as { points: { ix: number; iy: number; pressureGPa: number }[] };
const work = mkdtempSync(join(tmpdir(), 'reductionlab-map-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(args: string[], cwd = DIR): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMapCommand(args, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n'), cwd });
  return { code, stdout, stderr };
}

describe('reductionlab map', () => {
  it('JSON: nx, ny and per point ix, iy, µm, phases {weightFraction, a, c, detected}, pressureGPa; a CSV row per point', async () => {
    const csv = join(work, 'map.csv');
    const r = await run(['points', '--grid', '12x10', '--step-um', '0.5', '--phases', 'Re,Fe3N', '--pressure', 'Re:anzellini2014', '--json', '--csv', csv]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { nx: number; ny: number; points: { ix: number; iy: number; xUm: number; yUm: number; phases: Record<string, { weightFraction: number; a: number; c: number; detected: boolean }>; pressureGPa: number }[] };
    expect([doc.nx, doc.ny, doc.points.length]).toEqual([12, 10, 120]);
    const p = doc.points.find((q) => q.ix === 7 && q.iy === 2)!;
    expect([p.xUm, p.yUm]).toEqual([3.5, 1]);
    expect(Object.keys(p.phases)).toEqual(['Re', 'Fe3N']);
    expect(p.phases.Re).toMatchObject({ detected: true });
    expect(typeof p.phases.Re.c).toBe('number');
    const t = truth.points.find((q) => q.ix === 7 && q.iy === 2)!;
    expect(Math.abs(p.pressureGPa - t.pressureGPa)).toBeLessThan(0.5);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(122);
  });

  it('missing points: exit 1 naming them; --allow-missing analyses the rest', async () => {
    const dir = join(work, 'holes');
    cpSync(join(DIR, 'points'), dir, { recursive: true });
    rmSync(join(dir, 'map_4_5.xy'));
    const refused = await run([dir, '--grid', '12x10', '--phases', 'Re']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: 1 of 120 points have no pattern: \(ix 5, iy 4\) .*--allow-missing/);
    const allowed = await run([dir, '--grid', '12x10', '--phases', 'Re', '--allow-missing', '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    const doc = JSON.parse(allowed.stdout) as { points: unknown[]; missing: unknown[] };
    expect(doc.points).toHaveLength(119);
    expect(doc.missing).toEqual([{ ix: 5, iy: 4 }]);
  });

  it('a multi-frame file with NX×NY, and a map index', async () => {
    const m = await run(['matrix-6x5.csv', '--grid', '6x5', '--phases', 'Re', '--wavelength', '0.3', '--json']);
    expect(m.code, m.stderr).toBe(0);
    expect((JSON.parse(m.stdout) as { points: unknown[] }).points).toHaveLength(30);
    const idx = await run(['index.csv', '--grid', '12x10', '--phases', 'Re', '--json']);
    expect(idx.code, idx.stderr).toBe(0);
    const pt = (JSON.parse(idx.stdout) as { points: { ix: number; iy: number; xUm: number }[] }).points.find((q) => q.ix === 3 && q.iy === 0)!;
    expect(pt.xUm).toBe(1.5);
  });

  it('bad input: unknown scale → 1; bad grid or no phases → 2', async () => {
    const scale = await run(['points', '--grid', '12x10', '--phases', 'Re', '--pressure', 'Re:nope']);
    expect(scale.code).toBe(1);
    expect(scale.stderr).toMatch(/unknown scale "nope" for Re; scales for Re: anzellini2014/);
    expect((await run(['points', '--grid', '12by10', '--phases', 'Re'])).code).toBe(2);
    expect((await run(['points', '--grid', '12x10'])).code).toBe(2);
  });
});
