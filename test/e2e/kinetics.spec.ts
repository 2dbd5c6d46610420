/**
 * The Kinetics workspace as a technician uses it (browser host, real handlers, the kinetics worker): load a series
 * of instrument exports with their blanks, run the analysis, read E(α) and the table, export the E(α) figure; and
 * compare a catalysed series with its reference. Expected values: the simulations' truth (E = 120 kJ/mol for the
 * F1 series; 100 and 70 kJ/mol and a speed-up of 2 at 700 °C for the isothermal pair).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SIM = resolve(HERE, '../fixtures/simulated/kinetics');

async function openKinetics(page: Page): Promise<void> {
  await page.getByTestId('workspace-kinetics').click();
  await expect(page.getByTestId('workspace-kinetics')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('kinetics-workspace')).toBeVisible();
}

async function addSeries(page: Page, name: string, files: string[]): Promise<void> {
  const index = await page.locator('section[data-testid^="kin-series-"]').count();
  await page.getByTestId('kin-new-series-name').fill(name);
  await page.getByTestId('kin-add-series').click();
  const series = page.getByTestId(`kin-series-${index}`);
  await expect(series.getByTestId('kin-series-name')).toHaveValue(name);
  await series.getByTestId('kin-file-input').setInputFiles(files);
}

async function runAnalysis(page: Page): Promise<void> {
  await page.getByTestId('kin-run-analysis').click();
  await expect(page.getByTestId('kin-e-table').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('kin-run-analysis')).toBeEnabled();
}

test('load a series, read E(α) and the table, export the E(α) figure', async ({ app, page }, testInfo) => {
  await app.newSession();
  await openKinetics(page);
  const dir = join(SIM, 'nonisothermal-f1-noisy');
  await addSeries(page, 'Fe2O3', [2, 5, 10, 20].flatMap((b) => [join(dir, `F1_${b}Kmin.csv`), join(dir, `blank_${b}Kmin.csv`)]));
  const runs = page.getByTestId('kin-run');
  await expect(runs).toHaveCount(4);
  // heating rates read from the data, each run with the blank of its own programme
  await expect(runs.getByTestId('kin-run-rate')).toHaveText(['2.00 K/min', '5.00 K/min', '10.00 K/min', '20.00 K/min']);
  for (let i = 0; i < 4; i++) {
    const blank = runs.nth(i).getByTestId('kin-run-blank');
    await expect(blank.locator('option:checked')).toHaveText(`blank_${[2, 5, 10, 20][i]}Kmin.csv`);
  }

  await runAnalysis(page);
  await expect(app.errors()).toHaveCount(0);
  // E(α) table: advanced Vyazovkin at α = 0.5 within 1 kJ/mol of the simulated 120 kJ/mol
  const cell = page.locator('[data-testid="kin-e-table"] td[data-method="advancedVyazovkin"][data-alpha="0.5"]');
  const e05 = Number(await cell.getAttribute('data-value'));
  expect(Math.abs(e05 - 120), `E(0.5) = ${e05}`).toBeLessThan(1);
  await expect(cell).toHaveText(/^1(19|20)\.\d ± \d\.\d$/);
  // the comparison table (one series: itself as the reference) and the per-series summary
  const row = page.getByTestId('kin-compare-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('kin-compare-e')).toHaveText(/^1(19|20)\.\d ± \d\.\d$/);
  await expect(row.getByTestId('kin-compare-model')).toHaveText('F1');
  await expect(page.getByTestId('kin-multistep')).toContainText('consistent with single-step kinetics');
  await expect(page.getByTestId('kin-kissinger')).toContainText('Kissinger (ASTM E698): E = 1');
  await expect(page.getByTestId('kin-warnings')).toHaveCount(0);

  // the E(α) figure with two methods and their 95 % bands, as SVG at 89 mm
  await page.getByTestId('kin-show-kas').check();
  await expect(page.getByTestId('kin-chart-energy')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('kinetics-workspace.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kin-export-svg').click()]);
  const path = join(app.tmp, download.suggestedFilename());
  await download.saveAs(path);
  expect(download.suggestedFilename()).toBe('kinetics_energy_89mm.svg');
  const svg = readFileSync(path, 'utf8');
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).toMatch(/<svg[^>]* width="89mm" height="68mm"/);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const t of ['α', ' (kJ mol⁻¹)', 'Advanced Vyazovkin', 'KAS']) expect(texts).toContain(t);
  expect(svg).toMatch(/fill-opacity="0\.16"/);
  // render the exported file and keep the picture with the test's output
  const viewer = await page.context().newPage();
  await viewer.setContent(`<html><body style="margin:0;background:#fff">${svg.replace(/^<\?xml[^>]*>/, '')}</body></html>`);
  await viewer.locator('svg').screenshot({ path: testInfo.outputPath('kinetics-energy-89mm.png') });
  await viewer.close();

  // the CSV of E(α)
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'E(α) CSV' }).click()]);
  const csvPath = join(app.tmp, csvDownload.suggestedFilename());
  await csvDownload.saveAs(csvPath);
  expect(readFileSync(csvPath, 'utf8').split('\n')[0]).toBe('series,method,alpha,E_kJ_per_mol,ci95_kJ_per_mol,ci95_low_kJ_per_mol,ci95_high_kJ_per_mol,runs,r2');
});

test('compare Fe2O3 + NiO with Fe2O3: ΔE, model and the speed-up at 700 °C, predicted and measured', async ({ app, page }) => {
  await app.newSession();
  await openKinetics(page);
  const temps = ['650', '675', '700', '725'];
  const ref = join(SIM, 'isothermal-a2-noisy');
  const cat = join(SIM, 'isothermal-a2-catalysed');
  await addSeries(page, 'Fe2O3', temps.flatMap((c) => [join(ref, `Fe2O3_${c}C.csv`), join(ref, `blank_${c}C.csv`)]));
  await expect(page.getByTestId('kin-series-0').getByTestId('kin-run')).toHaveCount(4);
  await addSeries(page, 'Fe2O3 + NiO', temps.flatMap((c) => [join(cat, `Fe2O3_NiO_${c}C.csv`), join(cat, `blank_${c}C.csv`)]));
  await expect(page.getByTestId('kin-series-1').getByTestId('kin-run')).toHaveCount(4);
  await expect(page.getByTestId('kin-series-1').getByTestId('kin-run-rate')).toHaveText(['650.0 °C', '675.0 °C', '700.0 °C', '725.0 °C']);
  await page.getByTestId('kin-prediction-c').fill('700');
  await page.getByTestId('kin-prediction-c').press('Enter');
  await expect(page.getByTestId('kin-prediction-c')).toHaveValue('700');
  await runAnalysis(page);

  const row = page.locator('[data-testid="kin-compare-row"][data-series="Fe2O3 + NiO"]');
  await expect(row.getByTestId('kin-compare-de')).toHaveText(/^-(29|30|31)\.\d ± \d\.\d$/);
  await expect(row.getByTestId('kin-compare-model')).toHaveText('A2');
  await expect(row.getByTestId('kin-compare-predicted')).toHaveText(/^(1\.9[6-9]|2\.0[0-4])×/);
  await expect(row.getByTestId('kin-compare-measured')).toHaveText(/^(1\.9[6-9]|2\.0[0-4])× \(700\.0 °C\)$/);
  await expect(page.getByTestId('kin-model-table').first().getByTestId('kin-run-best')).toHaveText(['A2', 'A2', 'A2', 'A2']);
  await page.getByTestId('kin-tab-arrhenius').click();
  await expect(page.getByTestId('kin-chart-arrhenius')).toBeVisible();
  await page.getByTestId('kin-tab-prediction').click();
  await expect(page.getByTestId('kin-chart-prediction')).toBeVisible();
  await expect(app.errors()).toHaveCount(0);
});
