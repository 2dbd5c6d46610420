import { describe, expect, it } from 'vitest';
import { printView } from '../../charts/style';
import { renderFigureSvg, sizePt } from '../../export/figure';
import { frameOption } from './frame';
import { binHeatmap, frameCurves } from '../../../../core/xrd/display';
import { heatmapOption, heatmapRgba, upscaleFactors } from './heatmap';
import { stretchSvgImages } from './raster';
import { tickRows } from './reflections';
import { resultsOption } from './results';
import { sequence, smallAnalysis } from './testkit';
import { waterfallOption } from './waterfall';
import { phaseColor } from './style';
import { pathDeviation, seriesPaths, svgAxes, toSvg } from '../../../../../test/support/svg-series';

describe('heatmap raster', () => {
  const s = sequence([1, 2, 3, 4], [
    [0, 10, 20, 30],
    [40, 50, 60, 70],
  ]);
  const g = binHeatmap(s, { xBins: 4, tBins: 2, xRange: [0.5, 4.5] });

  it('colours cells on viridis with the last time bin in the top row; empty cells transparent', () => {
    const img = heatmapRgba(g, [0, 70]);
    expect([img.width, img.height]).toEqual([4, 2]);
    const px = (x: number, y: number) => Array.from(img.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    expect(px(0, 1)).toEqual([0x44, 0x01, 0x54, 255]); // t = 0 s, value 0: viridis(0), bottom row
    expect(px(3, 0)).toEqual([0xfd, 0xe7, 0x25, 255]); // t = 30 s, value 70: viridis(1), top row
    const h = binHeatmap(s, { xBins: 4, tBins: 2, xRange: [0, 8] }); // bin 3 (6–8°) empty
    expect(heatmapRgba(h, [0, 70]).data[3 * 4 + 3]).toBe(0);
  });

  it('repeats each cell kx × ky times and clamps values outside the range', () => {
    const img = heatmapRgba(g, [10, 20], { kx: 3, ky: 2 });
    expect([img.width, img.height]).toEqual([12, 4]);
    // bottom-left cell (value 0 < 10) clamps to the first stop in all 3 × 2 copies
    for (const [x, y] of [[0, 2], [2, 3]]) expect(Array.from(img.data.subarray((y * 12 + x) * 4, (y * 12 + x) * 4 + 3))).toEqual([0x44, 0x01, 0x54]);
    expect(upscaleFactors(600, 300)).toEqual({ kx: 3, ky: 4 });
    expect(upscaleFactors(600, 61)).toEqual({ kx: 3, ky: 20 });
    const big = upscaleFactors(100, 100, 1600, 1200, 1e6);
    expect(big.kx * big.ky * 100 * 100).toBeLessThanOrEqual(1e6);
  });

  it('an image panel is one picture on the value axes, and only cell series take the visual map', () => {
    const o = heatmapOption({ panels: [{ grid: g, image: 'data:image/png;base64,AAAA' }], timeUnit: 's' }, printView()) as unknown as {
      series: { type: string; xAxisIndex: number; yAxisIndex: number; renderItem?: (p: unknown, api: { coord: (v: [number, number]) => [number, number] }) => { style: Record<string, number> } }[];
      xAxis: { type: string }[];
      visualMap: { seriesIndex: number[] };
    };
    expect(o.series.map((x) => x.type)).toEqual(['custom', 'heatmap']);
    expect(o.xAxis[o.series[0].xAxisIndex].type).toBe('value');
    expect(o.visualMap.seriesIndex).toEqual([1]);
    const drawn = o.series[0].renderItem!({}, { coord: ([x, t]) => [x * 10, 100 - t] });
    expect(drawn.style).toMatchObject({ x: 5, y: 100 - 45, width: 40, height: 60 }); // 0.5–4.5°, −15…45 s
  });

  it('SVG images are stretched to their boxes', () => {
    expect(stretchSvgImages('<svg><image href="a" width="3"/><image preserveAspectRatio="none" href="b"/></svg>')).toBe(
      '<svg><image preserveAspectRatio="none" href="a" width="3"/><image preserveAspectRatio="none" href="b"/></svg>',
    );
  });
});

describe('every view renders to an SVG figure at journal width (the app’s renderFigureSvg, Node)', () => {
  const x = Array.from({ length: 200 }, (_, i) => 5 + i * 0.01);
  const s = sequence(x, [0, 1, 2].map((k) => x.map((v) => 100 + 1000 * Math.exp(-(((v - 5.8 - 0.01 * k) / 0.02) ** 2)))), 60, 0.20735);
  const size = sizePt(89, 68);
  const view = printView(7, size.width);

  it('heatmap, waterfall, frame and results', () => {
    const options = [
      heatmapOption({ panels: [{ grid: binHeatmap(s, { log: true }) }], timeUnit: 'min' }, view),
      waterfallOption({ frames: frameCurves(s, [0, 1, 2], '2th_deg'), axis: '2th_deg', timeUnit: 'min' }, view),
      frameOption({ frame: frameCurves(s, [1], '2th_deg')[0], axis: '2th_deg', timeUnit: 'min', wavelengthA: 0.20735, ticks: tickRows(['fcc-FeNi'], { wavelengthA: 0.20735, twoThetaMinDeg: 5, twoThetaMaxDeg: 7 }), fit: null }, view),
      resultsOption({ analysis: smallAnalysis(), panels: ['weight', 'lattice', 'rwp'], timeUnit: 'min', height: size.height }, view),
    ];
    const titles = [
      ['(°)', '(min)'],
      ['(°)', '(min)'],
      ['(°)', 'fcc-(Fe,Ni)'],
      ['(wt.%)', '(min)'],
    ];
    const svgs = options.map((o, i) => {
      const svg = renderFigureSvg(o, 89, 68);
      expect(svg).toMatch(/<svg[^>]* width="89mm" height="68mm"/);
      for (const t of titles[i]) expect(svg).toContain(t);
      return svg;
    });

    // what the files draw. Frame: the pattern of frame 1, counts against 2θ, every point where the data put it
    const frame = svgs[2];
    const fAxes = svgAxes(frame);
    const [curve, ...more] = seriesPaths(frame, '#000', 50);
    expect(more).toEqual([]);
    const f1 = s.frames[1];
    const frameDev = pathDeviation(curve, toSvg(Array.from(f1.x, (v, i) => [v, f1.intensity[i]]), fAxes.x[0], fAxes.y[0]));
    expect(frameDev.vertex).toBeLessThan(0.08);
    expect(frameDev.data).toBeLessThan(0.5);

    // Results: wt.% and a (Å) of each refined phase against t (min), in the phase's colour, in their own panels
    const results = svgs[3];
    const rAxes = svgAxes(results);
    // (the lattice panel's top tick label, 4.5, is left out where it would touch the weight panel above: labelled ticks
    // end at 4.2)
    expect(rAxes.y.map((a) => [a.ticks[0].value, a.ticks.at(-1)!.value])).toEqual([[0, 100], [3.3, 4.2]]);
    const a = smallAnalysis();
    const ids = a.phases.map((p) => p.id);
    for (const id of ['wustite', 'fcc-FeNi']) {
      const [weight, lattice, ...other] = seriesPaths(results, phaseColor(id, ids), 2);
      expect(other).toEqual([]);
      const wPts = a.frames.map((fr): [number, number] => [fr.timeS / 60, 100 * fr.phases[id].weightFraction]);
      const aPts = a.frames.map((fr): [number, number] => [fr.timeS / 60, fr.phases[id].aA]);
      expect(pathDeviation(weight, toSvg(wPts, rAxes.x[0], rAxes.y[0])).vertex).toBeLessThan(0.08);
      expect(pathDeviation(lattice, toSvg(aPts, rAxes.x[0], rAxes.y[1])).vertex).toBeLessThan(0.08);
      expect(weight).toHaveLength(2);
    }
  });
});
