/** The high-pressure views' pure builders: LUTs, the map's values, colour bar and µm scale bar, I vs T breaks and onsets. */
import { describe, expect, it } from 'vitest';
import type { RadiographyResult, RegionSeries } from '../../../../shared/radiography';
import type { MapPointFlag, MapResult } from '../../../../shared/xrd-map';
import { printView } from '../../charts/style';
import { FLAG_COLOUR, frameRgba, intensityChartOption, lutColour, mapChartOption, mapValues, scaleBarUm } from './imaging-charts';

describe('look-up tables', () => {
  it('grey runs black to white, inverted the reverse, viridis from its first to its last colour', () => {
    expect(lutColour('grey', 0)).toEqual([0, 0, 0]);
    expect(lutColour('grey', 1)).toEqual([255, 255, 255]);
    expect(lutColour('inverted', 0)).toEqual([255, 255, 255]);
    expect(lutColour('viridis', 0)).toEqual([0x44, 0x01, 0x54]);
    expect(lutColour('viridis', 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(lutColour('grey', 2)).toEqual([255, 255, 255]);
  });
  it('a frame is coloured between the contrast limits', () => {
    const rgba = frameRgba({ index: 0, width: 2, height: 1, binning: 1, pixels: Float64Array.of(10, 20), min: 10, max: 20, p1: 10, p99: 20 }, 10, 20, 'grey');
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });
});

function mapResult(): MapResult {
  const point = (ix: number, iy: number, p: number) => ({ ix, iy, xUm: ix, yUm: iy, fileName: `m_${iy}_${ix}`, phases: { Re: { weightFraction: 1, weightFractionSigma: 0, a: 2.7, c: 4.35, aSigma: 0, volumeA3: 27, detected: true } }, peaks: {}, pressureGPa: p, pressureSigmaGPa: 0.1, rwp: 0.1, gof: 1, flags: [] as MapPointFlag[] });
  return {
    nx: 3, ny: 2, stepUm: 10, stepYUm: 10, wavelengthA: 0.3, twoThetaRangeDeg: [5, 17],
    phases: [{ id: 'Re', name: 'Re', startA: 2.7, startC: 4.35 }], peaks: [],
    pressure: { phase: 'Re', scale: 'anzellini2014', scaleName: 'A', citation: 'c', temperatureK: 300 },
    points: [point(0, 0, 10), point(1, 0, 20), null, point(0, 1, 30), point(1, 1, 40), point(2, 1, 50)],
    missing: [{ ix: 2, iy: 0 }], layoutNote: '', cancelled: false, done: 5, warnings: [], medianGof: 1,
    plan: { wavelengthA: 0.3, lo: 5, hi: 17, startS: [1], fwhmDeg: 0.06, zeroShiftDeg: 0, samples: [0], warnings: [] },
  };
}

describe('maps', () => {
  it('values row by row, NaN where a point is missing', () => {
    expect(Array.from(mapValues(mapResult(), { kind: 'pressure' }))).toEqual([10, 20, NaN, 30, 40, 50]);
    expect(mapValues(mapResult(), { kind: 'lattice', phase: 'Re', parameter: 'c' })[0]).toBe(4.35);
  });
  it('a round scale bar near a fifth of the width: 1, 2 or 5 × 10ⁿ µm', () => {
    expect(scaleBarUm(30)).toBe(5);
    expect(scaleBarUm(6)).toBe(1);
    expect(scaleBarUm(1000)).toBe(200);
  });
  it('the figure: heatmap cells without the missing point, colour bar over the data range, scale bar scaled to the plot', () => {
    const o = mapChartOption(mapResult(), { kind: 'pressure' }, printView(7, 250), undefined, { width: 250, height: 190 }) as Record<string, unknown>;
    const series = o.series as { data: [number, number, number][] }[];
    expect(series[0].data).toHaveLength(5);
    expect((o.visualMap as unknown[])[0]).toMatchObject({ min: 10, max: 50 });
    const grid = o.grid as { width: number; height: number };
    expect(grid.width / grid.height).toBeCloseTo(3 / 2, 9);
    const bar = (o.graphic as { children: { type: string; shape?: { width: number } }[] }[])[0].children.find((c) => c.type === 'rect')!;
    // 5 µm of a 30 µm wide map
    expect(bar.shape!.width).toBeCloseTo(grid.width / 6, 9);
    expect(series).toHaveLength(1); // nothing flagged: no outline series, no legend text
  });
  it('flagged points are outlined over their value (not coloured by the colour bar) and counted in the figure', () => {
    const r = mapResult();
    r.points[4]!.flags = ['poor-fit'];
    r.points[1]!.flags = ['retried']; // refitted and fine: not outlined
    const o = mapChartOption(r, { kind: 'pressure' }, printView(7, 250), undefined, { width: 250, height: 190 }) as Record<string, unknown>;
    const series = o.series as { data: [number, number, number][]; itemStyle?: { borderColor: string; color: string } }[];
    expect(series).toHaveLength(2);
    expect(series[1].data).toEqual([[1, 1, 0]]);
    expect(series[1].itemStyle).toMatchObject({ borderColor: FLAG_COLOUR, color: 'rgba(0,0,0,0)' });
    expect((o.visualMap as unknown[])[0]).toMatchObject({ seriesIndex: 0 });
    expect((o.visualMap as unknown[])[1]).toMatchObject({ seriesIndex: 1, show: false });
    const texts = (o.graphic as { type: string; style?: { text: string } }[]).filter((g) => g.type === 'text').map((g) => g.style!.text);
    expect(texts).toContain('▢ flagged: 1');
  });
});

describe('intensity against temperature', () => {
  const series = (name: string, values: number[]): RegionSeries => ({ name, kind: 'roi', group: null, pixelCount: 10, mean: Float64Array.from(values), normalised: Float64Array.from(values) });
  const r = {
    framesDone: 6,
    timesS: Float64Array.of(0, 1, 2, 3, 4, 5),
    temperatureK: Float64Array.of(1000, 1100, 1200, 1300, 500, 400),
    frame: series('frame', [1, 1, 1, 1, 1, 1]),
    rois: [series('a', [1, 1, 0.9, 0.9, 0.88, 0.88])],
    grid: null,
    groups: [],
    onsets: [{ region: 'a', frame: 2, timeS: 2, temperatureK: 1200, baselineMean: 1, baselineSd: 0, thresholdK: 5, consecutive: 2 }],
    delta: null,
  } as unknown as RadiographyResult;
  it('breaks the line where the temperature turns and marks the onset at its temperature', () => {
    const o = intensityChartOption(r, { x: 'temperature', normalised: true, regions: ['a'] }, printView(7, 250)) as Record<string, unknown>;
    const s = (o.series as { data: unknown[]; markLine: { data: { xAxis: number }[] } }[])[0];
    expect(s.data).toEqual([[1000, 1], [1100, 1], [1200, 0.9], [1300, 0.9], null, [500, 0.88], [400, 0.88]]);
    expect(s.markLine.data[0].xAxis).toBe(1200);
  });
});
