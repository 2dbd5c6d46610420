/**
 * The figure checker: first on hand-made SVGs with known faults (each rule must catch its fault), then on every
 * figure type the app exports (TGA, SXRD, Kinetics, High pressure), rendered in Node by the same SSR path as the
 * export, at both journal widths: none may break a journal rule.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCaseFile, readTruth } from '../../../../test/fixtures/simulated/kinetics/load';
import { analyseSeries, prepareKineticRun } from '../../../core/kinetics/index';
import { arrheniusPanelsOption, eAlphaOption, KINETICS_TITLES, masterPlotOption, predictionOption, regressionOption } from '../charts/kinetics';
import { arrheniusPanels, avramiSets, eAlphaCurves, LINE_Y_TITLES, masterPlotData, predictionCurves, regressionSets, type SeriesResult } from '../features/kinetics/figures';
import type { EChartsOption } from 'echarts';
import type { HpEddFrameView, HpSpectrumView } from '../../../shared/api-hp';
import type { RadiographyResult, RegionSeries } from '../../../shared/radiography';
import type { MapResult } from '../../../shared/xrd-map';
import { alphaTemperatureOption } from '../charts/alphaTemperature';
import { conversionOption, type ConversionRun } from '../charts/conversion';
import { rawOption } from '../charts/raw';
import { printView, runColor, runStyle, type ChartView } from '../charts/style';
import { tgDtgOption, type TgRun } from '../charts/thermogravimetry';
import { pressureTimeOption, spectrumOption } from '../features/hp/charts';
import { intensityChartOption, mapChartOption } from '../features/hp/imaging-charts';
import { binHeatmap, frameCurves } from '../../../core/xrd/display';
import { frameOption } from '../features/xrd/frame';
import { heatmapOption } from '../features/xrd/heatmap';
import { tickRows } from '../features/xrd/reflections';
import { resultsOption } from '../features/xrd/results';
import { sequence, smallAnalysis } from '../features/xrd/testkit';
import { waterfallOption } from '../features/xrd/waterfall';
import { checkFigureSvg, parseTransform, pathPoints, textWidthEm } from './check';
import { FIGURE_PRESETS, renderFigureSvg, sizePt } from './figure';

const head = (w = 100, h = 50) => `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${(w * 72) / 25.4} ${(h * 72) / 25.4}">`;
const text = (x: number, y: number, size: number, s: string, extra = '') => `<text dominant-baseline="central" text-anchor="start" style="font-size:${size}px;" transform="translate(${x} ${y})"${extra}>${s}</text>`;

describe('figure checker on known faults', () => {
  it('reads transforms, paths and text widths', () => {
    expect(parseTransform('translate(10 20) scale(2)')).toEqual([2, 0, 0, 2, 10, 20]);
    expect(parseTransform('matrix(0,-1,1,0,12,93)')).toEqual([0, -1, 1, 0, 12, 93]);
    expect(pathPoints('M30 21l214 0l0 145Z')).toEqual({ points: [[30, 21], [244, 21], [244, 166]], closed: true });
    expect(pathPoints('M0 0C1 1 2 2 3 3')).toBeNull();
    expect(textWidthEm('10')).toBeCloseTo(1.12, 9);
  });

  it('text: sizes in pt at the physical size, so a 6 px label in a figure shrunk to half is 3 pt', () => {
    const ok = checkFigureSvg(`${head()}${text(10, 10, 7, 'Fe')}${text(10, 30, 6, '2')}</svg>`);
    expect(ok.problems).toEqual([]);
    expect(ok.texts.map((t) => t.sizePt)).toEqual([7, 6]);
    const small = checkFigureSvg(`${head()}${text(10, 10, 5, '2')}</svg>`);
    expect(small.problems.map((p) => p.kind)).toEqual(['small-text']);
    // the same 7 px text in a viewBox twice the physical width is 3.5 pt
    const shrunk = checkFigureSvg(`<svg width="50mm" height="25mm" viewBox="0 0 283.46 141.73">${text(10, 10, 7, 'x')}</svg>`);
    expect(shrunk.texts[0].sizePt).toBeCloseTo(3.5, 2);
    expect(shrunk.problems[0].kind).toBe('small-text');
    // nested groups scale their text
    const nested = checkFigureSvg(`${head()}<g transform="scale(0.5)">${text(10, 10, 8, 'a')}</g></svg>`);
    expect(nested.texts[0].sizePt).toBeCloseTo(4, 6);
  });

  it('overlap: two tick labels on one spot overlap; the pieces of one rich label do not', () => {
    const bad = checkFigureSvg(`${head()}${text(10, 10, 7, '100')}${text(12, 13, 7, '0')}</svg>`);
    expect(bad.problems.map((p) => p.kind)).toEqual(['overlap']);
    const rich = `<text dominant-baseline="central" style="font-size:7px;" x="0" y="2" transform="translate(50 50)">Fe</text><text dominant-baseline="central" style="font-size:6px;" x="6" y="4" transform="translate(50 50)">2</text>`;
    const one = checkFigureSvg(`${head()}${rich}</svg>`);
    expect(one.texts.map((t) => t.text)).toEqual(['Fe2']);
    expect(one.problems).toEqual([]);
    expect(checkFigureSvg(`${head()}${text(-3, 20, 7, 'title')}</svg>`).problems.map((p) => p.kind)).toEqual(['outside']);
    const apart = checkFigureSvg(`${head()}${text(10, 10, 7, '100')}${text(10, 20, 7, '0')}</svg>`);
    expect(apart.problems).toEqual([]);
  });

  it('crowded ticks: an axis end labelled off the interval (1.05 just above 1) is flagged; even ticks are not', () => {
    // a secondary y axis: 0, 0.5, 1 every 40 units and 1.05 only 8 units above 1 (the boxes do not touch)
    const column = (labels: [string, number][]) => labels.map(([t, y]) => text(200, y, 7, t)).join('');
    const bad = checkFigureSvg(`${head()}${column([['0', 100], ['0.5', 60], ['1', 20], ['1.05', 10]])}</svg>`);
    expect(bad.problems.map((p) => p.message)).toEqual(['tick label "1.05" crowds "1" (closer than half the axis\' tick spacing)']);
    expect(checkFigureSvg(`${head()}${column([['0', 100], ['0.5', 60], ['1', 20]])}</svg>`).problems).toEqual([]);
    // an x axis whose data end (1300) sits half an interval after 1200
    const row = (labels: [string, number][]) => labels.map(([t, x]) => text(x, 130, 7, t)).join('');
    expect(checkFigureSvg(`${head()}${row([['400', 20], ['800', 80], ['1200', 140], ['1300', 160]])}</svg>`).problems.map((p) => p.kind)).toEqual(['overlap']);
    // words are not ticks
    expect(checkFigureSvg(`${head()}${column([['a', 100], ['b', 60], ['c', 20], ['d', 10]])}</svg>`).problems).toEqual([]);
  });

  const legend = (stroke: string, width: number, dash = '') =>
    `<path d="M0 2L12 2" transform="translate(70 6)" stroke="${stroke}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}></path>` +
    `<path d="M-1 -1.5l40 0l0 9l-40 0Z" transform="translate(70 6)" fill="none" ecmeta_ssr_type="legend"></path>`;
  const curve = (stroke: string, width: number, dash = '') => `<g clip-path="url(#c)"><path d="M30 160L60 100L90 60L120 50" fill="none" stroke="${stroke}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}></path></g>`;

  it('legend swatches: thinner than their curve is a fault, much thicker too, as thick is fine', () => {
    expect(checkFigureSvg(`${head()}${curve('#0072B2', 1.5)}${legend('#0072B2', 1)}</svg>`).problems.map((p) => p.kind)).toEqual(['legend-swatch']);
    expect(checkFigureSvg(`${head()}${curve('#0072B2', 0.75)}${legend('#0072B2', 2)}</svg>`).problems.map((p) => p.kind)).toEqual(['legend-swatch']);
    expect(checkFigureSvg(`${head()}${curve('#0072B2', 1.5)}${legend('#0072B2', 1.5)}</svg>`).problems).toEqual([]);
  });

  it('reference lines: a dashed line needs a legend entry of its colour and dash; grid lines are exempt', () => {
    const ref = '<path d="M30 80L240 80" stroke="#555555" stroke-width="0.75" stroke-dasharray="4,2"></path>';
    expect(checkFigureSvg(`${head()}${ref}</svg>`).problems.map((p) => p.kind)).toEqual(['reference-line']);
    expect(checkFigureSvg(`${head()}${ref}${legend('#555555', 0.75, '4,2')}</svg>`).problems).toEqual([]);
    expect(checkFigureSvg(`${head()}<path d="M30 80L240 80" stroke="#E0E0E0" stroke-dasharray="4,2"></path></svg>`).problems).toEqual([]);
  });

  it('stray ticks: a y tick below the x-axis origin is a fault, ticks on the axis are not', () => {
    const axis = '<path d="M30 20L30 160" stroke="#000" stroke-width="0.5"></path>';
    const tick = (y: number) => `<path d="M30 ${y}L27 ${y}" stroke="#000" stroke-width="0.5"></path>`;
    expect(checkFigureSvg(`${head()}${axis}${tick(20)}${tick(90)}${tick(160)}</svg>`).problems).toEqual([]);
    expect(checkFigureSvg(`${head()}${axis}${tick(90)}${tick(168)}</svg>`).problems.map((p) => p.kind)).toEqual(['stray-tick']);
  });
});

// ---- every exported figure type ------------------------------------------------------------------------------

function conversionRun(label: string, tauS: number, index: number): ConversionRun {
  const t = Float64Array.from({ length: 181 }, (_, i) => i * 10);
  const a = t.map((s) => 1 - Math.exp(-s / tauS));
  return { label, color: runStyle(index).color, style: runStyle(index), index, alpha: { x: t, y: a }, rateVsAlpha: { x: a, y: t.map((s) => Math.exp(-s / tauS) / tauS) } };
}
const tgRun = (label: string, index: number, lossPct: number): TgRun => {
  const t = Float64Array.from({ length: 301 }, (_, i) => -600 + i * 10);
  return {
    label, color: runStyle(index).color, style: runStyle(index), index,
    tg: { x: t, y: t.map((s) => (s < 0 ? 100 : 100 - lossPct * (1 - Math.exp(-s / 300)))) },
    dtg: { x: t, y: t.map((s) => (s < 0 ? 0 : (-lossPct / 300) * 60 * Math.exp(-s / 300))) },
  };
};
const labels = ['Fe2O3', 'Fe2O3 + 5 wt% Ni', 'Fe2O3 + NiO'];

const edd: HpSpectrumView = (() => {
  const energy = Float64Array.from({ length: 200 }, (_, i) => 40 + i * 0.5);
  return {
    index: 0, fileName: 'au.mca', label: '', energyKeV: energy, counts: Float64Array.from(energy, (e) => 100 + 5000 * Math.exp(-((e - 50.4) ** 2) / 0.05)),
    curves: [{ energyKeV: energy.slice(18, 24), model: Float64Array.from({ length: 6 }, () => 200) }],
    peaks: [
      { hkl: '111', predictedKeV: 50.4, present: true, energyKeV: 50.39, sigmaEnergyKeV: 0.001, fwhmKeV: 0.36, dA: 2.331, sigmaDA: 1e-4, twoThetaDeg: null, used: true, note: null },
      { hkl: '200', predictedKeV: 58.2, present: true, energyKeV: 58.19, sigmaEnergyKeV: 0.01, fwhmKeV: 0.4, dA: 2.02, sigmaDA: 1e-3, twoThetaDeg: null, used: false, note: 'overlaps W Kα2' },
    ],
    fluorescence: [{ label: 'W Kα2', energyKeV: 57.98 }],
    pressureGPa: 5.38, sigmaGPa: 0.01, source: 'analysis',
  };
})();
const eddFrame = (i: number, p: number, t: number | null): HpEddFrameView => ({
  index: i, fileName: `s${i}.mca`, label: '', timeS: 120 * i, timeSource: 'file', temperatureK: t, pressureGPa: p, sigmaGPa: 0.01, sigmaParts: null,
  latticeA: 4, sigmaLatticeA: 1e-5, latticeCA: null, sigmaLatticeCA: null, volumeA3: 64, reducedChi2: 1, peaksUsed: 7, error: null, warnings: [],
});
function mapResult(): MapResult {
  const point = (ix: number, iy: number, p: number) => ({ ix, iy, xUm: ix, yUm: iy, fileName: `m_${iy}_${ix}`, phases: { Re: { weightFraction: 1, weightFractionSigma: 0, a: 2.7, c: 4.35, aSigma: 0, volumeA3: 27, detected: true } }, peaks: {}, pressureGPa: p, pressureSigmaGPa: 0.1, rwp: 0.1, gof: 1.05, flags: p === 50 ? ['poor-fit' as const] : [] });
  return {
    nx: 3, ny: 2, stepUm: 10, stepYUm: 10, wavelengthA: 0.3, twoThetaRangeDeg: [5, 17],
    phases: [{ id: 'Re', name: 'Re', startA: 2.7, startC: 4.35 }], peaks: [],
    pressure: { phase: 'Re', scale: 'anzellini2014', scaleName: 'A', citation: 'c', temperatureK: 300 },
    points: [point(0, 0, 10), point(1, 0, 20), null, point(0, 1, 30), point(1, 1, 40), point(2, 1, 50)],
    missing: [{ ix: 2, iy: 0 }], layoutNote: '', cancelled: false, done: 5, warnings: [], medianGof: 1.05,
    plan: { wavelengthA: 0.3, lo: 5, hi: 17, startS: [1], fwhmDeg: 0.05, zeroShiftDeg: 0, samples: [0, 4], warnings: [] },
  };
}
const region = (name: string, values: number[]): RegionSeries => ({ name, kind: 'roi', group: null, pixelCount: 10, mean: Float64Array.from(values), normalised: Float64Array.from(values) });
const radiography = {
  framesDone: 6, timesS: Float64Array.of(0, 60, 120, 180, 240, 300), temperatureK: Float64Array.of(1000, 1100, 1200, 1300, 500, 400),
  frame: region('frame', [1, 1, 1, 1, 1, 1]), rois: [region('a', [1, 1, 0.9, 0.9, 0.88, 0.88]), region('b', [1, 0.99, 0.97, 0.92, 0.9, 0.9])], grid: null, groups: [],
  onsets: [{ region: 'a', frame: 2, timeS: 120, temperatureK: 1200, baselineMean: 1, baselineSd: 0, thresholdK: 5, consecutive: 2 }], delta: null,
} as unknown as RadiographyResult;

const x = Array.from({ length: 400 }, (_, i) => 5 + i * 0.005);
const seq = sequence(x, [0, 1, 2, 3].map((k) => x.map((v) => 100 + 1000 * Math.exp(-(((v - 5.8 - 0.01 * k) / 0.02) ** 2)) + 600 * Math.exp(-(((v - 6.6) / 0.02) ** 2)))), 60, 0.20735);

/** Every figure type with its height relative to the preset (as the app exports it). */
const FIGURES: { name: string; heightFactor: number; build(view: ChartView, heightPt: number): EChartsOption | null }[] = [
  { name: 'TGA α(t) with inset', heightFactor: 1, build: (v) => conversionOption({ runs: labels.map((l, i) => conversionRun(l, 200 + 150 * i, i)), showInset: true }, v) },
  {
    name: 'TGA α(T) with onset construction',
    heightFactor: 1,
    build: (v) => {
      const T = Float64Array.from({ length: 60 }, (_, i) => 300 + i * 10);
      return alphaTemperatureOption(
        labels.map((l, i) => ({ label: l, color: runStyle(i).color, style: runStyle(i), index: i, alphaVsTemperature: { x: T, y: T.map((t) => 1 / (1 + Math.exp(-(t - 550 - 30 * i) / 25))) }, onset: i === 0 ? { onsetC: 500, inflectionC: 550, alphaAtInflection: 0.5, slopePerC: 0.01 } : null })),
        v,
      );
    },
  },
  { name: 'TGA TG & DTG', heightFactor: 1.25, build: (v) => tgDtgOption(labels.map((l, i) => tgRun(l, i, 30 - 4 * i)), v) },
  {
    name: 'TGA mass & temperature with blank',
    heightFactor: 1.25,
    build: (v) => {
      const t = Float64Array.from({ length: 100 }, (_, i) => i * 60);
      return rawOption(
        {
          label: 'Fe2O3', color: runStyle(0).color,
          massRaw: { x: t, y: t.map((s) => 50 - s / 1000) }, massCorrected: { x: t, y: t.map((s) => 49 - s / 1000) }, temperature: { x: t, y: t.map((s) => Math.min(700, 25 + s / 2)) },
          blank: { label: 'blank', mass: { x: t, y: t.map(() => 0.4) } },
          periods: [{ startS: 2625, endS: 4425, label: 'H₂', kind: 'reducing' }], startS: 2625,
          derived: [{ name: 'loss', unit: '%', series: { x: t, y: t.map((s) => -s / 500) } }],
        },
        v,
      );
    },
  },
  { name: 'SXRD heatmap', heightFactor: 1, build: (v) => heatmapOption({ panels: [{ grid: binHeatmap(seq, { log: true }) }], timeUnit: 'min' }, v) },
  { name: 'SXRD waterfall', heightFactor: 1, build: (v) => waterfallOption({ frames: frameCurves(seq, [0, 1, 2, 3], '2th_deg'), axis: '2th_deg', timeUnit: 'min' }, v) },
  {
    name: 'SXRD frame with reflection ticks',
    heightFactor: 1,
    build: (v) =>
      frameOption({ frame: frameCurves(seq, [1], '2th_deg')[0], axis: '2th_deg', timeUnit: 'min', wavelengthA: 0.20735, ticks: tickRows(['fcc-FeNi', 'wustite', 'bcc-Fe'], { wavelengthA: 0.20735, twoThetaMinDeg: 5, twoThetaMaxDeg: 7 }), fit: null }, v),
  },
  {
    name: 'SXRD results: weight fractions, lattice, Rwp with the TGA α(t) on a secondary axis',
    heightFactor: 1 + 0.35 * 2,
    build: (v, h) => {
      const t = Float64Array.from({ length: 61 }, (_, i) => i * 2);
      return resultsOption({ analysis: smallAnalysis(), panels: ['weight', 'lattice', 'rwp'], timeUnit: 'min', height: h, tga: { label: 'Fe2O3 + 5 wt% Ni', color: runStyle(1).color, alpha: { x: t, y: t.map((s) => 1 - Math.exp(-s / 40)) } } }, v);
    },
  },
  { name: 'EDD spectrum', heightFactor: 1, build: (v) => spectrumOption(edd, v) },
  { name: 'EDD P(t) with T', heightFactor: 1, build: (v) => pressureTimeOption({ frames: [eddFrame(0, 3, 300), eddFrame(1, 4.5, 500), eddFrame(2, 5.4, 700)], scaleLabel: 'Au (Fei 2007)' }, v) },
  { name: 'Radiography I vs T', heightFactor: 1, build: (v, h) => intensityChartOption(radiography, { x: 'temperature', normalised: true, regions: ['a', 'b'] }, v, h) },
  { name: 'XRD map', heightFactor: 1, build: (v, h) => mapChartOption(mapResult(), { kind: 'pressure' }, v, undefined, { width: v.width ?? 250, height: h }) },
];

describe('every exported figure type passes the journal rules', () => {
  for (const preset of FIGURE_PRESETS) {
    for (const f of FIGURES) {
      it(`${f.name} at ${preset.widthMm} mm`, () => {
        const heightMm = Math.round(preset.heightMm * f.heightFactor);
        const size = sizePt(preset.widthMm, heightMm);
        const option = f.build(printView(preset.fontPt, size.width), size.height);
        expect(option).not.toBeNull();
        const svg = renderFigureSvg(option!, preset.widthMm, heightMm);
        // FIGURES_DIR=/some/dir writes each figure there, to be rendered and looked at
        const dir = process.env.FIGURES_DIR;
        if (dir) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, `${f.name.replace(/[^A-Za-z0-9]+/g, '_')}_${preset.widthMm}mm.svg`), svg);
        }
        const result = checkFigureSvg(svg);
        expect(result.widthMm).toBeCloseTo(preset.widthMm, 6);
        expect(result.texts.length).toBeGreaterThan(1);
        expect(result.problems.map((p) => `${p.kind}: ${p.message}`)).toEqual([]);
      });
    }
  }
});

// ---- the Kinetics figures, from the simulated isothermal A2 series (and its catalysed twin) and the F1 ramps ----

function kineticsSeries(name: string, dir: string, colorIndex: number): SeriesResult {
  const truth = readTruth(dir);
  const runs = truth.runs.map((r) => prepareKineticRun(importCaseFile(dir, r.file), { blank: r.blank ? importCaseFile(dir, r.blank) : null, startS: r.start_s ?? null }));
  return { seriesId: name, name, color: runColor(colorIndex), result: analyseSeries(name, runs, { alphaMin: 0.1, alphaMax: 0.9, alphaStep: 0.1 }) };
}

describe('every exported Kinetics figure passes the journal rules', () => {
  let ref: SeriesResult;
  let cat: SeriesResult;
  let ramps: SeriesResult;
  beforeAll(() => {
    ref = kineticsSeries('Fe2O3', 'isothermal-a2-noisy', 0);
    cat = kineticsSeries('Fe2O3 + NiO', 'isothermal-a2-catalysed', 1);
    ramps = kineticsSeries('F1', 'nonisothermal-f1', 2);
  });
  const kinetics: { name: string; build(view: ChartView): EChartsOption }[] = [
    { name: 'E(α) with 95 % bands', build: (v) => eAlphaOption(eAlphaCurves([ref, cat], ['advancedVyazovkin', 'friedman']), v) },
    { name: 'isoconversional lines', build: (v) => regressionOption(regressionSets([ref, cat], 'isothermal', 0.5), KINETICS_TITLES.lnTime, v) },
    { name: 'Kissinger', build: (v) => regressionOption(regressionSets([ramps], 'kissinger', 0.5), LINE_Y_TITLES.kissinger, v) },
    { name: 'Avrami', build: (v) => regressionOption(avramiSets(ref), KINETICS_TITLES.avrami, v, KINETICS_TITLES.lnTime) },
    { name: 'Arrhenius panels', build: (v) => arrheniusPanelsOption(arrheniusPanels([ref, cat, ramps]), v) },
    { name: 'master plot', build: (v) => masterPlotOption(masterPlotData(ref)!, v) },
    { name: 'prediction', build: (v) => predictionOption(predictionCurves([ref, cat], 973.15), v) },
  ];
  for (const preset of FIGURE_PRESETS) {
    for (const f of kinetics) {
      it(`${f.name} at ${preset.widthMm} mm`, () => {
        const size = sizePt(preset.widthMm, preset.heightMm);
        const svg = renderFigureSvg(f.build(printView(preset.fontPt, size.width)), preset.widthMm, preset.heightMm);
        const dir = process.env.FIGURES_DIR;
        if (dir) writeFileSync(join(dir, `Kinetics_${f.name.replace(/[^A-Za-z0-9]+/g, '_')}_${preset.widthMm}mm.svg`), svg);
        expect(checkFigureSvg(svg).problems.map((p) => `${p.kind}: ${p.message}`)).toEqual([]);
      });
    }
  }
});
