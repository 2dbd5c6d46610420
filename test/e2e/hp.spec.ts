/**
 * The High-pressure workspace in the browser host, as a beamline user works: compute the Re gasket pressure of the
 * terapascal paper, load EDD spectra (test/fixtures/simulated/edd: simulated, known answers), calibrate 2θ on Au
 * at 1 bar, read P of Au at 5.38 GPa, export the spectrum as a figure (SVG, PNG) and the results as CSV.
 * With SHOTS_DIR set, screenshots are written there (app-hp-*.png).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EDD = resolve(HERE, '../fixtures/simulated/edd');
const truth = JSON.parse(readFileSync(join(EDD, 'truth.json'), 'utf8'));
const SHOTS = process.env.SHOTS_DIR;

async function saved(page: Page, tmp: string, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(tmp, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

test('Re pressure, EDD calibration and Au pressure, figure and CSV export', async ({ app, page, tmp }) => {
  void app;
  test.setTimeout(120_000);
  await page.getByTestId('workspace-hp').click();
  await expect(page.getByTestId('hp-tab-pressure')).toHaveAttribute('aria-selected', 'true');

  // The terapascal paper's gasket: a = 2.5606, c = 4.0588 Å → 149 GPa by Anzellini et al. 2014
  await page.getByTestId('hp-calc-calibrant').selectOption('Re');
  await page.getByTestId('hp-calc-scale').selectOption('anzellini2014');
  await expect(page.getByTestId('hp-calc-scale-info')).toContainText('Anzellini, Dewaele, Occelli, Loubeyre & Mezouar');
  await page.getByTestId('hp-calc-a').fill('2.5606');
  await page.getByTestId('hp-calc-c').fill('4.0588');
  await page.getByTestId('hp-calc-sigma-a').fill('0.0005');
  await page.getByTestId('hp-calc-sigma-c').fill('0.0012');
  await page.getByTestId('hp-calc-compute').click();
  const result = page.getByTestId('hp-calc-result');
  await expect(result).toContainText('P = 149.14 ± 0.45 GPa');
  expect(Number(await result.getAttribute('data-value'))).toBeCloseTo(149.14, 1);
  await expect(page.getByTestId('hp-calc-warnings')).toContainText('beyond the 144 GPa');

  // EDD: a file that is not a spectrum is refused by name, the rest loads
  await page.getByTestId('hp-edd-input').setInputFiles([join(EDD, 'au_ambient_calibration.mca'), join(EDD, 'au_mgo_5.38GPa.mca'), join(EDD, 'README.md')]);
  await expect(page.getByTestId('hp-edd-files').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('error')).toContainText('README.md');
  // the message names the file once (the reader's error names it already)
  expect((await page.getByTestId('error').innerText()).split('README.md').length - 1).toBe(1);

  // 2θ from Au 111 and 200 at 1 bar (the LVP paper: 6.051°)
  await page.getByTestId('hp-cal-spectrum').selectOption('0');
  await page.getByTestId('hp-cal-a0').fill(String(truth.files['au_ambient_calibration.mca'].aA));
  await page.getByTestId('hp-cal-hkl').fill('111,200');
  await page.getByTestId('hp-cal-run').click();
  const cal = page.getByTestId('hp-cal-result');
  await expect(cal).toContainText('from 111, 200');
  expect(Number(await cal.getAttribute('data-value'))).toBeCloseTo(6.051, 3);
  await expect(page.getByTestId('hp-edd-two-theta')).toHaveValue(/^6\.05/);

  // Au by Tsuchiya 2003 at 300 K
  await page.getByTestId('hp-edd-calibrant').selectOption('Au');
  await page.getByTestId('hp-edd-scale').selectOption('tsuchiya2003');
  await page.getByTestId('hp-edd-t').fill('300');
  await page.getByTestId('hp-edd-apply').click();
  await page.getByTestId('hp-edd-analyse').click();
  const rows = page.getByTestId('hp-edd-frame');
  await expect(rows).toHaveCount(2);
  const p = Number(await rows.nth(1).getAttribute('data-value'));
  expect(Math.abs(p - 5.38)).toBeLessThan(0.04);
  // σ(P)'s parts beside P: from a (cubic: equal to the part from V), V and T
  await expect(page.getByTestId('hp-edd-sigma-parts').nth(1)).toHaveText(/^a \d+\.\d{3}; V \d+\.\d{3}; T 0\.000$/);
  await rows.nth(1).click();
  await expect(page.getByTestId('hp-spectrum-pressure')).toContainText('P = 5.3');
  await expect(page.getByTestId('hp-spectrum-chart').locator('canvas').first()).toBeVisible();
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'app-hp-pressure-edd.png'), fullPage: true });
  }

  // Figures and tables
  const svg = await saved(page, tmp, () => page.getByTestId('hp-spectrum-export-svg').click());
  const text = readFileSync(svg, 'utf8');
  expect(text).toContain('width="89mm"');
  expect(text).toContain('>111<');
  const png = await saved(page, tmp, () => page.getByTestId('hp-spectrum-export-png-300').click());
  expect(statSync(png).size).toBeGreaterThan(10_000);
  const csv = readFileSync(await saved(page, tmp, () => page.getByTestId('hp-pt-export-csv').click()), 'utf8');
  expect(csv).toMatch(/^# Au, Tsuchiya 2003/);
  expect(csv.trim().split('\n')).toHaveLength(5);
  const ptSvg = await saved(page, tmp, () => page.getByTestId('hp-pt-export-svg').click());
  expect(readFileSync(ptSvg, 'utf8')).toContain('<svg');
});
