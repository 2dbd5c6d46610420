/** The results chart's frame readout (tooltip and the line under it) and the frame marker that follows the screen. */
import { describe, expect, it } from 'vitest';
import { SCREEN_VIEW, printView } from '../../charts/style';
import { FRAME_MARKER, resultsOption } from './results';
import { frameResultHtml, frameResultRows, frameResultText, nearestResultFrame, resultIndexOfFrame, withSigma } from './results-readout';
import { smallAnalysis } from './testkit';

type Loose = Record<string, unknown>;

describe('results frame readout', () => {
  const a = smallAnalysis();

  it('picks the frame nearest a time, and maps a sequence frame to its result', () => {
    expect(nearestResultFrame(a, 0)).toBe(0);
    expect(nearestResultFrame(a, 29)).toBe(0);
    expect(nearestResultFrame(a, 31)).toBe(1);
    expect(nearestResultFrame(a, 1e6)).toBe(1);
    expect(nearestResultFrame({ ...a, frames: [] }, 10)).toBeNull();
    expect(resultIndexOfFrame(a, 1)).toBe(1);
    expect(resultIndexOfFrame(a, 7)).toBeNull();
  });

  it('a value with its σ in the σ’s two significant digits', () => {
    expect(withSigma(43.123, 0.42)).toBe('43.12 ± 0.42');
    expect(withSigma(3.60012, 0.0005)).toBe('3.60012 ± 0.00050');
    expect(withSigma(20, 2)).toBe('20.0 ± 2.0');
    expect(withSigma(20, 0)).toBe('20');
  });

  it('time in s and min, T in °C when known, wt % ± σ and a ± σ in Å for every refined phase, Rwp in % and GoF', () => {
    const f = { ...a.frames[1], temperatureC: 701.5 };
    const b = { ...a, frames: [a.frames[0], f] };
    const { head, rows } = frameResultRows(b, 1);
    expect(head).toBe('frame 2 · t = 60 s (1 min) · T = 701.5 °C');
    expect(rows.map((r) => r.label)).toEqual(['wüstite', 'fcc-(Fe,Ni)', 'fit'].map((l) => expect.stringContaining(l.slice(0, 3))));
    expect(rows[0].text).toBe('20.0 ± 2.0 wt % · a = 4.3500 ± 0.0010 Å');
    expect(rows[1].text).toBe('80.0 ± 3.0 wt % · a = 3.60000 ± 0.00050 Å');
    expect(rows[2].text).toBe('Rwp 10.00 % · GoF 2.00');
    // without a temperature the head says nothing about it
    expect(frameResultRows(a, 0).head).toBe('frame 1 · t = 0 s (0 min)');
    expect(frameResultText(a, 0)).toContain('60.0 ± 2.0 wt %');
    // every number in the tooltip has its unit
    const html = frameResultHtml(b, 1);
    for (const unit of ['s', '°C', 'wt %', 'Å', '%']) expect(html).toContain(unit);
    expect(frameResultRows(a, 9)).toEqual({ head: '', rows: [] });
  });

  it('a dropped phase says it is out of the model', () => {
    const f = structuredClone(a.frames[1]);
    f.phases.wustite = { ...f.phases.wustite, weightFraction: 0, dropped: true };
    expect(frameResultRows({ ...a, frames: [f] }, 0).rows[0].text).toBe('0 wt % (out of the model)');
  });

  it('the results chart marks the frame on screen in every panel (not in print) and its tooltip reads that frame', () => {
    const o = resultsOption({ analysis: a, panels: ['weight', 'lattice', 'rwp'], timeUnit: 'min', frameIndex: 1 }, SCREEN_VIEW) as unknown as Loose;
    const markers = (o.series as Loose[]).filter((s) => s.name === FRAME_MARKER);
    expect(markers).toHaveLength(3);
    for (const m of markers) expect(((m.markLine as Loose).data as Loose[])[0].xAxis).toBe(1);
    expect(markers.map((m) => m.xAxisIndex)).toEqual([0, 1, 2]);
    expect((o.legend as Loose).data).not.toContain(FRAME_MARKER);
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    // the cursor at 0.9 min: frame 2 (t = 60 s)
    expect(formatter([{ axisValue: 0.9 }])).toContain('frame 2 · t = 60 s');
    const print = resultsOption({ analysis: a, panels: ['weight'], timeUnit: 'min', frameIndex: 1 }, printView()) as unknown as Loose;
    expect((print.series as Loose[]).some((s) => s.name === FRAME_MARKER)).toBe(false);
  });
});
