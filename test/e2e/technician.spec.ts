/**
 * A technician's session in the browser host: import three simulated runs and their blank, set the recipes, the
 * blank and the reference, read the speed-up factors, export the figure and the tables.
 * Expected values come from the simulation's truth.json (times to α = 0.5 counted from the H2 switch).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { expect, test } from './support/fixtures';
import { missingShared, readSharedText, sharedFixture } from '../fixtures/shared-fixtures';
import { pathDeviation, seriesPaths, svgAxes, toSvg } from '../support/svg-series';

/** The simulated 700 °C study, read in place from ../shared/fixtures; the tests that import it skip without it. */
const SIM = 'simulated/tga-700C-isothermal';
const NO_SIM = missingShared(SIM);
const FIXTURES = sharedFixture(SIM);
const truthRun = (file: string) => (JSON.parse(readSharedText(`${SIM}/truth.json`)) as { runs: Record<string, { 't_alpha_0.5_s': number; alpha_final: number }> }).runs[file];
const t05 = (file: string) => truthRun(file)['t_alpha_0.5_s'];

/** Okabe–Ito colours of the first three runs (src/renderer/src/charts/style.ts). */
const RUN_COLOURS = ['#0072B2', '#D55E00', '#009E73'];

test('import, set recipes, blank and reference, read speed-ups, export figure and tables', async ({ app, page }) => {
  test.skip(!!NO_SIM, NO_SIM || '');
  await app.newSession();
  await app.importFiles(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'].map((f) => join(FIXTURES, f)));
  await expect(app.runItems()).toHaveCount(4);
  await expect(app.run('blank')).toContainText('blank');
  await expect(app.errors()).toHaveCount(0);

  // The import report of a run names its file and format.
  await app.selectRun('Fe2O3');
  await expect(page.getByTestId('import-report')).toContainText('Fe2O3.csv');

  await app.setRecipe('Fe2O3', [{ formula: 'Fe2O3' }]);
  await expect(page.getByTestId('theoretical-loss')).toHaveText('30.06 %');
  await app.setRecipe('Fe2O3_Ni', [{ formula: 'Fe2O3' }, { formula: 'Ni' }], 'Fe-36Ni');
  await expect(page.getByTestId('theoretical-loss')).toHaveText('21.57 %');
  await app.setRecipe('Fe2O3_NiO', [{ formula: 'Fe2O3' }, { formula: 'NiO' }], 'Fe-36Ni');
  await expect(page.getByTestId('theoretical-loss')).toHaveText('27.18 %');

  await app.setBlankForAll('blank');
  await expect(page.getByTestId('run-blank')).toHaveValue(/run-/);
  await app.setReference('Fe2O3');
  await expect(app.metricsRow('Fe2O3')).toHaveClass(/is-ref/);

  // The reduction start is found from the gas column (Ar → H2 at 2625 s).
  await expect(page.getByTestId('start-note')).toContainText('2625');

  const nio = await app.speedUp('Fe2O3_NiO', '0.5');
  const ni = await app.speedUp('Fe2O3_Ni', '0.5');
  expect(await app.speedUp('Fe2O3', '0.5')).toBe(1);
  const expectNio = t05('Fe2O3.csv') / t05('Fe2O3_NiO.csv');
  const expectNi = t05('Fe2O3.csv') / t05('Fe2O3_Ni.csv');
  expect(Math.abs(nio / expectNio - 1), `NiO speed-up ${nio} vs ${expectNio.toFixed(3)}`).toBeLessThan(0.05);
  expect(Math.abs(ni / expectNi - 1), `Ni speed-up ${ni} vs ${expectNi.toFixed(3)}`).toBeLessThan(0.05);
  await expect(app.metricsRow('Fe2O3_NiO').getByTestId('speedup-0.5')).toHaveText(/^2\.[45]\d×$/);

  // What the table reads, run by run, against the simulation's truth: t(α = 0.5) in minutes with four significant
  // digits (so ratios can be checked by eye) and α_final with three decimals (the unit tests' tolerances, 0.5 % and
  // 5e-4, plus the rounding of the display).
  for (const label of ['Fe2O3', 'Fe2O3_Ni', 'Fe2O3_NiO']) {
    const cells = await app.metricsCells(label);
    const t = truthRun(`${label}.csv`);
    // the run's name, with the ⚠ of its checks when it has any (a smoothing-sensitive peak rate, mass rising again…)
    expect(cells['Run']).toMatch(new RegExp(`^${label}⚠?$`));
    const shownT05 = cells['tα=0.5 (min)'];
    expect(shownT05, `t(α=0.5) of ${label}`).toMatch(/^(\d\.\d{3}|\d\d\.\d\d|\d{3}\.\d)$/);
    expect(Math.abs(Number(shownT05) - t['t_alpha_0.5_s'] / 60)).toBeLessThan((0.005 * t['t_alpha_0.5_s']) / 60 + 0.0005 * Number(shownT05));
    expect(cells['αfinal']).toMatch(/^\d\.\d{3}$/);
    expect(Math.abs(Number(cells['αfinal']) - t.alpha_final)).toBeLessThan(5e-4 + 5e-4);
  }

  // Figure: a valid SVG, 89 mm wide, with typeset axis titles and one curve per run in the plot and the inset.
  await app.showPlot('conversion');
  const svgPath = await app.exportSvg();
  expect(svgPath.endsWith('conversion_89mm.svg')).toBe(true);
  const svg = readFileSync(svgPath, 'utf8');
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).toMatch(/<svg[^>]* width="89mm" height="68mm"/);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const piece of ['α', 't', ' (min)', ' (10⁻³ s⁻¹)']) expect(texts).toContain(piece);
  // Legend labels from the recipes (not the file names), with the formula counts set as subscripts (separate runs).
  const joined = texts.join('');
  for (const label of ['Fe2O3 + Ni (Fe-36Ni)', 'Fe2O3 + NiO (Fe-36Ni)']) expect(joined).toContain(label);
  for (const file of ['Fe2O3_Ni', 'Fe2O3_NiO']) expect(joined).not.toContain(file);
  expect(texts).toContain('2');
  for (const colour of RUN_COLOURS) {
    const curves = [...svg.matchAll(new RegExp(`<path d="([^"]*)"[^>]*stroke="${colour}"`, 'gi'))].filter((m) => (m[1].match(/L/g) ?? []).length > 100);
    expect(curves, `curves drawn in ${colour}`).toHaveLength(2);
  }
  expect(svg).not.toContain('blank');

  // The same figure as PNG at 600 dpi: 89 mm → 2102 px wide.
  const png = readFileSync(await app.exportPng(600));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(Math.round((89 / 25.4) * 600));

  // Metrics table as CSV, full precision.
  const csv = readFileSync(await app.exportMetricsCsv(), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(4);
  const header = csv[0].split(',');
  const col = header.indexOf('speedup_t_alpha_0.5');
  expect(col).toBeGreaterThan(0);
  const nioRow = csv.find((line) => line.startsWith('Fe2O3_NiO,'))!.split(',');
  expect(Number(nioRow[col])).toBeCloseTo(nio, 6);
  expect(nioRow.at(-1)).toBe('Fe2O3');

  // Derived series of one run at full resolution: one row per second from the H2 switch to the end of the file.
  const derived = readFileSync(await app.exportDerivedCsv('Fe2O3_Ni'), 'utf8').trim().split('\n');
  expect(derived[0]).toBe('t_s,file_time_s,temperature_C,alpha,dalpha_dt_per_s,mass_corrected_mg');
  const rows = derived.slice(1).map((line) => line.split(',').map(Number));
  // 6376 rows in the file, the H2 switch at row 2625 (t = 2625 s): 3751 rows from it to the end
  expect(rows).toHaveLength(3751);
  expect(rows[0].slice(0, 2)).toEqual([0, 2625]);
  expect(rows.at(-1)!.slice(0, 2)).toEqual([3750, 6375]);

  // The figure file draws that run's α(t) where the derived series puts it (every vertex within 0.1 pt of a data
  // point, t in minutes), in its colour, and the other runs apart from it.
  const axes = svgAxes(svg);
  const alphaOfNi = toSvg(rows.map((r): [number, number] => [r[0] / 60, r[3]]), axes.x[0], axes.y[0]);
  const [mainNi] = seriesPaths(svg, RUN_COLOURS[1]);
  expect(pathDeviation(mainNi, alphaOfNi).vertex).toBeLessThan(0.1);
  const [mainFe] = seriesPaths(svg, RUN_COLOURS[0]);
  expect(pathDeviation(mainFe, alphaOfNi).vertex).toBeGreaterThan(2);
});

test('a bad file gives an error naming it, and the runs already loaded stay', async ({ app, tmp }) => {
  test.skip(!!NO_SIM, NO_SIM || '');
  await app.newSession();
  await app.importFiles([join(FIXTURES, 'Fe2O3.csv')]);
  await expect(app.runItems()).toHaveCount(1);
  const bad = join(tmp, 'not-a-tga-export.csv');
  writeFileSync(bad, 'this is not\na TGA export\n\u0000\u0001\u0002');
  await app.importFiles([bad, join(FIXTURES, 'Fe2O3_NiO.csv')]);
  await expect(app.errors()).toHaveCount(1);
  await expect(app.errors()).toContainText('not-a-tga-export.csv');
  await expect(app.runItems()).toHaveCount(2);
  await expect(app.run('Fe2O3')).toBeVisible();
  await expect(app.run('Fe2O3_NiO')).toBeVisible();
  await app.errors().getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.errors()).toHaveCount(0);
});

test('runs can be reordered and removed; colours stay with their runs', async ({ app, page }) => {
  test.skip(!!NO_SIM, NO_SIM || '');
  await app.newSession();
  await app.importFiles(['Fe2O3.csv', 'Fe2O3_Ni.csv'].map((f) => join(FIXTURES, f)));
  await expect(app.runItems()).toHaveCount(2);
  const swatch = (label: string) => app.run(label).getByTestId('run-swatch').getAttribute('data-color');
  const before = await swatch('Fe2O3_Ni');
  await page.getByRole('button', { name: 'Move Fe2O3_Ni up', exact: true }).click();
  await expect(app.runItems().first()).toHaveAttribute('data-run-label', 'Fe2O3_Ni');
  expect(await swatch('Fe2O3_Ni')).toBe(before);
  await page.getByRole('button', { name: 'Remove Fe2O3', exact: true }).click();
  await expect(app.runItems()).toHaveCount(1);
  await expect(app.runItems().first()).toHaveAttribute('data-run-label', 'Fe2O3_Ni');
});

test('the example study opens on first start and is labelled SIMULATED', async ({ app, page }) => {
  await expect(page.getByTestId('study-label')).toHaveText(/simulated/i);
  await expect(page.getByTestId('study-description')).toContainText('not measured');
  await expect(app.runItems()).toHaveCount(4);
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await expect(page.getByTestId('chart-conversion')).toBeVisible();
});

test('files dropped on the window are imported', async ({ app, page }) => {
  test.skip(!!NO_SIM, NO_SIM || '');
  await app.newSession();
  const text = readFileSync(join(FIXTURES, 'Fe2O3_Ni.csv'), 'utf8');
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'Fe2O3_Ni.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(app.runItems()).toHaveCount(1);
  await expect(app.run('Fe2O3_Ni')).toContainText('Fe2O3_Ni.csv');
});

test('a manual reduction start and new α targets recompute the table as they are typed', async ({ app, page }) => {
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await page.getByTestId('alpha-targets').fill('0.2, 0.5, 0.95');
  await expect(page.locator('[data-testid="metrics-row"]').first().getByTestId('speedup-0.95')).toBeVisible();
  const label = await app.runItems().first().getAttribute('data-run-label');
  await app.selectRun(label!);
  await page.getByLabel('Reduction start, file time').fill('2700');
  await expect(page.getByTestId('start-note')).toContainText('set by the user');
  await page.getByTestId('start-auto').click();
  await expect(page.getByTestId('start-auto')).toBeChecked();
  await expect(page.getByTestId('start-note')).not.toContainText('set by the user');
});
