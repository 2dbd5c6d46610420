import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { alphaAxisMax, conversionOption, type ConversionRun } from './conversion';
import { periodsFrom, rawOption } from './raw';
import { alphaTemperatureOption, temperatureSpanC } from './alphaTemperature';
import { AXIS_TITLES, formulaRich, tooltipText, legendLayout, OKABE_ITO, plainTitle, printView, runColor, SCREEN_VIEW, tickLabel } from './style';
import { renderFigureSvg, setSvgPhysicalSize, sizePt } from '../export/figure';
import { crc32, readPngDpi, setPngDpi } from '../export/png';
import { pathDeviation, seriesPaths, svgAxes, toSvg } from '../../../../test/support/svg-series';

/** α = 1 − exp(−t/τ) sampled every 10 s for 30 min, with its rate against α. */
function run(label: string, tauS: number, colorIndex: number): ConversionRun {
  const n = 181;
  const t = Float64Array.from({ length: n }, (_, i) => i * 10);
  const a = t.map((s) => 1 - Math.exp(-s / tauS));
  const rate = t.map((s) => Math.exp(-s / tauS) / tauS);
  return { label, color: runColor(colorIndex), alpha: { x: t, y: a }, rateVsAlpha: { x: a, y: rate } };
}

type Loose = Record<string, unknown> & { series: Record<string, unknown>[]; xAxis: Record<string, unknown>[]; yAxis: Record<string, unknown>[]; grid: unknown[] };

describe('chart option builders', () => {
  const runs = [run('Fe2O3', 355, 0), run('Fe2O3+NiO', 142, 1)];

  it('conversion: one α(t) line per run in minutes, and the inset dα/dt(α) in 10⁻³ s⁻¹', () => {
    const o = conversionOption({ runs, showInset: true }, SCREEN_VIEW) as unknown as Loose;
    expect(o.series).toHaveLength(4);
    const main = o.series[0] as { data: [number, number][]; xAxisIndex: number; name: string; lineStyle: { color: string } };
    expect(main.xAxisIndex).toBe(0);
    expect(main.data[18]).toEqual([3, 1 - Math.exp(-180 / 355)]);
    expect(main.lineStyle.color).toBe(OKABE_ITO[0]);
    const inset = o.series[2] as { data: [number, number][]; xAxisIndex: number; name: string };
    expect(inset.xAxisIndex).toBe(1);
    expect(inset.name).toBe('Fe2O3');
    expect(inset.data[0][1]).toBeCloseTo(1000 / 355, 10);
    expect(o.grid).toHaveLength(2);
    expect(o.xAxis.map((a) => plainTitle(String(a.name)))).toEqual(['t (min)', 'α']);
    expect(o.yAxis.map((a) => plainTitle(String(a.name)))).toEqual(['α', 'dα/dt (10⁻³ s⁻¹)']);
    expect((o.legend as { data: string[] }).data).toEqual(['Fe2O3', 'Fe2O3+NiO']);
    // on screen: zoom on the time axis (wheel and slider), an axis tooltip that reads t in minutes
    const zoom = o.dataZoom as { type: string; xAxisIndex: number[]; filterMode: string }[];
    expect(zoom.map((z) => [z.type, z.xAxisIndex, z.filterMode])).toEqual([
      ['inside', [0], 'none'],
      ['slider', [0], 'none'],
    ]);
    const tooltip = o.tooltip as { trigger: string; formatter: (p: unknown) => string };
    expect(tooltip.trigger).toBe('axis');
    // the readout's text (values interpolated at the pointer, per run) is pinned in views.test.ts
    expect(tooltip.formatter([])).toBe('');
  });

  it('conversion for print: no zoom, no tooltip, a boxed plot, fonts in points', () => {
    const o = conversionOption({ runs, showInset: false }, printView(7)) as unknown as Loose;
    expect(o.series).toHaveLength(2);
    expect(o.dataZoom).toBeUndefined();
    expect(o.tooltip).toBeUndefined();
    expect((o.grid[0] as { show: boolean }).show).toBe(true);
    expect((o.xAxis[0].axisLabel as { fontSize: number }).fontSize).toBe(7);
    expect((o.xAxis[0].nameTextStyle as { fontSize: number }).fontSize).toBe(8);
  });

  it('α axis ends just above 1 unless a run overshoots', () => {
    expect(alphaAxisMax(runs)).toBe(1.05);
    expect(alphaAxisMax([{ alpha: { x: new Float64Array([0]), y: new Float64Array([1.04]) } }])).toBe(1.05);
    expect(alphaAxisMax([{ alpha: { x: new Float64Array([0]), y: new Float64Array([1.12]) } }])).toBe(1.2);
  });

  it('raw: mass and temperature on two axes, H₂ shaded, the start marked, the blank in its own panel', () => {
    const t = Float64Array.from({ length: 100 }, (_, i) => i * 60);
    const periods = periodsFrom(
      [
        { timeS: 0, gas: 'Ar' },
        { timeS: 2625, gas: 'H2' },
        { timeS: 4425, gas: 'Ar' },
      ],
      [],
      5940,
      (g) => g === 'H2',
    );
    expect(periods).toEqual([{ startS: 2625, endS: 4425, label: 'H₂', kind: 'reducing' }]);
    const o = rawOption(
      {
        label: 'Fe2O3',
        color: OKABE_ITO[0],
        massRaw: { x: t, y: t.map((s) => 50 - s / 1000) },
        massCorrected: { x: t, y: t.map((s) => 49 - s / 1000) },
        temperature: { x: t, y: t.map(() => 700) },
        blank: { label: 'blank', mass: { x: t, y: t.map(() => 0.4) } },
        periods,
        startS: 2625,
      },
      SCREEN_VIEW,
    ) as unknown as Loose;
    expect(o.series.map((s) => s.name)).toEqual(['Raw mass', 'Blank-corrected mass', 'Temperature', 'Blank (empty crucible)', 't₀ (reduction start)']);
    // the dashed start line has its legend key (a series without data)
    expect(o.series[4].data).toEqual([]);
    expect(o.series.slice(0, 4).map((s) => s.yAxisIndex)).toEqual([0, 0, 1, 2]);
    const area = (o.series[0].markArea as { data: [{ xAxis: number; name: string }, { xAxis: number }][] }).data[0];
    expect([area[0].xAxis, area[1].xAxis, area[0].name]).toEqual([43.75, 73.75, 'H₂']);
    expect((o.series[0].markLine as { data: { xAxis: number }[] }).data[0].xAxis).toBe(43.75);
    expect(o.grid).toHaveLength(2);
    expect(o.yAxis.map((a) => plainTitle(String(a.name)))).toEqual(['m (mg)', 'T (°C)', 'Δmblank (mg)']);
  });

  it('α(T): one line per run against temperature; the span tells ramps from isothermal runs', () => {
    const T = Float64Array.from({ length: 50 }, (_, i) => 300 + i * 10);
    const a = T.map((v) => (v - 300) / 490);
    const o = alphaTemperatureOption([{ label: 'ramp', color: OKABE_ITO[2], alphaVsTemperature: { x: T, y: a } }], SCREEN_VIEW) as unknown as Loose & { xAxis: Record<string, unknown> };
    expect(o.series).toHaveLength(1);
    expect(plainTitle(String((o.xAxis as unknown as { name: string }).name))).toBe('T (°C)');
    expect(temperatureSpanC({ x: T, y: a })).toBe(490);
  });

  it('α(T): draws the extrapolated-onset construction through the onset and the inflection', () => {
    const T = Float64Array.from({ length: 50 }, (_, i) => 300 + i * 10);
    const a = T.map((v) => 1 / (1 + Math.exp(-(v - 550) / 25)));
    const onset = { onsetC: 500, inflectionC: 550, alphaAtInflection: 0.5, slopePerC: 0.01 };
    const o = alphaTemperatureOption([{ label: 'ramp', color: OKABE_ITO[2], alphaVsTemperature: { x: T, y: a }, onset }], SCREEN_VIEW) as unknown as {
      series: { type: string; name: string; data: (number[] | { value: number[]; label?: { formatter: string } })[]; tooltip?: { show: boolean } }[];
    };
    expect(o.series).toHaveLength(5);
    const [, baseline, tangent, points, key] = o.series;
    expect(o.series.slice(0, 4).every((s) => s.name === 'ramp')).toBe(true);
    // one legend key names the dashed construction lines
    expect([key.name, key.data]).toEqual(['Onset construction', []]);
    expect(baseline.data).toEqual([[450, 0], [500, 0]]);
    // The tangent starts at the onset on α = 0 and passes through the inflection point: α = 0.01·(T − 500).
    expect(tangent.data[0]).toEqual([500, 0]);
    const [tEnd, aEnd] = tangent.data[1] as number[];
    expect(aEnd).toBe(1);
    expect(0.01 * (tEnd - 500)).toBeCloseTo(aEnd, 12);
    expect(tangent.tooltip?.show).toBe(false);
    const pts = points.data as { value: number[]; label?: { formatter: string } }[];
    expect(pts.map((p) => p.value)).toEqual([[500, 0], [550, 0.5]]);
    expect(pts[0].label!.formatter).toContain('500.0 °C');
    // Without a construction nothing extra is drawn.
    expect((alphaTemperatureOption([{ label: 'ramp', color: OKABE_ITO[2], alphaVsTemperature: { x: T, y: a }, onset: null }], SCREEN_VIEW) as { series: unknown[] }).series).toHaveLength(1);
  });

  it('sets formula counts as subscripts, and leaves sample names and alloys alone', () => {
    expect(formulaRich('Fe2O3 + NiO, Fe-36Ni')).toBe('Fe{sub|2}O{sub|3} + NiO, Fe-36Ni');
    expect(formulaRich('Ca(OH)2 in H2')).toBe('Ca(OH){sub|2} in H{sub|2}');
    expect(formulaRich('S1 run 12 {x|y}')).toBe('S1 run 12 xy');
  });

  it('tooltip names the position and each curve, escaping labels', () => {
    const text = tooltipText([{ marker: '●', seriesName: 'A<b>', value: [7.7333, 0.69764] }, { seriesName: 'B', value: [7.7333, 0.9] }], { symbol: 't', unit: 'min' });
    expect(text).toBe('<b><i>t</i> = 7.733 min</b><br/>●A&#60;b&#62;: <b>0.6976</b><br/>B: <b>0.9</b>');
    const withUnits = tooltipText([{ seriesName: 'Temperature', value: [1, 700.04] }], { symbol: 't', unit: 'min', seriesUnits: { Temperature: '°C' } });
    expect(withUnits).toBe('<b><i>t</i> = 1 min</b><br/>Temperature: <b>700</b> °C');
  });

  it('tick labels use a true minus sign', () => {
    expect(tickLabel(-0.2)).toBe('\u22120.2');
    expect(tickLabel(0.30000000000000004)).toBe('0.3');
  });

  it('legend rows grow with long labels in a narrow figure', () => {
    const names = ['Fe2O3 (SIMULATED)', 'Fe2O3 + Ni, Fe-36Ni (SIMULATED)', 'Fe2O3 + NiO, Fe-36Ni (SIMULATED)'];
    expect(legendLayout(printView(7, 252), names).rows).toBeGreaterThanOrEqual(2);
    expect(legendLayout(printView(8, 519), names).rows).toBe(1);
    expect(legendLayout(printView(7, 252), []).height).toBe(0);
  });

  it('axis titles set symbols italic and units upright', () => {
    expect(AXIS_TITLES.rate).toBe('d{i|α}/d{i|t} (10⁻³ s⁻¹)');
    expect(plainTitle(AXIS_TITLES.temperature)).toBe('T (°C)');
  });
});

describe('figure export', () => {
  const runs = [run('Fe2O3', 355, 0), run('Fe2O3+Ni', 220, 1), run('Fe2O3+NiO', 142, 2)];

  it('renders an 89 mm SVG laid out in points with the axis titles and one path per run', () => {
    const svg = renderFigureSvg(conversionOption({ runs, showInset: true }, printView(7)), 89, 68);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toMatch(/<svg[^>]* width="89mm" height="68mm" viewBox="0 0 252.28 192.76"/);
    const { width } = sizePt(89, 68);
    expect(width).toBeCloseTo(252.28, 2);
    for (const text of ['(min)', 'α', '(10⁻³ s⁻¹)', '+NiO']) expect(svg).toContain(text);
    expect(svg).toContain('font-size:7px');
    // What the file draws: each run is one path in its own colour in the main plot (α against t in min) and one in
    // the inset (dα/dt in 10⁻³ s⁻¹ against α), every point where the data put it. Paths are written to 0.1 pt.
    const axes = svgAxes(svg);
    expect(axes.x.map((a) => [a.ticks[0].value, a.ticks.at(-1)!.value])).toEqual([[0, 30], [0, 1]]);
    expect(axes.y.map((a) => [a.ticks[0].value, a.ticks.at(-1)!.value])).toEqual([[0, 1], [0, 8]]);
    runs.forEach((r, k) => {
      const [main, inset, ...rest] = seriesPaths(svg, OKABE_ITO[k]);
      expect(rest).toEqual([]);
      const alpha = Array.from(r.alpha.x, (t, i): [number, number] => [t / 60, r.alpha.y[i]]);
      const rate = Array.from(r.rateVsAlpha.x, (a, i): [number, number] => [a, 1e3 * r.rateVsAlpha.y[i]]);
      const onMain = pathDeviation(main, toSvg(alpha, axes.x[0], axes.y[0]));
      const onInset = pathDeviation(inset, toSvg(rate, axes.x[1], axes.y[1]));
      for (const dev of [onMain, onInset]) {
        expect(dev.vertex).toBeLessThan(0.08);
        expect(dev.data).toBeLessThan(0.5);
      }
      // and not the other run's data
      const other = runs[(k + 1) % runs.length];
      const otherAlpha = Array.from(other.alpha.x, (t, i): [number, number] => [t / 60, other.alpha.y[i]]);
      expect(pathDeviation(main, toSvg(otherAlpha, axes.x[0], axes.y[0])).vertex).toBeGreaterThan(5);
    });
  });

  it('rewrites the SVG root size and keeps its other attributes', () => {
    const out = setSvgPhysicalSize('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><g/></svg>', 183, 100);
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="183mm" height="100mm" viewBox="0 0 518.74 283.46"><g/></svg>');
  });

  it('writes the PNG resolution (pHYs) with a valid CRC', () => {
    const ihdr = new Uint8Array(13);
    new DataView(ihdr.buffer).setUint32(0, 1);
    new DataView(ihdr.buffer).setUint32(4, 1);
    ihdr.set([8, 0, 0, 0, 0], 8);
    const chunk = (type: string, data: Uint8Array) => {
      const out = new Uint8Array(12 + data.length);
      const v = new DataView(out.buffer);
      v.setUint32(0, data.length);
      out.set([...type].map((c) => c.charCodeAt(0)), 4);
      out.set(data, 8);
      v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
      return out;
    };
    const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(Buffer.from([0, 0])))), chunk('IEND', new Uint8Array(0))];
    const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      png.set(p, o);
      o += p.length;
    }
    expect(readPngDpi(png)).toBeNull();
    const at300 = setPngDpi(png, 300);
    expect(readPngDpi(at300)).toBe(300);
    expect(at300.length).toBe(png.length + 21);
    expect(readPngDpi(setPngDpi(at300, 600))).toBe(600);
    expect(setPngDpi(at300, 600).length).toBe(at300.length);
    // The pHYs chunk's CRC is the standard CRC-32 of its type and data (known value for 'IEND': 0xAE426082).
    expect(crc32(new Uint8Array([73, 69, 78, 68]))).toBe(0xae426082);
    expect(() => setPngDpi(new Uint8Array(40), 300)).toThrow(/not a PNG/);
  });
});
