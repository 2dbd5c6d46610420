/** The SXRD cursor readouts (frame and heatmap) and the TGA run matched to a sequence's phases. */
import { describe, expect, it } from 'vitest';
import { binHeatmap, frameCurves } from '../../../../core/xrd/display';
import { frameOption, frameReadout, frameReadoutHtml, TICK_HOVER_PX } from './frame';
import { heatmapReadout } from './heatmap';
import { tickRows } from './reflections';
import { matchingTgaRun } from './results';
import { SCREEN_VIEW } from '../../charts/style';
import { sequence } from './testkit';

const LAMBDA = 0.20735;
const x = Array.from({ length: 400 }, (_, i) => 5 + i * 0.005);
const seq = sequence(x, [0, 1, 2].map((k) => x.map((v) => 100 + 1000 * k + 10 * v)), 60, LAMBDA);

describe('frame readout', () => {
  const ticks = tickRows(['fcc-FeNi', 'bcc-Fe'], { wavelengthA: LAMBDA, twoThetaMinDeg: 5, twoThetaMaxDeg: 7 });
  const data = { frame: frameCurves(seq, [1], '2th_deg')[0], axis: '2th_deg' as const, timeUnit: 'min' as const, wavelengthA: LAMBDA, ticks, fit: null };

  it('2θ, d = λ/(2 sin θ), q = 4π sin θ/λ, I between points, and the nearest reflection of each phase', () => {
    const r = frameReadout(data, 6.0025);
    const theta = (6.0025 / 2) * (Math.PI / 180);
    expect(r.dA).toBeCloseTo(LAMBDA / (2 * Math.sin(theta)), 10);
    expect(r.qPerA).toBeCloseTo((4 * Math.PI * Math.sin(theta)) / LAMBDA, 10);
    // I = 100 + 1000 + 10·2θ on this frame
    expect(r.intensity).toBeCloseTo(1100 + 60.025, 6);
    expect(r.nearest.map((n) => n.phase)).toEqual(ticks.map((t) => t.name));
    for (const [k, n] of r.nearest.entries()) {
      const closest = Math.min(...ticks[k].ticks.map((t) => Math.abs(t.twoThetaDeg - 6.0025)));
      expect(Math.abs(n.deltaTwoThetaDeg)).toBeCloseTo(closest, 12);
    }
    expect(frameReadoutHtml(data, 6.0025)).toMatch(/2θ = <b>6\.003<\/b>° · d = <b>[\d.]+<\/b> Å · q = <b>[\d.]+<\/b> Å⁻¹<br>I = <b>/);
    expect(frameReadout(data, 9).intensity).toBeNull();
  });

  it('each tick has a hover target of at least 6 px on screen', () => {
    const o = frameOption(data, SCREEN_VIEW) as unknown as { series: { name: string; symbolSize?: number[] }[]; tooltip: { trigger: string } };
    const hover = o.series.filter((s) => s.name.endsWith('(hover)'));
    expect(hover).toHaveLength(2);
    for (const s of hover) expect(s.symbolSize![0]).toBeGreaterThanOrEqual(6);
    expect(TICK_HOVER_PX).toBeGreaterThanOrEqual(6);
    expect(o.tooltip.trigger).toBe('axis');
  });
});

describe('heatmap cross-hair', () => {
  it('the cell’s mean counts, the time and the nearest frame', () => {
    const grid = binHeatmap(seq, { log: true, xBins: 40, tBins: 3 });
    const r = heatmapReadout(grid, 6.0, 70, seq.timesS)!;
    expect(r.frame).toBe(1);
    expect(r.frameTimeS).toBe(60);
    // frame 1 at 2θ ≈ 6: 1100 + 10·2θ, averaged over the cell
    expect(r.intensity!).toBeGreaterThan(1155);
    expect(r.intensity!).toBeLessThan(1165);
    expect(heatmapReadout(grid, 99, 70, seq.timesS)).toBeNull();
  });
});

describe('the TGA run overlaid on SXRD results', () => {
  const run = (label: string, precursors: string[]) => ({ label, color: '#000', alpha: { x: Float64Array.of(0), y: Float64Array.of(0) }, precursors });
  it('defaults to the run whose recipe matches the sequence’s phases', () => {
    const runs = [run('Fe2O3 ref', ['Fe2O3']), run('Fe2O3 + Ni', ['Fe2O3', 'Ni']), run('Fe2O3 + NiO', ['Fe2O3', 'NiO'])];
    const phases = [{ id: 'NiO', name: 'NiO' }, { id: 'fcc-FeNi', name: 'fcc (Fe,Ni)' }, { id: 'wustite', name: 'Wüstite Fe1-xO' }];
    expect(matchingTgaRun(runs, phases)?.label).toBe('Fe2O3 + NiO');
    expect(matchingTgaRun(runs, [{ id: 'hematite', name: 'Hematite' }])?.label).toBe('Fe2O3 ref');
    expect(matchingTgaRun([], phases)).toBeNull();
  });
});
