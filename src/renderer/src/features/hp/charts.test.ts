import { describe, expect, it } from 'vitest';
import type { HpEddFrameView, HpSpectrumView } from '../../../../shared/api-hp';
import { printView, SCREEN_VIEW } from '../../charts/style';
import { renderFigureSvg } from '../../export/figure';
import { niceMax, pressureTimeOption, spectrumOption } from './charts';

const energy = Float64Array.from({ length: 200 }, (_, i) => 40 + i * 0.5);
const spectrum: HpSpectrumView = {
  index: 0, fileName: 'au.mca', label: '', energyKeV: energy, counts: Float64Array.from(energy, (e) => 100 + 5000 * Math.exp(-((e - 50.4) ** 2) / 0.05)),
  curves: [{ energyKeV: energy.slice(18, 24), model: Float64Array.from({ length: 6 }, () => 200) }],
  peaks: [
    { hkl: '111', predictedKeV: 50.4, present: true, energyKeV: 50.39, sigmaEnergyKeV: 0.001, fwhmKeV: 0.36, dA: 2.331, sigmaDA: 1e-4, twoThetaDeg: null, used: true, note: null },
    { hkl: '200', predictedKeV: 58.2, present: true, energyKeV: 58.19, sigmaEnergyKeV: 0.01, fwhmKeV: 0.4, dA: 2.02, sigmaDA: 1e-3, twoThetaDeg: null, used: false, note: 'overlaps W Kα2' },
    { hkl: '220', predictedKeV: 82.3, present: false, energyKeV: null, sigmaEnergyKeV: null, fwhmKeV: null, dA: null, sigmaDA: null, twoThetaDeg: null, used: false, note: 'not detected' },
  ],
  fluorescence: [{ label: 'W Kα2', energyKeV: 57.98 }, { label: 'Pb Kβ1', energyKeV: 200 }],
  pressureGPa: 5.38, sigmaGPa: 0.01, source: 'analysis',
};

const frame = (i: number, p: number, t: number | null): HpEddFrameView => ({
  index: i, fileName: `s${i}.mca`, label: '', timeS: 120 * i, timeSource: 'file', temperatureK: t, pressureGPa: p, sigmaGPa: 0.01, sigmaParts: null,
  latticeA: 4, sigmaLatticeA: 1e-5, latticeCA: null, sigmaLatticeCA: null, volumeA3: 64, reducedChi2: 1, peaksUsed: 7, error: null, warnings: [],
});

describe('EDD spectrum chart', () => {
  it('draws the counts, the fitted regions and the fitted reflections labelled by hkl', () => {
    const o = spectrumOption(spectrum, SCREEN_VIEW) as { series: { name: string; markLine?: { data: { xAxis: number; label: { formatter?: string }; lineStyle: { type: string } }[] } }[] };
    expect(o.series.map((s) => s.name)).toEqual(['data', 'fit', 'not used', 'K fluorescence']);
    const marks = o.series[0].markLine!.data;
    const hkl = marks.filter((m) => /^\d+$/.test(m.label.formatter ?? ''));
    expect(hkl.map((m) => m.label.formatter)).toEqual(['111', '200']);
    expect(hkl[0].lineStyle.type).toBe('solid');
    expect(hkl[1].lineStyle.type).toBe('dashed');
    // fluorescence lines inside the energy window only
    expect(marks.filter((m) => m.lineStyle.type === 'dotted')).toHaveLength(1);
    expect(marks.some((m) => m.label.formatter === 'Pb')).toBe(false);
  });
  it('renders as a figure (SVG, 89 mm)', () => {
    const svg = renderFigureSvg(spectrumOption(spectrum, printView(7, 252)), 89, 68);
    expect(svg).toContain('width="89mm"');
    expect(svg).toContain('111');
  });
  it('niceMax rounds up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceMax(21886)).toBe(25000);
    expect(niceMax(9000)).toBe(10000);
    expect(niceMax(130)).toBe(200);
  });
});

describe('P(t) chart', () => {
  it('P with ±σ bars; T on a second axis only when it varies', () => {
    const o = pressureTimeOption({ frames: [frame(0, 3, 300), frame(1, 4.5, 300), frame(2, 5.4, 700)], scaleLabel: 'Au fei2007' }, SCREEN_VIEW) as { series: { name: string; type: string; data: unknown[] }[]; yAxis: unknown[] };
    expect(o.series.map((s) => s.type)).toEqual(['line', 'custom', 'line']);
    expect(o.series[1].data[1]).toEqual([120, 4.49, 4.51]);
    expect(o.yAxis).toHaveLength(2);
    const flat = pressureTimeOption({ frames: [frame(0, 3, 300), frame(1, 4.5, 300)], scaleLabel: 'x' }, SCREEN_VIEW) as { yAxis: unknown[] };
    expect(flat.yAxis).toHaveLength(1);
  });
  it('leaves failed frames out and renders in print without interaction', () => {
    const bad = { ...frame(1, 0, 300), pressureGPa: null, sigmaGPa: null, error: 'no peaks' };
    const o = pressureTimeOption({ frames: [frame(0, 3, 300), bad, frame(2, 5, 900)], scaleLabel: 'x' }, printView(7, 252)) as { series: { data: unknown[] }[]; dataZoom?: unknown };
    expect(o.series[0].data).toHaveLength(2);
    expect(o.dataZoom).toBeUndefined();
    expect(renderFigureSvg(o as never, 89, 68)).toContain('<svg');
  });
});
