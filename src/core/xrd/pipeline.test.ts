/**
 * The in situ pipeline on the simulated studies (../shared/fixtures/simulated/sxrd-*, read in place and skipped with
 * a printed reason when absent: 61 frames, λ = 0.20735 Å, one every 30 s; truth.json per frame; made by an
 * independent code). The acceptance tests refine the LIBRARY phases at the run temperature (700 °C), as a user
 * would, against the targets of docs/rietveld.md: |Δw| ≤ 0.015 in every frame, fcc a within 0.001 Å, x_Ni within
 * 0.01, GoF ≤ 1.5, bcc Fe not detected in Fe2O3 + NiO and detected early in Fe2O3. The option tests use every sixth
 * frame.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../../test/fixtures/xrd/paths';
import type { PatternSequence } from '../../shared/xrd';
import type { XrdAnalysis } from '../../shared/xrd-results';
import { renderSettingRefs } from '../../shared/xrd-settings';
import { getPhase } from './crystal/library';
import {
  analyseSequence, analyseSequenceWithPhases, cellDetermined, cropFrame, estimateFwhmDeg, literatureVegardEnds, overlapClass, partialNote, resolvePhases, roiHalfWidthDeg,
  roughBackground, startingCells, xrdAnalysisToCsv,
} from './pipeline';
import { frameData } from './peaks/sequential';
import { poissonCounts, poissonGenerator, syntheticPattern, twoThetaAxis } from './peaks/synthetic';
import { buildSequence } from './sequence';

interface Truth {
  frames: { t_s: number; wt: Record<string, number>; a: Record<string, number>; fcc_x_ni?: number }[];
  b_iso_A2: Record<string, Record<string, number>>;
}

const haveNio = haveSimulated('sxrd-fe2o3_nio-700C');
const haveFe = haveSimulated('sxrd-fe2o3-700C');

function load(name: string, every = 1): { seq: PatternSequence; truth: Truth; picked: number[] } {
  const dir = simulatedDir(name);
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const names = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
  const picked = names.map((_, i) => i).filter((i) => i % every === 0);
  const seq = buildSequence(picked.map((i) => ({ name: names[i], bytes: readFileSync(path.join(dir, names[i])) })), { intervalS: 30 * every });
  return { seq, truth, picked };
}

/** truth.json keys of the library ids. */
const TRUTH_KEY: Record<string, string> = { magnetite: 'Fe3O4', wustite: 'FeO', NiO: 'NiO', 'fcc-FeNi': 'fcc', 'bcc-Fe': 'bcc_Fe' };
const NIO_PHASES = ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'];
const FE_PHASES = ['magnetite', 'wustite', 'bcc-Fe'];

interface Accuracy {
  maxDw: number;
  medianDw: number;
  gof: [number, number];
}

function accuracy(result: XrdAnalysis, truth: Truth, picked?: number[]): Accuracy {
  const dws: number[] = [];
  const gofs: number[] = [];
  result.frames.forEach((f, k) => {
    const t = truth.frames[picked ? picked[k] : k];
    for (const id of result.settings.phases) dws.push(Math.abs(f.phases[id].weightFraction - (t.wt[TRUTH_KEY[id]] ?? 0)));
    gofs.push(f.gof as number);
  });
  dws.sort((a, b) => a - b);
  return { maxDw: dws[dws.length - 1], medianDw: dws[dws.length >> 1], gof: [Math.min(...gofs), Math.max(...gofs)] };
}

/** Every number of every refined phase in every frame is finite (no NaN cell when a phase fades). */
function expectFinite(result: XrdAnalysis): void {
  for (const f of result.frames) {
    for (const [id, ph] of Object.entries(f.phases)) {
      for (const v of [ph.weightFraction, ph.weightFractionSigma, ph.aA, ph.aSigmaA, ph.lattice.bA, ph.lattice.cA]) expect(Number.isFinite(v), `${id} frame ${f.index}`).toBe(true);
    }
    expect(Number.isFinite(f.rwp as number)).toBe(true);
  }
}

describe.skipIf(!haveNio)('analyseSequence on the simulated Fe2O3 + NiO study with the library phases (all 61 frames)', () => {
  let result: XrdAnalysis;
  let truth: Truth;
  beforeAll(() => {
    const loaded = load('sxrd-fe2o3_nio-700C');
    truth = loaded.truth;
    result = analyseSequence(loaded.seq, { phases: NIO_PHASES, detectPhases: [...NIO_PHASES, 'bcc-Fe'], peaks: ['fcc-FeNi:200', 'NiO:220'], temperatureC: 700 });
  }, 300_000);

  it('reads λ from the pyFAI headers, puts every frame on the 30 s axis and takes the library at 700 °C', () => {
    expect(result.wavelengthA).toBeCloseTo(0.20735, 8);
    expect(result.wavelengthSource).toBe('files');
    expect(result.frames).toHaveLength(61);
    expect(result.frames[0].timeS).toBe(0);
    expect(result.frames[60].timeS).toBe(1800);
    expect(result.frames[60].fileName).toBe('fe2o3_nio_700C_00060.xy');
    expect(result.cancelled).toBe(false);
    expect(result.settings.temperatureC).toBe(700);
    expect(result.temperatureSource).toBe('option');
    expect(result.settings.refineB).toBe(true);
    expect(result.warnings.join(' ')).not.toMatch(/no run temperature/);
  });

  it('|Δw| ≤ 0.015 in every frame, GoF ≤ 1.5, fcc a within 0.001 Å and x_Ni within 0.01 of the truth', () => {
    const acc = accuracy(result, truth);
    let da = 0;
    let dx = 0;
    result.frames.forEach((f, i) => {
      const fcc = f.phases['fcc-FeNi'];
      da = Math.max(da, Math.abs(fcc.aA - truth.frames[i].a.fcc));
      dx = Math.max(dx, Math.abs((fcc.xNi as number) - (truth.frames[i].fcc_x_ni as number)));
      expect(fcc.xNiSigma as number).toBeGreaterThan(0);
      // the systematic σ of the literature end members (their own σ and that of ᾱ) is reported beside it
      expect(fcc.xNiSystematicSigma as number).toBeGreaterThan(0.01);
      expect(fcc.xNiSystematicSigma as number).toBeLessThan(0.1);
    });
    console.log(`Fe2O3+NiO, library phases: max |Δw| ${acc.maxDw.toFixed(4)}, median ${acc.medianDw.toFixed(4)}, max |Δa(fcc)| ${da.toFixed(5)} Å, max |ΔxNi| ${dx.toFixed(4)}, GoF ${acc.gof[0].toFixed(2)}–${acc.gof[1].toFixed(2)}`);
    // the targets (|Δw| ≤ 0.015, GoF ≤ 1.5, 0.001 Å, 0.01) are far off; pinned at what the engine reaches
    // (0.0046, median 0.0003, GoF 1.09, 0.00015 Å, x_Ni 0.0027) so that a regression fails here
    expect(acc.maxDw).toBeLessThanOrEqual(0.006);
    expect(acc.medianDw).toBeLessThanOrEqual(0.001);
    expect(acc.gof[1]).toBeLessThanOrEqual(1.15);
    expect(da).toBeLessThan(0.0003);
    expect(dx).toBeLessThan(0.004);
    const last = result.frames[60].phases['fcc-FeNi'];
    expect(Math.abs((last.xNi as number) - (truth.frames[60].fcc_x_ni as number))).toBeLessThan(0.002);
    expect(result.fitQuality?.poorFrames).toBe(0);
    expectFinite(result);
  });

  it('refines B, size and strain with their σ; B of fcc (Fe,Ni) and NiO as the simulation made them', () => {
    // truth: B(fcc) = 1.2 Å² for Fe and Ni; NiO: Ni 1.0, O 1.2 (mean over the cell 1.1)
    const late = result.frames.slice(30);
    for (const f of late) {
      const fcc = f.phases['fcc-FeNi'];
      expect(fcc.bRefined).toBe(true);
      expect(Math.abs((fcc.bIsoA2 as number) - 1.2)).toBeLessThan(0.1);
      expect(fcc.bIsoSigmaA2 as number).toBeGreaterThan(0);
      expect(fcc.sizeNm as number).toBeGreaterThan(10);
      expect(fcc.sizeSigmaNm as number).toBeGreaterThan(0);
      expect(fcc.microstrainSigma as number).toBeGreaterThan(0);
      expect(fcc.profile?.eta.sigma as number).toBeGreaterThan(0);
      expect(f.zeroShiftSigmaDeg as number).toBeGreaterThan(0);
    }
    const nio0 = result.frames[0].phases.NiO;
    expect(nio0.bRefined).toBe(true);
    expect(Math.abs((nio0.bIsoA2 as number) - 1.1)).toBeLessThan(0.15);
    // a phase below 10 wt% keeps the B it had (held, σ 0)
    const fadedMagnetite = result.frames.find((f) => f.phases.magnetite.weightFraction < 0.05 && !f.phases.magnetite.dropped)!.phases.magnetite;
    expect(fadedMagnetite.bRefined).toBe(false);
    expect(fadedMagnetite.bIsoSigmaA2).toBe(0);
  });

  it('starts the fcc cell at the Ni end where the chain starts, on the literature end members at 700 °C', () => {
    const fcc = result.phases.find((p) => p.id === 'fcc-FeNi')!;
    expect(fcc.startSource).toBe('search');
    expect(fcc.startLattice.aA).toBeCloseTo(truth.frames[0].a.fcc, 2);
    const ends = literatureVegardEnds(700);
    expect(fcc.vegard).toEqual(ends);
    expect(result.settings.vegardEndsA).toEqual(ends);
    expect(result.vegardEndsSource).toBe('literature');
  });

  it('follows the fcc 200 peak: a and xNi from its centre track the truth', () => {
    const peak = result.peaks.find((p) => p.spec === 'fcc-FeNi:200')!;
    expect(peak.hkl).toEqual([2, 0, 0]);
    let present = 0;
    result.frames.forEach((f, i) => {
      const p = f.peaks['fcc-FeNi:200'];
      if (!p.present) return;
      present++;
      expect(Math.abs((p.aA as number) - truth.frames[i].a.fcc)).toBeLessThan(0.002);
      expect(Math.abs((p.xNi as number) - (truth.frames[i].fcc_x_ni as number))).toBeLessThan(0.02);
      expect(p.areaSigma as number).toBeGreaterThan(0);
    });
    // fcc is 8 wt% at t = 0 and grows: the peak is there from the first frames to the last
    expect(present).toBeGreaterThanOrEqual(58);
    expect(result.frames[60].peaks['fcc-FeNi:200'].present).toBe(true);
    // NiO is reduced within minutes: its 220 peak is absent at the end, reported with a finite detection limit (NiO
    // 200 is no test of that: at the end it lies one FWHM from the strong fcc 111, d = 2.110 against 2.097 Å)
    const last = result.frames[60].peaks['NiO:220'];
    expect(last.present).toBe(false);
    expect(last.area).toBeNull();
    expect(last.limit as number).toBeGreaterThan(0);
    expect(result.frames[0].peaks['NiO:220'].present).toBe(true);
  });

  it('detects NiO and fcc from the start, and never bcc Fe (none in this sample)', () => {
    expect(result.detection['NiO'].detected).toBe(true);
    expect(result.detection['NiO'].firstTimeS).toBe(0);
    expect(result.detection['fcc-FeNi'].firstTimeS).toBe(0);
    expect(result.detection['bcc-Fe'].detected).toBe(false);
    expect(result.detection['bcc-Fe'].firstTimeS).toBeNull();
    expect(result.detection['bcc-Fe'].reflections.length).toBeGreaterThan(0);
    expect(result.detection['bcc-Fe'].limit as number).toBeGreaterThan(0);
    expect(result.detection['bcc-Fe'].message).toMatch(/^not detected \(limit /);
    expect(result.frames.every((f) => !f.presence['bcc-Fe'].present)).toBe(true);
  });
});

describe.skipIf(!haveFe)('analyseSequence on the simulated Fe2O3 study with the library phases (all 61 frames)', () => {
  it('|Δw| ≤ 0.015, GoF ≤ 1.5, bcc a within 0.001 Å, and bcc Fe detected early', () => {
    const { seq, truth } = load('sxrd-fe2o3-700C');
    const result = analyseSequence(seq, { phases: FE_PHASES, detectPhases: [...FE_PHASES, 'fcc-FeNi'], temperatureC: 700 });
    const acc = accuracy(result, truth);
    let da = 0;
    result.frames.forEach((f, i) => {
      if (truth.frames[i].wt.bcc_Fe > 0.05) da = Math.max(da, Math.abs(f.phases['bcc-Fe'].aA - truth.frames[i].a.bcc_Fe));
    });
    const det = result.detection['bcc-Fe'];
    console.log(`Fe2O3, library phases: max |Δw| ${acc.maxDw.toFixed(4)}, median ${acc.medianDw.toFixed(4)}, max |Δa(bcc)| ${da.toFixed(5)} Å, GoF ${acc.gof[0].toFixed(2)}–${acc.gof[1].toFixed(2)}, bcc ${det.message}`);
    // pinned at what the engine reaches (0.0044, median 0.0007, GoF 1.12, 0.00012 Å; targets 0.015, 1.5, 0.001 Å)
    expect(acc.maxDw).toBeLessThanOrEqual(0.006);
    expect(acc.medianDw).toBeLessThanOrEqual(0.0012);
    expect(acc.gof[1]).toBeLessThanOrEqual(1.18);
    expect(da).toBeLessThan(0.0003);
    expectFinite(result);
    // truth: no bcc at t = 0, 0.36 wt% at 30 s, 1.0 % at 60 s, 1.9 % at 90 s; early: before it reaches 2 wt%
    expect(truth.frames[0].wt.bcc_Fe).toBe(0);
    expect(det.detected).toBe(true);
    expect(det.firstTimeS as number).toBeGreaterThanOrEqual(30);
    expect(det.firstTimeS as number).toBeLessThanOrEqual(90);
    expect(result.frames[0].presence['bcc-Fe'].present).toBe(false);
    expect(result.frames[60].presence['bcc-Fe'].present).toBe(true);
    expect(result.detection['fcc-FeNi'].detected).toBe(false);
    // bcc Fe (truth B = 1.1 Å²) refined once it passes 10 wt%
    const late = result.frames[60].phases['bcc-Fe'];
    expect(late.bRefined).toBe(true);
    expect(Math.abs((late.bIsoA2 as number) - 1.1)).toBeLessThan(0.1);
  });
});

/** The first n frames of a study (every frame, 30 s apart). */
function loadFirst(name: string, n: number): { seq: PatternSequence; truth: Truth } {
  const dir = simulatedDir(name);
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const names = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort().slice(0, n);
  return { seq: buildSequence(names.map((f) => ({ name: f, bytes: readFileSync(path.join(dir, f)) })), { intervalS: 30 }), truth };
}

describe.skipIf(!haveNio || !haveFe)('bcc Fe presence does not depend on whether bcc Fe is refined (library phases, first 21 frames, 0–600 s)', () => {
  // the lead's case: with bcc-Fe refined, its ~0 wt% cell wandered (2.8975 → 2.9109 Å at t = 0) onto another phase's
  // peak and the presence test followed it: 'bcc-Fe detected from t = 0 s' in Fe2O3 + NiO, which has no bcc
  const nio = haveNio ? loadFirst('sxrd-fe2o3_nio-700C', 21) : null!;
  const fe = haveFe ? loadFirst('sxrd-fe2o3-700C', 21) : null!;
  const run = (seq: PatternSequence, phases: string[], detect: string[]): XrdAnalysis =>
    analyseSequence(seq, { phases, detectPhases: [...phases, ...detect], temperatureC: 700 });

  it('Fe2O3 + NiO: bcc Fe not detected, refined or only tested, and its presence flags are the same', () => {
    const refined = run(nio.seq, ['magnetite', 'wustite', 'NiO', 'fcc-FeNi', 'bcc-Fe'], []);
    const tested = run(nio.seq, ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'], ['bcc-Fe']);
    expect(nio.truth.frames.every((f) => f.wt.bcc_Fe === undefined || f.wt.bcc_Fe === 0)).toBe(true);
    for (const r of [refined, tested]) {
      expect(r.detection['bcc-Fe'].detected).toBe(false);
      expect(r.detection['bcc-Fe'].message).toMatch(/^not detected \(limit /);
      expect(r.frames.filter((f) => f.presence['bcc-Fe'].present)).toHaveLength(0);
      // the phases that are there are still found from the first frame
      for (const id of ['magnetite', 'wustite', 'NiO', 'fcc-FeNi']) expect(r.detection[id].firstTimeS).toBe(0);
    }
    expect(refined.frames.map((f) => f.presence['bcc-Fe'].present)).toEqual(tested.frames.map((f) => f.presence['bcc-Fe'].present));
    // NiO's 111, 200, 220 lie within 1.5 FWHM of magnetite 222, 400, 440 (a(Fe3O4) ≈ 2·a(NiO)): never used; its 420
    // (beside magnetite 840, fitted as a nuisance peak) is
    const nioLines = refined.detection['NiO'].reflections.map((r) => r.label);
    expect(nioLines).toContain('NiO 420');
    for (const hkl of ['111', '200', '220']) expect(nioLines).not.toContain(`NiO ${hkl}`);
    // the limits follow the other phases' refined cells and zero shift, which bcc in the model moves a little
    expect(Math.abs((refined.detection['bcc-Fe'].limit as number) / (tested.detection['bcc-Fe'].limit as number) - 1)).toBeLessThan(0.1);
  });

  it('Fe2O3: bcc Fe detected from t = 30 s (truth: none at 0 s, 0.36 wt% at 30 s), refined or only tested', () => {
    expect(fe.truth.frames[0].wt.bcc_Fe).toBe(0);
    expect(fe.truth.frames[1].wt.bcc_Fe).toBeGreaterThan(0);
    const refined = run(fe.seq, ['magnetite', 'wustite', 'bcc-Fe'], []);
    const tested = run(fe.seq, ['magnetite', 'wustite'], ['bcc-Fe']);
    for (const r of [refined, tested]) {
      expect(r.detection['bcc-Fe'].detected).toBe(true);
      expect(r.detection['bcc-Fe'].firstTimeS).toBe(30);
      expect(r.frames[0].presence['bcc-Fe'].present).toBe(false);
      expect(r.frames.slice(1).every((f) => f.presence['bcc-Fe'].present)).toBe(true);
    }
  });
});

describe.skipIf(!haveNio)('detect-only phases never change what is refined (Fe2O3 + NiO, every third frame)', () => {
  // the app engineer's case: hematite and bcc Fe (both absent) only tested beside the refined phases. The
  // starting-cell search used to run over all six at once: hematite shifted the common expansion and bcc Fe's lines,
  // masked there, hid fcc's, whose start moved from 3.6017 to 3.6350 Å; the Rwp of these frames rose to 28.8 %
  const { seq } = haveNio ? load('sxrd-fe2o3_nio-700C', 3) : { seq: null! };
  const refine = resolvePhases({ phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'], temperatureC: 700 }).refine;
  const options = { phases: [], temperatureC: 700 };

  it('the same starting cells, fractions, cells and Rwp in every frame; hematite and bcc Fe not detected', () => {
    const alone = analyseSequenceWithPhases(seq, { refine, detect: refine }, options);
    const withDetect = analyseSequenceWithPhases(seq, { refine, detect: [...refine, getPhase('hematite'), getPhase('bcc-Fe')] }, options);
    expect(withDetect.frames).toHaveLength(21);
    const ids = refine.map((p) => p.id);
    expect(ids).toEqual(['magnetite', 'wustite', 'NiO', 'fcc-FeNi']);
    const starts = (r: XrdAnalysis): unknown[] => ids.map((id) => {
      const p = r.phases.find((q) => q.id === id)!;
      return { source: p.startSource, lattice: p.startLattice };
    });
    expect(starts(withDetect)).toEqual(starts(alone));
    // fcc stands out in the first frame: it starts at the Ni end (3.5656 Å at 700 °C)
    expect(alone.phases.find((p) => p.id === 'fcc-FeNi')!.startLattice.aA).toBeCloseTo(3.5656, 2);
    withDetect.frames.forEach((f, i) => {
      const g = alone.frames[i];
      expect(f.rwp).toBe(g.rwp);
      expect(f.gof).toBe(g.gof);
      for (const id of ids) {
        expect(f.phases[id].weightFraction).toBe(g.phases[id].weightFraction);
        expect(f.phases[id].aA).toBe(g.phases[id].aA);
      }
      expect(f.phases).toEqual(g.phases);
    });
    const maxGof = Math.max(...withDetect.frames.map((f) => f.gof as number));
    expect(maxGof).toBeLessThan(1.5);
    // the detect-only phases get their own starts (the refined phases' common expansion) for their presence test
    for (const id of ['hematite', 'bcc-Fe']) {
      const p = withDetect.phases.find((q) => q.id === id)!;
      expect(p.refined).toBe(false);
      expect(p.startSource).toBe('common');
      expect(withDetect.detection[id].detected).toBe(false);
      expect(withDetect.detection[id].message).toMatch(/^not detected \(limit /);
      expect(withDetect.frames.some((f) => f.presence[id].present)).toBe(false);
    }
    // both started from the same common expansion, on top of their own thermal expansion to 700 °C
    const ratio = (id: string) => withDetect.phases.find((q) => q.id === id)!.startLattice.aA / withDetect.phases.find((q) => q.id === id)!.libraryLattice.aA;
    expect(ratio('hematite')).toBeCloseTo(ratio('bcc-Fe'), 12);
    // the phases that are there are still found from the first frame, with or without the others tested
    for (const id of ids) {
      expect(withDetect.detection[id].firstTimeS).toBe(0);
      expect(alone.detection[id].firstTimeS).toBe(0);
    }
  });
});

describe.skipIf(!haveFe)('phases that vanish and appear again never break the chain (Fe2O3 frames out of time order)', () => {
  // A chain through frames 0, 5, 10, 20, 30, 45, 60, 60, 45, 30, 20, 10, 5, 0 of the Fe2O3 study: magnetite fades
  // from 95 wt% to nothing (the classic "invalid metric tensor" stop of other programs) and comes back; bcc Fe
  // appears, grows to 87 wt% and vanishes again. Every frame is refined from the one before, as in a sequence.
  const order = [0, 5, 10, 20, 30, 45, 60, 60, 45, 30, 20, 10, 5, 0];
  it('every number finite, the vanished phase out of the model and back, fractions within 0.01 of the truth, GoF ≤ 1.2', () => {
    const dir = simulatedDir('sxrd-fe2o3-700C');
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    const names = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
    const files = order.map((i, k) => ({ name: `chain_${String(k).padStart(2, '0')}.xy`, bytes: readFileSync(path.join(dir, names[i])) }));
    const result = analyseSequence(buildSequence(files, { intervalS: 30 }), { phases: FE_PHASES, detectPhases: FE_PHASES, temperatureC: 700 });
    expect(result.frames).toHaveLength(order.length);
    expectFinite(result);
    let worst = 0;
    result.frames.forEach((f, k) => {
      const t = truth.frames[order[k]];
      for (const id of FE_PHASES) {
        expect(f.phases[id].weightFraction).toBeGreaterThanOrEqual(0);
        worst = Math.max(worst, Math.abs(f.phases[id].weightFraction - t.wt[TRUTH_KEY[id]]));
      }
      expect(f.gof as number, `frame ${k}`).toBeLessThanOrEqual(1.2);
    });
    expect(worst).toBeLessThan(0.01);
    // magnetite is gone at 1350–1800 s (truth < 1e-4) and back at 95 wt% at the end; bcc Fe gone at t = 0 again
    for (const k of [5, 6, 7, 8]) expect(result.frames[k].phases.magnetite.dropped, `frame ${k}`).toBe(true);
    const last = result.frames[order.length - 1].phases;
    expect(last.magnetite.dropped).toBe(false);
    expect(last['bcc-Fe'].weightFraction).toBeLessThan(0.003);
    expect(Math.abs(last.magnetite.aA - truth.frames[0].a.Fe3O4)).toBeLessThan(0.001);
    expect(Math.abs(result.frames[6].phases['bcc-Fe'].aA - truth.frames[60].a.bcc_Fe)).toBeLessThan(0.001);
  });
});

describe('presence helpers', () => {
  it('ranks overlaps: clear, beside a strong line, partly overlapped, overlapped, coincident', () => {
    const fwhm = 0.03;
    const cls = (others: { twoThetaDeg: number; rel: number }[]): number => overlapClass(10, others, fwhm, 0.12, 0.075, 0.0225);
    expect(cls([{ twoThetaDeg: 10.2, rel: 1 }])).toBe(0);
    expect(cls([{ twoThetaDeg: 10.1, rel: 0.05 }])).toBe(0);
    expect(cls([{ twoThetaDeg: 10.1, rel: 0.5 }])).toBe(1);
    expect(cls([{ twoThetaDeg: 10.06, rel: 0.05 }])).toBe(2);
    expect(cls([{ twoThetaDeg: 10.04, rel: 0.005 }])).toBe(3);
    expect(cls([{ twoThetaDeg: 10.01, rel: 0.005 }, { twoThetaDeg: 10.2, rel: 1 }])).toBe(4);
    expect(cls([{ twoThetaDeg: 10.01, rel: 0.001 }])).toBe(0);
  });

  it('trusts a refined cell only when the phase is in the model, not frozen, ≥ 2 wt% and > 3σ', () => {
    const ph = { dropped: false, frozen: false, weightFraction: 0.1, weightFractionSigma: 0.005 };
    expect(cellDetermined(ph)).toBe(true);
    expect(cellDetermined({ ...ph, weightFraction: 0.0064 })).toBe(false);
    expect(cellDetermined({ ...ph, dropped: true })).toBe(false);
    expect(cellDetermined({ ...ph, frozen: true })).toBe(false);
    expect(cellDetermined({ ...ph, weightFraction: 0.03, weightFractionSigma: 0.02 })).toBe(false);
    expect(cellDetermined({ ...ph, weightFractionSigma: NaN })).toBe(false);
  });
});

describe.skipIf(!haveNio)('library phases, options and CSV (every sixth frame)', () => {
  const { seq, truth, picked } = haveNio ? load('sxrd-fe2o3_nio-700C', 6) : { seq: null!, truth: null!, picked: [] };

  it('finds the hot cells from the room-temperature library cells, with no temperature given', () => {
    const frames = seq.frames.map((p) => frameData(p, 0.20735));
    const defs = resolvePhases({ phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'] }).refine;
    const starts = startingCells(defs, frames, 0.20735, [-0.015, 0.035], true, 0.03);
    const t0 = truth.frames[0].a;
    // library (room temperature) → truth at 700 °C: 8.3965 → 8.4815, 4.3088 → 4.3495, 4.1771 → 4.2194
    expect(Math.abs(starts[0].def.lattice.aA - t0.Fe3O4)).toBeLessThan(0.005);
    expect(Math.abs(starts[1].def.lattice.aA - t0.FeO)).toBeLessThan(0.005);
    expect(Math.abs(starts[2].def.lattice.aA - t0.NiO)).toBeLessThan(0.006);
    expect(Math.abs(starts[3].def.lattice.aA - t0.fcc)).toBeLessThan(0.003);
    // NiO's lines all lie within 0.5 % of magnetite's (a(Fe3O4) ≈ 2·a(NiO)): masked there, it takes the common expansion
    expect(starts.map((s) => s.source)).toEqual(['search', 'search', 'common', 'search']);
  });

  it('without a run temperature: library at 25 °C, and a warning that names the Temperature control', () => {
    const r = analyseSequence(seq, { phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'] });
    expect(r.settings.temperatureC).toBe(25);
    expect(r.temperatureSource).toBe('default');
    // the core names the setting by token; the app shows its control, the command line its flag
    const w = r.warnings.find((x) => x.startsWith('no run temperature'))!;
    expect(renderSettingRefs(w, 'app')).toMatch(/set the temperature of the run \(Analysis → Temperature \(°C\), or Sequence → Temperature log…\)/);
    expect(renderSettingRefs(w, 'cli')).toMatch(/--temperature/);
    expect(renderSettingRefs(w, 'app')).not.toMatch(/--/);
    expect(r.settings.vegardEndsA).toEqual(literatureVegardEnds(25));
  });

  it('takes the run temperature from a temperature log attached to the sequence (median over the frames)', () => {
    const logged: PatternSequence = { ...seq, temperatureC: Float64Array.from(seq.timesS, () => 700) };
    const r = analyseSequence(logged, { phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'] });
    expect(r.settings.temperatureC).toBe(700);
    expect(r.temperatureSource).toBe('log');
    expect(r.frames[0].temperatureC).toBe(700);
    // a ramp moves each frame's Vegard ends: x from a at the frame's own temperature
    const ramp: PatternSequence = { ...seq, temperatureC: Float64Array.from(seq.timesS, (_, i) => (i === 0 ? 650 : 700)) };
    const rr = analyseSequence(ramp, { phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'] });
    const a0 = rr.frames[0].phases['fcc-FeNi'].aA;
    const ends650 = literatureVegardEnds(650);
    expect(rr.frames[0].phases['fcc-FeNi'].xNi as number).toBeCloseTo((a0 - ends650.a0A) / (ends650.a1A - ends650.a0A), 10);
  });

  it('resolves library ids case-insensitively, applies the Vegard end members, and names the known ids', () => {
    const { refine, detect } = resolvePhases({ phases: ['Magnetite', 'fcc-feni'], detectPhases: ['bcc-Fe'], vegardEndsA: { a0A: 3.6, a1A: 3.5 } });
    expect(refine.map((p) => p.id)).toEqual(['magnetite', 'fcc-FeNi']);
    expect(refine[1].vegard?.endMembers).toEqual({ aAtZeroA: 3.6, aAtOneA: 3.5 });
    // given ends carry no uncertainty: no systematic σ is derived from them
    expect(refine[1].vegard?.endMemberSigmaA).toBeUndefined();
    // at a run temperature: cells expanded, B by the Debye model (bcc Fe 0.35 → 1.09 Å² at 700 °C)
    const hot = resolvePhases({ phases: ['bcc-Fe'], temperatureC: 700 }).refine[0];
    expect(hot.lattice.aA).toBeCloseTo(2.8664 * (1 + 14.5e-6 * 675), 10);
    expect(hot.atoms[0].bIsoA2).toBeCloseTo(1.087, 2);
    expect(detect.map((p) => p.id)).toEqual(['bcc-Fe']);
    expect(() => resolvePhases({ phases: ['hematite', 'unobtainium'] })).toThrow(/unknown phase 'unobtainium'.*magnetite/);
  });

  it('peaks and presence only (refine: false): no Rietveld numbers, the same time axis', () => {
    const result = analyseSequence(seq, { phases: [], detectPhases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi', 'bcc-Fe'], peaks: ['fcc-FeNi:111'], refine: false });
    expect(result.refined).toBe(false);
    expect(result.frames).toHaveLength(picked.length);
    expect(result.frames.map((f) => f.timeS)).toEqual(picked.map((i) => truth.frames[i].t_s));
    expect(result.frames.every((f) => f.rwp === null && Object.keys(f.phases).length === 0)).toBe(true);
    // fcc 111 present in every sampled frame, its cell moving from the Ni end (3.5628 Å) towards 3.629 Å
    const a = result.frames.map((f) => f.peaks['fcc-FeNi:111'].aA as number);
    expect(result.frames.every((f) => f.peaks['fcc-FeNi:111'].present)).toBe(true);
    expect(Math.abs(a[0] - truth.frames[0].a.fcc)).toBeLessThan(0.004);
    expect(Math.abs(a[a.length - 1] - truth.frames[60].a.fcc)).toBeLessThan(0.003);
    expect(result.detection['NiO'].firstTimeS).toBe(0);
    expect(result.detection['bcc-Fe'].detected).toBe(false);
  });

  it('writes one CSV row per frame with the documented columns, every refined parameter with its σ', () => {
    const result = analyseSequence(seq, { phases: NIO_PHASES, peaks: ['fcc-FeNi:200'], temperatureC: 700 });
    const lines = xrdAnalysisToCsv(result).trimEnd().split('\n');
    expect(lines).toHaveLength(picked.length + 1);
    const header = lines[0].split(',');
    expect(header.slice(0, 9)).toEqual(['index', 'timeS', 'file', 'rwp', 'rexp', 'chi2', 'gof', 'zeroShiftDeg', 'zeroShiftSigmaDeg']);
    expect(header).toContain('fcc-FeNi_weightFraction');
    expect(header).toContain('fcc-FeNi_weightFractionSigma');
    expect(header).toContain('fcc-FeNi_aA');
    expect(header).toContain('fcc-FeNi_xNi');
    for (const c of ['zeroShiftSigmaDeg', 'fcc-FeNi_xNiSystematicSigma', 'fcc-FeNi_bIsoA2', 'fcc-FeNi_bIsoSigmaA2', 'fcc-FeNi_bRefined', 'fcc-FeNi_sizeNm',
      'fcc-FeNi_sizeSigmaNm', 'fcc-FeNi_microstrain', 'fcc-FeNi_microstrainSigma', 'fcc-FeNi_eta', 'fcc-FeNi_etaSigma']) expect(header, c).toContain(c);
    // no temperature log: no temperature column
    expect(header).not.toContain('temperatureC');
    expect(header).toContain('fcc-FeNi:200_centreDeg');
    expect(header).toContain('fcc-FeNi:200_areaSigmaCountsDeg');
    expect(header).toContain('fcc-FeNi:200_limitCountsDeg');
    expect(header).toContain('fcc-FeNi_dropped');
    expect(header).not.toContain('displacementDeg');
    expect(header).toContain('fcc-FeNi:200_present');
    expect(header).toContain('NiO_present');
    const last = lines[lines.length - 1].split(',');
    expect(last).toHaveLength(header.length);
    const col = (name: string): string => last[header.indexOf(name)];
    expect(Number(col('timeS'))).toBe(1800);
    expect(col('file')).toBe('fe2o3_nio_700C_00060.xy');
    expect(Math.abs(Number(col('fcc-FeNi_weightFraction')) - truth.frames[60].wt.fcc)).toBeLessThan(0.03);
    expect(col('NiO_present')).toBe('0');
    expect(col('fcc-FeNi:200_present')).toBe('1');
  });

  it('stops between frames when cancelled and reports what it finished', () => {
    const signal = { cancelled: false };
    const refine = resolvePhases({ phases: NIO_PHASES, temperatureC: 700 }).refine;
    const seen: [number, number][] = [];
    const result = analyseSequenceWithPhases(seq, { refine, detect: refine }, { phases: [], temperatureC: 700 }, (done, total) => {
      seen.push([done, total]);
      if (done === 3) signal.cancelled = true;
    }, signal);
    expect(result.cancelled).toBe(true);
    expect(result.frames).toHaveLength(3);
    expect(seen[0]).toEqual([1, 2 * picked.length]);
    expect(result.detection).toEqual({});
    // marked partial in words, in the results and in the CSV
    expect(result.frameTotal).toBe(picked.length);
    expect(partialNote(result)).toBe(`partial: 3 of ${picked.length} frames`);
    const csv = xrdAnalysisToCsv(result).split('\n');
    expect(csv[0]).toBe(`# partial: 3 of ${picked.length} frames (the analysis was cancelled)`);
    expect(csv[1].startsWith('index,timeS,')).toBe(true);
    expect(csv.filter((l) => l !== '')).toHaveLength(2 + 3);
  });

  it('needs a wavelength when the files state none', () => {
    const noLambda: PatternSequence = { ...seq, wavelengthA: null, frames: seq.frames.map((f) => ({ ...f, wavelengthA: null })) };
    expect(() => analyseSequence(noLambda, { phases: ['NiO'] })).toThrow(/no wavelength/);
    const withOption = analyseSequence(noLambda, { phases: [], detectPhases: ['NiO'], refine: false, wavelengthA: 0.20735 });
    expect(withOption.wavelengthSource).toBe('option');
    expect(withOption.detection['NiO'].detected).toBe(true);
  });
});

describe('pipeline helpers', () => {
  const x = twoThetaAxis(4, 8, 0.005);
  const peaks = [
    { centreDeg: 5, fwhmDeg: 0.04, eta: 0.4, area: 40 },
    { centreDeg: 6, fwhmDeg: 0.04, eta: 0.4, area: 60 },
    { centreDeg: 7, fwhmDeg: 0.04, eta: 0.4, area: 30 },
  ];
  const expected = syntheticPattern(x, peaks, [500, -20], 4);
  const counts = poissonCounts(expected, poissonGenerator(7));

  it('estimates the FWHM of a frame from its strongest peaks', () => {
    const fwhm = estimateFwhmDeg({ twoThetaDeg: x, intensity: counts, sigma: null });
    expect(Math.abs(fwhm - 0.04)).toBeLessThan(0.006);
  });

  it('rough background: under the peaks, on the background between them', () => {
    const bg = roughBackground(expected, 81);
    const at = (deg: number): number => Math.round((deg - 4) / 0.005);
    expect(Math.abs(bg[at(6)] - (500 - 20 * 2))).toBeLessThan(5);
    expect(Math.abs(bg[at(6.5)] - (500 - 20 * 2.5))).toBeLessThan(5);
    expect(bg[at(6)]).toBeLessThan(expected[at(6)] - 200);
    expect(Array.from(expected)).toEqual(Array.from(syntheticPattern(x, peaks, [500, -20], 4)));
  });

  it('crops a frame to a 2θ range without copying', () => {
    const frame = { twoThetaDeg: x, intensity: counts, sigma: null };
    const c = cropFrame(frame, 5.5, 6.5);
    expect(c.twoThetaDeg[0]).toBeCloseTo(5.5, 9);
    expect(c.twoThetaDeg[c.twoThetaDeg.length - 1]).toBeCloseTo(6.5, 9);
    expect(c.twoThetaDeg.length).toBe(201);
    expect(c.intensity.buffer).toBe(counts.buffer);
    expect(cropFrame(frame, 0, 100)).toBe(frame);
  });

  it('narrows an ROI so that no other reflection sits on its edge', () => {
    // a neighbour 0.163° away from a 0.15° ROI would put its flank inside: narrowed to 0.163 − 3·FWHM
    expect(roiHalfWidthDeg(10.168, [10.005], 0.15, 0.028, 0.021)).toBeCloseTo(0.163 - 0.084, 9);
    // neighbours well inside (fitted as nuisance peaks) or far outside leave it alone
    expect(roiHalfWidthDeg(10.168, [10.1, 10.6], 0.15, 0.028, 0.021)).toBe(0.15);
    // narrowing below 2.5 FWHM is not done (the neighbour 0.14° away would leave 0.056°): the ROI stays
    expect(roiHalfWidthDeg(10, [10.14], 0.15, 0.028, 0.021)).toBe(0.15);
  });
});
