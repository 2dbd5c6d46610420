/**
 * The map analysis on the simulated DAC map (test/fixtures/simulated/xrd-map-re, made by
 * scripts/make-xrd-map-simulation.py: Re gasket + Fe3N chamber under a known pressure gradient, cells from
 * independently solved equations of state): grid placement, per-point pressure, cells, presence, peak windows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPattern } from '../formats/xrd/index';
import { analyseMap, bandOrders, finishMap, analyseMapPoints, mapPointFit, planMap, serpentineOrder } from './analyse';
import { lineGain, matchPattern, placePhases, spreadSamples, type PhaseLines } from './cells';
import { describeMissing, indicesFromName, layoutFromFrames, layoutFromIndex, layoutFromNames } from './grid';
import { windowMetrics } from './windows';
import { mapPatternReader } from './read';
import { pressureGPa, scaleById } from '../hp/eos/index';

const DIR = resolve(__dirname, '../../../test/fixtures/simulated/xrd-map-re');
interface TruthPoint {
  ix: number;
  iy: number;
  pressureGPa: number;
  phases: Record<'Re' | 'Fe3N', { a: number; c: number; weightFraction: number; present: boolean }>;
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as { nx: number; ny: number; points: TruthPoint[] };

describe('grid placement', () => {
  it('reads positions from names: map_{iy}_{ix}, labelled x/y, 1-based indices', () => {
    expect(indicesFromName('map_3_11.xy')).toEqual({ iy: 3, ix: 11 });
    expect(indicesFromName('map_3_11.xy', 'xy')).toEqual({ ix: 3, iy: 11 });
    expect(indicesFromName('scan_y04_x12.chi')).toEqual({ ix: 12, iy: 4 });
    expect(indicesFromName('pattern.xy')).toBeNull();
    const l = layoutFromNames(['p_1_1.xy', 'p_1_2.xy', 'p_2_1.xy'], 2, 2);
    expect(l.note).toContain('first index 1');
    expect(l.missing).toEqual([{ ix: 1, iy: 1 }]);
  });

  it('lists missing points and files outside the grid or on a taken point', () => {
    const names = readdirSync(join(DIR, 'points')).filter((n) => n !== 'map_0_3.xy' && n !== 'map_9_11.xy');
    const l = layoutFromNames([...names, 'map_10_0.xy', 'copy_map_2_2.xy'], 12, 10);
    expect(l.missing).toEqual([{ ix: 3, iy: 0 }, { ix: 11, iy: 9 }]);
    expect(describeMissing(l.missing)).toBe('(ix 3, iy 0), (ix 11, iy 9)');
    expect(l.problems.join('\n')).toMatch(/map_10_0\.xy: point \(ix 0, iy 10\) is outside the 12 × 10 grid/);
    expect(l.problems.join('\n')).toMatch(/copy_map_2_2\.xy: point \(ix 2, iy 2\) is also map_2_2\.xy/);
  });

  it('a map index and the frames of a multi-frame file (row by row, serpentine on request)', () => {
    const idx = layoutFromIndex('index.csv', new Uint8Array(readFileSync(join(DIR, 'index.csv'))));
    expect([idx.nx, idx.ny, idx.missing.length]).toEqual([12, 10, 0]);
    expect(idx.points[13]).toMatchObject({ ix: 1, iy: 1, fileName: 'points/map_1_1.xy', xUm: 0.5, yUm: 0.5 });
    const f = layoutFromFrames('m.h5', 6, 3, 2, { serpentine: true });
    expect(f.points.map((p) => p!.frame)).toEqual([0, 1, 2, 5, 4, 3]);
    expect(serpentineOrder(3, 2)).toEqual([0, 1, 2, 5, 4, 3]);
  });
});

describe('window metrics', () => {
  it('sum, background-subtracted area, centroid and FWHM of a triangle on a sloped background', () => {
    const x = Float64Array.from({ length: 21 }, (_, i) => i * 0.1);
    const y = x.map((v) => 10 + 2 * v + Math.max(0, 100 - 500 * Math.abs(v - 1)));
    const m = windowMetrics(x, y, 0, 2);
    expect(m.sum).toBeCloseTo(y.reduce((a, b) => a + b, 0), 9);
    expect(m.area).toBeCloseTo(100 + 2 * 50, 6); // points at 0.9, 1.0, 1.1: 50 + 100 + 50
    expect(m.centroidDeg).toBeCloseTo(1, 9);
    expect(m.fwhmDeg).toBeCloseTo(0.2, 9); // half maximum 50 reached at 0.9 and 1.1
  });
});

describe('the simulated map (Re + Fe3N, known pressure gradient)', () => {
  const names = readdirSync(join(DIR, 'points'));
  const layout = layoutFromNames(names, truth.nx, truth.ny);
  const patterns = layout.points.map((p) => (p ? importPattern(p.fileName, new Uint8Array(readFileSync(join(DIR, 'points', p.fileName)))) : null));
  const { result, setup } = analyseMap(patterns, layout, { phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'anzellini2014' }, peaks: ['Re:101', '7.9-8.4'], stepUm: 0.5 });

  it('recovers the pressure at every point within 0.5 GPa (mean bias < 0.05 GPa)', () => {
    let bias = 0;
    for (const t of truth.points) {
      const p = result.points[t.iy * truth.nx + t.ix]!;
      expect(Math.abs(p.pressureGPa! - t.pressureGPa), `(ix ${t.ix}, iy ${t.iy})`).toBeLessThan(0.5);
      expect(p.pressureSigmaGPa!).toBeGreaterThan(0);
      bias += p.pressureGPa! - t.pressureGPa;
    }
    expect(Math.abs(bias / truth.points.length)).toBeLessThan(0.05);
  });

  it('finds Fe3N exactly in the chamber, with its cell, and Re everywhere', () => {
    for (const t of truth.points) {
      const p = result.points[t.iy * truth.nx + t.ix]!;
      expect(p.phases.Fe3N.detected, `(ix ${t.ix}, iy ${t.iy})`).toBe(t.phases.Fe3N.present);
      expect(p.phases.Re.detected).toBe(true);
      expect(Math.abs(p.phases.Re.a! - t.phases.Re.a)).toBeLessThan(0.001);
      expect(Math.abs(p.phases.Re.c! - t.phases.Re.c)).toBeLessThan(0.002);
      if (t.phases.Fe3N.present) expect(Math.abs(p.phases.Fe3N.a! - t.phases.Fe3N.a)).toBeLessThan(0.002);
      // fractions are pinned loosely: the simulation's |F|² are interpolated on a grid of cells (docs/xrd-maps.md)
      expect(Math.abs(p.phases.Re.weightFraction - t.phases.Re.weightFraction), `(ix ${t.ix}, iy ${t.iy}) Re ${p.phases.Re.weightFraction} vs ${t.phases.Re.weightFraction}, gof ${p.gof}, flags ${p.flags.join(" ")}`).toBeLessThan(0.2);
    }
  });

  it('positions in µm from the step; peak windows at every point; a point’s fit draws', () => {
    const p = result.points[5 * truth.nx + 6]!;
    expect([p.xUm, p.yUm]).toEqual([3, 2.5]);
    // on the gasket (no Fe3N line near Re 101) the window holds the line alone: its centroid is the line's position
    const g = result.points[0]!.peaks['Re:101'];
    expect(g.area).toBeGreaterThan(0);
    expect(g.centroidDeg!).toBeCloseTo((g.windowDeg[0] + g.windowDeg[1]) / 2, 1);
    expect(g.fwhmDeg!).toBeGreaterThan(0.04);
    expect(g.fwhmDeg!).toBeLessThan(0.09);
    expect(p.peaks['7.9-8.4'].windowDeg).toEqual([7.9, 8.4]);
    const fit = mapPointFit(setup, 5 * truth.nx + 6)!;
    expect(fit.calculated.length).toBe(fit.observed.length);
    expect(fit.rwp).toBeCloseTo(p.rwp!, 12);
  });

  it('σ(P) of a point combines σ(a), σ(c) and cov(a, c) of the refined Re cell (finite differences of P(a, c))', () => {
    const re = scaleById('anzellini2014', 'Re');
    for (const k of [0, 5 * truth.nx + 6]) {
      const p = result.points[k]!;
      const ph = p.phases.Re;
      expect(ph.cSigma!).toBeGreaterThan(0);
      const P = (a: number, c: number) => pressureGPa(re, { cell: { aA: a, cA: c } });
      const dPda = (P(ph.a! + 1e-5, ph.c!) - P(ph.a! - 1e-5, ph.c!)) / 2e-5;
      const dPdc = (P(ph.a!, ph.c! + 1e-5) - P(ph.a!, ph.c! - 1e-5)) / 2e-5;
      expect(p.pressureSigmaParts!.aGPa).toBeCloseTo(Math.abs(dPda) * ph.aSigma!, 6);
      expect(p.pressureSigmaParts!.cGPa!).toBeCloseTo(Math.abs(dPdc) * ph.cSigma!, 6);
      expect(p.pressureSigmaParts!.temperatureGPa).toBe(0);
      // cov(a, c) from the refinement: a correlation, and it enters σ(P)² as 2·∂P/∂a·∂P/∂c·cov
      const cov = ph.acCovarianceA2!;
      expect(Math.abs(cov)).toBeGreaterThan(0);
      expect(Math.abs(cov)).toBeLessThanOrEqual(ph.aSigma! * ph.cSigma!);
      expect(p.pressureSigmaGPa!).toBeCloseTo(Math.sqrt((dPda * ph.aSigma!) ** 2 + (dPdc * ph.cSigma!) ** 2 + 2 * dPda * dPdc * cov), 6);
    }
  });

  it('σ(T) enters through a scale with a thermal model (Zha 2004: ∂P/∂T·σT)', () => {
    const opts = { phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'zha2004', temperatureK: 700, sigmaTemperatureK: 30 }, stepUm: 0.5 };
    const sub = layoutFromNames(readdirSync(join(DIR, 'points')).filter((n) => /^map_0_/.test(n)), truth.nx, 1);
    const pats = sub.points.map((p) => (p ? importPattern(p.fileName, new Uint8Array(readFileSync(join(DIR, 'points', p.fileName)))) : null));
    const r = analyseMap(pats, sub, opts).result;
    const p = r.points[0]!;
    const re = scaleById('zha2004', 'Re');
    const cell = { aA: p.phases.Re.a!, cA: p.phases.Re.c! };
    const dPdT = (pressureGPa(re, { cell }, 700.5) - pressureGPa(re, { cell }, 699.5)) / 1;
    expect(p.pressureSigmaParts!.temperatureGPa).toBeCloseTo(Math.abs(dPdT) * 30, 6);
    // σ(P)² = parts² + 2·∂P/∂a·∂P/∂c·cov(a, c): T is independent of the cell
    const dPda = (pressureGPa(re, { cell: { ...cell, aA: cell.aA + 1e-5 } }, 700) - pressureGPa(re, { cell: { ...cell, aA: cell.aA - 1e-5 } }, 700)) / 2e-5;
    const dPdc = (pressureGPa(re, { cell: { ...cell, cA: cell.cA + 1e-5 } }, 700) - pressureGPa(re, { cell: { ...cell, cA: cell.cA - 1e-5 } }, 700)) / 2e-5;
    const { aGPa, cGPa, temperatureGPa } = p.pressureSigmaParts!;
    expect(p.pressureSigmaGPa! ** 2).toBeCloseTo(aGPa ** 2 + cGPa! ** 2 + temperatureGPa ** 2 + 2 * dPda * dPdc * p.phases.Re.acCovarianceA2!, 6);
    expect(r.pressure!.sigmaTemperatureK).toBe(30);
  });

  it('the files of a map are read by the reader recognised on the first of their extension, a stranger on its own', () => {
    const read = mapPatternReader();
    const name = layout.points[0]!.fileName;
    const bytes = new Uint8Array(readFileSync(join(DIR, 'points', name)));
    const direct = importPattern(name, bytes);
    for (let i = 0; i < 2; i++) {
      const p = read(name, bytes);
      expect(Array.from(p.x)).toEqual(Array.from(direct.x));
      expect(Array.from(p.intensity)).toEqual(Array.from(direct.intensity));
    }
    // a two-column text file with the same extension but none of pyFAI's header: still read (recognised anew)
    const plain = new TextEncoder().encode('5 10\n5.01 12\n5.02 11\n5.03 13\n5.04 10\n');
    const q = read('other.xy', plain);
    expect(Array.from(q.intensity)).toEqual([10, 12, 11, 13, 10]);
    expect(q.formatId).not.toBe(direct.formatId);
  });

  it('refuses an unknown scale and a pressure phase not in the map', () => {
    expect(() => analyseMap(patterns, layout, { phases: ['Re'], pressure: { phase: 'Re', scale: 'nope' } })).toThrow(/unknown scale "nope" for Re/);
    expect(() => analyseMap(patterns, layout, { phases: ['Re'], pressure: { phase: 'Au', scale: 'fei2007' } })).toThrow(/Au is not one of the map's phases/);
  });
});

/**
 * Other maps of the same generator (scripts/make-xrd-map-simulation.py --variant): 'radial', a pressure peak of 70 GPa
 * in the chamber falling to 25 GPa at the corners, a third of the counts, a +0.015° zero shift; 'hole', a reversed and
 * steeper gradient (60 → 18 GPa), an off-centre chamber with no Re in its inner half and Fe3N missing below the
 * chamber's centre line, a −0.01° zero shift. Tolerance: every point's pressure within 4 σ(P) of the truth, σ(P) as
 * reported (from σ(a) and σ(c)); the z-scores' RMS between 0.5 and 1.5 (σ neither too small nor inflated; 0.8–0.9
 * measured); presence exact; the zero shift within 0.002°.
 */
describe.each(['xrd-map-radial', 'xrd-map-hole'])('the simulated map %s', (name) => {
  const dir = resolve(__dirname, '../../../test/fixtures/simulated', name);
  const t = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { nx: number; ny: number; zeroShiftDeg: number; points: TruthPoint[] };
  const layout = layoutFromNames(readdirSync(join(dir, 'points')), t.nx, t.ny);
  const patterns = layout.points.map((p) => (p ? importPattern(p.fileName, new Uint8Array(readFileSync(join(dir, 'points', p.fileName)))) : null));
  const { result } = analyseMap(patterns, layout, { phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'anzellini2014' }, stepUm: 0.5 });

  it('pressure within 4 σ at every point where Re is, none where it is not; the zero shift found', () => {
    let sumZ2 = 0;
    let n = 0;
    for (const tp of t.points) {
      const p = result.points[tp.iy * t.nx + tp.ix]!;
      if (!tp.phases.Re.present) {
        expect(p.pressureGPa, `(ix ${tp.ix}, iy ${tp.iy})`).toBeNull();
        continue;
      }
      const z = (p.pressureGPa! - tp.pressureGPa) / p.pressureSigmaGPa!;
      expect(Math.abs(z), `(ix ${tp.ix}, iy ${tp.iy}): ${p.pressureGPa} ± ${p.pressureSigmaGPa} vs ${tp.pressureGPa}`).toBeLessThan(4);
      sumZ2 += z * z;
      n++;
    }
    expect(Math.sqrt(sumZ2 / n)).toBeLessThan(1.5);
    expect(Math.sqrt(sumZ2 / n)).toBeGreaterThan(0.5);
    expect(Math.abs(result.plan.zeroShiftDeg - t.zeroShiftDeg)).toBeLessThan(0.002);
  });

  it('phase presence exact; no point flagged as a poor fit', () => {
    for (const tp of t.points) {
      const p = result.points[tp.iy * t.nx + tp.ix]!;
      expect(p.phases.Re.detected, `Re (ix ${tp.ix}, iy ${tp.iy})`).toBe(tp.phases.Re.present);
      expect(p.phases.Fe3N.detected, `Fe3N (ix ${tp.ix}, iy ${tp.iy})`).toBe(tp.phases.Fe3N.present);
      expect(p.flags.filter((f) => f !== 'retried')).toEqual([]);
      expect(p.gof!).toBeLessThan(1.5 * result.medianGof!);
    }
  });
});

describe('starting cells and flags', () => {
  const names = readdirSync(join(DIR, 'points'));
  const layout = layoutFromNames(names, truth.nx, truth.ny);
  const patterns = layout.points.map((p) => (p ? importPattern(p.fileName, new Uint8Array(readFileSync(join(DIR, 'points', p.fileName)))) : null));

  it('samples spread over both directions of the grid (a row-major stride would sit in one column)', () => {
    const s = spreadSamples(100, 100, () => true, 6);
    expect(s.length).toBe(36);
    expect(new Set(s.map((k) => k % 100)).size).toBe(6);
    expect(new Set(s.map((k) => Math.floor(k / 100))).size).toBe(6);
    // a missing point is replaced by its nearest filled neighbour
    expect(spreadSamples(3, 1, (k) => k !== 1, 3)).toEqual([0, 2]);
  });

  it('a phase cannot claim another phase’s strongest line with one of its own: predicted lines without counts cost', () => {
    // one line at 10°: phase A has only that line; phase B has it and two more that find nothing
    const x = Float64Array.from({ length: 601 }, (_, i) => 5 + i * 0.02);
    const y = x.map((v) => 50 + 2000 * Math.exp(-(((v - 10) / 0.03) ** 2)));
    const m = matchPattern(x, y);
    const lam = 0.3;
    const dAt = (tth: number) => lam / (2 * Math.sin((tth * Math.PI) / 360));
    const a: PhaseLines = { d: [dAt(10)], w: [1] };
    const b: PhaseLines = { d: [dAt(10), dAt(12), dAt(14)], w: [1, 1, 1] };
    expect(lineGain(m, a, lam, 1)).toBeGreaterThan(2.5 * lineGain(m, b, lam, 1));
    // placed: A at s = 1; B is not placed on A's line (its other lines find nothing once A's line is masked)
    const placed = placePhases(m, [b, a], lam, [[0.9, 1.1], [0.9, 1.1]], 0.0005, 6, 0.12);
    expect(placed.s[1]).toBeCloseTo(1, 3);
    expect(placed.s[0]).toBeNull();
  });

  it('a best scale at an end of the range is rejected (the cell lies outside it)', () => {
    const x = Float64Array.from({ length: 601 }, (_, i) => 5 + i * 0.02);
    const y = x.map((v) => 50 + 2000 * Math.exp(-(((v - 10) / 0.03) ** 2)));
    const lam = 0.3;
    const d10 = lam / (2 * Math.sin((10 * Math.PI) / 360));
    // the line at 10° needs s = 1 for a line at the library d: a range ending at 1.0005 puts the best at its end
    const placed = placePhases(matchPattern(x, y), [{ d: [d10], w: [1] }], lam, [[0.95, 1.0005]], 0.0005, 6, 0.12);
    expect(placed.hits[0]!.atEdge).toBe(true);
    expect(placed.s[0]).toBeNull();
  });

  it('bands of rows refined apart (as the worker threads do) give the single-thread answer within σ', () => {
    const options = { phases: ['Re', 'Fe3N'], pressure: { phase: 'Re', scale: 'anzellini2014' } };
    const plan = planMap(patterns, layout, options);
    const bands = bandOrders(layout.nx, layout.ny, 2);
    expect(bands.map((b) => b.length)).toEqual([60, 60]);
    expect(bands[1][0]).toBe(5 * 12 + 11); // the second band starts on its first row, right to left as in the whole map's serpentine
    const parts = bands.map((order) => analyseMapPoints(patterns, layout, options, plan, order));
    const { result } = finishMap(layout, options, plan, parts);
    for (const tp of truth.points) {
      const p = result.points[tp.iy * truth.nx + tp.ix]!;
      expect(Math.abs(p.pressureGPa! - tp.pressureGPa)).toBeLessThan(4 * p.pressureSigmaGPa!);
      expect(p.phases.Fe3N.detected).toBe(tp.phases.Fe3N.present);
    }
  });

  it('a poor point is flagged: a pattern with a foreign line gets a goodness of fit far above the map’s', () => {
    const k = 2 * truth.nx + 1;
    const p0 = patterns[k]!;
    const bad = { ...p0, intensity: p0.intensity.map((v, i) => v + 3000 * Math.exp(-(((p0.x[i] - 9.3) / 0.05) ** 2))) };
    const spoiled = patterns.map((p, q) => (q === k ? bad : p));
    const { result } = analyseMap(spoiled, layout, { phases: ['Re', 'Fe3N'] });
    expect(result.points[k]!.flags).toContain('poor-fit');
    expect(result.warnings.join('\n')).toMatch(/1 point\(s\) flagged/);
  });
});
