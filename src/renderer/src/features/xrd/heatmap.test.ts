import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../../../../test/fixtures/xrd/paths';
import { buildSequence } from '../../../../core/xrd/sequence';
import { plainTitle, printView, SCREEN_VIEW } from '../../charts/style';
import { heatmapCsv } from './csv';
import { binHeatmap } from '../../../../core/xrd/display';
import { heatmapCells, heatmapOption, jointRange, tCentreS, xCentre } from './heatmap';
import { sequence } from './testkit';

// the simulated Fe2O3 + NiO sequence (../shared, read in place; skipped with a printed reason when absent)
const HAVE = haveSimulated('sxrd-fe2o3_nio-700C');
const DIR = simulatedDir('sxrd-fe2o3_nio-700C');
const files = HAVE
  ? readdirSync(DIR)
    .filter((n) => n.endsWith('.xy'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DIR, name))) }))
  : [];
const seq = HAVE ? buildSequence(files, { intervalS: 30 }) : null!;


describe.skipIf(!HAVE)('grid helpers of the chart', () => {
  it('bin centres: frame i in row i, x centres half a bin in; empty cells are left out of the chart data', () => {
    const g = binHeatmap(seq, { xBins: 600, tBins: 61 });
    expect(tCentreS(g, 0)).toBeCloseTo(0, 9);
    expect(tCentreS(g, 60)).toBeCloseTo(1800, 9);
    const s = sequence([1, 2, 3, 4], [
      [0, 0.5, 10, 1000],
      [2, 4, 6, 8],
    ]);
    const h = binHeatmap(s, { xBins: 4, tBins: 2, xRange: [0, 8] });
    expect(heatmapCells(h)).toHaveLength(6);
    expect(xCentre(h, 0)).toBe(1);
  });
});

describe.skipIf(!HAVE)('heatmapOption', () => {
  const g = !HAVE ? null! : binHeatmap(seq, { xBins: 200, tBins: 61, log: true });

  it('draws each non-empty cell once under value axes whose limits are the bin edges, with a colour bar', () => {
    const o = heatmapOption({ panels: [{ grid: g }], timeUnit: 'min' }, SCREEN_VIEW) as unknown as {
      series: { type: string; data: unknown[] }[];
      xAxis: Record<string, unknown>[];
      yAxis: Record<string, unknown>[];
      visualMap: { min: number; max: number; show: boolean };
    };
    expect(o.series).toHaveLength(2); // the heatmap and the colour-bar column
    expect(o.series[0].data).toHaveLength(61 * 200);
    expect(o.series[1].data).toHaveLength(128);
    const xv = o.xAxis.find((a) => a.type === 'value')!;
    expect([xv.min, xv.max]).toEqual([2, 16]);
    expect(plainTitle(String(xv.name))).toBe('2θ (°)');
    const yv = o.yAxis.filter((a) => a.type === 'value');
    expect(plainTitle(String(yv[0].name))).toBe('t (min)');
    expect(yv[0].min).toBeCloseTo(-0.25, 12);
    expect(yv[0].max).toBeCloseTo(30.25, 12);
    expect(plainTitle(String(yv[1].name))).toBe('log₁₀(I / counts)');
    expect([o.visualMap.min, o.visualMap.max]).toEqual([g.min, g.max]);
  });

  it('a row of zoom windows shares one time axis title and one colour range', () => {
    const a = binHeatmap(seq, { xRange: [6.4, 6.9], log: true });
    const b = binHeatmap(seq, { xRange: [5.3, 5.8], log: true });
    const o = heatmapOption({ panels: [{ grid: a, label: 'fcc-(Fe,Ni) 200' }, { grid: b, label: 'wüstite 200' }] , timeUnit: 's' }, printView(7, 518.74)) as unknown as {
      grid: unknown[];
      yAxis: Record<string, unknown>[];
      visualMap: { min: number; max: number };
      graphic: { style: { text: string } }[];
    };
    expect(o.grid).toHaveLength(3);
    expect(o.yAxis.filter((y) => y.type === 'value').map((y) => plainTitle(String(y.name)))).toEqual(['t (s)', '', 'log₁₀(I / counts)']);
    expect([o.visualMap.min, o.visualMap.max]).toEqual(jointRange([a, b]));
    expect(o.graphic.map((t) => t.style.text)).toEqual(['(a) fcc-(Fe,Ni) 200', '(b) wüstite 200']);
  });

  it('CSV: a header row of x centres and one row per time bin', () => {
    const small = binHeatmap(seq, { xBins: 4, tBins: 3 });
    const lines = heatmapCsv(small).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('timeS\\twoThetaDeg,3.75,7.25,10.75,14.25');
    expect(lines[1].split(',')).toHaveLength(5);
    expect(Number(lines[1].split(',')[0])).toBeCloseTo(tCentreS(small, 0), 9);
  });
});
