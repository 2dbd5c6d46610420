import { describe, expect, it } from 'vitest';
import type { ConditionView, RunView, SessionView } from '../../../shared/api';
import type { TgaMetrics } from '../../../shared/analysis';
import { conditionSpeedUps, conditionStats, runSpeedUps } from '../../../core/tga/replicates';
import { allColumns, fmtMinutes, metricsRows, tableRows, visibleColumns } from './metricsTable';

function metrics(t05: number, t09: number, onset: number | null = null): TgaMetrics {
  return { tAlphaS: { '0.5': t05, '0.9': t09 }, tSaturationS: t09 * 1.6, alphaFinal: 1, maxRatePerS: 0.002, alphaAtMaxRate: 0.3, tAtMaxRateS: 60, onsetC: null, onsetExtrapolatedC: onset, inflectionC: null };
}

function session(runs: { id: string; label: string; condition: string | null; m: TgaMetrics }[], referenceId: string): SessionView {
  const runViews = runs.map(
    (r, i) =>
      ({
        id: r.id,
        colorIndex: i,
        settings: { label: r.label, role: 'sample', recipe: { precursors: [{ formula: 'Fe2O3' }] }, startS: null, endS: null, blankId: 'b', condition: r.condition, derived: [] },
        condition: r.condition ?? r.label,
        analysis: { metrics: r.m, checks: [] },
      }) as unknown as RunView,
  );
  const stats = conditionStats(runs.map((r) => ({ id: r.id, condition: r.condition ?? r.label, metrics: r.m })));
  const refCond = runViews.find((r) => r.id === referenceId)!.condition;
  const ups = conditionSpeedUps(stats, refCond);
  const conditions: ConditionView[] = stats.map((c, i) => ({ name: c.name, runIds: c.runIds, stats: c, speedUp: ups[i] }));
  const speedUps = runSpeedUps(runs.map((r) => ({ id: r.id, metrics: r.m })), stats.find((c) => c.name === refCond)!, referenceId).map((s) => ({ ...s, label: runs.find((r) => r.id === s.runId)!.label }));
  return { study: null, runs: runViews, referenceId, settings: { alphaTargets: [0.5, 0.9], sgWindowS: 15, saturationFraction: 0.99 }, speedUps, conditions, referenceCondition: refCond, revision: 1 };
}

describe('metrics table', () => {
  it('times in minutes keep enough digits to check ratios by eye', () => {
    expect(fmtMinutes(299.9)).toBe('4.998');
    expect(fmtMinutes(667.3)).toBe('11.12');
    expect(fmtMinutes(6000)).toBe('100.0');
    expect(fmtMinutes(null)).toBe('—');
  });

  it('single runs: one row each with n = 1, speed-ups right after the name, empty onset columns hidden', () => {
    const s = session(
      [
        { id: 'a', label: 'Fe2O3', condition: null, m: metrics(300, 667) },
        { id: 'b', label: 'Fe2O3+NiO', condition: null, m: metrics(150, 334) },
      ],
      'a',
    );
    const rows = tableRows(s);
    expect(rows.map((r) => [r.kind, r.label, r.n])).toEqual([
      ['run', 'Fe2O3', 1],
      ['run', 'Fe2O3+NiO', 1],
    ]);
    const cols = visibleColumns(allColumns([0.5, 0.9]), rows).map((c) => c.id);
    expect(cols.slice(0, 3)).toEqual(['speed-0.5', 'speed-0.9', 'speed-sat']);
    expect(cols).not.toContain('onset-extrapolated');
    expect(cols).not.toContain('onset-shift');
    expect(rows[1].cells['speed-0.5']).toEqual({ text: '2.00×', value: 2 });
    const text = metricsRows(s);
    expect(text[0].slice(0, 5)).toEqual(['Run / condition', 'n', 'speed-up t(α=0.5)', 'speed-up t(α=0.9)', 'speed-up t_sat']);
    expect(text[2].slice(0, 6)).toEqual(['Fe2O3+NiO', '1', '2.00×', '2.00×', '2.00×', '2.500']);
  });

  it('replicates: a condition row with mean ± SD (n) and speed-up ± u, its runs below', () => {
    const s = session(
      [
        { id: 'a1', label: 'Fe2O3_1', condition: 'Fe2O3', m: metrics(270, 600, 510) },
        { id: 'a2', label: 'Fe2O3_2', condition: 'Fe2O3', m: metrics(330, 740, 514) },
        { id: 'b1', label: 'NiO_1', condition: 'NiO', m: metrics(140, 320, 470) },
        { id: 'b2', label: 'NiO_2', condition: 'NiO', m: metrics(160, 350, 474) },
      ],
      'a1',
    );
    const rows = tableRows(s);
    expect(rows.map((r) => [r.kind, r.label, r.n, r.member])).toEqual([
      ['condition', 'Fe2O3', 2, false],
      ['run', 'Fe2O3_1', 1, true],
      ['run', 'Fe2O3_2', 1, true],
      ['condition', 'NiO', 2, false],
      ['run', 'NiO_1', 1, true],
      ['run', 'NiO_2', 1, true],
    ]);
    // t(0.5): 300 ± 42.43 s = 5.000 ± 0.707 min; NiO 150 ± 14.14 s; speed-up 2 ± 2·√(0.1414² + 0.0943²)
    expect(rows[0].cells['t-0.5']).toMatchObject({ text: '5.000', spread: '± 0.707' });
    expect(rows[0].cells['speed-0.5'].text).toBe('ref');
    expect(rows[3].cells['speed-0.5']).toMatchObject({ text: '2.00×', spread: `± ${(2 * Math.hypot(Math.sqrt(1800) / 300, Math.sqrt(200) / 150)).toFixed(2)}` });
    expect(rows[3].cells['onset-shift']).toMatchObject({ text: '−40.0', spread: '± 4.0' });
    // a run under its condition: its own time, its speed-up against the reference mean (300 / 140)
    expect(rows[4].cells['speed-0.5'].text).toBe(`${(300 / 140).toFixed(2)}×`);
    expect(tableRows(s, false).map((r) => r.label)).toEqual(['Fe2O3', 'NiO']);
    expect(metricsRows(s)[1].slice(0, 3)).toEqual(['Fe2O3', '2', 'ref']);
    expect(metricsRows(s)[2][0]).toBe('  Fe2O3_1');
  });
});
