/**
 * Screenshots of every view at 1400×900 and of an exported figure, for a person to look at: written to
 * $SHOTS_DIR when set (e.g. /tmp/shots), else into the test's output folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { missingShared, sharedFixture } from '../fixtures/shared-fixtures';

test('screenshots of each view and of an exported SVG', async ({ app, page, tmp }, testInfo) => {
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  // The conversion view of the example study with its metrics table (also the README's picture when asked for)
  await app.showPlot('conversion');
  await expect(page.getByTestId('chart-conversion')).toBeVisible();
  // isothermal runs: the onset columns (and their definition) are left out
  await expect(page.getByTestId('onset-definition')).toHaveCount(0);
  await page.getByTestId('metrics-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, 'final-tga-conversion.png') });
  if (process.env.README_SCREENSHOT) await page.screenshot({ path: process.env.README_SCREENSHOT, type: 'png' });
  for (const view of ['conversion', 'tg', 'raw', 'alphaT'] as const) {
    await app.showPlot(view);
    await expect(page.locator('.chart-box')).toBeVisible();
    await page.screenshot({ path: join(dir, `view-${view}.png`) });
  }
  await app.showPlot('conversion');
  for (const preset of ['single', 'double']) {
    await page.getByTestId('figure-preset').selectOption(preset);
    const svgPath = await app.exportSvg();
    const svg = readFileSync(svgPath, 'utf8');
    writeFileSync(join(dir, `figure-conversion-${preset}.svg`), svg);
    // Show the SVG at 300 dpi-equivalent scale and take its picture.
    const viewer = await page.context().newPage();
    await viewer.setViewportSize({ width: 2400, height: 1400 });
    await viewer.goto(`file://${svgPath}`);
    await viewer.evaluate(() => {
      const el = document.querySelector('svg')!;
      el.style.zoom = '3';
    });
    await viewer.locator('svg').screenshot({ path: join(dir, `figure-conversion-${preset}.png`) });
    await viewer.close();
  }
  await app.showPlot('raw');
  const raw = await app.exportSvg();
  const viewer = await page.context().newPage();
  await viewer.goto(`file://${raw}`);
  await viewer.evaluate(() => {
    document.querySelector('svg')!.style.zoom = '3';
  });
  await viewer.setViewportSize({ width: 1200, height: 1200 });
  await viewer.locator('svg').screenshot({ path: join(dir, 'figure-raw-single.png') });
  await viewer.close();
  void tmp;
});

test('screenshots of an empty session and of freshly imported runs', async ({ app, page }, testInfo) => {
  const missing = missingShared('simulated/tga-700C-isothermal');
  test.skip(!!missing, missing || '');
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  await app.newSession();
  await page.screenshot({ path: join(dir, 'view-empty.png') });
  const fixtures = sharedFixture('simulated/tga-700C-isothermal');
  await app.importFiles(['Fe2O3.csv', 'Fe2O3_NiO.csv', 'blank.csv'].map((f) => join(fixtures, f)));
  await expect(app.runItems()).toHaveCount(3);
  await expect(page.getByTestId('metrics-row')).toHaveCount(2);
  await page.screenshot({ path: join(dir, 'view-imported.png') });
  // Hover the conversion plot: the crosshair tooltip.
  const box = (await page.getByTestId('chart-conversion').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await expect(page.locator('.chart-box div').filter({ hasText: /\d/ }).first()).toBeVisible();
  await page.screenshot({ path: join(dir, 'view-tooltip.png') });
});

test('α(T) of a continuous-heating run (a synthetic test file written here)', async ({ app, page, tmp }, testInfo) => {
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  await app.newSession();
  // 10 K/min from 200 °C in H2; α is a logistic step centred on 550 °C (test input, not a measurement).
  const rows = ['time_s,temperature_C,mass_mg,gas'];
  for (let t = 0; t <= 4200; t += 2) {
    const T = 200 + t / 6;
    const alpha = 1 / (1 + Math.exp(-(T - 550) / 25));
    rows.push(`${t},${T.toFixed(3)},${(50 - 15.0285 * alpha).toFixed(5)},H2`);
  }
  const file = join(tmp, 'ramp-10Kmin.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  await app.importFiles([file]);
  await app.setRecipe('ramp-10Kmin', [{ formula: 'Fe2O3' }]);
  await app.showPlot('alphaT');
  await expect(page.getByTestId('chart-alphaT')).toBeVisible();
  // Extrapolated onset (ISO 11358-1) of a logistic step: T0 − 2w = 500 °C; the α = 0.02 onset, a secondary
  // column, is where (T − 550)/25 = ln(0.02/0.98), i.e. 452.7 °C; the definition is stated under the table.
  const row = app.metricsRow('ramp-10Kmin');
  await expect(row.getByTestId('onset-extrapolated')).toHaveText(/^(499\.[5-9]|500\.[0-4])$/);
  await expect(row.getByTestId('onset-alpha')).toHaveText(/^45[0-5]\.\d$/);
  await expect(row.getByTestId('onset-shift')).toHaveText('ref');
  await expect(page.getByTestId('onset-definition')).toContainText('ISO 11358-1');
  await page.screenshot({ path: join(dir, 'view-alphaT-ramp.png') });
  await page.screenshot({ path: join(dir, 'final-tga-alphaT-ramp.png') });
});
