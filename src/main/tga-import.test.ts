import { describe, expect, it } from 'vitest';
import { missingShared, readShared, readSharedText } from '../../test/fixtures/shared-fixtures';
import { createHandlers } from './handlers';
import { parseTgaInProcess, parseTgaSync, runBuffers } from './tga-import';

/** The simulated 700 °C study, read in place from ../shared. */
const SIM = 'simulated/tga-700C-isothermal';
const bytes = (name: string) => readShared(`${SIM}/${name}`);
const truth = () => JSON.parse(readSharedText(`${SIM}/truth.json`)) as { runs: Record<string, Record<string, number>> };

describe.skipIf(missingShared(SIM))('TGA import in the app (real format registry and analysis)', () => {
  it('parses a simulated run with its report and transferable buffers', () => {
    const { run, report } = parseTgaSync('Fe2O3.csv', bytes('Fe2O3.csv'));
    expect(run.timeS.length).toBe(6376);
    expect(run.massMg?.[0]).toBeCloseTo(49.999081, 6);
    expect(run.gasEvents.some((e) => e.timeS === 2625 && /H2/.test(e.gas))).toBe(true);
    expect(report[0]).toBe('File: Fe2O3.csv');
    expect(report).toContain('Rows: 6376 (lines 2–6377, header line 1, 0–6375 s)');
    expect(report).toContain("Columns: time_s [s] → time; temperature_C [C] → temperature; mass_mg [mg] → mass; gas → ignored");
    expect(report).toContain("Gas event: H2 at 2625 s (column 'gas', line 2627)");
    expect(runBuffers(run).length).toBeGreaterThanOrEqual(2);
  });

  it('reproduces the simulated study: t(α = 0.5) and speed-ups within 5 % of the truth', async () => {
    const api = createHandlers({ parseTga: parseTgaInProcess, readFile: async () => new Uint8Array(), pickFiles: async () => [], saveFile: async () => null, exampleDir: null, log: () => {} });
    const files = ['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'];
    const { importedIds, failures } = await api.tgaImportFiles(files.map((name) => ({ name, bytes: bytes(name) })));
    expect(failures).toEqual([]);
    await api.tgaUpdateRun(importedIds[0], { recipe: { precursors: [{ formula: 'Fe2O3' }] } });
    await api.tgaUpdateRun(importedIds[1], { recipe: { precursors: [{ formula: 'Fe2O3' }, { formula: 'Ni' }], target: 'Fe-36Ni' } });
    await api.tgaUpdateRun(importedIds[2], { recipe: { precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }], target: 'Fe-36Ni' } });
    await api.tgaSetBlankForAll(importedIds[3]);
    const session = await api.tgaSetReference(importedIds[0]);
    const { runs } = truth();
    for (let i = 0; i < 3; i++) {
      const a = session.runs[i].analysis!;
      const want = runs[files[i]];
      expect(a.recipe!.theoreticalLossFraction).toBeCloseTo(want.theoretical_loss_fraction, 4);
      expect(Math.abs(a.metrics.tAlphaS['0.5']! / want['t_alpha_0.5_s'] - 1)).toBeLessThan(0.05);
      // The display window ends where H2 is switched off (30 min after the switch).
      expect(a.windowEndS).toBeCloseTo(2625 + 1800, 0);
      expect(a.alpha.x[a.alpha.x.length - 1]).toBeLessThanOrEqual(1800);
    }
    const ratio = (file: string) => runs['Fe2O3.csv']['t_alpha_0.5_s'] / runs[file]['t_alpha_0.5_s'];
    const speed = new Map(session.speedUps.map((s) => [s.runId, s.tAlpha['0.5']!]));
    expect(Math.abs(speed.get(importedIds[1])! / ratio('Fe2O3_Ni.csv') - 1)).toBeLessThan(0.05);
    expect(Math.abs(speed.get(importedIds[2])! / ratio('Fe2O3_NiO.csv') - 1)).toBeLessThan(0.05);
  });
});
