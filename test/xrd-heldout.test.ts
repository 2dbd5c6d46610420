/**
 * A held-out SXRD study, made for this test by scripts/make-sxrd-study.py the way the developer studies in
 * ../shared/fixtures/simulated were made (pymatgen reflections, model v2), but with other rate constants (the fcc
 * metal goes from Ni to Fe-30Ni within the first 30 s), another background and a zero shift of +0.012°: the
 * sequential Rietveld with the library phases, as a user would run it, must meet the targets there too.
 * Needs Debian's python3-pymatgen and python3-numpy (/usr/bin/python3); skipped with the reason when they are absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseSequence, xrdAnalysisToCsv } from '../src/core/xrd/pipeline';
import { buildSequence } from '../src/core/xrd/sequence';
import type { XrdAnalysis, XrdAnalysisOptions, XrdProgressStage } from '../src/shared/xrd-results';
import type { PatternSequence } from '../src/shared/xrd';
import { refinementChain, rietveldSetup } from '../src/main/xrd-frame-fit';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import numpy, pymatgen.core'], { encoding: 'utf8' });
const missing = probe.status === 0 ? false : `needs ${PYTHON} with python3-pymatgen and python3-numpy (apt-get install -y python3-pymatgen): ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`;
if (missing) console.log(`[skip] held-out SXRD study: ${missing}`);

const FRAMES = 31; // 0–900 s: the fast composition change and the phases fading; the rest is fcc alone
const PHASES = ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'];
const TRUTH_KEY: Record<string, string> = { magnetite: 'Fe3O4', wustite: 'FeO', NiO: 'NiO', 'fcc-FeNi': 'fcc' };

interface Truth {
  instrument: { zero_shift_deg: number; graininess_rel_sd: number };
  frames: { t_s: number; wt: Record<string, number>; a: Record<string, number>; fcc_x_ni: number }[];
}

/** The library phases at 700 °C, refined and tested, as a user runs the analysis on these studies. */
const OPTIONS: XrdAnalysisOptions = { phases: PHASES, detectPhases: [...PHASES, 'bcc-Fe'], temperatureC: 700 };

/**
 * A held-out study made by the script in a fresh temporary folder (`makeArgs` after the folder), its truth and its
 * frames as one sequence (30 s apart); remove the folder when done.
 */
function makeStudy(prefix: string, makeArgs: string[]): { dir: string; truth: Truth; seq: PatternSequence } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const made = spawnSync(PYTHON, [join(repoRoot, 'scripts/make-sxrd-study.py'), dir, ...makeArgs], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`make-sxrd-study.py failed:\n${made.stderr}`);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const names = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
  const seq = buildSequence(names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) })), { intervalS: 30 });
  return { dir, truth, seq };
}

describe.skipIf(missing)('held-out study (other rate constants and background, zero shift +0.012°), library phases at 700 °C', () => {
  let dir = '';
  let truth: Truth;
  let result: XrdAnalysis;
  beforeAll(() => {
    const study = makeStudy('reductionlab-heldout-', ['--preset', 'heldout-nio', '--graininess', '0', '--frames', String(FRAMES)]);
    ({ dir, truth } = study);
    result = analyseSequence(study.seq, OPTIONS);
  }, 900_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('|Δw| ≤ 0.015 in every frame, fcc a within 0.001 Å, x_Ni within 0.01, GoF ≤ 1.5, the zero shift found', () => {
    expect(truth.instrument.zero_shift_deg).toBe(0.012);
    expect(result.frames).toHaveLength(FRAMES);
    // the fcc metal moves 0.03 Å between the first two frames (x_Ni 1 → 0.70)
    expect(truth.frames[0].fcc_x_ni - truth.frames[1].fcc_x_ni).toBeGreaterThan(0.25);
    let dw = 0;
    let da = 0;
    let dx = 0;
    let gof = 0;
    result.frames.forEach((f, i) => {
      const t = truth.frames[i];
      for (const id of PHASES) dw = Math.max(dw, Math.abs(f.phases[id].weightFraction - t.wt[TRUTH_KEY[id]]));
      const fcc = f.phases['fcc-FeNi'];
      if (t.wt.fcc > 0.05) {
        da = Math.max(da, Math.abs(fcc.aA - t.a.fcc));
        dx = Math.max(dx, Math.abs((fcc.xNi as number) - t.fcc_x_ni));
      }
      gof = Math.max(gof, f.gof as number);
      expect(Math.abs((f.zeroShiftDeg as number) - 0.012), `zero shift frame ${i}`).toBeLessThan(0.001);
    });
    console.log(`held-out Fe2O3+NiO (zero shift 0.012°): max |Δw| ${dw.toFixed(4)}, max |Δa(fcc)| ${da.toFixed(5)} Å, max |ΔxNi| ${dx.toFixed(4)}, max GoF ${gof.toFixed(2)}`);
    // targets 0.015, 0.001 Å, 0.01, 1.5; pinned at what the engine reaches (0.0047, 0.00009 Å, 0.0012, 1.08)
    expect(dw).toBeLessThanOrEqual(0.008);
    expect(da).toBeLessThan(0.0003);
    expect(dx).toBeLessThan(0.004);
    expect(gof).toBeLessThanOrEqual(1.15);
    expect(result.detection['bcc-Fe'].detected).toBe(false);
    expect(result.detection['fcc-FeNi'].firstTimeS).toBe(0);
  });
});

/**
 * The same held-out study with graininess (every reflection × (1 + 0.04·N(0,1)) in every frame, seed 23): single
 * frames cannot carry ΔB (pooled over neighbouring frames) and the least-squares σ(w) are ten times too small at the
 * worst frames (scaled by each phase's frame-to-frame scatter). Without pooling the worst |Δw| was 0.022; the oracle
 * fit with the simulation's exact structures, widths, zero and background reaches 0.011 on these frames.
 */
describe.skipIf(missing)('held-out study with graininess 0.04 (seed 23): pooled ΔB, σ(w) that cover the truth', () => {
  const options = OPTIONS;
  let dir = '';
  let truth: Truth;
  let seq: PatternSequence;
  let result: XrdAnalysis;
  const progress: { done: number; total: number; stage?: XrdProgressStage }[] = [];
  beforeAll(() => {
    ({ dir, truth, seq } = makeStudy('reductionlab-heldout-grain-', ['--preset', 'heldout-nio', '--seed', '23']));
    result = analyseSequence(seq, options, (done, total, stage) => progress.push({ done, total, stage }));
  }, 900_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('worst |Δw| near the oracle floor, median |Δw|/σ(w) near the Gaussian 0.67, the scatter named in a warning', () => {
    expect(truth.instrument.graininess_rel_sd).toBe(0.04);
    let dw = 0;
    const z: number[] = [];
    result.frames.forEach((f, i) => {
      for (const id of PHASES) {
        const d = Math.abs(f.phases[id].weightFraction - (truth.frames[i].wt[TRUTH_KEY[id]] ?? 0));
        dw = Math.max(dw, d);
        const s = f.phases[id].weightFractionSigma;
        if (s > 0) z.push(d / s);
      }
    });
    z.sort((a, b) => a - b);
    const med = z[z.length >> 1];
    const within2 = z.filter((v) => v <= 2).length / z.length;
    console.log(`held-out Fe2O3+NiO, graininess 0.04: max |Δw| ${dw.toFixed(4)}, median |Δw|/σ ${med.toFixed(2)}, within 2σ ${within2.toFixed(2)}`);
    // pinned at what the engine reaches (0.0134, 0.68, 85 %); the oracle floor on these frames is 0.0110
    expect(dw).toBeLessThan(0.015);
    expect(med).toBeGreaterThan(0.5);
    expect(med).toBeLessThan(0.9);
    expect(within2).toBeGreaterThan(0.8);
    expect(result.warnings.some((w) => /scatter from frame to frame beyond counting statistics/.test(w))).toBe(true);
  });

  it('the app\'s frame fits re-derive the same chain, its pooled-ΔB second pass included', () => {
    const setup = rietveldSetup(seq, result, options)!;
    const chain = refinementChain(setup, result.frames.length);
    // without the second pass the re-derived Rwp would be the first pass's (ΔB free in every frame): not equal
    chain.forEach((r, i) => expect(r.rwp, `frame ${i}`).toBe(result.frames[i].rwp));
    expect(chain.some((r) => r.phases.some((ph) => !ph.bRefined && !ph.dropped))).toBe(true);
  }, 300_000);

  it('the pooled B is reported as pooled, with the σ of its median, in the results and the CSV', () => {
    const pooled = result.frames.flatMap((f) => PHASES.map((id) => f.phases[id])).filter((ph) => ph.bPooled);
    expect(pooled.length).toBeGreaterThan(result.frames.length);
    for (const ph of pooled) {
      expect(ph.bRefined).toBe(false);
      expect(ph.bPooled!.n).toBeGreaterThanOrEqual(5);
      // the σ of a median of ≥ 5 refined ΔB scattering ≈ 0.1 Å² (docs/rietveld.md): a few hundredths, never 0
      expect(ph.bIsoSigmaA2).toBeGreaterThan(0.005);
      expect(ph.bIsoSigmaA2).toBeLessThan(0.5);
    }
    const [header, ...rows] = xrdAnalysisToCsv(result).trim().split('\n').map((l) => l.split(','));
    const src = header.indexOf('fcc-FeNi_bSource');
    const sig = header.indexOf('fcc-FeNi_bIsoSigmaA2');
    const pooledRows = rows.filter((r) => r[src] === 'pooled (±10 frames)');
    expect(pooledRows.length).toBeGreaterThan(0);
    for (const r of pooledRows) expect(Number(r[sig])).toBeGreaterThan(0);
  });

  it('the progress counts the second pass frame by frame, named, and ends at its total', () => {
    const n = result.frames.length;
    // chain, second pass, presence: the total grows by n when the second pass starts
    expect(progress[0].total).toBe(2 * n);
    const second = progress.filter((p) => p.stage);
    expect(second.map((p) => p.stage!.frame)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(second.every((p) => p.stage!.stage === 'pooled-b' && p.stage!.frames === n && p.total === 3 * n)).toBe(true);
    progress.forEach((p, i) => expect(p.done).toBe(i + 1));
    expect(progress.at(-1)).toEqual({ done: 3 * n, total: 3 * n, stage: undefined });
    expect(progress.findIndex((p) => p.stage)).toBe(n);
  });
});
