/**
 * `reductionlab xrd` on the simulated in situ studies (../shared/fixtures/simulated/sxrd-*, truth.json per frame; read
 * in place, skipped with a printed reason when absent) and on laboratory data. Cases call runXrdCommand in-process
 * with captured output. The studies are refined with the library's phases at the run temperature, as a user would;
 * the simulation's own structures (CIF files beside the studies) are passed with --cif as a user passes theirs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingShared, sharedFixture } from './fixtures/shared-fixtures';
import { runXrdCommand } from '../src/main/cli-xrd';
import { haveSimulated, simulatedDir } from './fixtures/xrd/paths';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'reductionlab-xrd-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const haveNio = haveSimulated('sxrd-fe2o3_nio-700C');
const haveFe = haveSimulated('sxrd-fe2o3-700C');
const studyDir = simulatedDir;

interface Truth {
  frames: { t_s: number; wt: Record<string, number>; a: Record<string, number>; fcc_x_ni?: number }[];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function xrd(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runXrdCommand(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: repoRoot });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe.skipIf(!haveNio)('reductionlab xrd on the simulated Fe2O3 + NiO study (library phases at 700 °C)', () => {
  const dir = studyDir('sxrd-fe2o3_nio-700C');
  const truth = haveNio ? (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth) : null!;
  let run: Run;
  const csvPath = join(work, 'nio.csv');
  beforeAll(async () => {
    run = await xrd(
      dir, '--phases', 'magnetite,wustite,NiO,fcc-FeNi', '--detect', 'bcc-Fe', '--peaks', 'fcc-FeNi:200', '--interval', '30', '--temperature', '700',
      '--json', '--csv', csvPath,
    );
  }, 300_000);

  it('exits 0 with JSON on stdout and the CSV note on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`CSV written to ${csvPath} (61 rows)`);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('--json: 61 frames on the 30 s axis; |Δw| ≤ 0.006, fcc a within 0.0003 Å, x_Ni within 0.004, GoF ≤ 1.15 (targets 0.015, 0.001 Å, 0.01, 1.5)', () => {
    const j = JSON.parse(run.stdout);
    expect(j.inputs.files).toBe(61);
    expect(j.inputs.ignored.sort()).toEqual(['README.md', 'truth.json']);
    expect(j.wavelengthA).toBeCloseTo(0.20735, 8);
    expect(j.frames).toHaveLength(61);
    expect(j.settings.temperatureC).toBe(700);
    const keys: Record<string, string> = { magnetite: 'Fe3O4', wustite: 'FeO', NiO: 'NiO', 'fcc-FeNi': 'fcc' };
    let dw = 0;
    let da = 0;
    let dx = 0;
    let gof = 0;
    j.frames.forEach((f: { index: number; timeS: number; gof: number; phases: Record<string, { weightFraction: number; a: number; aA: number; xNi?: number }> }, i: number) => {
      expect(f.index).toBe(i);
      expect(f.timeS).toBe(truth.frames[i].t_s);
      for (const [id, key] of Object.entries(keys)) dw = Math.max(dw, Math.abs(f.phases[id].weightFraction - truth.frames[i].wt[key]));
      expect(f.phases['fcc-FeNi'].a).toBe(f.phases['fcc-FeNi'].aA);
      da = Math.max(da, Math.abs(f.phases['fcc-FeNi'].a - truth.frames[i].a.fcc));
      dx = Math.max(dx, Math.abs((f.phases['fcc-FeNi'].xNi as number) - (truth.frames[i].fcc_x_ni as number)));
      gof = Math.max(gof, f.gof);
    });
    console.log(`xrd --json, Fe2O3+NiO, library phases at 700 °C: max |Δw| ${dw.toFixed(4)}, max |Δa(fcc)| ${da.toFixed(5)} Å, max |ΔxNi| ${dx.toFixed(4)}, max GoF ${gof.toFixed(2)}`);
    // the same numbers as the in-process pipeline (61 frames are one chain): 0.0046, 0.00015 Å, 0.0027, 1.09
    expect(dw).toBeLessThanOrEqual(0.006);
    expect(da).toBeLessThan(0.0003);
    expect(dx).toBeLessThan(0.004);
    expect(gof).toBeLessThanOrEqual(1.15);
  });

  it('--json detection: NiO from t = 0, bcc Fe not detected, with its limit', () => {
    const j = JSON.parse(run.stdout);
    expect(j.detection.NiO).toMatchObject({ detected: true, firstTimeS: 0 });
    expect(j.detection['bcc-Fe'].detected).toBe(false);
    expect(j.detection['bcc-Fe'].firstTimeS).toBeNull();
    expect(j.detection['bcc-Fe'].limit).toBeGreaterThan(0);
    expect(j.frames[30].peaks['fcc-FeNi:200'].present).toBe(true);
  });

  it('--csv: one row per frame with fractions, cells, B, size, strain, each with its σ, and the peak columns', () => {
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(62);
    const header = lines[0].split(',');
    for (const c of ['index', 'timeS', 'rwp', 'rexp', 'chi2', 'zeroShiftSigmaDeg', 'NiO_weightFraction', 'NiO_weightFractionSigma', 'fcc-FeNi_aA', 'fcc-FeNi_aSigmaA',
      'fcc-FeNi_xNiSystematicSigma', 'fcc-FeNi_bIsoA2', 'fcc-FeNi_bIsoSigmaA2', 'fcc-FeNi_sizeNm', 'fcc-FeNi_sizeSigmaNm', 'fcc-FeNi_microstrainSigma',
      'fcc-FeNi:200_areaCountsDeg', 'fcc-FeNi:200_areaSigmaCountsDeg', 'NiO_dropped', 'fcc-FeNi:200_present', 'bcc-Fe_present']) {
      expect(header).toContain(c);
    }
    const first = lines[1].split(',');
    expect(first[header.indexOf('index')]).toBe('0');
    expect(Math.abs(Number(first[header.indexOf('NiO_weightFraction')]) - truth.frames[0].wt.NiO)).toBeLessThan(0.015);
    expect(first[header.indexOf('bcc-Fe_present')]).toBe('0');
    const last = lines[61].split(',');
    expect(Number(last[header.indexOf('fcc-FeNi_bIsoSigmaA2')])).toBeGreaterThan(0);
  });

  it('the text summary names the temperature, the Vegard end members and B', async () => {
    const six = join(work, 'every6');
    mkdirSync(six, { recursive: true });
    for (let i = 0; i <= 60; i += 6) writeFileSync(join(six, `f_${String(i).padStart(5, '0')}.xy`), readFileSync(join(dir, `fe2o3_nio_700C_${String(i).padStart(5, '0')}.xy`)));
    const r = await xrd(six, '--phases', 'magnetite,wustite,NiO,fcc-FeNi', '--interval', '180', '--temperature', '700');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Temperature: 700 °C \(given\); B refined per phase while ≥ 10 wt%/);
    expect(r.stdout).toMatch(/Vegard \(fcc-FeNi\): .* the literature law \(Ni and Invar at room temperature\) at 700 °C/);
    expect(r.stdout).toMatch(/Fit quality: fit good/);
  });
});

describe('reductionlab xrd: summary, peaks-only mode and errors', () => {
  it.skipIf(!haveFe)('prints the summary table and presence lines without --json (Fe2O3, --no-refine)', async () => {
    const r = await xrd(studyDir('sxrd-fe2o3-700C'), '--no-refine', '--detect', 'magnetite,wustite,bcc-Fe', '--peaks', 'bcc-Fe:110', '--interval', '30');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('61 frames from ' + studyDir('sxrd-fe2o3-700C') + ' (61 files, 2 other files ignored)');
    expect(lines[1]).toMatch(/^λ = 0\.20735 Å \(from the files\); t = 0–1800 s/);
    expect(r.stdout).toMatch(/t \(s\)\s+bcc-Fe:110 area\s+bcc-Fe:110 2θ°/);
    expect(r.stdout).not.toContain('Rwp');
    expect(r.stdout).toMatch(/\n\s+1800\s+\d+\.\d\s+5\.8\d{3}\n/);
    expect(r.stdout).toMatch(/bcc-Fe\s+detected from t = (30|60|90|120) s/);
    expect(r.stdout).toMatch(/magnetite\s+detected from t = 0 s/);
  });

  it('reads a multi-frame HDF5 container with its own frame times', async () => {
    // the readers' generated NeXus stack: the first 5 frames of the simulated Fe2O3 study, t = 0…120 s
    const h5 = join(repoRoot, 'test/fixtures/xrd/generated/sxrd-fe2o3-700C_5frames.h5');
    const r = await xrd(h5, '--phases', 'magnetite,wustite,bcc-Fe', '--temperature', '700', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.timeSource).toBe('metadata');
    expect(j.wavelengthA).toBeCloseTo(0.20735, 8);
    expect(j.frames.map((f: { timeS: number }) => f.timeS)).toEqual([0, 30, 60, 90, 120]);
    expect(j.frames[4].phases.wustite.weightFraction).toBeGreaterThan(j.frames[0].phases.wustite.weightFraction);
  });

  it.skipIf(!haveFe)('takes --wavelength when the files state none, and fails without it', async () => {
    const dir = join(work, 'nolambda');
    mkdirSync(dir, { recursive: true });
    const src = studyDir('sxrd-fe2o3-700C');
    for (const i of [0, 1, 2]) {
      const rows = readFileSync(join(src, `fe2o3_700C_0000${i}.xy`), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
      writeFileSync(join(dir, `frame_${i}.xy`), rows.join('\n') + '\n');
    }
    const without = await xrd(dir, '--phases', 'magnetite');
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/no wavelength.*--wavelength/);
    const withIt = await xrd(
      dir, '--phases', 'magnetite,wustite', '--wavelength', '0.20735', '--interval', '30', '--offset-s', '-60', '--two-theta-min', '3',
      '--two-theta-max', '12.5', '--temperature', '700', '--json',
    );
    expect(withIt.code).toBe(0);
    const j = JSON.parse(withIt.stdout);
    expect(j.wavelengthSource).toBe('option');
    expect(j.frames.map((f: { timeS: number }) => f.timeS)).toEqual([-60, -30, 0]);
    expect([j.twoThetaMinDeg, j.twoThetaMaxDeg]).toEqual([3, 12.5]);
    expect(j.frames[0].phases.magnetite.weightFraction).toBeGreaterThan(0.85);
  });

  it.skipIf(!haveFe)('usage errors exit 2, analysis errors exit 1 with the reason', async () => {
    const dir = studyDir('sxrd-fe2o3-700C');
    const noPhases = await xrd(dir, '--vegard', 'rt');
    expect(noPhases.code).toBe(2);
    expect(noPhases.stderr).toMatch(/--phases .*magnetite.*fcc-FeNi/);
    expect((await xrd()).code).toBe(2);
    expect((await xrd(dir, '--phases', 'magnetite', '--drop-below', 'lots')).code).toBe(2);
    expect((await xrd(dir, '--phases', 'magnetite', '--bogus')).code).toBe(2);
    expect((await xrd(dir, '--phases', 'magnetite', '--temperature', 'hot')).code).toBe(2);
    expect((await xrd(dir, '--phases', 'magnetite', '--instrument-profile', '1,2,3')).code).toBe(2);
    const unknown = await xrd(join(dir, 'fe2o3_700C_00000.xy'), '--phases', 'kryptonite');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown phase 'kryptonite'; library phases: hematite, magnetite/);
    const missing = await xrd(join(work, 'nowhere'), '--phases', 'magnetite');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere: no such file or folder/);
    const help = await xrd('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\n {2}reductionlab xrd PATH/);
  });
});

describe.skipIf(!haveNio)('reductionlab xrd: the lead\'s case — bcc Fe refined in Fe2O3 + NiO with the library phases (61 frames)', () => {
  it('bcc Fe not detected (none in this sample), and every frame fits', async () => {
    const r = await xrd(studyDir('sxrd-fe2o3_nio-700C'), '--interval', '30', '--temperature', '700', '--phases', 'magnetite,wustite,NiO,fcc-FeNi,bcc-Fe');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}bcc-Fe\s+not detected \(limit \d/);
    expect(r.stdout).toMatch(/\n {2}NiO\s+detected from t = 0 s/);
    expect(r.stdout).toMatch(/Fit quality: fit good: GoF ≤ 2 in every frame \(max GoF 1\.[0-4]\d/);
  });

  it('a phase left out (NiO) is said plainly while it is there, and the chain recovers once it is gone', async () => {
    const r = await xrd(studyDir('sxrd-fe2o3_nio-700C'), '--interval', '30', '--temperature', '700', '--phases', 'magnetite,wustite,fcc-FeNi', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.fitQuality.poorFrames).toBeGreaterThan(0);
    expect(j.fitQuality.poorToS).toBeLessThanOrEqual(300);
    expect(j.fitQuality.message).toMatch(/^POOR FIT in \d+ of 61 frames \(t = 0–\d+ s\)/);
    expect(j.fitQuality.message).toMatch(/check that every phase present is listed/);
    expect(r.stderr).toMatch(/warning: POOR FIT.*--cif FILE/);
    // NiO is gone after ≈ 300 s: the later frames fit again
    expect(Math.max(...j.frames.slice(15).map((f: { gof: number }) => f.gof))).toBeLessThan(1.5);
  });

  it.skipIf(!haveSimulated('sxrd-structures'))('the simulation\'s own structures as CIF files (--cif), with the library NiO and fcc', async () => {
    const s = simulatedDir('sxrd-structures');
    const r = await xrd(
      studyDir('sxrd-fe2o3_nio-700C'), '--interval', '30', '--temperature', '700', '--cif', join(s, 'magnetite.cif'), '--cif', join(s, 'wustite.cif'),
      '--phases', 'cif-magnetite-700c,cif-wustite-700c,NiO,fcc-FeNi', '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // a CIF is taken as the file gives it (its cell and B are for 700 °C)
    expect(j.phases.find((p: { id: string }) => p.id === 'cif-magnetite-700c').libraryLattice.aA).toBeCloseTo(8.481515, 5);
    expect(j.fitQuality.maxGof).toBeLessThan(1.5);
  });
});

/** TOPAS wt% per range (1-based seqno) and phase from output.txt (tab-separated: seqno, phase, …, wtpct). */
function topasWeights(text: string): Map<number, Record<string, number>> {
  const lines = text.split('\n').filter((l) => l.trim());
  const head = lines[0].split('\t');
  const out = new Map<number, Record<string, number>>();
  for (const l of lines.slice(1)) {
    const c = l.split('\t');
    const rec = out.get(Number(c[head.indexOf('seqno')])) ?? {};
    rec[c[head.indexOf('phase')].toLowerCase()] = Number(c[head.indexOf('wtpct')]);
    out.set(Number(c[head.indexOf('seqno')]), rec);
  }
  return out;
}

describe.skipIf(missingShared('xrd/topas-P25-anatase-rutile-heating', 'xrd/nist-austenite-ferrite'))('reductionlab xrd on laboratory Bragg–Brentano data (Cu Kα1/Kα2)', () => {
  // real laboratory files, read in place from ../shared/fixtures/xrd
  const topasDir = sharedFixture('xrd/topas-P25-anatase-rutile-heating');
  const nistDir = sharedFixture('xrd/nist-austenite-ferrite');

  it('TOPAS P25 heating series: --radiation CuKa --geometry bragg-brentano gives TOPAS\'s fractions within 2 wt.%', async () => {
    const r = await xrd(join(topasDir, 'xye-files'), '--phases', 'anatase,rutile', '--radiation', 'CuKa', '--geometry', 'bragg-brentano', '--background-terms', '10', '--json',
      '--csv', join(work, 'topas.csv'));
    expect(r.code).toBe(0);
    const csv = readFileSync(join(work, 'topas.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(21);
    expect(csv[0].split(',').slice(0, 14)).toEqual([
      'index', 'timeS', 'file', 'rwp', 'rexp', 'chi2', 'gof', 'zeroShiftDeg', 'zeroShiftSigmaDeg', 'displacementDeg', 'displacementSigmaDeg', 'anatase_weightFraction',
      'anatase_weightFractionSigma', 'anatase_dropped',
    ]);
    const j = JSON.parse(r.stdout);
    expect(j.frames).toHaveLength(20);
    expect(j.wavelengthA).toBe(1.5405929);
    expect(j.instrument).toMatchObject({ geometry: 'bragg-brentano', profile: 'tch', wavelength2A: 1.5444274, ratio21: 0.5, refineZero: false, refineDisplacement: true, refineProfile: ['U', 'W', 'X'] });
    const topas = topasWeights(readFileSync(join(topasDir, 'output.txt'), 'utf8'));
    let maxD = 0;
    j.frames.forEach((f: { phases: Record<string, { weightFraction: number; weightFractionSigma: number }>; displacementDeg: number }, i: number) => {
      const t = topas.get(i + 1) ?? {};
      maxD = Math.max(maxD, Math.abs(100 * f.phases.anatase.weightFraction - (t.anatase ?? 0)), Math.abs(100 * f.phases.rutile.weightFraction - (t.rutile ?? 0)));
      expect(Number.isFinite(f.displacementDeg)).toBe(true);
    });
    console.log(`xrd CLI vs TOPAS (20 patterns): max |Δwt%| ${maxD.toFixed(2)}; ${j.fitQuality.message}`);
    expect(maxD).toBeLessThan(2);
    expect(j.fitQuality.poorFrames).toBe(0);
    expect(j.fitQuality.maxGof).toBeLessThan(1.2);
    expect(j.frames[19].phases.anatase.weightFraction).toBeLessThan(0.005);
  });

  it('NIST RA 0311-14 with the GSAS-II .instprm: austenite within 11.94 ± 2 %; LaB6 and pure Fe say what they are', async () => {
    const args = ['--phases', 'austenite,ferrite', '--instprm', join(nistDir, 'BrukerD8_E211110.instprm'), '--geometry', 'bragg-brentano', '--json'];
    const ra = await xrd(join(nistDir, 'E211110-AAC-001_013-000_exported.csv'), ...args);
    expect(ra.code).toBe(0);
    const j = JSON.parse(ra.stdout);
    expect(j.wavelengthA).toBe(1.5405);
    expect(j.instrument).toMatchObject({ wavelength2A: 1.5443, ratio21: 0.5, polarisationK: 0.7, refineProfile: ['size', 'strain'], profile: 'tch' });
    expect(j.instrument.instrumentProfile.U).toBeCloseTo((8 * Math.LN2 * 9.415874063652902) / 1e4, 10);
    const aus = j.frames[0].phases.austenite;
    console.log(`xrd CLI, NIST RA 0311-14: austenite ${(100 * aus.weightFraction).toFixed(2)} ± ${(100 * aus.weightFractionSigma).toFixed(2)} wt%, Rwp ${(100 * j.frames[0].rwp).toFixed(2)} %`);
    expect(Math.abs(100 * aus.weightFraction - 11.94)).toBeLessThan(2);
    expect(aus.weightFractionSigma).toBeGreaterThan(0);
    expect(aus.aA).toBeGreaterThan(3.58);
    expect(aus.aA).toBeLessThan(3.61);
    // one pattern: presence needs that one frame (not two consecutive ones)
    expect(j.detection.austenite).toMatchObject({ detected: true, firstTimeS: 0 });
    expect(j.detection.ferrite).toMatchObject({ detected: true, firstTimeS: 0 });
    // the LaB6 calibration pattern refined as austenite + ferrite: the fit is called poor
    const lab6 = JSON.parse((await xrd(join(nistDir, 'E211110-AAC-001_005-000_exported.csv'), ...args)).stdout);
    expect(lab6.fitQuality.poorFrames).toBe(1);
    expect(lab6.fitQuality.message).toMatch(/^POOR FIT/);
    // 99.5 % Fe powder: no austenite
    const fe = JSON.parse((await xrd(join(nistDir, 'E211110-AAC-001_008-000_exported.csv'), ...args)).stdout);
    // an absent phase refined with its widths held at the start: within the ≈1 wt% a laboratory pattern resolves
    expect(fe.frames[0].phases.austenite.weightFraction).toBeLessThan(0.01);
    expect(fe.detection.austenite.detected).toBe(false);
    expect(fe.detection.ferrite.detected).toBe(true);
  });

  it('instrument option errors exit 2', async () => {
    const f = join(nistDir, 'E211110-AAC-001_013-000_exported.csv');
    expect((await xrd(f, '--phases', 'ferrite', '--geometry', 'reflection')).code).toBe(2);
    expect((await xrd(f, '--phases', 'ferrite', '--radiation', 'UnobtainiumKa')).code).toBe(2);
    expect((await xrd(f, '--phases', 'ferrite', '--radiation', 'CuKa', '--instprm', join(nistDir, 'BrukerD8_E211110.instprm'))).code).toBe(2);
    expect((await xrd(f, '--phases', 'ferrite', '--refine-profile', 'W,Q')).code).toBe(2);
    expect((await xrd(f, '--phases', 'ferrite', '--refine-zero', '--fix-zero')).code).toBe(2);
  });

  it.skipIf(!haveFe)('a tube\'s Kα2 on files that state a synchrotron λ: refused with the reason', async () => {
    const mixed = await xrd(join(studyDir('sxrd-fe2o3-700C'), 'fe2o3_700C_00000.xy'), '--phases', 'magnetite', '--radiation', 'CuKa');
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/Kα2 wavelength 1\.5444274 Å does not belong to the λ used, 0\.20735 Å \(stated by the files\)/);
  });
});

describe.skipIf(!haveFe)('reductionlab xrd as a child process', () => {
  it('runs from an esbuild bundle and prints the JSON of three frames', async () => {
    const { build } = await import('esbuild');
    const outDir = join(repoRoot, 'out/test');
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, `xrd-cli-${process.pid}.mjs`);
    await build({
      stdin: {
        contents: "import { runXrdCommand } from './src/main/cli-xrd';\n" +
          "process.exitCode = await runXrdCommand(process.argv.slice(2), { stdout: (t) => process.stdout.write(t + '\\n'), stderr: (t) => process.stderr.write(t + '\\n'), cwd: process.cwd() });\n",
        resolveDir: repoRoot, loader: 'ts', sourcefile: 'xrd-entry.ts',
      },
      bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, external: ['electron', 'h5wasm'], logLevel: 'error',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    try {
      const dir = studyDir('sxrd-fe2o3-700C');
      const files = [0, 1, 2].map((i) => join(dir, `fe2o3_700C_0000${i}.xy`));
      const r = await new Promise<Run>((done) => {
        execFile(process.execPath, [outfile, ...files, '--phases', 'magnetite,wustite,bcc-Fe', '--interval', '30', '--json'], { cwd: repoRoot, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
          done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
      });
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.frames.map((f: { timeS: number }) => f.timeS)).toEqual([0, 30, 60]);
      expect(Object.keys(j.frames[0].phases)).toEqual(['magnetite', 'wustite', 'bcc-Fe']);
      expect(j.frames[0].phases['bcc-Fe'].weightFraction).toBeLessThan(0.01);
    } finally {
      rmSync(outfile, { force: true });
    }
  });
});

/** `reductionlab xrd PATH` with no analysis option: the import report (values from the readers' own tests). */
describe('reductionlab xrd PATH: the import report', () => {
  it('reports every frame of the simulated study, nothing analysed', async () => {
    const dir = studyDir('sxrd-fe2o3-700C');
    const r = await xrd(dir, '--interval', '30', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe('pyfai-xy');
    expect(j.frameCount).toBe(61);
    expect(j.wavelengthA).toBe(0.20735);
    expect(j.timeSource).toBe('interval');
    expect(j.inputs.ignored).toEqual(['README.md', 'truth.json']);
    expect(j.frames[60]).toMatchObject({ index: 60, file: 'fe2o3_700C_00060.xy', timeS: 1800, points: 2801, xMin: 2, xMax: 16, xUnit: '2th_deg', wavelengthA: 0.20735 });
    expect(Object.keys(j.frames[0]).slice(0, 9)).toEqual(['index', 'file', 'label', 'formatId', 'timeS', 'points', 'xMin', 'xMax', 'xUnit']);
    const text = await xrd(dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^61 frames from .*\nFormat: pyFAI \/ Dioptas .* \(pyfai-xy\)\nWavelength: 0\.20735 Å\nTimes: frame index × interval/);
    expect(text.stdout).toMatch(/\(41 more\)/);
  });

  it.skipIf(missingShared('more-layouts/xrd'))('reports STOE, Bruker RAW v1/v2 and a beamline table with their notes', async () => {
    const dir = sharedFixture('more-layouts/xrd');
    const stoe = JSON.parse((await xrd(join(dir, 'stoe.raw'), '--json')).stdout);
    expect(stoe.format).toBe('stoe-raw');
    expect(stoe.frames).toEqual([expect.objectContaining({ index: 0, file: 'stoe.raw', label: null, points: 5404, xMin: 10, xUnit: '2th_deg', wavelengthA: 1.20793 })]);
    expect(stoe.frames[0].xMax).toBeCloseTo(91.045, 10);
    const all = await xrd(dir, '--json');
    expect(all.code).toBe(0);
    const j = JSON.parse(all.stdout);
    expect(j.formats.map((f: { id: string; frames: number }) => [f.id, f.frames])).toEqual([
      ['bruker-raw', 2],
      ['beamline-table', 2],
      ['stoe-raw', 1],
    ]);
    expect(j.inputs.ignored).toEqual(['PROVENANCE.md']);
    const table = j.frames.filter((f: { formatId: string }) => f.formatId === 'beamline-table');
    expect(table.map((f: { label: string; points: number; xMin: number; xMax: number; wavelengthA: number }) => [f.label, f.points, f.xMin, f.xMax, f.wavelengthA])).toEqual([
      ['imagenum 0', 2600, 3, 54.98, 1.23984],
      ['imagenum 1', 2600, 3, 54.98, 1.23984],
    ]);
    expect(table[0].notes[0]).toBe('x column: twotheta: 2θ at the beamline wavelength; also in the file: twotheta_cuka, dspacing, qvalue');
    const text = (await xrd(dir)).stdout;
    expect(text).toMatch(/Format: Bruker \/ Siemens RAW .* \(bruker-raw, 2 frames\); Beamline table .*; STOE WinXPOW raw \(\.raw\) \(stoe-raw, 1 frame\)/);
    expect(text).toMatch(/frames 2, 3: wavelength source: derived from the twotheta and dspacing columns/);
  });

  it('a RAW1.01 range scanned from 40° down to 20° is read and analysed beside a forward one (no "empty 2θ range")', async () => {
    const raw = (start: number, step: number): Uint8Array => {
      const n = 1001;
      const b = new Uint8Array(712 + 304 + 4 * n);
      const v = new DataView(b.buffer);
      b.set(new TextEncoder().encode('RAW1.01'), 0);
      v.setUint32(12, 1, true);
      v.setFloat64(624, 1.5406, true);
      v.setUint32(712, 304, true);
      v.setUint32(716, n, true);
      v.setFloat64(712 + 16, start, true);
      v.setFloat64(712 + 176, step, true);
      for (let i = 0; i < n; i++) {
        const tth = start + i * step;
        v.setFloat32(712 + 304 + 4 * i, 100 + 5000 * Math.exp(-(((tth - 37.3) / 0.08) ** 2)), true);
      }
      return b;
    };
    writeFileSync(join(work, 'a_forward.raw'), raw(20, 0.02));
    writeFileSync(join(work, 'b_reversed.raw'), raw(40, -0.02));
    const report = JSON.parse((await xrd(join(work, 'a_forward.raw'), join(work, 'b_reversed.raw'), '--json')).stdout);
    expect(report.frames.map((f: { xMin: number; xMax: number; notes: string[] }) => [f.xMin, f.xMax, f.notes])).toEqual([
      [20, 40, []],
      [20, 40, ['scan direction: decreasing 2θ (points stored ascending)']],
    ]);
    const r = await xrd(join(work, 'a_forward.raw'), join(work, 'b_reversed.raw'), '--no-refine', '--detect', 'NiO', '--json');
    expect(r.stderr).not.toMatch(/empty 2θ range/);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.twoThetaMinDeg, j.twoThetaMaxDeg]).toEqual([20, 40]);
  });

  it('converts q to 2θ when a wavelength is given, and writes the report as CSV', async () => {
    const q = join(work, 'q.xy');
    writeFileSync(q, '# q_A^-1 I\n1.0 10\n2.0 20\n3.0 30\n');
    const bare = JSON.parse((await xrd(q, '--json')).stdout);
    expect(bare.frames[0]).toMatchObject({ xMin: 1, xMax: 3, xUnit: 'q_A^-1', wavelengthA: null });
    const csv = join(work, 'report.csv');
    const given = JSON.parse((await xrd(q, '--json', '--wavelength', '0.5', '--csv', csv)).stdout);
    expect(given.frames[0].xUnit).toBe('2th_deg');
    expect(given.frames[0].xMin).toBeCloseTo((2 * Math.asin((1 * 0.5) / (4 * Math.PI)) * 180) / Math.PI, 10);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('index,file,label,format,time_s,points,x_min,x_max,x_unit,wavelength_A');
  });
});
