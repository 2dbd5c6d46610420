/**
 * The Kinetics charts built from real results (the simulated isothermal A2 series and its catalysed twin, and the
 * non-isothermal F1 series), checked as options and as the SVG figures they export.
 */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { importCaseFile, readTruth } from '../../../../test/fixtures/simulated/kinetics/load';
import type { KineticsStateView } from '../../../shared/kinetics-api';
import { analyseSeries, prepareKineticRun } from '../../../core/kinetics/index';
import { renderFigureSvg } from '../export/figure';
import {
  arrheniusPanels,
  availableMethods,
  avramiSets,
  comparison,
  eAlphaCurves,
  masterPlotData,
  predictionCurves,
  regressionSets,
  type SeriesResult,
} from '../features/kinetics/figures';
import { arrheniusPanelsOption, eAlphaOption, KINETICS_TITLES, masterPlotOption, predictionOption, regressionOption } from './kinetics';
import { plainTitle, printView, runColor, SCREEN_VIEW } from './style';

function series(name: string, dir: string, colorIndex: number, startS?: number): SeriesResult {
  const truth = readTruth(dir);
  const runs = truth.runs.map((r) => prepareKineticRun(importCaseFile(dir, r.file), { blank: r.blank ? importCaseFile(dir, r.blank) : null, startS: startS ?? r.start_s ?? null }));
  return { seriesId: name, name, color: runColor(colorIndex), result: analyseSeries(name, runs, { alphaMin: 0.1, alphaMax: 0.9, alphaStep: 0.1 }) };
}

type Loose = Record<string, unknown> & { series: Record<string, unknown>[] };

describe('kinetics charts', () => {
  const ref = series('Fe2O3', 'isothermal-a2-noisy', 0);
  const cat = series('Fe2O3 + NiO', 'isothermal-a2-catalysed', 1);
  const ramps = series('F1', 'nonisothermal-f1', 2);

  it('E(α): a line per series and method, each with a 95 % band stacked between its limits', () => {
    expect(availableMethods([ref, cat])).toEqual(['advancedVyazovkin', 'isothermal', 'friedman']);
    const curves = eAlphaCurves([ref, cat], ['advancedVyazovkin', 'friedman']);
    expect(curves.map((c) => c.label)).toEqual(['Fe2O3 · Advanced Vyazovkin', 'Fe2O3 · Friedman', 'Fe2O3 + NiO · Advanced Vyazovkin', 'Fe2O3 + NiO · Friedman']);
    const o = eAlphaOption(curves, SCREEN_VIEW) as unknown as Loose;
    expect(o.series).toHaveLength(12);
    const [low, band, line] = o.series as { data: [number, number | null][]; stack?: string; name: string }[];
    expect(low.stack).toBe(band.stack);
    const p = curves[0].points[4];
    expect(low.data[4]).toEqual([p.alpha, p.ci95LowKJPerMol]);
    expect(band.data[4][1]).toBeCloseTo((p.ci95HighKJPerMol as number) - (p.ci95LowKJPerMol as number), 12);
    expect(line.data[4]).toEqual([p.alpha, p.eKJPerMol]);
    expect((o.legend as { data: string[] }).data).toEqual(curves.map((c) => c.label));
    const y = o.yAxis as { name: string; min: number; max: number };
    expect(plainTitle(y.name)).toBe('Eα (kJ mol⁻¹)');
    expect(y.min).toBeLessThan(70);
    expect(y.max).toBeGreaterThan(100);
  });

  it('the exported E(α) figure is valid SVG, 89 mm wide, with bands drawn translucent in the series colours', () => {
    const svg = renderFigureSvg(eAlphaOption(eAlphaCurves([ref, cat], ['advancedVyazovkin']), printView(7, 252)), 89, 68);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/<svg[^>]* width="89mm" height="68mm"/);
    expect(svg).toMatch(new RegExp(`fill="${runColor(0)}"[^>]*fill-opacity="0\\.16"`, 'i'));
    expect(svg).toMatch(new RegExp(`fill="${runColor(1)}"[^>]*fill-opacity="0\\.16"`, 'i'));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('α');
    expect(texts).toContain(' (kJ mol⁻¹)');
  });

  it('isoconversional lines, Kissinger, Avrami, Arrhenius side by side, master plot and prediction', () => {
    const lines = regressionSets([ref, cat], 'isothermal', 0.5);
    expect(lines).toHaveLength(2);
    expect(lines[0].x).toHaveLength(4);
    expect(lines[1].label).toMatch(/^Fe2O3 \+ NiO \(E = 70\.\d kJ\/mol\)$/);
    expect(regressionSets([ramps], 'kissinger', 0.5)[0].label).toMatch(/Kissinger, E = 12\d\.\d kJ\/mol/);
    const lo = regressionOption(lines, KINETICS_TITLES.lnTime, SCREEN_VIEW) as unknown as Loose;
    expect(lo.series).toHaveLength(4);

    const av = avramiSets(ref);
    expect(av.map((s) => s.label)).toEqual(['650 °C: n = 2.00', '675 °C: n = 2.00', '700 °C: n = 2.00', '725 °C: n = 2.00']);

    const panels = arrheniusPanels([ref, cat, ramps]);
    expect(panels.map((p) => p.note.split(':')[0])).toEqual(['k of the best model (A2) per run', 'k of the best model (A2) per run', 'Kissinger (ln β/T²p)']);
    const ar = arrheniusPanelsOption(panels, printView(8, 519)) as unknown as Loose & { grid: unknown[]; xAxis: unknown[] };
    expect(ar.grid).toHaveLength(3);
    expect(ar.xAxis).toHaveLength(3);
    expect(XMLValidator.validate(renderFigureSvg(ar as never, 183, 100))).toBe(true);

    const mp = masterPlotData(ref);
    expect(mp?.models.find((m) => m.highlight)?.code).toBe('A2');
    expect(XMLValidator.validate(renderFigureSvg(masterPlotOption(mp as NonNullable<typeof mp>, printView(7, 252)), 89, 68))).toBe(true);
    const diff = masterPlotData(ref, 'differential');
    expect(plainTitle(String((masterPlotOption(diff as NonNullable<typeof diff>, SCREEN_VIEW) as unknown as { yAxis: { name: string } }).yAxis.name))).toBe('f(α)/f(0.5)');

    const pred = predictionCurves([ref, cat], 973.15);
    expect(pred[0].measured?.label).toMatch(/measured, 700\.0 °C/);
    expect(pred[1].tS[4] as number).toBeCloseTo((pred[0].tS[4] as number) / 2, -1);
    const po = predictionOption(pred, SCREEN_VIEW) as unknown as Loose;
    expect(po.series).toHaveLength(8);
  });

  it('comparison: reference, temperature from the settings, ΔE and speed-ups', () => {
    const state = { referenceSeriesId: 'Fe2O3', options: { predictionC: 700, speedUpAlpha: 0.5, meanRange: null } } as unknown as KineticsStateView;
    const c = comparison(state, [ref, cat]);
    expect(c?.reference).toBe('Fe2O3');
    expect(c?.temperatureK).toBeCloseTo(973.15, 10);
    expect(c?.rows[1].predictedSpeedUp as number).toBeCloseTo(2, 1);
    expect(c?.rows[1].measuredSpeedUp as number).toBeCloseTo(2, 1);
    expect(c?.rows[1].deltaEKJPerMol as number).toBeCloseTo(-30, 0);
  });
});
