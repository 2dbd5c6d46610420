/**
 * `reductionlab kinetics` as a user runs it (child process through bin/reductionlab.mjs), on the simulated series
 * of test/fixtures/simulated/kinetics: the JSON shapes of docs/cli.md, --csv, and exit code 1 with a message that
 * says what is missing for bad input.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin/reductionlab.mjs');
const sim = join(repoRoot, 'test/fixtures/simulated/kinetics');
const work = mkdtempSync(join(tmpdir(), 'reductionlab-kinetics-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const f1 = [2, 5, 10, 20].map((b) => join(sim, 'nonisothermal-f1', `F1_${b}Kmin.txt`));
const iso = ['650', '675', '700', '725'].map((c) => join(sim, 'isothermal-a2', `Fe2O3_${c}C.csv`));

describe('reductionlab kinetics', () => {
  it('non-isothermal --json: {mode, runs: [{file, heatingRateKPerMin}], isoconversional: {friedman, kas, …}, kissinger}', async () => {
    const r = await cli('kinetics', ...f1, '--start-s', '0', '--alpha', '0.1:0.9:0.1', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.mode).toBe('nonisothermal');
    expect(j.runs.map((x: { file: string }) => x.file)).toEqual(f1);
    expect(j.runs.map((x: { heatingRateKPerMin: number }) => Math.round(x.heatingRateKPerMin * 1000) / 1000)).toEqual([2, 5, 10, 20]);
    expect(Object.keys(j.isoconversional)).toEqual(['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin']);
    expect(j.isoconversional.friedman).toHaveLength(9);
    for (const m of ['friedman', 'vyazovkin', 'advancedVyazovkin']) {
      for (const p of j.isoconversional[m]) {
        expect(Object.keys(p)).toEqual(expect.arrayContaining(['alpha', 'eKJPerMol', 'ci95KJPerMol']));
        expect(Math.abs(p.eKJPerMol - 120)).toBeLessThan(0.03);
      }
    }
    expect(Math.abs(j.kissinger.eKJPerMol - 120)).toBeLessThan(0.03);
    expect(typeof j.kissinger.ci95KJPerMol).toBe('number');
    expect(j.multiStep.flagged).toBe(false);
  }, 60_000);

  it('isothermal --json: {mode, runs: [{file, temperatureK, avrami: {n, kPerS}, bestModel}], arrhenius, isoconversional.isothermal, bestModel}', async () => {
    const r = await cli('kinetics', ...iso, '--json', '--methods', 'advanced-vyazovkin');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.mode).toBe('isothermal');
    expect(j.runs).toHaveLength(4);
    for (const run of j.runs) {
      expect(run.avrami.n).toBeCloseTo(2, 3);
      expect(run.kPerS ?? run.avrami.kPerS).toBeGreaterThan(0);
      expect(run.bestModel).toBe('A2');
      expect(run.temperatureK).toBeGreaterThan(900);
    }
    expect(j.arrhenius.eKJPerMol).toBeCloseTo(100, 2);
    expect(typeof j.arrhenius.lnAPerS).toBe('number');
    expect(j.bestModel).toBe('A2');
    expect(Object.keys(j.isoconversional)).toEqual(['isothermal', 'advancedVyazovkin']);
    expect(j.isoconversional.isothermal[8].eKJPerMol).toBeCloseTo(100, 2);
  }, 60_000);

  it('text report and --csv', async () => {
    const out = join(work, 'e.csv');
    const r = await cli('kinetics', ...f1, '--start-s', '0', '--methods', 'friedman,kas,kissinger', '--csv', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Kinetics: non-isothermal series of 4 runs/);
    expect(r.stdout).toMatch(/β = 10\.000 K\/min \(fitted to T\(t\)/);
    expect(r.stdout).toMatch(/Kissinger \(ASTM E698\): E = (119\.99|120\.0\d) ±/);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('alpha,friedman_E_kJ_per_mol,friedman_ci95_kJ_per_mol,friedman_ci95_low_kJ_per_mol,friedman_ci95_high_kJ_per_mol,kas_E_kJ_per_mol,kas_ci95_kJ_per_mol,kas_ci95_low_kJ_per_mol,kas_ci95_high_kJ_per_mol');
    expect(csv).toHaveLength(18);
  }, 60_000);

  it('bad input exits 1 and says what is missing', async () => {
    const one = await cli('kinetics', f1[0], '--start-s', '0');
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/kinetics need at least 2 runs at different heating rates .*got 1/);
    const same = await cli('kinetics', f1[1], f1[1], f1[1], '--start-s', '0');
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/heating rates are identical \(5\.00, 5\.00, 5\.00 K\/min/);
    const noT = join(work, 'no-temperature.csv');
    writeFileSync(noT, 'time_s,mass_mg\n' + Array.from({ length: 50 }, (_, i) => `${i},${10 - i * 0.01}`).join('\n') + '\n');
    const missing = await cli('kinetics', noT, f1[0]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-temperature\.csv: the file has no temperature column; kinetics need the sample temperature/);
  }, 60_000);

  it('usage errors exit 2', async () => {
    expect((await cli('kinetics', ...f1, '--methods', 'friedman,magic')).code).toBe(2);
    expect((await cli('kinetics', ...f1, '--alpha', '0.9:0.1:0.05')).code).toBe(2);
    expect((await cli('kinetics', ...f1, '--start-s', '0,1')).code).toBe(2);
    expect((await cli('kinetics')).code).toBe(2);
  }, 60_000);
});
