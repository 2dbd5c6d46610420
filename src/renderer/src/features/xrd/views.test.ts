import { describe, expect, it } from 'vitest';
import { twoThetaDegToDA, twoThetaDegToQPerA } from '../../../../core/xrd/axes';
import { generateReflections, getPhase } from '../../../../core/xrd/crystal/index';
import { OKABE_ITO, plainTitle, printView, SCREEN_VIEW } from '../../charts/style';
import { parsePeakSpecs, runOptions } from './AnalysisPanel';
import { frameCsv, framesCsv, resultsCsv } from './csv';
import { FIT_COLORS, frameOption, niceCeil, niceInterval, ticksWithin } from './frame';
import { frameCurves } from '../../../../core/xrd/display';
import { everyNth } from './frames';
import { defaultWindowSpecs, frameLattices, tickRows, zoomWindow } from './reflections';
import { detectionSummary, resultsOption } from './results';
import { phaseColor, timeColor, viridis, XRD_TITLES } from './style';
import { sequence, smallAnalysis } from './testkit';
import { defaultOffset, waterfallOption } from './waterfall';

const LAMBDA = 0.20735;
type Loose = { series: Record<string, unknown>[]; xAxis: Record<string, unknown>[]; yAxis: Record<string, unknown>[]; grid: Record<string, unknown>[]; legend?: { data: string[] } };

describe('reflection ticks and zoom windows', () => {
  it('tick positions are generateReflections’ 2θ, one row per phase in the phase colour', () => {
    const rows = tickRows(['fcc-FeNi', 'magnetite'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16 });
    expect(rows.map((r) => r.phaseId)).toEqual(['fcc-FeNi', 'magnetite']);
    const ref = generateReflections(getPhase('fcc-FeNi'), { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, minRelativeIntensity: 0.01 });
    expect(rows[0].ticks.map((t) => t.twoThetaDeg)).toEqual(ref.map((r) => r.twoThetaDeg));
    expect(rows[0].ticks.map((t) => `${t.h}${t.k}${t.l}`).slice(0, 3)).toEqual(['111', '200', '220']);
    expect(rows[0].ticks[0].x).toBe(rows[0].ticks[0].twoThetaDeg);
    // fcc 111 at λ/(2d), d = a/√3
    const a = getPhase('fcc-FeNi').lattice.aA;
    expect(rows[0].ticks[0].twoThetaDeg).toBeCloseTo((2 * Math.asin(LAMBDA / (2 * (a / Math.sqrt(3)))) * 180) / Math.PI, 9);
    expect(rows[0].color).toBe(phaseColor('fcc-FeNi'));
    expect(rows[1].color).not.toBe(rows[0].color);
    expect(Math.max(...rows[1].ticks.map((t) => t.relativeIntensity))).toBe(1);
  });

  it('ticks move to q and d with the same conversion as the axes', () => {
    const [tth] = tickRows(['NiO'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16 });
    const [q] = tickRows(['NiO'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, axis: 'q_A^-1' });
    const [d] = tickRows(['NiO'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, axis: 'd_A' });
    expect(q.ticks[1].x).toBeCloseTo(twoThetaDegToQPerA(tth.ticks[1].twoThetaDeg, LAMBDA), 12);
    expect(d.ticks[1].x).toBeCloseTo(twoThetaDegToDA(tth.ticks[1].twoThetaDeg, LAMBDA), 12);
    expect(d.ticks[1].x).toBeCloseTo(d.ticks[1].dA, 9);
  });

  it('unknown phases are skipped, not fatal', () => {
    expect(tickRows(['no-such-phase', 'NiO'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16 }).map((r) => r.phaseId)).toEqual(['NiO']);
  });

  it('a zoom window spans the reflection from the library cell to the given cell, ± the half width', () => {
    const lib = getPhase('fcc-FeNi').lattice;
    const hot = { ...lib, aA: lib.aA * 1.01, bA: lib.bA * 1.01, cA: lib.cA * 1.01 };
    const tth = (aA: number) => (2 * Math.asin(LAMBDA / aA) * 180) / Math.PI; // d200 = a/2
    const w = zoomWindow('fcc-FeNi:200', { wavelengthA: LAMBDA, lattice: hot, halfWidthDeg: 0.2 });
    expect(w.twoThetaDeg[0]).toBeCloseTo(tth(hot.aA) - 0.2, 9);
    expect(w.twoThetaDeg[1]).toBeCloseTo(tth(lib.aA) + 0.2, 9);
    expect(w.label).toBe('fcc-(Fe,Ni) 200');
    const q = zoomWindow('fcc-FeNi:020', { wavelengthA: LAMBDA, axis: 'q_A^-1' });
    expect(q.range[0]).toBeCloseTo(twoThetaDegToQPerA(tth(lib.aA) - 0.25, LAMBDA), 9);
    expect(() => zoomWindow('fcc-FeNi:100', { wavelengthA: LAMBDA })).toThrow(/no 100 reflection/);
    expect(() => zoomWindow('unobtainium:111', { wavelengthA: LAMBDA })).toThrow(/unknown phase/);
  });

  it('CIF phases get ticks and zoom windows from their structure', () => {
    // a CIF phase: the library's NiO structure under another id, with a 1 % larger cell
    const nio = getPhase('NiO');
    const cif = { ...nio, id: 'cif-nio', lattice: { ...nio.lattice, aA: nio.lattice.aA * 1.01, bA: nio.lattice.bA * 1.01, cA: nio.lattice.cA * 1.01 } };
    const rows = tickRows(['cif-nio'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, phases: { 'cif-nio': cif } });
    const lib = tickRows(['NiO'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16 });
    // the larger cell brings one more line into the window; the others are the library's, shifted
    expect(rows[0].ticks.map((t) => `${t.h}${t.k}${t.l}`).slice(0, lib[0].ticks.length)).toEqual(lib[0].ticks.map((t) => `${t.h}${t.k}${t.l}`));
    expect(rows[0].ticks[0].dA).toBeCloseTo(lib[0].ticks[0].dA * 1.01, 9);
    expect(tickRows(['cif-nio'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16 })).toEqual([]);
    expect(defaultWindowSpecs(['cif-nio'], LAMBDA, [2, 16], { 'cif-nio': cif })).toEqual(['cif-nio:200']);
    expect(zoomWindow('cif-nio:200', { wavelengthA: LAMBDA, phases: { 'cif-nio': cif } }).twoThetaDeg[0]).toBeCloseTo((2 * Math.asin(LAMBDA / cif.lattice.aA) * 180) / Math.PI - 0.25, 9);
  });

  it('ticks follow the analysed frame: refined cells where the data determine them, else the starting cell', () => {
    const a = smallAnalysis();
    expect(frameLattices(a, 0)['fcc-FeNi'].aA).toBe(3.58);
    expect(frameLattices(a, 1)['fcc-FeNi'].aA).toBe(3.6);
    expect(frameLattices(a, 99)['fcc-FeNi'].aA).toBe(3.6); // past the analysed frames: the last one
    expect(frameLattices(a, 1)['bcc-Fe'].aA).toBe(2.9); // detected only: its starting cell
    // a dropped phase keeps the last cell the data determined
    a.frames[1].phases['fcc-FeNi'] = { ...a.frames[1].phases['fcc-FeNi'], dropped: true, weightFraction: 0, lattice: { ...a.frames[1].phases['fcc-FeNi'].lattice, aA: 3.7 } };
    expect(frameLattices(a, 1)['fcc-FeNi'].aA).toBe(3.58);
    const [row0] = tickRows(['fcc-FeNi'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, lattices: frameLattices(smallAnalysis(), 0) });
    const [row1] = tickRows(['fcc-FeNi'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, lattices: frameLattices(smallAnalysis(), 1) });
    expect(row0.ticks[0].dA / row1.ticks[0].dA).toBeCloseTo(3.58 / 3.6, 12);
  });

  it('the analysis panel replaces what it edits and keeps the other options', () => {
    const initial = { phases: ['NiO', 'cif-gone'], detectPhases: ['NiO'], debyeWaller: false, detectionK: 4, wavelengthA: 0.3 };
    const out = runOptions(initial, ['magnetite', 'NiO', 'cif-feo'], { refine: new Set(['cif-feo', 'NiO', 'cif-gone']), detect: new Set(['magnetite']), peaks: ['NiO:200'], wavelengthA: undefined, backgroundOrder: 2 });
    expect(out).toEqual({ phases: ['NiO', 'cif-feo'], detectPhases: ['magnetite', 'NiO', 'cif-feo'], peaks: ['NiO:200'], refine: true, backgroundOrder: 2, debyeWaller: false, detectionK: 4 });
  });

  it('default windows: each phase’s {200}, else its strongest reflection', () => {
    expect(defaultWindowSpecs(['fcc-FeNi', 'bcc-Fe', 'magnetite'], LAMBDA, [2, 16])).toEqual(['fcc-FeNi:200', 'bcc-Fe:200', 'magnetite:311']);
  });
});

describe('frames and the waterfall', () => {
  const s = sequence([1, 2, 3, 4, 5], [
    [10, 20, 110, 20, 10],
    [10, 30, 130, 30, 10],
    [10, 40, 150, 40, 10],
    [10, 50, 170, 50, 10],
  ]);

  it('every n-th frame keeps the first and the last', () => {
    expect(everyNth(10, 4)).toEqual([0, 4, 8, 9]);
    expect(everyNth(9, 4)).toEqual([0, 4, 8]);
    expect(everyNth(3, 0)).toEqual([0, 1, 2]);
  });

  it('frames cut to a window keep their times and file names', () => {
    const [f] = frameCurves(s, [2], '2th_deg', [2, 4]);
    expect(Array.from(f.x)).toEqual([2, 3, 4]);
    expect(Array.from(f.intensity)).toEqual([40, 150, 40]);
    expect(f.timeS).toBe(60);
    expect(f.fileName).toBe('f_2.xy');
  });

  it('stacks curves by a constant offset, coloured from early (dark) to late on viridis', () => {
    const frames = frameCurves(s, [0, 1, 3], '2th_deg');
    expect(defaultOffset(frames)).toBe(30); // 25 % of the median span 120
    const o = waterfallOption({ frames, axis: '2th_deg', timeUnit: 's', offsetCounts: 100 }, SCREEN_VIEW) as unknown as Loose;
    expect(o.series).toHaveLength(3);
    const data = o.series.map((x) => x.data as [number, number][]);
    expect(data[0][2]).toEqual([3, 110]);
    expect(data[1][2]).toEqual([3, 230]);
    expect(data[2][2]).toEqual([3, 370]);
    expect(o.series.map((x) => x.name)).toEqual(['t = 0 s', 't = 30 s', 't = 90 s']);
    expect((o.series[0].lineStyle as { color: string }).color).toBe('#440154');
    expect((o.series[2].lineStyle as { color: string }).color).toBe(timeColor(90, 0, 90));
    expect(plainTitle(String(o.xAxis[0].name))).toBe('2θ (°)');
    expect(plainTitle(String(o.yAxis[0].name))).toBe('I + offset (counts)');
    const csv = framesCsv(frames, '2th_deg').trim().split('\n');
    expect(csv[0]).toBe('frame,timeS,file,twoThetaDeg,intensity');
    expect(csv).toHaveLength(1 + 3 * 5);
    expect(csv[8]).toBe('1,30,f_1.xy,3,130');
  });

  it('phase colours: fixed for the reduction phases, free palette colours for the others', () => {
    expect(phaseColor('magnetite')).toBe(OKABE_ITO[0]);
    expect(phaseColor('wustite')).toBe(OKABE_ITO[1]);
    const ids = ['magnetite', 'LaB6', 'CeO2'];
    expect(phaseColor('LaB6', ids)).toBe(OKABE_ITO[1]); // magnetite holds the first colour
    expect(phaseColor('CeO2', ids)).toBe(OKABE_ITO[2]);
  });

  it('counts from 10⁴ on are plotted in 10³ counts, with the unit in the title', () => {
    const big = sequence([1, 2, 3], [[500, 42_000, 500]]);
    const o = waterfallOption({ frames: frameCurves(big, [0], '2th_deg'), axis: '2th_deg', timeUnit: 's' }, SCREEN_VIEW) as unknown as Loose;
    expect((o.series[0].data as [number, number][])[1]).toEqual([2, 42]);
    expect(plainTitle(String(o.yAxis[0].name))).toBe('I + offset (10³ counts)');
    const f = frameOption({ frame: frameCurves(big, [0], '2th_deg')[0], axis: '2th_deg', timeUnit: 's', wavelengthA: LAMBDA, ticks: [], fit: null }, SCREEN_VIEW) as unknown as Loose;
    expect((f.series[0].data as [number, number][])[0]).toEqual([1, 0.5]);
    expect(plainTitle(String(f.yAxis[0].name))).toBe('I (10³ counts)');
  });

  it('viridis ends at its published colours', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(0.5)).toBe('#23908c'); // halfway between stops 4 (#26828e) and 5 (#1f9e89), rounded half up
  });
});

describe('single frame with ticks and a refinement', () => {
  const s = sequence([5, 6, 7, 8], [[100, 200, 300, 100]], 30, LAMBDA);
  const [frame] = frameCurves(s, [0], '2th_deg');
  const ticks = tickRows(['fcc-FeNi'], { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 16 });

  it('without a fit: the pattern, one tick row, the 2θ title under the ticks', () => {
    const o = frameOption({ frame, axis: '2th_deg', timeUnit: 's', wavelengthA: LAMBDA, ticks, fit: null }, SCREEN_VIEW) as unknown as Loose;
    expect(o.grid).toHaveLength(2);
    // the tick row and its transparent hover targets
    expect(o.series.map((x) => x.type)).toEqual(['line', 'scatter', 'scatter']);
    const tickData = o.series[1].data as { value: [number, string]; hkl: string }[];
    // only ticks inside the frame's 5–8° window: fcc 111 (5.8°) and 200 (6.7°)
    expect(tickData.map((t) => t.hkl)).toEqual(['111', '200']);
    expect(tickData[1].value[0]).toBe(ticks[0].ticks[1].twoThetaDeg);
    expect(tickData[1].value[1]).toBe('fcc-FeNi');
    expect(plainTitle(String(o.xAxis[1].name))).toBe('2θ (°)');
    expect(plainTitle(String(o.yAxis[0].name))).toBe('I (counts)');
  });

  it('with a fit: observed, calculated, background and obs − calc in its own strip', () => {
    const fit = { twoThetaDeg: frame.x, observed: frame.intensity, calculated: Float64Array.from([90, 210, 290, 100]), background: Float64Array.from([90, 90, 90, 90]), rwp: 0.05 };
    const o = frameOption({ frame, axis: '2th_deg', timeUnit: 's', wavelengthA: LAMBDA, ticks, fit }, printView(7, 252)) as unknown as Loose;
    expect(o.grid).toHaveLength(3);
    expect(o.series.map((x) => x.name)).toEqual(['observed', 'calculated', 'background', 'fcc-(Fe,Ni)', 'obs − calc']);
    const diff = o.series[4].data as [number, number][];
    expect(diff.map((p) => p[1])).toEqual([10, -10, 10, 0]);
    expect((o.series[1].lineStyle as { color: string }).color).toBe(FIT_COLORS.calculated);
    expect((o.legend?.data as unknown as { name: string }[]).map((d) => d.name)).toEqual(['observed', 'calculated', 'background', 'obs − calc']);
    // the difference strip is symmetric about 0: ±10 counts → ±10
    const dAxis = o.yAxis[o.yAxis.length - 1];
    expect([dAxis.min, dAxis.max, dAxis.interval]).toEqual([-10, 10, 10]);
    const csv = frameCsv(frame, '2th_deg', fit, ticks).split('\n');
    expect(csv[0]).toBe('twoThetaDeg,observed,calculated,background,difference');
    expect(csv[2]).toBe('6,200,210,90,-10');
    expect(csv).toContain('phase,h,k,l,twoThetaDeg,dA,relativeIntensity');
  });

  it('on q the fit’s 2θ is converted with the wavelength', () => {
    const [fq] = frameCurves(s, [0], 'q_A^-1');
    const fit = { twoThetaDeg: frame.x, observed: frame.intensity, calculated: frame.intensity, background: null, rwp: null };
    const o = frameOption({ frame: fq, axis: 'q_A^-1', timeUnit: 's', wavelengthA: LAMBDA, ticks: [], fit }, SCREEN_VIEW) as unknown as Loose;
    expect((o.series[0].data as [number, number][])[0][0]).toBeCloseTo(twoThetaDegToQPerA(5, LAMBDA), 12);
  });
});

describe('results vs time', () => {
  const a = smallAnalysis();

  it('weight fractions in wt.% with ±σ bands, a on its own panel, Rwp in %, one shared time axis', () => {
    const o = resultsOption({ analysis: a, panels: ['weight', 'lattice', 'rwp'], timeUnit: 's', latticePhases: ['fcc-FeNi'] }, SCREEN_VIEW) as unknown as Loose;
    expect(o.grid).toHaveLength(3);
    expect(o.xAxis.map((x) => plainTitle(String(x.name)))).toEqual(['', '', 't (s)']);
    expect(o.yAxis.map((y) => plainTitle(String(y.name)))).toEqual(['w (wt.%)', 'a (Å)', 'Rwp (%)']);
    const w = o.series.filter((x) => x.name === 'wüstite');
    expect(w.map((x) => x.type)).toEqual(['line', 'custom']); // the line, then its ±σ band
    expect((w[0].data as [number, number][]).map((p) => p[1])).toEqual([60, 20]);
    // the band polygon: upper edge 62, 22 then lower edge back 18, 58 (σ = 2 wt.%)
    const render = w[1].renderItem as (p: { dataIndex: number }, api: { coord: (v: [number, number]) => [number, number] }) => { shape: { points: [number, number][] } };
    expect(render({ dataIndex: 0 }, { coord: (v) => v }).shape.points).toEqual([
      [0, 62],
      [60, 22],
      [60, 18],
      [0, 58],
    ]);
    const lat = o.series.find((x) => x.xAxisIndex === 1)!;
    expect((lat.data as [number, number][]).map((p) => p[1])).toEqual([3.58, 3.6]);
    const rwp = o.series.find((x) => x.name === 'Rwp')!;
    expect((rwp.data as [number, number][]).map((p) => p[1])).toEqual([12, 10]);
    expect(o.legend?.data).toEqual(['wüstite', 'fcc-(Fe,Ni)', 'Rwp', 'Rexp']);
    expect((w[0].lineStyle as { color: string }).color).toBe(OKABE_ITO[1]);
  });

  it('the Vegard Ni fraction of the solid solution on its own panel, with its ±σ band', () => {
    const b = smallAnalysis();
    b.frames.forEach((f, i) => {
      f.phases['fcc-FeNi'] = { ...f.phases['fcc-FeNi'], xNi: 0.8 - 0.3 * i, xNiSigma: 0.01 };
    });
    const o = resultsOption({ analysis: b, panels: ['composition'], timeUnit: 's' }, SCREEN_VIEW) as unknown as Loose;
    expect(o.yAxis.map((y) => plainTitle(String(y.name)))).toEqual(['xNi']);
    expect([o.yAxis[0].min, o.yAxis[0].max]).toEqual([0, 1]);
    const x = o.series.filter((s) => s.name === 'fcc-(Fe,Ni)');
    expect(x.map((s) => s.type)).toEqual(['line', 'custom']);
    expect((x[0].data as [number, number][]).map((p) => p[1])).toEqual([0.8, 0.5]);
    // phases without a composition parameter get no curve
    expect(o.series.some((s) => s.name === 'wüstite')).toBe(false);
  });

  it('stacked areas sum to 100 wt.%', () => {
    const o = resultsOption({ analysis: a, panels: ['weight'], timeUnit: 'min', stacked: true }, SCREEN_VIEW) as unknown as Loose;
    // cumulative tops: wüstite 60, 20; then fcc-(Fe,Ni) on top reaches 100 in both frames
    const tops = o.series.filter((x) => x.type === 'line').map((x) => (x.data as [number, number][]).map((p) => p[1]));
    expect(tops[0]).toEqual([60, 20]);
    expect(tops[1][0]).toBeCloseTo(100, 9);
    expect(tops[1][1]).toBeCloseTo(100, 9);
    expect((o.series[0].data as [number, number][])[1][0]).toBe(1); // 60 s = 1 min
  });

  it('TGA α(t) on a second y axis of the weight panel, on the same time axis', () => {
    const alpha = { x: Float64Array.from([0, 30, 60, 90, 120]), y: Float64Array.from([0, 0.3, 0.5, 0.6, 0.7]) };
    const o = resultsOption({ analysis: a, panels: ['weight', 'rwp'], timeUnit: 's', tga: { label: 'Fe2O3+NiO', color: '#000000', alpha } }, SCREEN_VIEW) as unknown as Loose;
    const s = o.series.find((x) => x.name === 'α, Fe2O3+NiO')!;
    expect(s.xAxisIndex).toBe(0);
    const axis = o.yAxis[s.yAxisIndex as number];
    expect(axis.position).toBe('right');
    expect(plainTitle(String(axis.name))).toBe('α');
    // cut to the SXRD time range 0–60 s
    expect(s.data).toEqual([
      [0, 0],
      [30, 0.3],
      [60, 0.5],
    ]);
  });

  it('a peak panel plots the chosen parameter where the peak is present (gap where absent)', () => {
    const o = resultsOption({ analysis: a, panels: ['peak'], timeUnit: 's', peak: { spec: 'fcc-FeNi:200', parameter: 'area' } }, SCREEN_VIEW) as unknown as Loose;
    expect(o.series[0].data).toEqual([
      [0, null],
      [60, 120],
    ]);
    expect(plainTitle(String(o.yAxis[0].name))).toBe(plainTitle(XRD_TITLES.area));
  });

  it('detection summary in words', () => {
    expect(detectionSummary(a).map((r) => r.text)).toEqual([
      'wüstite: detected from t = 0 s',
      'fcc-(Fe,Ni): detected from t = 60 s',
      'bcc-Fe: not detected (limit 12.3 counts·°)',
    ]);
    expect(detectionSummary(a, 'min')[1].text).toBe('fcc-(Fe,Ni): detected from t = 1 min');
  });

  it('results CSV is the pipeline’s table, one row per frame', () => {
    const lines = resultsCsv(a).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0].split(',').slice(0, 3)).toEqual(['index', 'timeS', 'file']);
    expect(lines[0]).toContain('wustite_weightFraction');
  });
});

describe('nice numbers', () => {
  it('steps of 1, 2, 5 × 10ⁿ and ceilings of 1, 2, 2.5, 5 × 10ⁿ', () => {
    expect(niceInterval(14, 10)).toBe(2);
    expect(niceInterval(0.6, 6)).toBe(0.1);
    expect(niceCeil(22_000)).toBe(25_000);
    expect(niceCeil(10)).toBe(10);
    expect(niceCeil(0)).toBe(1);
    expect(ticksWithin(1.0577, 8.41, 1)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(ticksWithin(2, 16, 2)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(ticksWithin(6.35, 6.95, 0.1)).toEqual([6.4, 6.5, 6.6, 6.7, 6.8, 6.9]);
  });
});

describe('analysis panel input', () => {
  it('peak specs are phase:hkl, comma- or semicolon-separated', () => {
    expect(parsePeakSpecs('fcc-FeNi:200, wustite:2 0 0; NiO:111')).toEqual(['fcc-FeNi:200', 'wustite:200', 'NiO:111']);
    expect(parsePeakSpecs('  ')).toEqual([]);
    expect(() => parsePeakSpecs('fcc-FeNi 200')).toThrow(/phase:hkl/);
  });
});
