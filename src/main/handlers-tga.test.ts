/**
 * The TGA session's newer features through the Api: replicates and their statistics, derived curves, the end of
 * the reducing window, TG/DTG views and the run checks.
 */
import { describe, expect, it } from 'vitest';
import { ratioOfMeans } from '../core/tga/replicates';
import { NO_SIM, fixture, makeApi, syntheticRun } from './handlers.testkit';

const FE2O3 = { precursors: [{ formula: 'Fe2O3' }] };
const LN2 = Math.log(2);

async function replicateStudy() {
  const { api } = makeApi();
  // Condition A: τ = 270, 300, 330 s (t(0.5) = τ ln 2: mean 300 ln 2, SD 30 ln 2); condition B: τ = 140, 150, 160 s.
  const files = [syntheticRun('A_1.csv', 270), syntheticRun('A_2.csv', 300), syntheticRun('A_3.csv', 330), syntheticRun('B_1.csv', 140), syntheticRun('B_2.csv', 150), syntheticRun('B_3.csv', 160)];
  const imported = await api.tgaImportFiles(files);
  for (const id of imported.importedIds) await api.tgaUpdateRun(id, { recipe: FE2O3 });
  return { api, ids: imported.importedIds };
}

describe('replicates', () => {
  it('single runs are conditions of one run (n = 1) with the speed-ups of before', async () => {
    const { api, ids } = await replicateStudy();
    const session = await api.getSession();
    expect(session.conditions.map((c) => [c.name, c.stats.n])).toEqual([
      ['A_1', 1],
      ['A_2', 1],
      ['A_3', 1],
      ['B_1', 1],
      ['B_2', 1],
      ['B_3', 1],
    ]);
    expect(session.referenceId).toBe(ids[0]);
    expect(session.referenceCondition).toBe('A_1');
    const b2 = session.speedUps.find((s) => s.label === 'B_2')!.tAlpha['0.5']!;
    expect(b2).toBeCloseTo(270 / 150, 2);
    expect(session.conditions[4].speedUp!.tAlpha['0.5']!.u).toBeNull();
  });

  it('grouped runs report mean ± SD (n) and the speed-up with its propagated uncertainty', async () => {
    const { api, ids } = await replicateStudy();
    let session = await api.tgaSetConditions(ids.map((id, i) => ({ id, condition: i < 3 ? 'Fe2O3' : 'Fe2O3 + NiO' })));
    expect(session.runs.map((r) => r.condition)).toEqual(['Fe2O3', 'Fe2O3', 'Fe2O3', 'Fe2O3 + NiO', 'Fe2O3 + NiO', 'Fe2O3 + NiO']);
    const [a, b] = session.conditions;
    expect([a.name, a.stats.n, b.name, b.stats.n]).toEqual(['Fe2O3', 3, 'Fe2O3 + NiO', 3]);
    const tA = a.stats.tAlphaS['0.5']!;
    const tB = b.stats.tAlphaS['0.5']!;
    expect(tA.mean / (300 * LN2)).toBeCloseTo(1, 2);
    expect(tA.sd! / (30 * LN2)).toBeCloseTo(1, 1);
    expect(tB.mean / (150 * LN2)).toBeCloseTo(1, 2);
    const up = b.speedUp!.tAlpha['0.5']!;
    expect(up.value).toBeCloseTo(2, 2);
    // u(S) = S √((s_A/t̄_A)² + (s_B/t̄_B)²) ≈ 2 √(0.1² + (10/150)²) = 0.240
    expect(up.u!).toBeCloseTo(2 * Math.sqrt(0.01 + (10 / 150) ** 2), 2);
    expect(up.u).toBeCloseTo(ratioOfMeans(tA, tB)!.u!, 12);
    expect(a.speedUp!.isReference).toBe(true);
    expect(session.referenceCondition).toBe('Fe2O3');
    // Per-run speed-ups are against the reference condition's mean.
    expect(session.speedUps.find((s) => s.label === 'A_2')!.tAlpha['0.5']!).toBeCloseTo(tA.mean / (300 * LN2), 3);
    // The reference follows the condition chosen through any of its runs.
    session = await api.tgaSetReference(ids[4]);
    expect(session.referenceCondition).toBe('Fe2O3 + NiO');
    expect(session.conditions[0].speedUp!.tAlpha['0.5']!.value).toBeCloseTo(0.5, 2);
    // The CSV of conditions: mean, SD, n and the speed-up with u.
    await api.tgaSetReference(ids[0]);
    const csv = (await api.tgaConditionsCsv()).trim().split('\n');
    const header = csv[0].split(',');
    const row = csv.find((l) => l.startsWith('Fe2O3 + NiO,'))!.split(',');
    expect(row[header.indexOf('n')]).toBe('3');
    expect(row[header.indexOf('runs')]).toBe('B_1; B_2; B_3');
    expect(Number(row[header.indexOf('speedup_t_alpha_0.5')])).toBeCloseTo(up.value, 8);
    expect(Number(row[header.indexOf('speedup_t_alpha_0.5_u')])).toBeCloseTo(up.u!, 8);
    expect(row[header.indexOf('t_alpha_0.5_s_n')]).toBe('3');
    expect(row.at(-1)).toBe('Fe2O3');
    const metrics = (await api.tgaMetricsCsv()).trim().split('\n');
    expect(metrics[4].split(',')[2]).toBe('Fe2O3 + NiO');
    // Ungrouping restores single-run conditions.
    session = await api.tgaUpdateRun(ids[5], { condition: null });
    expect(session.conditions.map((c) => c.name)).toEqual(['Fe2O3', 'Fe2O3 + NiO', 'B_3']);
    await expect(api.tgaSetConditions([{ id: 'nope', condition: 'x' }])).rejects.toThrow(/no run with id "nope"/);
  });
});

describe.skipIf(NO_SIM)('derived curves', () => {
  async function withBlank() {
    const { api } = makeApi();
    const imported = await api.tgaImportFiles([fixture('Fe2O3.csv'), fixture('blank.csv')]);
    const [fe, blank] = imported.importedIds;
    await api.tgaUpdateRun(fe, { recipe: FE2O3, blankId: blank });
    return { api, fe, blank };
  }

  it('m - blank.m behaves like a channel: in the view, in both CSVs and in the settings', async () => {
    const { api, fe } = await withBlank();
    const session = await api.tgaUpdateRun(fe, {
      derived: [
        { name: 'm_net', expression: 'm - blank.m', unit: null },
        { name: 'loss_pct', expression: '100*(m - m0)/m0', unit: null },
        { name: 'm_avg', expression: 'movavg(m_net, 30 s)', unit: 'g' },
      ],
    });
    const run = session.runs.find((r) => r.id === fe)!;
    expect(run.settings.derived.map((d) => d.name)).toEqual(['m_net', 'loss_pct', 'm_avg']);
    expect(run.derived.map((d) => [d.name, d.unit, d.error])).toEqual([
      ['m_net', 'mg', null],
      ['loss_pct', '', null],
      ['m_avg', 'g', null],
    ]);
    expect(run.derived[0].series!.x.length).toBeLessThanOrEqual(2000);
    expect(run.channels.map((c) => `${c.symbol}:${c.kind}`)).toEqual(['t:time', 'm:measured', 'T:measured', 'm_net:derived', 'loss_pct:derived', 'm_avg:derived', 'm0:scalar']);
    const channels = (await api.tgaChannelsCsv(fe)).trim().split('\n');
    expect(channels[0]).toBe('file_time_s,m_mg,T_C,m_net_mg,loss_pct,m_avg_g');
    expect(channels).toHaveLength(6377);
    const [t, m, , net, pct, avg] = channels[3001].split(',').map(Number);
    expect(t).toBe(3000);
    // m0: the file states no sample mass, so the mean of the first 5 points
    const m0 = channels.slice(1, 6).reduce((sum, line) => sum + Number(line.split(',')[1]), 0) / 5;
    expect(pct).toBeCloseTo((100 * (m - m0)) / m0, 6);
    expect(net).toBeLessThan(m);
    expect(avg * 1000).toBeCloseTo(net, 1);
    const derived = (await api.tgaDerivedCsv(fe)).trim().split('\n');
    expect(derived[0]).toBe('t_s,file_time_s,temperature_C,alpha,dalpha_dt_per_s,mass_corrected_mg,m_net_mg,loss_pct,m_avg_g');
    // From the reduction start on: the row at the H2 switch holds the file's values there.
    const first = derived[1].split(',');
    expect(first[1]).toBe('2625');
    expect(Number(first[6])).toBeCloseTo(Number(channels[2626].split(',')[3]), 8);
  });

  it('a curve with a unit error is refused with the reason; a later break is shown on the curve', async () => {
    const { api, fe, blank } = await withBlank();
    await expect(api.tgaUpdateRun(fe, { derived: [{ name: 'bad', expression: 'm + T', unit: null }] })).rejects.toThrow(
      /the derived curve bad = m \+ T cannot be evaluated: units do not match: mg \+ K/,
    );
    await expect(api.tgaUpdateRun(fe, { derived: [{ name: 'x', expression: 'm', unit: null }, { name: 'x', expression: 'T', unit: null }] })).rejects.toThrow(/two derived curves are called "x"/);
    expect(await api.tgaPreviewDerived(fe, { name: 'rate', expression: 'deriv(m)', unit: null })).toEqual({ unit: 'mg / s', error: null });
    expect((await api.tgaPreviewDerived(fe, { name: 'r', expression: 'log(m)', unit: null })).error).toMatch(/log\(\) needs a plain number/);
    let session = await api.tgaUpdateRun(fe, { derived: [{ name: 'm_net', expression: 'm - blank.m', unit: null }] });
    session = await api.tgaRemoveRun(blank);
    const curve = session.runs[0].derived[0];
    expect(curve.series).toBeNull();
    expect(curve.error).toMatch(/no blank/);
    // the broken curve stays editable: another curve can be added beside it
    session = await api.tgaUpdateRun(fe, { derived: [...session.runs[0].settings.derived, { name: 'm_mg', expression: 'm', unit: 'mg' }] });
    expect(session.runs[0].derived.map((d) => d.error === null)).toEqual([false, true]);
    await expect(api.tgaUpdateRun(fe, { derived: [{ name: '1x', expression: 'm', unit: null }] })).rejects.toThrow(/curve name is letters/);
  });
});

describe('window end, TG/DTG and checks', () => {
  it('the end of the reducing window can be set; the view says which rule set it', async () => {
    const { api } = makeApi();
    const { importedIds } = await api.tgaImportFiles([syntheticRun('S.csv', 300)]);
    let session = await api.tgaUpdateRun(importedIds[0], { recipe: FE2O3 });
    let a = session.runs[0].analysis!;
    expect([a.reduction.endS, a.reduction.endSource, a.windowEndS]).toEqual([2400, 'gas-event', 2400]);
    session = await api.tgaUpdateRun(importedIds[0], { endS: 1500 });
    a = session.runs[0].analysis!;
    expect([a.reduction.endS, a.reduction.endSource]).toEqual([1500, 'manual']);
    expect(a.alpha.x[a.alpha.x.length - 1]).toBeLessThan(900);
    await expect(api.tgaUpdateRun(importedIds[0], { endS: 100 })).resolves.toBeDefined();
    expect((await api.getSession()).runs[0].analysisNote).toMatch(/must lie after the start/);
  });

  it('TG in % of the initial mass and DTG in %/min against time since the start', async () => {
    const { api } = makeApi();
    const { importedIds } = await api.tgaImportFiles([syntheticRun('S.csv', 300)]);
    const a = (await api.tgaUpdateRun(importedIds[0], { recipe: FE2O3 })).runs[0].analysis!;
    expect(a.tg.x[0]).toBe(-600);
    expect(a.tg.y[0]).toBeCloseTo(100, 6);
    // at the end of the file (2400 s after the switch): 100 − 30.06 (1 − e^(−2400/300)) %
    expect(a.tg.y[a.tg.y.length - 1]).toBeCloseTo(100 - 30.05692 * (1 - Math.exp(-8)), 2);
    // DTG right after the switch: −30.06 %/τ per s = −6.01 %/min (the SG window smooths the kink a little)
    const i = a.dtg.x.findIndex((x) => x >= 60);
    expect(a.dtg.y[i]).toBeCloseTo((-30.05692 / 300) * 60 * Math.exp(-a.dtg.x[i] / 300), 1);
  });

  it('a manual start after the loss began is flagged on the run', async () => {
    const { api } = makeApi();
    const { importedIds } = await api.tgaImportFiles([syntheticRun('S.csv', 300)]);
    await api.tgaUpdateRun(importedIds[0], { recipe: FE2O3 });
    const session = await api.tgaUpdateRun(importedIds[0], { startS: 700 });
    expect(session.runs[0].analysis!.checks.map((c) => c.code)).toEqual(['late-start']);
    const csv = (await api.tgaMetricsCsv()).trim().split('\n');
    expect(csv[1].split(',').at(-2)).toBe('late-start');
  });
});
