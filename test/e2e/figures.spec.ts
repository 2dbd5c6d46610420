/**
 * Figures as a scientist exports them: what is on screen (zoom, hidden runs), the figure dialog (labels from the
 * recipe instead of file names, axis range, line style, font preset) with its journal checks, and the composer
 * (α(t) + an SXRD heatmap + one frame, letters a–c, 183 mm). Every exported SVG goes through the figure checker,
 * and is rendered to PNG for a look when SHOTS_DIR is set.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { checkFigureSvg } from '../../src/renderer/src/export/check';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const local = resolve(HERE, '../fixtures/simulated/sxrd-fe2o3_nio-700C');
const shared = resolve(HERE, '../../../shared/fixtures/simulated/sxrd-fe2o3_nio-700C');
const SXRD = existsSync(local) ? local : shared;
const SHOTS = process.env.SHOTS_DIR;

async function saved(page: Page, dir: string, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** The x tick labels of an exported SVG's main plot (numbers along the bottom of the first grid). */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const problems = (svg: string) => checkFigureSvg(svg).problems.map((p) => `${p.kind}: ${p.message}`);

async function look(page: Page, svgPath: string, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const svg = readFileSync(svgPath, 'utf8').replace(/^<\?xml[^>]*>/, '');
  const view = await page.context().newPage();
  await view.setContent(`<html><body style="margin:0;background:#fff">${svg}</body></html>`);
  await view.locator('svg').first().screenshot({ path: join(SHOTS, name) });
  await view.close();
}

test('TGA: the figure shows the zoom and the visible runs, labelled by recipe; the dialog sets range, label and style', async ({ app, page, tmp }) => {
  await app.showPlot('conversion');
  const chart = app.chart('conversion');
  await expect(chart.locator('canvas').first()).toBeVisible();
  const legend = JSON.parse((await chart.getAttribute('data-legend')) ?? '[]') as string[];
  expect(legend.length).toBeGreaterThan(1);

  // full view first: the time axis reaches past 20 min
  const full = readFileSync(await app.exportSvg(), 'utf8');
  expect(problems(full)).toEqual([]);
  const fullTicks = texts(full).map(Number).filter((v) => Number.isFinite(v));
  const fullMax = Math.max(...fullTicks);

  // zoom in with the wheel, hide the first run in the legend: the export follows
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
  await expect(chart).not.toHaveAttribute('data-x-range', '');
  const [x0, x1] = ((await chart.getAttribute('data-x-range')) ?? '').split(',').map(Number);
  expect(x1 - x0).toBeLessThan(fullMax * 0.8);
  const zoomed = readFileSync(await app.exportSvg(), 'utf8');
  expect(problems(zoomed)).toEqual([]);
  const zoomTicks = texts(zoomed).map(Number).filter((v) => Number.isFinite(v) && v > 1.5);
  expect(Math.max(...zoomTicks)).toBeLessThanOrEqual(Math.ceil(x1) + 1);

  // labels come from the recipes (formulas drawn with subscripts), not from the file names
  const fileLabel = legend[0];
  expect(zoomed).not.toContain(`>${fileLabel}<`);

  // the figure dialog: rename the first entry, fix the α range, dash the second run, larger fonts
  await page.getByTestId('export-dialog').click();
  const dialog = page.getByTestId('figure-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('fig-preview')).toBeVisible();
  await expect(dialog.getByTestId('fig-checks')).toContainText('Journal checks');
  await dialog.getByTestId('fig-label-0').fill('Hematite reference');
  await dialog.getByTestId('fig-y0-min').fill('0.2');
  await dialog.getByTestId('fig-y0-max').fill('0.9');
  await dialog.getByTestId('fig-dash-1').selectOption('dotted');
  await dialog.getByTestId('fig-font').selectOption('large');
  await expect(dialog.getByTestId('fig-checks')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'figure-dialog.png') });
  const fromDialog = readFileSync(await saved(page, tmp, () => dialog.getByTestId('fig-svg').click()), 'utf8');
  expect(fromDialog).toContain('Hematite reference');
  expect(fromDialog).toContain('font-size:8px');
  // α ticks run 0.2 … 0.9 only
  const alphaTicks = texts(fromDialog).filter((t) => /^0\.\d$/.test(t)).map(Number);
  expect(Math.min(...alphaTicks)).toBeGreaterThanOrEqual(0.2);
  expect(Math.max(...alphaTicks)).toBeLessThanOrEqual(0.9);
  expect(problems(fromDialog)).toEqual([]);
  await look(page, join(tmp, 'conversion_89mm.svg'), 'figure-tga-dialog.svg.png');
  await dialog.getByTestId('fig-close').click();
  await expect(dialog).toBeHidden();
});

test('composer: α(t), an SXRD heatmap and one frame in one 183 mm figure with panel letters a–c', async ({ app, page, tmp }) => {
  test.setTimeout(180_000);
  // a: α(t) of the example study
  await app.showPlot('conversion');
  await page.getByTestId('export-dialog').click();
  await page.getByTestId('fig-compose').click();
  await page.getByTestId('fig-close').click();
  await expect(page.getByTestId('composer-open')).toHaveText('Figure composer (1)');

  // b and c: the simulated SXRD sequence's heatmap and a frame
  const frames = readdirSync(SXRD)
    .filter((n) => n.endsWith('.xy'))
    .sort()
    .slice(0, 21)
    .map((n) => join(SXRD, n));
  await app.showWorkspace('xrd');
  await app.openSequence(frames, 30);
  await expect(page.getByTestId('xrd-frame-count')).toContainText('21 frames');
  await expect(page.getByTestId('xrd-chart-heatmap').locator('canvas').first()).toBeVisible();
  await page.getByTestId('xrd-heatmap-export-dialog').click();
  await page.getByTestId('fig-compose').click();
  await page.getByTestId('fig-close').click();
  await app.showXrdView('frame');
  await expect(page.getByTestId('xrd-chart-frame').locator('canvas').first()).toBeVisible();
  await page.getByTestId('xrd-frame-export-dialog').click();
  await page.getByTestId('fig-compose').click();
  await page.getByTestId('fig-close').click();
  await expect(page.getByTestId('composer-open')).toHaveText('Figure composer (3)');

  await page.getByTestId('composer-open').click();
  const composer = page.getByTestId('composer');
  await expect(composer.getByTestId('composer-panels').locator('li')).toHaveCount(3);
  await composer.getByTestId('composer-preset').selectOption('double');
  await composer.getByTestId('composer-layout').selectOption('row');
  await expect(composer.getByTestId('composer-preview')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'figure-composer.png') });
  const svgPath = await saved(page, tmp, () => composer.getByTestId('composer-svg').click());
  const svg = readFileSync(svgPath, 'utf8');
  expect(svg).toMatch(/<svg[^>]* width="183mm"/);
  // three nested panels, letters a, b, c in bold
  expect(svg.match(/<svg x=/g)).toHaveLength(3);
  for (const letter of ['a', 'b', 'c']) expect(svg).toContain(`font-weight="bold" fill="#000">${letter}</text>`);
  expect(problems(svg)).toEqual([]);
  await look(page, svgPath, 'figure-composed-183mm.png');
  const pngPath = await saved(page, tmp, () => composer.getByTestId('composer-png-300').click());
  const png = readFileSync(pngPath);
  // 183 mm at 300 dpi is 2161 px wide
  expect(png.readUInt32BE(16)).toBe(Math.round((183 / 25.4) * 300));
  await composer.getByTestId('composer-close').click();
});

test('the figure dialog’s settings and the composer’s layout are the study’s: saved, reopened exactly, undone', async ({ app, page, tmp }) => {
  // the α(t) figure: a label, a range, a dash, a font preset and the 183 mm width
  await page.getByTestId('export-dialog').click();
  const dialog = page.getByTestId('figure-dialog');
  await dialog.getByTestId('fig-label-0').fill('Hematite reference');
  await dialog.getByTestId('fig-y0-min').fill('0.2');
  await dialog.getByTestId('fig-y0-max').fill('0.9');
  await dialog.getByTestId('fig-dash-1').selectOption('dotted');
  await dialog.getByTestId('fig-font').selectOption('large');
  await dialog.getByTestId('fig-preset').selectOption({ label: 'Double column, 183 mm' });
  await dialog.getByTestId('fig-close').click();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Undo: Change the figure “tga:conversion”/);
  const exported = readFileSync(await app.exportSvg(), 'utf8');
  expect(exported).toContain('Hematite reference');
  expect(exported).toMatch(/width="183mm"/);
  // the composer's layout too
  await page.getByTestId('composer-open').click();
  await page.getByTestId('composer-layout').selectOption('row');
  await page.getByTestId('composer-close').click();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Undo: Change the figure composer’s width or layout/);

  // save, a new session, open: the dialog shows the settings again and the export is the same figure
  await page.keyboard.press('Control+s');
  const save = page.getByTestId('save-as-dialog');
  const name = `figures ${Date.now()}`;
  await save.getByTestId('save-as-name').fill(name);
  await save.getByTestId('save-as-confirm').click();
  await expect(save).toBeHidden();
  await app.newSession();
  await page.keyboard.press('Control+o');
  const open = page.getByTestId('open-dialog');
  await open.locator(`[data-testid="open-study-row"][data-name="${name}"]`).getByTestId('open-study').click();
  await expect(app.runItems()).toHaveCount(4);
  await page.getByTestId('export-dialog').click();
  await expect(dialog.getByTestId('fig-label-0')).toHaveValue('Hematite reference');
  await expect(dialog.getByTestId('fig-y0-min')).toHaveValue('0.2');
  await expect(dialog.getByTestId('fig-font')).toHaveValue('large');
  await expect(dialog.getByTestId('fig-dash-1')).toHaveValue('dotted');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'figure-dialog-reopened.png') });
  await dialog.getByTestId('fig-close').click();
  const reopened = readFileSync(await app.exportSvg(), 'utf8');
  // the same figure (the renderer numbers its style classes per chart instance)
  const same = (svg: string) => svg.replace(/zr\d+-(cls-\d+)?/g, 'zr-');
  expect(same(reopened)).toBe(same(exported));
  await page.getByTestId('composer-open').click();
  await expect(page.getByTestId('composer-layout')).toHaveValue('row');
  await page.getByTestId('composer-close').click();

  // Undo of a figure change brings the defaults back (the file's names as labels, 89 mm)
  await page.getByTestId('export-dialog').click();
  await dialog.getByTestId('fig-font').selectOption('small');
  await dialog.getByTestId('fig-close').click();
  await page.getByTestId('undo').click();
  await page.getByTestId('export-dialog').click();
  await expect(dialog.getByTestId('fig-font')).toHaveValue('large');
  await dialog.getByTestId('fig-close').click();
  void tmp;
});

test('a figure dialog opened while Undo is still reloading the figures shows, and keeps, what Undo brought back', async ({ app, page }) => {
  void app; // the fixture opens the app with its runs
  const dialog = page.getByTestId('figure-dialog');
  const font = async (value: 'large' | 'small') => {
    await page.getByTestId('export-dialog').click();
    await dialog.getByTestId('fig-font').selectOption(value);
    await dialog.getByTestId('fig-close').click();
    await expect(page.getByTestId('undo')).toHaveAttribute('title', /Undo: Change the figure “tga:conversion”/);
  };
  await font('large');
  await font('small');
  // main answers the figures late (a busy machine): the dialog opens on the settings of before the Undo
  let reloaded!: () => void;
  const figuresReloaded = new Promise<void>((done) => (reloaded = done));
  await page.route('**/api/figGetState', async (route) => {
    await new Promise((wait) => setTimeout(wait, 1500));
    await route.continue();
    reloaded();
  });
  await page.getByTestId('undo').click();
  await page.getByTestId('export-dialog').click();
  await expect(dialog).toBeVisible();
  await figuresReloaded;
  // …and follows the study's settings when they arrive
  await expect(dialog.getByTestId('fig-font')).toHaveValue('large');
  await dialog.getByTestId('fig-close').click();
  await page.unroute('**/api/figGetState');
  // closing it saved nothing over the Undo: the dialog shows the large font again and the change can be redone
  await page.getByTestId('export-dialog').click();
  await expect(dialog.getByTestId('fig-font')).toHaveValue('large');
  await dialog.getByTestId('fig-close').click();
  await expect(page.getByTestId('redo')).toHaveAttribute('title', /Redo: Change the figure “tga:conversion”/);
});
