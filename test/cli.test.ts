/**
 * The command line as a user runs it: `node bin/reductionlab.mjs …` in a child process (the bin rebuilds
 * out/node/cli.mjs with esbuild when src/ is newer). Values are checked against the simulations' truth files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { missingShared, readSharedText, sharedFixture } from './fixtures/shared-fixtures';
import { pyrisLike } from '../scripts/heldout-tga';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin/reductionlab.mjs');
/** The simulated 700 °C study, read in place from ../shared/fixtures. */
const SIM = 'simulated/tga-700C-isothermal';
const exampleStudy = join(repoRoot, 'resources/example/study.json');
const work = mkdtempSync(join(tmpdir(), 'reductionlab-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

interface TruthRun {
  cli_precursors: string;
  cli_target: string | null;
  theoretical_loss_fraction: number;
  alpha_final: number;
  't_alpha_0.5_s': number;
  't_alpha_0.9_s': number;
  t_99pct_of_final_s: number;
  max_rate_per_s: number;
}

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe.skipIf(missingShared(SIM))('reductionlab tga on the simulated 700 °C study', () => {
  const dir = sharedFixture(SIM);
  const truth = () => JSON.parse(readSharedText(`${SIM}/truth.json`)) as { h2_start_s: number; runs: Record<string, TruthRun> };

  it('truth.json describes the three runs checked below', () => {
    expect(Object.keys(truth().runs)).toEqual(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv']);
  });
  for (const file of ['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv']) {
    it(`${file} --json matches truth.json`, async () => {
      const t = truth().runs[file];
      const args = ['tga', join(dir, file), '--precursors', t.cli_precursors, '--blank', join(dir, 'blank.csv'), '--json'];
      if (t.cli_target) args.push('--target', t.cli_target);
      const r = await cli(...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.format).toBe('generic-table');
      expect(j.rows).toBe(6376);
      expect(j.reduction.startS).toBe(truth().h2_start_s);
      expect(j.reduction.startSource).toBe('gas-event');
      expect([j.reduction.endS, j.reduction.endSource, j.reduction.endNote]).toEqual([4425, 'gas-event', 'gas switches to Ar at 4425 s']);
      expect(relErr(j.reduction.theoreticalLossFraction, t.theoretical_loss_fraction)).toBeLessThan(1e-4);
      expect(j.reduction.theoreticalLossMg).toBeCloseTo(t.theoretical_loss_fraction * 50, 1);
      // the same tolerances as src/core/tga/analyze.test.ts (observed ≤ 0.14 %, ≤ 0.64 %, |Δα_final| ≤ 1.2e-4)
      expect(relErr(j.metrics.tAlphaS['0.5'], t['t_alpha_0.5_s'])).toBeLessThan(0.005);
      expect(relErr(j.metrics.tAlphaS['0.9'], t['t_alpha_0.9_s'])).toBeLessThan(0.005);
      expect(relErr(j.metrics.tSaturationS, t.t_99pct_of_final_s)).toBeLessThan(0.01);
      expect(Math.abs(j.metrics.alphaFinal - t.alpha_final)).toBeLessThan(5e-4);
      // the default 15 s quadratic window resolves the instantaneous maximum at t = 0+ (docs/tga-analysis.md)
      expect(j.settings.sgWindowS).toBe(15);
      expect(relErr(j.metrics.maxRatePerS, t.max_rate_per_s)).toBeLessThan(0.03);
      expect(j.metrics.alphaAtMaxRate).toBeLessThan(0.01);
    });
  }

  it('--sg-window-s 31 --alpha 0.3,0.5 --saturation 0.95 change the metrics as asked', async () => {
    const t = truth().runs['Fe2O3.csv'];
    const r = await cli('tga', join(dir, 'Fe2O3.csv'), '--precursors', 'Fe2O3', '--blank', join(dir, 'blank.csv'), '--json', '--sg-window-s', '31', '--alpha', '0.3,0.5', '--saturation', '0.95');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.metrics.tAlphaS)).toEqual(['0.3', '0.5']);
    expect(j.metrics.tAlphaS['0.3']).toBeLessThan(j.metrics.tAlphaS['0.5']);
    expect(j.settings).toMatchObject({ sgWindowS: 31, saturationFraction: 0.95 });
    // a 31 s window flattens the maximum at the H2 switch (−4.4 % for this run)
    expect(j.metrics.maxRatePerS).toBeLessThan(t.max_rate_per_s);
    expect(relErr(j.metrics.maxRatePerS, t.max_rate_per_s)).toBeLessThan(0.08);
    expect(j.metrics.tSaturationS).toBeLessThan(t.t_99pct_of_final_s);
  });

  it('a held-out-like Pyris CSV (no gas, no programme): the end comes from the temperature and says so', async () => {
    const t = truth().runs['Fe2O3.csv'];
    const file = join(work, 'Fe2O3_pyris.csv');
    const blank = join(work, 'blank_pyris.csv');
    writeFileSync(file, pyrisLike(readSharedText(`${SIM}/Fe2O3.csv`)));
    writeFileSync(blank, pyrisLike(readSharedText(`${SIM}/blank.csv`)));
    const r = await cli('tga', file, '--precursors', 'Fe2O3', '--blank', blank, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe('pyris-csv');
    expect(j.reduction.endSource).toBe('temperature');
    expect(Math.abs(j.reduction.endS - 4425)).toBeLessThanOrEqual(10);
    expect(j.reduction.endNote).toMatch(/^the temperature leaves the 700 °C hold \(cooling\)/);
    expect(relErr(j.metrics.tSaturationS, t.t_99pct_of_final_s)).toBeLessThan(0.01);
    const text = await cli('tga', file, '--precursors', 'Fe2O3', '--blank', blank);
    expect(text.stdout).toMatch(/Reduction end +44\d\d\.\d s file time — temperature: the temperature leaves the 700 °C hold/);
  });

  it('--start-s overrides the gas switch', async () => {
    const r = await cli('tga', join(dir, 'Fe2O3.csv'), '--precursors', 'Fe2O3', '--start-s', '2700', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.reduction).toMatchObject({ startS: 2700, startSource: 'manual' });
  });

  it('--series writes every row in file time, with α and dα/dt from the start on', async () => {
    const out = join(work, 'series.csv');
    const r = await cli('tga', join(dir, 'Fe2O3_NiO.csv'), '--precursors', 'Fe2O3:66.64,NiO:33.36', '--series', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Series written to ${out}`);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('fileTimeS,temperatureC,massMg,tS,alpha,dAlphaDtPerS');
    expect(lines.length).toBe(6377);
    expect(lines[1]).toBe('0,25.0939,50.000694,,,');
    expect(lines[2625].endsWith(',,,')).toBe(true); // file time 2624 s, before the switch
    const atStart = lines[2626].split(',');
    expect(atStart[0]).toBe('2625');
    expect(Number(atStart[3])).toBe(0);
    expect(lines[6376].split(',')[0]).toBe('6375');
  });

  it('prints a readable report with the recipe derivation', async () => {
    const r = await cli('tga', join(dir, 'Fe2O3_Ni.csv'), '--precursors', 'Fe2O3,Ni', '--target', 'Fe-36Ni', '--blank', join(dir, 'blank.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Powder: Fe2O3 71\.77 %, Ni 28\.23 %/);
    expect(r.stdout).toMatch(/21\.57 % of the powder mass/);
    expect(r.stdout).toMatch(/Reduction start\s+2625\.0 s file time — gas-event: gas switches Ar → H2/);
    expect(r.stdout).toMatch(/t\(α = 0\.5\)\s+15\d\.\d s/);
  });

  it('without a recipe it imports and reports the file', async () => {
    const r = await cli('tga', join(dir, 'blank.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rows: 6376/);
    expect(r.stdout).toMatch(/No recipe given/);
    const j = JSON.parse((await cli('tga', join(dir, 'blank.csv'), '--json')).stdout);
    expect(j).toMatchObject({ format: 'generic-table', rows: 6376, reduction: null, metrics: null });
  });
});

/** Every real TGA export of ../shared/fixtures/tga through the command line: rows, format, sample and the tidy series. */
const realDir = sharedFixture('tga');
const REAL: [file: string, format: string, rows: number, sample: string | null][] = [
  ['ErickErock-pICNIK/PARACETAMOL_5.csv', 'generic-table', 9262, null],
  ['ErickErock-pICNIK/PARACETAMOL_10.csv', 'generic-table', 4632, null],
  ['ErickErock-pICNIK/PARACETAMOL_20.csv', 'generic-table', 2235, null],
  ['GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3', 'netzsch-ngb', 9190, 'Douglas Fir'],
  ['GraysonBellamy-pyngb/Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3', 'netzsch-ngb', 9191, 'Douglas Fir'],
  ['MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv', 'generic-table', 2283, null],
  ['MaCFP-matl-db/TUBS_Wood_TGA_N2_593Kiso_R1.csv', 'generic-table', 22068, null],
  ['MyonicS-pyTGA/Methane_Pyrolysis.txt', 'pyris-text', 16077, 'HS006_600C'],
  ['MyonicS-pyTGA/MettlerToledo_example_file.txt', 'mettler-stare', 12661, 'TGA_PP'],
  ['MyonicS-pyTGA/blank_test_MT.txt', 'mettler-stare', 12661, 'blank'],
  ['MyonicS-pyTGA/netzsch_example3.txt', 'netzsch-ascii', 7022, 'CF-A_1000-ash'],
  ['PPeitsch-pkynetics/sample_dsc_setaram.txt', 'setaram', 13002, 'Duran - MAC250-MS20'],
  ['cheminfo-tga-spectrum/TAInstruments.txt', 'ta-universal', 15577, 'Cryo1-1_N1-2@25C'],
  ['cheminfo-tga-spectrum/mettlerToledoWeight.txt', 'mettler-stare', 2251, 'TEST TGA'],
  ['cheminfo-tga-spectrum/mof.txt', 'ta-universal', 18995, 'Fe-BTC Grade A act'],
  ['cheminfo-tga-spectrum/netzsch.txt', 'netzsch-ascii', 270, 'AlPyr'],
  ['cheminfo-tga-spectrum/perkinElmer.csv', 'pyris-csv', 8637, null],
  ['cheminfo-tga-spectrum/perkinElmer_tga4000.txt', 'pyris-text', 1155, 'HMm-1130'],
  ['datalab-org-datalab/mp2028_281122_LNO+C.txt', 'mettler-stare', 4051, 'mp2028_281122_LNO'],
  ['mpecchi-tga_data_analysis/CLSOx100_4.txt', 'ta-trios', 6879, 'CLSOx100_4'],
  ['mpecchi-tga_data_analysis/CLSOx10_2.txt', 'ta-trios', 15850, 'CLSOx10_2'],
  ['mpecchi-tga_data_analysis/CLSOx50_4.txt', 'ta-trios', 7742, 'CLSOx50_4'],
  ['mpecchi-tga_data_analysis/CLSOx5_1.txt', 'ta-trios', 28450, null],
];

describe.skipIf(missingShared('tga'))('reductionlab tga on every real fixture', () => {
  for (const [file, format, rows, sample] of REAL) {
    it(`${file}: --json and --series`, async () => {
      const out = join(work, `${file.replace(/[^A-Za-z0-9.]/g, '_')}.csv`);
      const r = await cli('tga', join(realDir, file), '--json', '--series', out);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j).toMatchObject({ format, rows, reduction: null, metrics: null });
      expect(j.sample.name ?? null).toBe(sample);
      expect(j.import.some((l: string) => /^Temperature: -?[\d.]+–-?[\d.]+ °C \(first /.test(l))).toBe(true);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('fileTimeS,temperatureC,massMg');
      expect(lines.length - 1).toBe(rows);
      expect(Number(lines[1].split(',')[0])).toBe(j.timeRangeS[0]);
      expect(Number(lines[rows].split(',')[0])).toBe(j.timeRangeS[1]);
    });
  }

  it('--start-s and --end-s bound a reduction the file cannot (Pyris external gas channel)', async () => {
    const r = await cli('tga', join(realDir, 'MyonicS-pyTGA/Methane_Pyrolysis.txt'), '--precursors', 'NiO', '--start-s', '1190', '--end-s', '8210', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reduction).toMatchObject({ startS: 1190, startSource: 'manual' });
    expect(j.warnings).toContain('Metrics use the reducing window only (until the end set by the user at 8210 s).');
    expect((await cli('tga', 'x.csv', '--end-s', 'soon')).code).toBe(2);
  });

  it('the QMS log beside a TGA run is refused with a reason (exit 1)', async () => {
    const r = await cli('tga', join(realDir, 'datalab-org-datalab/20221128 134958 TGA MS Megan.asc'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Megan\.asc: expected TGA data, but this looks like a quadrupole mass-spectrometer/);
  });

  it('a ramp run with a recipe: both onsets (α = 0.02 and ISO 11358-1 extrapolated), series with α', async () => {
    const out = join(work, 'mettler-series.csv');
    const file = join(realDir, 'cheminfo-tga-spectrum/mettlerToledoWeight.txt');
    const r = await cli('tga', file, '--precursors', 'Fe2O3', '--start-s', '0', '--json', '--series', out);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reduction).toMatchObject({ startS: 0, startSource: 'manual' });
    expect(j.metrics.inflectionC).toBeCloseTo(397.19, 1); // STARe's own evaluation in the file
    expect(j.metrics.onsetExtrapolatedC).toBeGreaterThan(355);
    expect(j.metrics.onsetExtrapolatedC).toBeLessThan(365);
    expect(j.metrics.onsetC).toBeLessThan(j.metrics.onsetExtrapolatedC);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('fileTimeS,temperatureC,massMg,tS,alpha,dAlphaDtPerS');
    expect(lines).toHaveLength(2252);
    expect(lines[1].split(',').slice(3).map(Number)).toEqual([0, 0, expect.any(Number)]);
    const text = await cli('tga', file, '--precursors', 'Fe2O3', '--start-s', '0');
    expect(text.stdout).toMatch(/Extrapolated onset\s+359\.\d °C \(ISO 11358-1/);
    expect(text.stdout).toMatch(/Temperature: 36\.62–658\.1 °C \(first 36\.63 → max 658\.1 at 1438 s → last 649\.2 °C\)/);
  });
});

describe('reductionlab compare on the bundled example study', () => {
  it('shows the SIMULATED speed-ups (Ni ≈ 1.6×, NiO ≈ 2×) and writes the CSV', async () => {
    const csv = join(work, 'compare.csv');
    const r = await cli('compare', exampleStudy, '--csv', csv);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SIMULATED/);
    expect(r.stdout).toMatch(/Fe2O3 \+ NiO, Fe-36Ni \(SIMULATED\)\s.*\s2\.0\d\s/);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[0].split(',')).toContain('speedup_t_alpha_0.5');
  });

  it('--json speed-ups and times match the simulation parameters in study.json', async () => {
    const study = JSON.parse(readFileSync(exampleStudy, 'utf8'));
    const truth = study.simulation.truth as Record<string, { tAlpha05S: number; tAlpha09S: number; theoreticalLossFraction: number }>;
    const j = JSON.parse((await cli('compare', exampleStudy, '--json')).stdout);
    expect(j.reference).toBe('Fe2O3 (SIMULATED)');
    expect(j.runs).toHaveLength(3);
    for (const run of j.runs) {
      const t = truth[run.file];
      expect(relErr(run.metrics.tAlphaS['0.5'], t.tAlpha05S)).toBeLessThan(0.02);
      expect(relErr(run.metrics.tAlphaS['0.9'], t.tAlpha09S)).toBeLessThan(0.02);
      expect(relErr(run.reduction.theoreticalLossFraction, t.theoreticalLossFraction)).toBeLessThan(1e-4);
    }
    const byLabel = Object.fromEntries(j.runs.map((r: { label: string; speedUp: { tAlpha: Record<string, number> } }) => [r.label, r.speedUp.tAlpha]));
    expect(byLabel['Fe2O3 + Ni, Fe-36Ni (SIMULATED)']['0.5']).toBeCloseTo(1.6, 1);
    expect(byLabel['Fe2O3 + NiO, Fe-36Ni (SIMULATED)']['0.9']).toBeCloseTo(2.0, 1);
  });
});

describe('reductionlab compare with replicates', () => {
  /** 50 mg Fe2O3, 1 s steps, H2 from 600 s to 2400 s, α = 1 − exp(−t/τ): t(0.5) = τ ln 2 (test input). */
  function synthetic(name: string, tauS: number): string {
    const rows = ['time_s,temperature_C,mass_mg,gas'];
    for (let t = 0; t <= 3000; t++) {
      const alpha = t < 600 ? 0 : 1 - Math.exp(-(t - 600) / tauS);
      rows.push(`${t},700,${(50 - 0.3005692 * 50 * alpha).toFixed(5)},${t < 600 ? 'Ar' : t < 2400 ? 'H2' : 'Ar'}`);
    }
    writeFileSync(join(work, name), rows.join('\n') + '\n');
    return name;
  }

  it('reports each condition as mean ± SD (n) and speed-ups ± the propagated uncertainty', async () => {
    const runs = [
      { file: synthetic('A1.csv', 270), condition: 'Fe2O3' },
      { file: synthetic('A2.csv', 300), condition: 'Fe2O3' },
      { file: synthetic('A3.csv', 330), condition: 'Fe2O3' },
      { file: synthetic('B1.csv', 140), condition: 'NiO' },
      { file: synthetic('B2.csv', 160), condition: 'NiO' },
      { file: synthetic('C1.csv', 200) },
    ].map((r) => ({ ...r, precursors: 'Fe2O3' }));
    const study = join(work, 'replicates.json');
    writeFileSync(study, JSON.stringify({ title: 'Replicates', reference: 'Fe2O3', runs }));
    const csv = join(work, 'conditions.csv');
    const text = await cli('compare', study, '--conditions-csv', csv);
    expect(text.code, text.stderr).toBe(0);
    // t(0.5) of Fe2O3: 300 ln2 ± 30 ln2 = 207.9 ± 20.8 s (3); NiO: 150 ln2 = 104.0 ± 9.8 (2); speed-up 2.00 ± 0.24
    expect(text.stdout).toMatch(/Conditions \(replicates\)/);
    expect(text.stdout).toMatch(/^Fe2O3\s+3\s+207\.\d ± 20\.\d \(3\)/m);
    expect(text.stdout).toMatch(/^NiO\s+2\s+10[34]\.\d ± 9\.\d \(2\).*\s2\.00 ± 0\.2\d\s/m);
    expect(text.stdout).toMatch(/^C1\.csv\s+1\s+138\.\d \(1\).*1\.50 ± 0\.15\*/m);
    const j = JSON.parse((await cli('compare', study, '--json')).stdout);
    expect(j.referenceCondition).toBe('Fe2O3');
    const nio = j.conditions.find((c: { condition: string }) => c.condition === 'NiO');
    expect(nio.n).toBe(2);
    expect(nio.runs).toEqual(['B1.csv', 'B2.csv']);
    const up = nio.speedUp.tAlpha['0.5'];
    const a = j.conditions[0].metrics.tAlphaS['0.5'];
    const b = nio.metrics.tAlphaS['0.5'];
    expect(up.value).toBeCloseTo(a.mean / b.mean, 10);
    expect(up.u).toBeCloseTo(up.value * Math.hypot(a.sd / a.mean, b.sd / b.mean), 10);
    expect(j.runs[3].condition).toBe('NiO');
    // every run's speed-up is against the reference condition's mean
    expect(j.runs[3].speedUp.tAlpha['0.5']).toBeCloseTo(a.mean / j.runs[3].metrics.tAlphaS['0.5'], 10);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[0].split(',').slice(0, 6)).toEqual(['condition', 'n', 'runs', 't_alpha_0.5_s_mean', 't_alpha_0.5_s_sd', 't_alpha_0.5_s_n']);
  });
});

describe('errors and usage', () => {
  it('exit 2 with usage for bad invocations', async () => {
    for (const args of [[], ['frobnicate'], ['tga'], ['tga', 'a.csv', '--bogus'], ['tga', 'a.csv', '--target', 'Fe-36Ni'], ['tga', 'a.csv', '--precursors', 'Xx2'], ['tga', 'a.csv', '--precursors', 'Fe2O3', '--alpha', 'half']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/Usage:/);
    }
  });
  it('exit 1 naming the file and line for parse errors', async () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'time_s,temperature_C,mass_mg,gas\n0,25,50,Ar\n1,25,50,Ar\n2,25,abc,Ar\n3,25,50,Ar\n');
    const r = await cli('tga', bad, '--precursors', 'Fe2O3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}, line 4`);
    const missing = await cli('tga', join(work, 'none.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/none\.csv: cannot read the file \(no such file\)/);
  });
  it('exit 1 for an invalid study file, with the JSON path of the problem', async () => {
    const study = join(work, 'study.json');
    writeFileSync(study, JSON.stringify({ runs: [{ label: 'x' }] }));
    const r = await cli('compare', study);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/runs\.0\.file/);
  });
  it('--help exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reductionlab compare STUDY\.json/);
  });
});
