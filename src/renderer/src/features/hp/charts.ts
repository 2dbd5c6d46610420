/**
 * Chart options of the high-pressure views, as pure functions (data, view) → EChartsOption, tested in Node:
 *  - spectrumOption: an EDD spectrum (counts vs energy), the fitted regions, calibrant peaks labelled by hkl
 *    (used ones solid, the rest dashed) and the fluorescence lines that were avoided;
 *  - pressureTimeOption: P(t) of a sequence with ±σ bars and the thermocouple T on a second axis.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { HpEddFrameView, HpSpectrumView } from '../../../../shared/api-hp';
import { baseOption, interaction, legend, legendKey, legendLayout, OKABE_ITO, pairs, textStyle, valueAxis, smallFont, type ChartView } from '../../charts/style';

export const HP_TITLES = {
  energy: '{i|E} (keV)',
  counts: 'Counts',
  time: '{i|t} (s)',
  pressure: '{i|P} (GPa)',
  temperature: '{i|T} (K)',
} as const;

/** The next 1, 2 or 5 × 10ⁿ above x (a round axis end above the tallest peak, with room for the hkl labels). */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const DATA = '#000000';
const FIT = OKABE_ITO[1];
/** Legend key of the dashed lines of reflections found but left out of the pressure. */
const NOT_USED = 'not used';
const USED = OKABE_ITO[0];
const FLUOR = OKABE_ITO[4];

export function spectrumOption(s: HpSpectrumView, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const e0 = s.energyKeV[0];
  const e1 = s.energyKeV[s.energyKeV.length - 1];
  const fluor = s.fluorescence.filter((f) => f.energyKeV >= e0 && f.energyKeV <= e1);
  const names = ['data', ...(s.curves.length ? ['fit'] : []), ...(s.peaks.some((p) => p.present && p.energyKeV !== null && !p.used) ? [NOT_USED] : []), ...(fluor.length ? ['K fluorescence'] : [])];
  const top = legendLayout(view, names).height + (print ? 2 * view.fontSize + 10 : 2 * view.fontSize + 24);
  const ymax = s.counts.reduce((m, v) => (v > m ? v : m), 0);
  // hkl labels above the plot, staggered in two rows where neighbours would collide (closer than 4 % of the axis).
  const fitted = s.peaks.filter((p) => p.present && p.energyKeV !== null).sort((a, b) => (a.energyKeV as number) - (b.energyKeV as number));
  let lastX = -Infinity;
  let row = 0;
  const marks = fitted.map((p) => {
    const x = p.energyKeV as number;
    row = x - lastX < 0.04 * (e1 - e0) ? 1 - row : 0;
    lastX = x;
    return {
      xAxis: x,
      label: { formatter: p.hkl, color: p.used ? USED : '#555', fontSize: view.fontSize, fontFamily: view.fontFamily, position: 'end' as const, distance: 3 + row * (view.fontSize + 2) },
      lineStyle: { color: p.used ? USED : '#888', type: p.used ? ('solid' as const) : ('dashed' as const), width: view.lineWidth * 0.8 },
    };
  });
  // Fluorescence: dotted lines; the element named once, at its Kα1, along the bottom.
  const fl = fluor.map((f) => ({
    xAxis: f.energyKeV,
    label: /Kα1$/.test(f.label)
      ? { formatter: f.label.replace(/ Kα1$/, ''), color: FLUOR, fontSize: smallFont(view, view.fontSize * 0.85), fontFamily: view.fontFamily, position: 'insideStartTop' as const }
      : { show: false },
    lineStyle: { color: FLUOR, type: 'dotted' as const, width: view.lineWidth * 0.8 },
  }));
  const series: SeriesOption[] = [
    {
      name: 'data', type: 'line', showSymbol: false, data: pairs(s.energyKeV, s.counts), lineStyle: { color: DATA, width: view.lineWidth * 0.8 }, itemStyle: { color: DATA },
      markLine: { symbol: 'none', silent: true, animation: false, data: [...marks, ...fl] },
      z: 1,
    },
    ...s.curves.map((c, i) => ({
      name: 'fit', type: 'line' as const, showSymbol: false, data: pairs(c.energyKeV, c.model), lineStyle: { color: FIT, width: view.lineWidth }, itemStyle: { color: FIT },
      z: 2, ...(i > 0 ? { legendHoverLink: false } : {}),
    })),
    // Legend key only (the lines are the markLines above).
    ...(fitted.some((p) => !p.used) ? [legendKey(NOT_USED, '#888', 'dashed', view.lineWidth * 0.8) as SeriesOption] : []),
    ...(fluor.length ? [{ name: 'K fluorescence', type: 'line' as const, data: [], lineStyle: { color: FLUOR, type: 'dotted' as const, width: view.lineWidth }, itemStyle: { color: FLUOR } }] : []),
  ];
  return {
    ...baseOption(view),
    legend: legend(view, names),
    grid: { left: print ? 42 : 78, right: print ? 8 : 24, top, bottom: print ? 26 : 70 },
    xAxis: valueAxis(view, HP_TITLES.energy, { nameGap: print ? 16 : 28, min: Math.floor(e0), max: Math.ceil(e1) }),
    yAxis: valueAxis(view, HP_TITLES.counts, { nameGap: print ? 30 : 58, min: 0, max: niceMax(ymax * 1.05) }),
    series,
    ...interaction(view, [0], { symbol: 'E', unit: 'keV' }),
  };
}

export interface PressureTimeData {
  frames: HpEddFrameView[];
  /** Label of the scale for the legend. */
  scaleLabel: string;
}

export function pressureTimeOption(d: PressureTimeData, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const ok = d.frames.filter((f) => f.pressureGPa !== null);
  const hasT = ok.some((f) => f.temperatureK !== null) && new Set(ok.map((f) => f.temperatureK)).size > 1;
  const pName = `P, ${d.scaleLabel}`;
  const names = [pName, ...(hasT ? ['T'] : [])];
  const top = legendLayout(view, names).height + (print ? 8 : 20);
  const bars = ok.map((f) => [f.timeS, f.pressureGPa! - (f.sigmaGPa ?? 0), f.pressureGPa! + (f.sigmaGPa ?? 0)]);
  const series: SeriesOption[] = [
    {
      name: pName, type: 'line', data: ok.map((f) => [f.timeS, f.pressureGPa]), showSymbol: true, symbol: 'circle', symbolSize: print ? 3 : 6,
      lineStyle: { color: USED, width: view.lineWidth }, itemStyle: { color: USED },
    },
    {
      name: pName, type: 'custom', data: bars, silent: true, z: 3,
      renderItem: ((_params: unknown, api: { value(i: number): number; coord(p: [number, number]): [number, number]; style(o?: object): object }) => {
        const lo = api.coord([api.value(0), api.value(1)]);
        const hi = api.coord([api.value(0), api.value(2)]);
        const w = print ? 2 : 4;
        const style = { stroke: USED, lineWidth: view.lineWidth * 0.8 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
            { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style },
          ],
        };
      }) as never,
    } as SeriesOption,
    ...(hasT
      ? [{
        name: 'T', type: 'line' as const, yAxisIndex: 1, data: ok.map((f) => [f.timeS, f.temperatureK]), showSymbol: false,
        lineStyle: { color: OKABE_ITO[1], width: view.lineWidth, type: 'dashed' as const }, itemStyle: { color: OKABE_ITO[1] },
      }]
      : []),
  ];
  return {
    ...baseOption(view),
    legend: legend(view, names),
    grid: { left: print ? 38 : 72, right: hasT ? (print ? 34 : 72) : print ? 8 : 24, top, bottom: print ? 26 : 70 },
    xAxis: valueAxis(view, HP_TITLES.time, { nameGap: print ? 16 : 28 }),
    yAxis: [
      valueAxis(view, HP_TITLES.pressure, { nameGap: print ? 24 : 50, scale: true }),
      ...(hasT ? [valueAxis(view, HP_TITLES.temperature, { nameGap: print ? 26 : 52, scale: true, position: 'right', splitLine: { show: false } })] : []),
    ],
    series,
    ...interaction(view, [0], { symbol: 't', unit: 's', seriesUnits: { [pName]: 'GPa', T: 'K' } }),
    textStyle: textStyle(view),
  };
}
