/**
 * `reductionlab pressure | scales | edd` as a user runs them (node bin/reductionlab.mjs in a child process):
 * the seed numbers of the two papers and the simulated EDD spectra with known answers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin/reductionlab.mjs');
const edd = join(repoRoot, 'test/fixtures/simulated/edd');
const truth = JSON.parse(readFileSync(join(edd, 'truth.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'reductionlab-hp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('reductionlab pressure', () => {
  it.each([
    ['2.5606', '4.0588', 149],
    ['2.5577', '4.1095', 140],
    ['2.2803', '3.622', 730],
  ])('Re a = %s, c = %s → %i GPa (--json)', async (a, c, p) => {
    const r = await cli('pressure', '--calibrant', 'Re', '--scale', 'anzellini2014', '--a', a, '--c', c, '--sigma-a', '0.0005', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.pressureGPa).toBeCloseTo(p, 0);
    expect(j.sigmaGPa).toBeGreaterThan(0);
    expect(j).toMatchObject({ calibrant: 'Re', scale: 'anzellini2014' });
    expect(j.citation).toMatch(/Anzellini/);
    expect(j.vOverV0).toBeCloseTo(j.volumeA3 / 29.4666, 12);
  });
  it('warns (stderr and JSON) beyond the calibrated range, and takes a volume or V/V0', async () => {
    const r = await cli('pressure', '--calibrant', 'Re', '--scale', 'anzellini2014', '--volume', '15.2175', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings[0]).toMatch(/beyond the 144 GPa/);
    expect(r.stderr).toMatch(/warning: .*extrapolation/);
    const v = JSON.parse((await cli('pressure', '--calibrant', 'Au', '--scale', 'fei2007', '--v-over-v0', '0.9', '--temperature-k', '1000', '--json')).stdout);
    expect(v.scale).toBe('fei2007-vinet');
    expect(v.pressureGPa).toBeCloseTo(29.276, 2);
  });
  it('prints a readable line with the citation', async () => {
    const r = await cli('pressure', '--calibrant', 'Au', '--scale', 'tsuchiya2003', '--a', '4.037428');
    expect(r.stdout).toMatch(/P = 5\.380 ± 0\.000 GPa at 300 K/);
    expect(r.stdout).toMatch(/Tsuchiya/);
  });
  it('an unknown scale or a bad number: exit 1 and a clear message; missing input: exit 2', async () => {
    let r = await cli('pressure', '--calibrant', 'Au', '--scale', 'nonesuch', '--a', '4.05');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown scale "nonesuch" for Au; scales for Au: fei2007-vinet = fei2007/);
    r = await cli('pressure', '--calibrant', 'Au', '--scale', 'fei2007', '--a', '4.0x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--a 4\.0x: not a lattice parameter in Å/);
    r = await cli('pressure', '--calibrant', 'Re', '--scale', 'anzellini2014', '--a', '2.5', '--c', '4.05', '--temperature-k', '2000');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/isotherm without a thermal model/);
    r = await cli('pressure', '--calibrant', 'Re', '--scale', 'anzellini2014');
    expect(r.code).toBe(2);
  });
  it('--scale-file adds a user scale; a bad one is refused with the field', async () => {
    const file = join(work, 'mine.json');
    writeFileSync(file, JSON.stringify({
      id: 'lab2025', calibrant: 'Au', name: 'Lab Au — Vinet, no thermal model', citation: 'our notebook',
      structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85,
      eos: { kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 167, k0Prime: 6 }, thermal: { model: 'none', referenceTemperatureK: 300 } },
    }));
    const r = await cli('pressure', '--calibrant', 'Au', '--scale', 'lab2025', '--scale-file', file, '--v-over-v0', '0.9', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pressureGPa).toBeCloseTo(24.027, 2);
    writeFileSync(file, JSON.stringify({ id: 'Bad Id', calibrant: 'Au' }));
    const bad = await cli('scales', '--scale-file', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/mine\.json "Bad Id": id: .*; name: /);
  });
});

describe('reductionlab scales', () => {
  it('lists every calibrant with citations and thermal models', async () => {
    const j = JSON.parse((await cli('scales', '--json')).stdout);
    expect(j.calibrants).toEqual(['Au', 'Pt', 'MgO', 'Re', 'NaCl-B1', 'NaCl-B2', 'Cu', 'W', 'Mo']);
    expect(j.scales).toHaveLength(19);
    const text = (await cli('scales', '--calibrant', 'MgO')).stdout;
    expect(text).toMatch(/speziale2001/);
    expect(text).toMatch(/Speziale q\(V\)/);
  });
});

describe('reductionlab edd (simulated spectra with known answers)', () => {
  it('--calibrate on Au at 1 bar: 2θ = 6.051° from 111 and 200', async () => {
    const r = await cli('edd', join(edd, 'au_ambient_calibration.mca'), '--calibrate', '--calibrant', 'Au', '--a0', String(truth.files['au_ambient_calibration.mca'].aA), '--hkl', '111,200', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.twoThetaDeg).toBeCloseTo(6.051, 3);
    expect(j.peaks.map((p: { hkl: string }) => p.hkl)).toEqual(['111', '200']);
  });
  it('Au at 5.38 GPa by Tsuchiya: {peaks: [{hkl, energyKeV, dA}], latticeA, pressureGPa, sigmaGPa}', async () => {
    const r = await cli('edd', join(edd, 'au_mgo_5.38GPa.mca'), '--two-theta', '6.051', '--calibrant', 'Au', '--scale', 'tsuchiya2003', '--temperature-k', '300', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.peaks[0]).toMatchObject({ hkl: '111' });
    expect(j.peaks[0].energyKeV).toBeCloseTo(50.387, 2);
    expect(j.peaks[0].dA).toBeCloseTo(truth.files['au_mgo_5.38GPa.mca'].aA / Math.sqrt(3), 4);
    expect(j.latticeA).toBeCloseTo(truth.files['au_mgo_5.38GPa.mca'].aA, 4);
    expect(Math.abs(j.pressureGPa - 5.38)).toBeLessThan(3 * j.sigmaGPa + 0.005);
    expect(j.notFound.find((p: { hkl: string }) => p.hkl === '200').note).toMatch(/W Kα2/);
  });
  it('a sequence with a thermocouple log → P(t), JSON and CSV', async () => {
    const log = join(work, 'tc.csv');
    writeFileSync(log, 'time_s,temperature_K\n' + truth.sequence.frames.map((f: { timeS: number; temperatureK: number }) => `${f.timeS},${f.temperatureK}`).join('\n') + '\n');
    const files = truth.sequence.frames.map((f: { file: string }) => join(edd, f.file));
    const csv = join(work, 'p.csv');
    const r = await cli('edd', ...files, '--two-theta', '6.051', '--calibrant', 'Au', '--scale', 'fei2007', '--temperature-log', log, '--json', '--csv', csv);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    j.frames.forEach((f: { timeS: number; temperatureK: number; pressureGPa: number; sigmaGPa: number }, i: number) => {
      const t = truth.sequence.frames[i];
      expect(f.timeS).toBe(t.timeS);
      expect(f.temperatureK).toBe(t.temperatureK);
      expect(Math.abs(f.pressureGPa - t.pressureGPa)).toBeLessThan(3 * f.sigmaGPa + 0.005);
    });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,label,time_s,temperature_K,a_A,sigma_a_A,volume_A3,pressure_GPa,sigma_GPa,reflections_used,error');
    expect(lines).toHaveLength(7);
  });
  it('hcp Re from a SPEC file gives a and c', async () => {
    const j = JSON.parse((await cli('edd', join(edd, 're_gasket.spec'), '--two-theta', '10', '--calibrant', 'Re', '--scale', 'anzellini2014', '--json')).stdout);
    expect(j.frames).toHaveLength(2);
    expect(j.frames[0].latticeCA).toBeCloseTo(4.0588, 2);
    expect(j.frames[1].pressureGPa).toBeCloseTo(139.9, 0);
  });
  it('no 2θ → exit 2; a channel-only file without calibration says so', async () => {
    expect((await cli('edd', join(edd, 'au_mgo_5.38GPa.mca'), '--calibrant', 'Au', '--scale', 'fei2007')).code).toBe(2);
    const chan = join(work, 'chan.txt');
    writeFileSync(chan, 'Channel Counts\n' + Array.from({ length: 64 }, (_, i) => `${i} ${100 + (i % 7)}`).join('\n'));
    const r = await cli('edd', chan, '--two-theta', '6', '--calibrant', 'Au', '--scale', 'fei2007');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/energy calibration/);
  });
});
