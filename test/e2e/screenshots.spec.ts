/**
 * Screenshots of every view at 1400×900 and of an exported figure, for a person to look at: written to
 * $SHOTS_DIR when set (e.g. /tmp/shots), else into the test's output folder. Each file written is read back and
 * checked: its size, and that it shows what it is a picture of (the runs' colours, a changed view, a tooltip).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { missingShared, sharedFixture } from '../fixtures/shared-fixtures';
import { countColour, decodePng, distinctColours, type Png, type Region } from '../support/png';
import { seriesPaths } from '../support/svg-series';

/** Okabe–Ito colours of the first runs (src/renderer/src/charts/style.ts). */
const RUN = ['#0072B2', '#D55E00', '#009E73'];

/**
 * Read a screenshot back: a PNG of the expected size (when given) that is a picture, not a blank (many colours),
 * drawing each colour asked for with at least `minPixels` pixels inside `region` (the chart: the page's own
 * buttons and tabs are blue too).
 */
function checkShot(path: string, o: { width?: number; height?: number; colours?: string[]; minPixels?: number; region?: Region | null } = {}): Png {
  const png = decodePng(new Uint8Array(readFileSync(path)));
  if (o.width !== undefined) expect(png.width, path).toBe(o.width);
  if (o.height !== undefined) expect(png.height, path).toBe(o.height);
  expect(distinctColours(png), `${path} is not blank`).toBeGreaterThan(50);
  for (const c of o.colours ?? []) expect(countColour(png, c, 30, o.region ?? undefined), `${path} draws ${c}`).toBeGreaterThanOrEqual(o.minPixels ?? 40);
  return png;
}
const VIEWPORT = { width: 1400, height: 900 };
/** The figure's width in px as the browser draws an SVG of `mm` at zoom 3 (96 px per inch). */
const zoomedWidthPx = (mm: number): number => (mm / 25.4) * 96 * 3;

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
  const chart = await page.getByTestId('chart-conversion').boundingBox();
  checkShot(join(dir, 'final-tga-conversion.png'), { ...VIEWPORT, colours: RUN, region: chart });
  if (process.env.README_SCREENSHOT) {
    await page.screenshot({ path: process.env.README_SCREENSHOT, type: 'png' });
    checkShot(process.env.README_SCREENSHOT, { ...VIEWPORT, colours: RUN, region: chart });
  }
  const views: Record<string, Png> = {};
  for (const view of ['conversion', 'tg', 'raw', 'alphaT'] as const) {
    await app.showPlot(view);
    await expect(page.locator('.chart-box')).toBeVisible();
    await page.screenshot({ path: join(dir, `view-${view}.png`) });
    // conversion: the three runs; raw: the selected run; α(T): the example's runs are isothermal, so it says so
    // and draws no run
    const region = await page.locator('.chart-box').boundingBox();
    views[view] = checkShot(join(dir, `view-${view}.png`), { ...VIEWPORT, colours: { conversion: RUN, tg: RUN, raw: [RUN[0]], alphaT: [] }[view], region });
    if (view === 'alphaT') {
      await expect(page.getByText('No run is heated during its reduction, so there is no α(T) to plot.')).toBeVisible();
      for (const c of RUN) expect(countColour(views[view], c, 10, region!), `no ${c} in the α(T) view`).toBe(0);
    }
  }
  // three different pictures, not one view three times
  expect(Buffer.from(views.raw.rgba).equals(Buffer.from(views.conversion.rgba))).toBe(false);
  expect(Buffer.from(views.alphaT.rgba).equals(Buffer.from(views.conversion.rgba))).toBe(false);
  await app.showPlot('conversion');
  for (const preset of ['single', 'double']) {
    await page.getByTestId('figure-preset').selectOption(preset);
    const svgPath = await app.exportSvg();
    const svg = readFileSync(svgPath, 'utf8');
    writeFileSync(join(dir, `figure-conversion-${preset}.svg`), svg);
    // 89 or 183 mm wide; each run drawn twice (α(t) and the inset)
    expect(svg).toMatch(preset === 'single' ? /<svg[^>]* width="89mm"/ : /<svg[^>]* width="183mm"/);
    for (const c of RUN) expect(seriesPaths(readFileSync(join(dir, `figure-conversion-${preset}.svg`), 'utf8'), c).length, `${preset}: paths in ${c}`).toBe(2);
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
    // the picture of the figure at 3× zoom: 89 mm → 1009 px wide, 183 mm → 2075 px
    const shot = checkShot(join(dir, `figure-conversion-${preset}.png`), { colours: RUN, minPixels: 200 });
    expect(Math.abs(shot.width - zoomedWidthPx(preset === 'single' ? 89 : 183))).toBeLessThanOrEqual(2);
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
  checkShot(join(dir, 'figure-raw-single.png'), { colours: [RUN[0]], minPixels: 200 });
  void tmp;
});

test('screenshots of an empty session and of freshly imported runs', async ({ app, page }, testInfo) => {
  const missing = missingShared('simulated/tga-700C-isothermal');
  test.skip(!!missing, missing || '');
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  await app.newSession();
  await page.screenshot({ path: join(dir, 'view-empty.png') });
  // an empty session: the page with the drop hint where the chart goes, no run drawn in any run colour
  const empty = checkShot(join(dir, 'view-empty.png'), VIEWPORT);
  const hint = await page.getByText('Drop TGA exports here, or use Import files…').boundingBox();
  expect(hint).not.toBeNull();
  const main = await page.locator('main').boundingBox();
  for (const c of RUN) expect(countColour(empty, c, 10, { ...main!, y: hint!.y - 200, height: 400 }), `no ${c} around the drop hint`).toBe(0);
  const fixtures = sharedFixture('simulated/tga-700C-isothermal');
  await app.importFiles(['Fe2O3.csv', 'Fe2O3_NiO.csv', 'blank.csv'].map((f) => join(fixtures, f)));
  await expect(app.runItems()).toHaveCount(3);
  await expect(page.getByTestId('metrics-row')).toHaveCount(2);
  await page.screenshot({ path: join(dir, 'view-imported.png') });
  // two analysed runs in their colours (the blank is not drawn in the conversion view)
  const chart = await page.getByTestId('chart-conversion').boundingBox();
  const imported = checkShot(join(dir, 'view-imported.png'), { ...VIEWPORT, colours: RUN.slice(0, 2), region: chart });
  // Hover the conversion plot: the crosshair tooltip.
  const box = (await page.getByTestId('chart-conversion').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await expect(page.locator('.chart-box div').filter({ hasText: /\d/ }).first()).toBeVisible();
  await page.screenshot({ path: join(dir, 'view-tooltip.png') });
  // the same view with the crosshair and the tooltip box over it
  const tooltip = checkShot(join(dir, 'view-tooltip.png'), { ...VIEWPORT, colours: RUN.slice(0, 2), region: chart });
  let changed = 0;
  for (let k = 0; k < tooltip.rgba.length; k += 4) if (tooltip.rgba[k] !== imported.rgba[k] || tooltip.rgba[k + 1] !== imported.rgba[k + 1]) changed++;
  expect(changed, 'pixels changed by the hover').toBeGreaterThan(500);
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
  const chart = await page.getByTestId('chart-alphaT').boundingBox();
  for (const name of ['view-alphaT-ramp.png', 'final-tga-alphaT-ramp.png']) checkShot(join(dir, name), { ...VIEWPORT, colours: [RUN[0]], region: chart });
});
