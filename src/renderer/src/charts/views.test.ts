/**
 * The TGA chart builders as pure functions of (data, style, window): zoom rescales y to the visible data, explicit
 * y ranges win, hidden series leave the autoscale and the readout, the readout lists every visible series, runs
 * beyond the eighth get patterns and markers, and the legend wraps instead of scrolling.
 */
import { describe, expect, it } from 'vitest';
import { conversionOption, type ConversionRun } from './conversion';
import { derivedPanels, rawOption, type RawData } from './raw';
import { readoutHtml, readoutRows, readoutTooltip } from './readout';
import { dashArray, legendLayout, lineType, OKABE_ITO, printView, RUN_DASHES, runStyle, SCREEN_VIEW } from './style';
import { tgDtgOption, type TgRun } from './thermogravimetry';
import { structureKey, yAxesOf } from './useChart';
import { FULL_WINDOW, niceAxis, valueAt, valueAtFirstCrossing, visibleExtent, yAxisWindow, zoomRange, type PlotWindow } from './window';

type Axis = Record<string, unknown> & { id?: string; min?: number; max?: number; interval?: number };
type Loose = { series: Record<string, unknown>[]; xAxis: Axis[]; yAxis: Axis[]; legend: Record<string, unknown>; tooltip?: { formatter: (p: unknown) => string }; dataZoom?: Record<string, unknown>[] };

function conversionRun(label: string, tauS: number, index: number): ConversionRun {
  const t = Float64Array.from({ length: 181 }, (_, i) => i * 10);
  const a = t.map((s) => 1 - Math.exp(-s / tauS));
  return { label, color: runStyle(index).color, style: runStyle(index), index, alpha: { x: t, y: a }, rateVsAlpha: { x: a, y: t.map((s) => Math.exp(-s / tauS) / tauS) } };
}

const win = (over: Partial<PlotWindow>): PlotWindow => ({ ...FULL_WINDOW, ...over });

describe('plot window', () => {
  it('visible extent: only points inside the x range, plus the values at its edges', () => {
    const s = { x: [0, 1, 2, 3, 4], y: [0, 10, 20, 30, 40] };
    expect(visibleExtent([s], null)).toEqual([0, 40]);
    expect(visibleExtent([s], [1.5, 2.5])).toEqual([15, 25]);
    expect(visibleExtent([s], [10, 20])).toBeNull();
  });

  it('nice axes end on ticks; a flat line still gets a range', () => {
    expect(niceAxis([69.95, 100])).toEqual({ range: [65, 105], interval: 5 });
    expect(niceAxis([0.3, 0.62])).toEqual({ range: [0.25, 0.65], interval: 0.05 });
    const flat = niceAxis([50, 50]).range;
    expect(flat[0]).toBeLessThan(50);
    expect(flat[1]).toBeGreaterThan(50);
  });

  it('an axis keeps its default range unzoomed, rescales to the visible data when x is zoomed, and obeys an explicit y range', () => {
    const s = { x: [0, 10, 20, 30], y: [0, 0.5, 0.9, 1] };
    expect(yAxisWindow(FULL_WINDOW, 'alpha', [s], [0, 1.05])).toEqual({ min: 0, max: 1.05 });
    expect(yAxisWindow(win({ x: [20, 30] }), 'alpha', [s], [0, 1.05])).toEqual({ min: 0.88, max: 1.02, interval: 0.02 });
    const explicit = yAxisWindow(win({ x: [20, 30], y: { alpha: [0.2, 0.4] } }), 'alpha', [s], [0, 1.05]);
    expect([explicit.min, explicit.max]).toEqual([0.2, 0.4]);
    expect(zoomRange([0, 10], 5, 0.5)).toEqual([2.5, 7.5]);
  });

  it('reads a value between display points; the first crossing when x is not monotonic', () => {
    expect(valueAt({ x: [0, 2, 4], y: [0, 10, 30] }, 3)).toBe(20);
    expect(valueAt({ x: [0, 2, 4], y: [0, 10, 30] }, 5)).toBeNull();
    expect(valueAtFirstCrossing({ x: [0, 0.5, 0.4, 0.9], y: [1, 2, 3, 4] }, 0.45)).toBeCloseTo(1.9, 12);
  });
});

describe('readout', () => {
  const family = {
    xAxisIndex: [0],
    symbol: 't',
    unit: 'min',
    series: [
      { name: 'Raw mass', color: '#0072B2', unit: 'mg', series: { x: [0, 10], y: [50, 40] } },
      { name: 'Temperature', color: '#555555', unit: '°C', series: { x: [0, 10], y: [25, 725] } },
      { name: 'Blank', color: '#777777', unit: 'mg', series: { x: [0, 10], y: [0, 0.4] } },
    ],
  };

  it('lists every visible series at the cursor, with units; hidden ones are left out', () => {
    expect(readoutRows(family, 5, new Set()).map((r) => [r.name, r.value, r.unit])).toEqual([
      ['Raw mass', 45, 'mg'],
      ['Temperature', 375, '°C'],
      ['Blank', 0.2, 'mg'],
    ]);
    expect(readoutRows(family, 5, new Set(['Temperature'])).map((r) => r.name)).toEqual(['Raw mass', 'Blank']);
    const html = readoutHtml(family, 5, new Set());
    expect(html).toContain('<i>t</i> = 5 min');
    expect(html).toContain('Raw mass: <b>45</b> mg');
    expect(html).toContain('Temperature: <b>375</b> °C');
  });

  it('picks the family of the axis under the cursor, insets first', () => {
    const inset = { xAxisIndex: [1], symbol: 'α', unit: '', series: [{ name: 'A', color: '#000', unit: '10⁻³ s⁻¹', series: { x: [0, 1], y: [2, 0] } }] };
    const tip = readoutTooltip([inset, family], new Set()) as { formatter: (p: unknown) => string };
    expect(tip.formatter([{ axisDim: 'x', axisIndex: 0, axisValue: 5 }])).toContain('Raw mass');
    const both = tip.formatter([
      { axisDim: 'x', axisIndex: 0, axisValue: 5 },
      { axisDim: 'x', axisIndex: 1, axisValue: 0.5 },
    ]);
    expect(both).toContain('<i>α</i> = 0.5');
    expect(both).toContain('A: <b>1</b> 10⁻³ s⁻¹');
  });
});

describe('conversion view', () => {
  const runs = [conversionRun('Fe2O3', 355, 0), conversionRun('Fe2O3+NiO', 142, 1)];

  it('zooming in time rescales α to the visible data and keeps the zoom in the option', () => {
    const full = conversionOption({ runs, showInset: true }, SCREEN_VIEW) as unknown as Loose;
    expect([full.yAxis[0].min, full.yAxis[0].max, full.yAxis[0].interval]).toEqual([0, 1.05, 0.2]);
    const zoomed = conversionOption({ runs, showInset: true }, SCREEN_VIEW, win({ x: [20, 30] })) as unknown as Loose;
    // between 20 and 30 min both α curves lie within 0.96…1: the axis follows them
    expect(zoomed.yAxis[0].min).toBeGreaterThan(0.9);
    expect(zoomed.yAxis[0].max).toBeLessThanOrEqual(1.01);
    expect(zoomed.dataZoom![0]).toMatchObject({ startValue: 20, endValue: 30 });
    // hiding the faster run leaves the slower one's range
    const hidden = conversionOption({ runs, showInset: true }, SCREEN_VIEW, win({ x: [0, 5], hidden: new Set(['Fe2O3+NiO']) })) as unknown as Loose;
    expect(hidden.yAxis[0].max).toBeLessThan(0.7);
    expect((hidden.legend.selected as Record<string, boolean>)['Fe2O3+NiO']).toBe(false);
  });

  it('the readout lists every run at the cursor; the inset reads dα/dt at the α under the cursor', () => {
    const o = conversionOption({ runs, showInset: true }, SCREEN_VIEW) as unknown as Loose;
    const main = o.tooltip!.formatter([{ axisDim: 'x', axisIndex: 0, axisValue: 10 }]);
    expect(main).toContain('Fe2O3: <b>');
    expect(main).toContain('Fe2O3+NiO: <b>');
    const inset = o.tooltip!.formatter([{ axisDim: 'x', axisIndex: 1, axisValue: 0.5 }]);
    // dα/dt = (1 − α)/τ: at α = 0.5, 1000·0.5/355 = 1.408 (10⁻³ s⁻¹)
    expect(inset).toMatch(/dα\/dt · Fe2O3: <b>1\.40\d<\/b>/);
  });

  it('the ids and explicit ranges the chart hook zooms from', () => {
    const o = conversionOption({ runs, showInset: true }, SCREEN_VIEW);
    expect(yAxesOf(o).map((a) => [a.id, a.grid])).toEqual([
      ['alpha', 0],
      ['rate', 1],
    ]);
    expect(structureKey(o)).toBe(structureKey(conversionOption({ runs, showInset: true }, SCREEN_VIEW, win({ x: [1, 2] }))));
    expect(structureKey(o)).not.toBe(structureKey(conversionOption({ runs: runs.slice(0, 1), showInset: true }, SCREEN_VIEW)));
  });
});

describe('more than eight runs', () => {
  it('colours repeat after eight only with another pattern and a marker; patterns separate the dark colours in greyscale', () => {
    const styles = Array.from({ length: 24 }, (_, i) => runStyle(i));
    const keys = styles.map((s) => `${s.color}|${JSON.stringify(s.dash)}|${s.symbol}`);
    expect(new Set(keys).size).toBe(24);
    expect(styles.slice(0, 8).every((s) => s.symbol === null)).toBe(true);
    expect(styles.slice(8, 16).every((s) => s.symbol === 'circle')).toBe(true);
    expect(styles[8].color).toBe(OKABE_ITO[0]);
    // blue, vermillion, green and purple (close in grey) have four different patterns
    expect(new Set(styles.slice(0, 4).map((s) => JSON.stringify(s.dash))).size).toBe(4);
    expect(lineType(RUN_DASHES[1], 2)).toEqual([8, 5]);
    expect(dashArray('solid', 1)).toBe('');
  });

  it('ten runs: every curve styled, markers on runs 9 and 10, a legend that wraps instead of scrolling', () => {
    const runs = Array.from({ length: 10 }, (_, i) => conversionRun(`Fe2O3 + NiO, Fe-36Ni, replicate ${i + 1} (SIMULATED)`, 200 + 20 * i, i));
    const view = { ...SCREEN_VIEW, width: 700 };
    const o = conversionOption({ runs, showInset: false }, view) as unknown as Loose;
    const lines = o.series.filter((s) => s.type === 'line');
    expect(lines).toHaveLength(10);
    const markers = o.series.filter((s) => s.type === 'scatter');
    expect(markers.map((s) => s.name)).toEqual([runs[8].label, runs[9].label]);
    expect((markers[0].data as unknown[]).length).toBeGreaterThan(5);
    expect(o.legend.type).toBe('plain');
    expect((o.legend.textStyle as { overflow: string }).overflow).toBe('truncate');
    const rows = legendLayout(view, runs.map((r) => r.label)).rows;
    expect(rows).toBeGreaterThanOrEqual(4);
    // the plot starts below every legend row
    const grid = (o as unknown as { grid: { top: number }[] }).grid[0];
    expect(grid.top).toBeGreaterThanOrEqual(legendLayout(view, runs.map((r) => r.label)).height);
  });
});

describe('TG and DTG overlay', () => {
  const tgRun = (label: string, index: number, lossPct: number): TgRun => {
    const t = Float64Array.from({ length: 301 }, (_, i) => -600 + i * 10);
    const tg = t.map((s) => (s < 0 ? 100 : 100 - lossPct * (1 - Math.exp(-s / 300))));
    return { label, color: runStyle(index).color, style: runStyle(index), index, tg: { x: t, y: tg }, dtg: { x: t, y: t.map((s) => (s < 0 ? 0 : (-lossPct / 300) * 60 * Math.exp(-s / 300))) } };
  };
  const runs = [tgRun('A', 0, 30), tgRun('B', 1, 21.6)];

  it('two panels on one time axis since t₀, TG in %, DTG in %/min, in the runs colours', () => {
    const o = tgDtgOption(runs, SCREEN_VIEW) as unknown as Loose;
    expect(o.yAxis.map((a) => a.id)).toEqual(['tg', 'dtg']);
    expect(o.yAxis[0].max).toBeGreaterThanOrEqual(100);
    expect(o.yAxis[0].min).toBeLessThanOrEqual(100 - 30 * (1 - Math.exp(-6)));
    const lines = o.series.filter((s) => s.type === 'line' && s.name !== 't₀');
    expect(lines.map((s) => [s.name, s.xAxisIndex])).toEqual([
      ['A', 0],
      ['A', 1],
      ['B', 0],
      ['B', 1],
    ]);
    expect((lines[2].lineStyle as { color: string; type: unknown }).color).toBe(OKABE_ITO[1]);
    expect((lines[2].lineStyle as { type: unknown }).type).not.toBe('solid');
    const text = o.tooltip!.formatter([{ axisDim: 'x', axisIndex: 1, axisValue: 5 }]);
    expect(text).toContain('TG · A: <b>');
    expect(text).toContain('DTG · B: <b>');
    expect(text).toContain('%/min');
  });

  it('print: no zoom or tooltip; zoomed screen: both y axes follow the visible window', () => {
    const p = tgDtgOption(runs, printView(7, 252)) as unknown as Loose;
    expect(p.tooltip).toBeUndefined();
    expect(p.dataZoom).toBeUndefined();
    const z = tgDtgOption(runs, SCREEN_VIEW, win({ x: [-10, -1] })) as unknown as Loose;
    // before t₀ nothing happens: TG 100 %, DTG 0
    expect(z.yAxis[0].min).toBeGreaterThan(98);
    expect([z.yAxis[1].min, z.yAxis[1].max]).toEqual([-1.5, 1.5]);
  });
});

describe('mass & temperature view', () => {
  const t = Float64Array.from({ length: 101 }, (_, i) => i * 60);
  const data: RawData = {
    label: 'S',
    color: OKABE_ITO[0],
    massRaw: { x: t, y: t.map((s) => 50 - s / 1000) },
    massCorrected: { x: t, y: t.map((s) => 49.9 - s / 1000) },
    temperature: { x: t, y: t.map((s) => 25 + s / 10) },
    blank: { label: 'blank', mass: { x: t, y: t.map(() => 0.3) } },
    periods: [],
    startS: 600,
    derived: [
      { name: 'm_net', unit: 'mg', series: { x: t, y: t.map((s) => 49.7 - s / 1000) } },
      { name: 'loss_pct', unit: '', series: { x: t, y: t.map((s) => -s / 500) } },
      { name: 'rate', unit: 'mg / s', series: { x: t, y: t.map(() => -0.001) } },
    ],
  };

  it('derived curves in mg share the mass axis; the others get a panel per unit', () => {
    const p = derivedPanels(data.derived!);
    expect(p.onMass.map((d) => d.name)).toEqual(['m_net']);
    expect(p.panels.map((x) => x.unit)).toEqual(['', 'mg / s']);
    const o = rawOption(data, SCREEN_VIEW) as unknown as Loose & { grid: unknown[] };
    expect(o.grid).toHaveLength(4);
    expect(o.yAxis.map((a) => a.id)).toEqual(['mass', 'temperature', 'blank', 'derived-0', 'derived-1']);
    expect(o.series.find((s) => s.name === 'm_net')!.yAxisIndex).toBe(0);
  });

  it('the readout lists the mass with the blank and temperature shown, and every derived curve', () => {
    const o = rawOption(data, SCREEN_VIEW) as unknown as Loose;
    const text = o.tooltip!.formatter([{ axisDim: 'x', axisIndex: 0, axisValue: 50 }]);
    for (const piece of ['Raw mass: <b>47</b> mg', 'Blank-corrected mass: <b>46.9</b> mg', 'Temperature: <b>325</b> °C', 'Blank (empty crucible): <b>0.3</b> mg', 'm_net: <b>46.7</b> mg', 'loss_pct: <b>−6</b>', 'rate: <b>−0.001</b> mg / s']) {
      expect(text).toContain(piece.replace('−', '-'));
    }
  });

  it('zooming in time rescales mass and temperature to the visible data', () => {
    const full = rawOption(data, SCREEN_VIEW) as unknown as Loose;
    const zoomed = rawOption(data, SCREEN_VIEW, win({ x: [10, 20] })) as unknown as Loose;
    const span = (a: Axis) => (a.max as number) - (a.min as number);
    expect(span(zoomed.yAxis[0])).toBeLessThan(span(full.yAxis[0]) / 3);
    expect(span(zoomed.yAxis[1])).toBeLessThan(span(full.yAxis[1]) / 3);
    // 10–20 min: raw 49.4–48.8, corrected 49.3–48.7, m_net 49.1–48.5 mg
    expect(zoomed.yAxis[0].min).toBeLessThanOrEqual(48.5);
    expect(zoomed.yAxis[0].max).toBeGreaterThanOrEqual(49.4);
    expect(zoomed.yAxis[0].max).toBeLessThan(50);
  });
});
