/**
 * The shared export path as pure functions: the screen's zoom and hidden series carried into the print option,
 * the figure dialog's settings, default labels from recipes, and the composer's layout and nested SVG (checked by
 * the figure checker like every other figure).
 */
import { describe, expect, it } from 'vitest';
import type { RunView } from '../../../shared/api';
import { conversionOption, type ConversionRun } from '../charts/conversion';
import { printView, runStyle } from '../charts/style';
import { checkFigureSvg } from './check';
import { composedFigure, composeSvg, layoutPanels } from './composer';
import { renderFigureSvg } from './figure';
import { applyScreenState, screenStateFromOption } from './screen';
import { applyFigureSettings, DEFAULT_FIGURE_SETTINGS, defaultRunLabels, figureAxes, figureEntries, fontPt } from './settings';

function run(label: string, tauS: number, index: number): ConversionRun {
  const t = Float64Array.from({ length: 181 }, (_, i) => i * 10);
  const a = t.map((s) => 1 - Math.exp(-s / tauS));
  return { label, color: runStyle(index).color, style: runStyle(index), index, alpha: { x: t, y: a }, rateVsAlpha: { x: a, y: t.map((s) => Math.exp(-s / tauS) / tauS) } };
}
const option = () => conversionOption({ runs: [run('Fe2O3_ref.csv', 300, 0), run('Fe2O3_Ni.csv', 200, 1)], showInset: true }, printView(7, 252));
type Loose = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? v : [v]) as Loose[];

describe('what is on screen goes into the figure', () => {
  it('reads zoom (not a full-range one) and the legend selection from a chart option', () => {
    const state = screenStateFromOption({
      dataZoom: [
        { type: 'inside', xAxisIndex: [0], start: 10, end: 40, startValue: 3, endValue: 12, filterMode: 'none' },
        { type: 'slider', xAxisIndex: [0], start: 10, end: 40, startValue: 3, endValue: 12 },
        { type: 'inside', yAxisIndex: [1], start: 0, end: 100, startValue: 0, endValue: 1 },
      ],
      legend: [{ selected: { a: true, b: false } }],
    });
    expect(state).toEqual({ zoom: [{ xAxisIndex: [0], yAxisIndex: [], startValue: 3, endValue: 12, filterMode: 'none' }], hidden: ['b'] });
  });

  it('a hidden run leaves the figure and its legend; a zoomed time axis shows the zoomed range', () => {
    const o = applyScreenState(option(), { zoom: [{ xAxisIndex: [0], yAxisIndex: [], startValue: 2, endValue: 8, filterMode: 'none' }], hidden: ['Fe2O3_Ni.csv'] });
    expect(list(o.series).some((s) => s.name === 'Fe2O3_Ni.csv')).toBe(false);
    expect(list(o.legend)[0].data).toEqual(['Fe2O3_ref.csv']);
    const svg = renderFigureSvg(o, 89, 68);
    const ticks = [...svg.matchAll(/<text[^>]*>([\d.]+)<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks).toContain(8);
    expect(ticks).not.toContain(25);
    expect(checkFigureSvg(svg).problems).toEqual([]);
  });
});

describe('figure dialog settings', () => {
  it('lists axes and entries, and applies ranges, titles, labels and looks', () => {
    const o = option();
    expect(figureAxes(o).map((a) => `${a.kind}${a.index}:${a.title}`)).toEqual(['x0:t (min)', 'x1:α', 'y0:α', 'y1:dα/dt (10⁻³ s⁻¹)']);
    expect(figureEntries(o)).toEqual(['Fe2O3_ref.csv', 'Fe2O3_Ni.csv']);
    const s = applyFigureSettings(o, {
      ...DEFAULT_FIGURE_SETTINGS,
      y: { 0: { min: 0.2, max: 0.9, title: 'conversion {x}' } },
      labels: { 'Fe2O3_Ni.csv': 'Fe2O3 + 5 wt% Ni' },
      looks: { 'Fe2O3_ref.csv': { dash: 'dotted', widthPt: 1, marker: 'circle' } },
    });
    const y0 = list(s.yAxis)[0];
    expect([y0.min, y0.max, y0.name, y0.interval]).toEqual([0.2, 0.9, 'conversion x', undefined]);
    expect(list(s.legend)[0].data).toEqual(['Fe2O3_ref.csv', 'Fe2O3 + 5 wt% Ni']);
    const ref = list(s.series).find((x) => x.name === 'Fe2O3_ref.csv')!;
    expect(ref.lineStyle).toMatchObject({ type: [1, 1.5], width: 1 });
    expect([ref.symbol, ref.showSymbol]).toEqual(['circle', true]);
    const svg = renderFigureSvg(s, 89, 68);
    expect(svg).toContain('+ 5 wt% Ni');
    expect(checkFigureSvg(svg).problems).toEqual([]);
  });

  it('font presets move the size by a point, never under 6 pt', () => {
    expect([fontPt(7, 'small'), fontPt(7, 'medium'), fontPt(7, 'large'), fontPt(6, 'small')]).toEqual([6, 7, 8, 6]);
  });

  it('default labels: the condition, else the recipe, numbered when two runs share one; never the file name', () => {
    const r = (label: string, recipe: RunView['settings']['recipe'], condition: string | null = null) => ({ settings: { label, recipe, condition } }) as RunView;
    const labels = defaultRunLabels([
      r('Fe2O3_Ni.csv', { precursors: [{ formula: 'Fe2O3' }, { formula: 'Ni' }], target: 'Fe-36Ni' }),
      r('ref_a.csv', { precursors: [{ formula: 'Fe2O3', wtPercent: 95 }, { formula: 'NiO', wtPercent: 5 }] }),
      r('ref_b.csv', { precursors: [{ formula: 'Fe2O3', wtPercent: 95 }, { formula: 'NiO', wtPercent: 5 }] }),
      r('x.csv', null, 'Catalysed, 700 °C'),
      r('blank.csv', null),
    ]);
    expect(labels).toEqual({
      'Fe2O3_Ni.csv': 'Fe2O3 + Ni (Fe-36Ni)',
      'ref_a.csv': 'Fe2O3 + 5 wt% NiO, run 1',
      'ref_b.csv': 'Fe2O3 + 5 wt% NiO, run 2',
      'x.csv': 'Catalysed, 700 °C',
      'blank.csv': 'blank.csv',
    });
  });
});

describe('figure composer', () => {
  it('stacks panels under their letters, or puts them side by side sharing the width', () => {
    const col = layoutPanels([1, 1.7, 1], 89, 68, 'column');
    expect(col.boxes.map((b) => [b.yMm, b.heightMm])).toEqual([[4, 68], [78, 116], [200, 68]]);
    expect(col.heightMm).toBe(268);
    const row = layoutPanels([1, 1, 1], 183, 68, 'row');
    expect(row.boxes.map((b) => Math.round(b.xMm * 100) / 100)).toEqual([0, 61.67, 123.33]);
    expect(row.boxes[0].widthMm).toBe(59.67);
  });

  it('nests each panel with its own ids and a bold letter; the composed figure passes the checker', () => {
    const svg = composeSvg(
      [
        { svg: '<svg width="10mm" height="10mm" viewBox="0 0 28 28"><defs><clipPath id="zr0-c0"></clipPath></defs><g clip-path="url(#zr0-c0)"></g></svg>', box: { xMm: 0, yMm: 4, widthMm: 10, heightMm: 10 } },
        { svg: '<svg width="10mm" height="10mm" viewBox="0 0 28 28"><defs><clipPath id="zr0-c0"></clipPath></defs></svg>', box: { xMm: 0, yMm: 18, widthMm: 10, heightMm: 10 } },
      ],
      10,
      28,
      8,
    );
    expect(svg).toContain('id="p0-zr0-c0"');
    expect(svg).toContain('url(#p0-zr0-c0)');
    expect(svg).toContain('id="p1-zr0-c0"');
    expect(svg).toMatch(/font-weight="bold" fill="#000">a<\/text>[\s\S]*>b<\/text>/);

    const panels = [0, 1, 2].map((k) => ({ heightFactor: 1, font: 'medium' as const, build: (v: Parameters<typeof conversionOption>[1]) => conversionOption({ runs: [run(`run ${k}`, 200 + 100 * k, k)], showInset: k === 0 }, v) }));
    for (const [preset, layout] of [[{ widthMm: 89, heightMm: 68, fontPt: 7 }, 'column'], [{ widthMm: 183, heightMm: 100, fontPt: 8 }, 'row']] as const) {
      const fig = composedFigure(panels, preset, layout);
      const check = checkFigureSvg(fig.svg);
      expect(check.widthMm).toBeCloseTo(preset.widthMm, 6);
      expect(check.texts.filter((t) => ['a', 'b', 'c'].includes(t.text)).length).toBe(3);
      expect(check.problems.map((p) => p.message)).toEqual([]);
    }
  });
});
