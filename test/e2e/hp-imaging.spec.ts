/**
 * The "High pressure" workspace in the browser host: a simulated LVP radiography stack (ImageJ TIFF, 0.33 s per
 * frame, test/fixtures/simulated/radiography-lvp) with its temperature log — draw a ROI on the image, set the grid,
 * the onset baseline and the quench frames, run, read the onset and ΔI against truth.json, export the figure and the
 * CSV; and the simulated DAC map (test/fixtures/simulated/xrd-map-re) — import the points, run with Re's pressure,
 * click a pixel for its pattern and fit, export the map figure. With SHOTS_DIR set, screenshots go there.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RAD = resolve(HERE, '../fixtures/simulated/radiography-lvp');
const MAP = resolve(HERE, '../fixtures/simulated/xrd-map-re');
const SHOTS = process.env.SHOTS_DIR;
const radTruth = JSON.parse(readFileSync(join(RAD, 'truth.json'), 'utf8')) as {
  onsets: Record<string, { frame: number; temperatureK: number }>;
  quench: { before: [number, number]; after: [number, number]; deltaPercent: Record<string, number> };
};
const mapTruth = JSON.parse(readFileSync(join(MAP, 'truth.json'), 'utf8')) as { points: { ix: number; iy: number; pressureGPa: number }[] };

test('radiography: load a stack, draw a ROI, read the onset and ΔI, export the figure and CSV', async ({ app, page }) => {
  test.setTimeout(120_000);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  await app.showWorkspace('hp');
  await app.showHpTab('radiography');
  await page.getByTestId('rad-file-input').setInputFiles(join(RAD, 'noisy-imagej.tif'));
  await expect(page.getByTestId('rad-stack-size')).toHaveText('160 frames of 64×48');
  await expect(page.getByTestId('rad-stack')).toContainText('finterval = 0.33 s');
  await page.getByTestId('rad-tlog-input').setInputFiles(join(RAD, 'temperature.csv'));
  await expect(page.getByTestId('rad-tlog-note')).toContainText('temperature in K');
  await expect(page.getByTestId('rad-canvas')).toBeVisible();

  // draw the nitride region: a rectangle from (26, 19) to (34, 25) in image pixels (the truth's 8 × 6 box)
  await page.getByTestId('rad-tool-rect').click();
  await page.getByTestId('rad-new-group').selectOption('reaction');
  await app.dragOnImage(64, 48, [26.2, 19.2], [34.2, 25.2]);
  await expect(page.getByTestId('rad-roi')).toHaveCount(1);
  const name = await page.getByTestId('rad-roi').getAttribute('data-name');

  await page.getByTestId('rad-grid-cols').fill('4');
  await page.getByTestId('rad-grid-rows').fill('4');
  await page.getByTestId('rad-onset-baseline').fill('0-29');
  await page.getByTestId('rad-delta-before').fill(radTruth.quench.before.join('-'));
  await page.getByTestId('rad-delta-after').fill(radTruth.quench.after.join('-'));
  await page.getByTestId('rad-apply').click();
  await expect(page.getByTestId('rad-grid')).toBeVisible();
  await page.getByTestId('rad-frame-slider').fill('100');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'app-radiography-viewer.png') });

  await page.getByTestId('rad-run').click();
  const onset = page.locator(`[data-testid="rad-onset"][data-region="${name}"]`);
  await expect(onset).toHaveAttribute('data-frame', String(radTruth.onsets.nitride.frame), { timeout: 60_000 });
  expect(Number(await onset.getAttribute('data-temperature'))).toBeCloseTo(radTruth.onsets.nitride.temperatureK, 3);
  const delta = page.locator(`[data-testid="rad-delta"][data-region="${name}"]`);
  expect(Math.abs(Number(await delta.getAttribute('data-percent')) - radTruth.quench.deltaPercent.nitride)).toBeLessThan(0.15);
  await expect(page.getByTestId('rad-delta-definition')).toContainText('ΔI = (Ibefore − Iafter)/Ibefore × 100');
  await expect(page.getByTestId('rad-chart').locator('canvas, svg').first()).toBeVisible();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'app-radiography-results.png'), fullPage: true });

  const svg = await app.exportHpFigure('radiography', 'svg');
  const text = readFileSync(svg, 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('width="89mm"');
  const png = await app.exportHpFigure('radiography', 300);
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  const csv = readFileSync(await app.exportHpCsv('radiography'), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
  expect(csv).toHaveLength(161);
  expect(csv[0]).toContain(`${name}_mean`);
});

test('maps: load a simulated map, run with a pressure scale, click a pixel, export the map figure', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.showWorkspace('hp');
  await app.showHpTab('maps');
  await page.getByTestId('map-nx').fill('12');
  await page.getByTestId('map-ny').fill('10');
  const files = readdirSync(join(MAP, 'points')).filter((n) => n !== 'map_0_4.xy').map((n) => join(MAP, 'points', n));
  await page.getByTestId('map-file-input').setInputFiles(files);
  await expect(page.getByTestId('map-points')).toHaveText('119 of 120 points');
  await expect(page.getByTestId('map-missing')).toHaveText('Missing: (ix 4, iy 0)');
  await page.getByTestId('map-phases').fill('Re,Fe3N');
  await page.getByTestId('map-pressure-phase').selectOption('Re');
  await page.getByTestId('map-scale').selectOption('anzellini2014');
  await page.getByTestId('map-step').fill('0.5');
  // a missing point: refused with the list, then allowed
  await page.getByTestId('map-run').click();
  await expect(page.getByTestId('map-run-refused')).toContainText('1 of 120 points have no pattern: (ix 4, iy 0)');
  await page.getByTestId('map-allow-missing').check();
  // the refusal describes the form as it is: gone once the box is ticked, and no error left behind
  await expect(page.getByTestId('map-run-refused')).toHaveCount(0);
  await page.getByTestId('map-run').click();
  await expect(page.getByTestId('map-results')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('map-quantity')).toHaveValue('P (GPa)');
  await expect(app.errors().filter({ hasText: 'have no pattern' })).toHaveCount(0);

  // click the pixel (ix 7, iy 2): the cell's centre on the plot
  const chart = page.getByTestId('map-chart');
  await expect(chart.locator('canvas').first()).toBeVisible();
  const grid = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="map-chart"]') as HTMLElement;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  // the plot keeps the map's aspect inside the chart (left 16, top 16, right 110, bottom 36 px)
  const availW = grid.w - 16 - 110;
  const availH = grid.h - 16 - 36;
  const aspect = 12 / 10;
  const plotW = availW / availH > aspect ? availH * aspect : availW;
  const plotH = plotW / aspect;
  await page.mouse.click(grid.x + 16 + ((7 + 0.5) / 12) * plotW, grid.y + 16 + ((2 + 0.5) / 10) * plotH);
  await expect(page.getByTestId('map-point')).toContainText('Point ix 7, iy 2 — map_2_7.xy');
  const p = Number(await page.getByTestId('map-point-values').getAttribute('data-pressure'));
  const truth = mapTruth.points.find((q) => q.ix === 7 && q.iy === 2)!;
  expect(Math.abs(p - truth.pressureGPa)).toBeLessThan(0.5);
  await expect(page.getByTestId('map-fit-chart').locator('canvas, svg').first()).toBeVisible();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'app-maps.png'), fullPage: true });

  const svg = readFileSync(await app.exportHpFigure('map', 'svg'), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('µm');
  expect(svg).toContain('P (GPa)');
  const png = await app.exportHpFigure('map', 600);
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  const rows = readFileSync(await app.exportHpCsv('map'), 'utf8').trim().split('\n');
  expect(rows).toHaveLength(2 + 119);

  // a new window on the same session (as an opened study): the form shows the settings the result was made with
  await page.reload();
  await app.showWorkspace('hp');
  await app.showHpTab('maps');
  await expect(page.getByTestId('map-results')).toBeVisible();
  await expect(page.getByTestId('map-phases')).toHaveValue('Re, Fe3N');
  await expect(page.getByTestId('map-step')).toHaveValue('0.5');
  await expect(page.getByTestId('map-pressure-phase')).toHaveValue('Re');
  await expect(page.getByTestId('map-allow-missing')).toBeChecked();
  await expect(page.getByTestId('map-nx')).toHaveValue('12');
  await expect(page.getByTestId('map-ny')).toHaveValue('10');
});
