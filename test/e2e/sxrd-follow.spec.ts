/**
 * Issue 8 §4, the SXRD views a technician leans on: one frame on screen for every view — the frame slider, a click on
 * the heatmap and a click on a results chart all move it, the results charts mark it and the Results table shows it —;
 * the results tooltip with every phase's wt % ± σ, a in Å, Rwp and GoF at the frame under the cursor; λ and the
 * interval entered in one place (Sequence), with their source, saved in the study and undone with Undo.
 * Eleven frames of the simulated Fe2O3 + NiO sequence (one every 30 s). Screenshots go to $SHOTS_DIR when set.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const local = resolve(HERE, '../fixtures/simulated/sxrd-fe2o3_nio-700C');
const DIR = existsSync(local) ? local : resolve(HERE, '../../../shared/fixtures/simulated/sxrd-fe2o3_nio-700C');
const SHOTS = process.env.SHOTS_DIR;
const FRAMES = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((n) => n.endsWith('.xy'))
      .sort()
      .slice(0, 11)
      .map((n) => join(DIR, n))
  : [];

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `sxrd-follow-${name}.png`) });
}

/** Click (or hover) at a fraction of a chart's box. */
async function at(chart: Locator, fx: number, fy: number, hover = false): Promise<void> {
  const box = (await chart.boundingBox())!;
  const x = box.x + fx * box.width;
  const y = box.y + fy * box.height;
  if (hover) await chart.page().mouse.move(x, y);
  else await chart.page().mouse.click(x, y);
}

test.describe('SXRD: the frame on screen, the results tooltip, λ and interval in one place', () => {
  test.skip(FRAMES.length < 11, `the simulated SXRD sequence is missing (${DIR})`);

  test('λ and the interval are set under Sequence only, show their source, feed the report, and undo', async ({ app, page }) => {
    await app.showWorkspace('xrd');
    await app.openSequence(FRAMES, 30);
    await expect(page.getByTestId('xrd-frame-count')).toContainText('11 frames');
    // the files state λ: its source is the file header, and the Analysis panel only shows it
    await expect(page.getByTestId('xrd-seq-lambda')).toHaveAttribute('data-source', 'files');
    await expect(page.getByTestId('xrd-seq-lambda')).toContainText('from the file header');
    await expect(page.getByTestId('xrd-import-used')).toContainText('from the file header · one frame every 30 s (entered)');
    await app.showXrdView('analysis');
    await expect(page.getByTestId('xrd-analysis-sequence')).toContainText('from the file header');
    await expect(page.getByTestId('xrd-analysis-sequence')).toContainText('set under Sequence');
    await expect(page.getByTestId('xrd-wavelength')).toHaveCount(0);
    await expect(page.getByTestId('xrd-interval')).toHaveCount(0);
    // a λ of the user's own: entered, said so everywhere, on the heatmap's q axis
    await page.getByTestId('xrd-seq-wavelength').fill('0.21');
    await page.getByTestId('xrd-seq-interval').fill('20');
    await page.getByTestId('xrd-seq-apply').click();
    await expect(page.getByTestId('xrd-seq-lambda')).toHaveAttribute('data-source', 'user');
    await expect(page.getByTestId('xrd-seq-lambda')).toContainText('0.21 Å, entered (the files say');
    await expect(page.getByTestId('xrd-sequence')).toContainText('every 20 s, 0 … 200 s');
    await expect(page.getByTestId('xrd-import-used')).toContainText('λ 0.21 Å entered by you · one frame every 20 s (entered)');
    await expect(page.getByTestId('xrd-analysis-sequence')).toContainText('λ 0.21 Å entered by you');
    await shot(page, 'lambda-user');
    // one Undo takes both back
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('xrd-seq-lambda')).toHaveAttribute('data-source', 'files');
    await expect(page.getByTestId('xrd-sequence')).toContainText('every 30 s, 0 … 300 s');
    await expect(page.getByTestId('xrd-seq-interval')).toHaveValue('30');
    await expect(page.getByTestId('xrd-seq-wavelength')).toHaveValue('');
  });

  test('one frame on screen: slider, heatmap click and results click move it; markers, table and tooltip follow', async ({ app, page }) => {
    test.setTimeout(240_000);
    await app.showWorkspace('xrd');
    await app.openSequence(FRAMES, 30);
    await expect(page.getByTestId('xrd-frame-count')).toContainText('11 frames');

    // a click on the heatmap picks the frame under it (time runs up the map: near the top = late frames)
    const heatmap = page.getByTestId('xrd-chart-heatmap');
    await expect(heatmap.locator('canvas').first()).toBeVisible();
    await at(heatmap, 0.5, 0.2, true);
    // the cross-hair readout: 2θ, t, the nearest frame and the intensity there
    await expect(page.getByTestId('xrd-heatmap-readout')).toContainText(/2θ = [\d.]+ ° · t = [\d.]+ min · frame \d+ \(t = [\d.]+ min\) · I = [\d.]+ counts/);
    await at(heatmap, 0.5, 0.2);
    await expect.poll(async () => Number(await page.getByTestId('xrd-heatmap-frame').getAttribute('data-frame'))).toBeGreaterThan(4);
    const picked = Number(await page.getByTestId('xrd-heatmap-frame').getAttribute('data-frame'));
    expect(await page.getByTestId('xrd-heatmap-readout').innerText()).toContain(`frame ${picked + 1} (t =`);
    await shot(page, 'heatmap-picked');
    await app.showXrdView('frame');
    await expect(page.getByText(`frame ${picked + 1} / 11`)).toBeVisible();
    await expect(page.getByTestId('xrd-frame-slider')).toHaveValue(String(picked));
    // the frame's cursor readout: 2θ, d, q, I and the nearest reflection of each phase with ticks
    const frameChart = page.getByTestId('xrd-chart-frame');
    await expect(frameChart.locator('canvas').first()).toBeVisible();
    await at(frameChart, 0.45, 0.3, true);
    const frameTip = frameChart.locator('div').filter({ hasText: /Å⁻¹/ }).last();
    await expect(frameTip).toBeVisible();
    expect(await frameTip.innerText()).toMatch(/2θ = [\d.]+° · d = [\d.]+ Å · q = [\d.]+ Å⁻¹\s+I = [\d.]+ counts[\s\S]*: \d{3} at [\d.]+° \(Δ2θ [+−][\d.]+°\)/);
    await shot(page, 'frame-readout');

    // a quick analysis of the eleven frames
    await app.showXrdView('analysis');
    await app.setLibraryPhases({ hematite: false, magnetite: false, wustite: true, NiO: true, 'fcc-FeNi': true }, { 'bcc-Fe': true });
    await page.getByTestId('xrd-temperature').fill('700');
    await page.getByTestId('xrd-run').click();
    await expect(page.getByTestId('xrd-last-frame')).toBeVisible({ timeout: 200_000 });
    await expect(page.getByTestId('xrd-tab-results')).toHaveAttribute('aria-selected', 'true');
    // the overlaid TGA run is the one whose recipe matches the sequence (NiO in both)
    const overlay = page.getByTestId('xrd-tga-run');
    const chosen = await overlay.locator('option:checked').innerText();
    expect(chosen).toMatch(/NiO/);

    // the slider moves the marker on every results panel and the Results table to that frame
    await app.showXrdView('frame');
    await page.getByTestId('xrd-frame-slider').fill('3');
    await expect(page.getByText('frame 4 / 11')).toBeVisible();
    await expect(page.getByTestId('xrd-last-frame')).toHaveAttribute('data-frame', '3');
    await expect(page.getByTestId('xrd-last-frame')).toContainText('Frame 4 (');
    await expect(page.getByTestId('xrd-last-frame')).toContainText('on screen');
    await app.showXrdView('results');
    const line = page.getByTestId('xrd-results-frame');
    await expect(line).toHaveAttribute('data-frame', '3');
    await expect(line).toContainText('frame 4 · t = 90 s (1.5 min)');
    await expect(line).toContainText('wt %');
    await expect(line).toContainText('Å');
    await expect(line).toContainText('Rwp');
    await shot(page, 'results-frame4');

    // the tooltip at the cursor: time, every phase's wt % with σ, a in Å, Rwp and GoF
    const results = page.getByTestId('xrd-chart-results');
    await at(results, 0.85, 0.3, true);
    const tip = results.locator('div').filter({ hasText: /wt %/ }).last();
    await expect(tip).toBeVisible();
    const text = await tip.innerText();
    expect(text).toMatch(/frame \d+ · t = \d+ s \([\d.]+ min\)/);
    expect(text).toMatch(/fcc-\(Fe,Ni\)[^\n]*: [\d.]+ ± [\d.]+ wt % · a = 3\.\d+ ± [\d.]+ Å/);
    expect(text).toMatch(/NiO[^\n]*wt %/);
    expect(text).toMatch(/Rwp [\d.]+ % · GoF [\d.]+/);
    await shot(page, 'results-tooltip');

    // a click on a results chart picks that frame: late in the run, the frame view shows it
    await at(results, 0.85, 0.3);
    await expect.poll(async () => Number(await line.getAttribute('data-frame'))).toBeGreaterThan(6);
    const clicked = Number(await line.getAttribute('data-frame'));
    await expect(page.getByTestId('xrd-last-frame')).toHaveAttribute('data-frame', String(clicked));
    await page.getByTestId('xrd-results-show-frame').click();
    await expect(page.getByTestId('xrd-tab-frame')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('xrd-frame-slider')).toHaveValue(String(clicked));
    await expect(page.getByText(`frame ${clicked + 1} / 11`)).toBeVisible();
    await shot(page, 'frame-picked');
  });
});
