/**
 * The TGA workspace as NETZSCH Proteus, TA TRIOS and STARe users expect it: zoom that rescales, overlays of TG and
 * DTG, a readout of every series, settings applied as typed, checks on the run, derived curves, many runs,
 * replicates with mean ± SD (n), a 1024 × 700 screen and one-line notices. Screenshots go to $SHOTS_DIR when set.
 * Synthetic runs are written here (test input with known answers, not measurements).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { AppPage } from './support/app-page';

const shot = async (page: Page, name: string, dir: string): Promise<void> => {
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? dir, name) });
};

/**
 * A run in the simulated CSV layout: 50 mg of Fe2O3 logged every 2 s, Ar until 600 s, H2 until 2400 s, Ar until
 * 3000 s; α(t) since the switch is `alphaOf`, the loss `lossFactor` × the theoretical 30.06 %.
 */
function synthetic(dir: string, name: string, alphaOf: (t: number) => number, lossFactor = 1): string {
  const rows = ['time_s,temperature_C,mass_mg,gas'];
  for (let t = 0; t <= 3000; t += 2) {
    const alpha = t < 600 ? 0 : alphaOf(t - 600);
    rows.push(`${t},700,${(50 - 0.3005692 * 50 * lossFactor * alpha).toFixed(5)},${t < 600 ? 'Ar' : t < 2400 ? 'H2' : 'Ar'}`);
  }
  const path = join(dir, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

const jmak = (tauS: number) => (t: number) => 1 - Math.exp(-((t / tauS) ** 1.2));
const span = (r: [number, number]) => r[1] - r[0];

async function waitRanges(app: AppPage, id: 'raw' | 'conversion' | 'tg', check: (r: Record<string, [number, number]>) => boolean): Promise<Record<string, [number, number]>> {
  let last: Record<string, [number, number]> = {};
  await expect
    .poll(async () => {
      last = await app.yRanges(id);
      return check(last);
    })
    .toBe(true);
  return last;
}

test('zooming in time rescales mass and temperature; Shift zooms and pans y; double-click resets', async ({ app, page }, info) => {
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await app.showPlot('raw');
  const chart = app.chart('raw');
  await expect(chart).toHaveAttribute('data-x-range', '');
  const full = await app.yRanges('raw');
  expect(Object.keys(full)).toEqual(['mass', 'temperature', 'blank']);
  const box = (await chart.boundingBox())!;
  // Wheel over the Ar cooling after the reduction: time zooms about the cursor, mass and temperature follow the
  // visible data (the mass hardly changes there, the temperature falls).
  const px = box.x + box.width * 0.85;
  const py = box.y + box.height * 0.3;
  await page.mouse.move(px, py);
  for (let i = 0; i < 14; i++) await page.mouse.wheel(0, -300);
  await expect(chart).not.toHaveAttribute('data-x-range', '');
  const zoomed = await waitRanges(app, 'raw', (r) => span(r.mass) < span(full.mass) * 0.5);
  expect(span(zoomed.temperature)).toBeLessThan(span(full.temperature));
  const [x0, x1] = (await chart.getAttribute('data-x-range'))!.split(',').map(Number);
  expect(x1 - x0).toBeLessThan(30);
  await shot(page, 'tga-zoom-raw.png', info.outputPath());
  // Shift + wheel over the mass panel zooms its y axes about the cursor.
  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Shift');
  const yZoomed = await waitRanges(app, 'raw', (r) => span(r.mass) < span(zoomed.mass) * 0.95);
  // Shift + drag pans it.
  await page.keyboard.down('Shift');
  await page.mouse.down();
  await page.mouse.move(px, py + 40, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const panned = await waitRanges(app, 'raw', (r) => Math.abs(r.mass[0] - yZoomed.mass[0]) > 1e-9);
  expect(span(panned.mass)).toBeCloseTo(span(yZoomed.mass), 6);
  await expect(page.getByTestId('zoom-reset')).toBeVisible();
  // Double-click: everything back.
  await page.mouse.dblclick(px, py);
  await expect(chart).toHaveAttribute('data-x-range', '');
  await waitRanges(app, 'raw', (r) => JSON.stringify(r) === JSON.stringify(full));
  await expect(page.getByTestId('zoom-reset')).toHaveCount(0);
});

test('TG and DTG of every run overlaid in the runs colours, with a readout of both', async ({ app, page }, info) => {
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await app.showPlot('tg');
  const chart = app.chart('tg');
  await expect(chart).toHaveAttribute('data-lines', '6');
  const keys = JSON.parse((await chart.getAttribute('data-legend'))!) as string[];
  // the runs, then the key of the dashed t₀ line
  expect(keys).toEqual(['Fe2O3 (SIMULATED)', 'Fe2O3 + Ni, Fe-36Ni (SIMULATED)', 'Fe2O3 + NiO, Fe-36Ni (SIMULATED)', 't₀']);
  const legend = keys.slice(0, 3);
  const ranges = await app.yRanges('tg');
  // TG from 100 % down to 100 − 30.06 % (Fe2O3); DTG negative during the reduction
  expect(ranges.tg[1]).toBeGreaterThanOrEqual(100);
  expect(ranges.tg[0]).toBeLessThanOrEqual(70);
  expect(ranges.dtg[0]).toBeLessThan(0);
  const text = await app.readout('tg', 0.62, 0.3);
  for (const label of legend) {
    expect(text).toContain(`TG · ${label}:`);
    expect(text).toContain(`DTG · ${label}:`);
  }
  await shot(page, 'tga-tg-dtg.png', info.outputPath());
});

test('the crosshair lists every visible series: the sample mass stays beside the blank and the temperature', async ({ app, page }, info) => {
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await app.showPlot('raw');
  const raw = await app.readout('raw', 0.6, 0.3);
  for (const name of ['Raw mass', 'Blank-corrected mass', 'Temperature', 'Blank (empty crucible)']) expect(raw).toContain(`${name}:`);
  expect(raw).toMatch(/Raw mass: \d+\.\d+ mg/);
  await shot(page, 'tga-readout-raw.png', info.outputPath());
  await app.showPlot('conversion');
  const main = await app.readout('conversion', 0.25, 0.3);
  expect(main.match(/α · /g)).toHaveLength(3);
  // The inset (lower right) has its own readout: dα/dt of every run at the α under the cursor.
  // The inset's grid starts at 42 % of the chart's height and ends 44 px above the main grid's bottom: 55 % is inside it at any window height.
  const inset = await app.readout('conversion', 0.8, 0.55);
  expect(inset).toMatch(/^α = 0\.\d+/);
  expect(inset.match(/dα\/dt · /g)).toHaveLength(3);
  await shot(page, 'tga-readout-inset.png', info.outputPath());
});

test('settings apply as they are typed: smoothing window, α targets, saturation, start and end', async ({ app, page }) => {
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await expect(page.getByTestId('settings-apply')).toHaveCount(0);
  const fe = app.metricsRow('Fe2O3 (SIMULATED)');
  const rate = await fe.getByTestId('max-rate').innerText();
  await page.getByTestId('sg-window').fill('2 min');
  await expect(fe.getByTestId('max-rate')).not.toHaveText(rate);
  await page.getByTestId('alpha-targets').fill('0.2, 0.5, 0.95');
  await expect(fe.getByTestId('speedup-0.95')).toBeVisible();
  const tSat = await fe.getByTestId('t-sat').innerText();
  await page.getByTestId('saturation').fill('95');
  await expect(fe.getByTestId('t-sat')).not.toHaveText(tSat);
  // A value that does not parse says why and changes nothing.
  await page.getByTestId('sg-window').fill('15 mg');
  await expect(page.getByTestId('settings-problem')).toContainText('not a time');
  await page.getByTestId('sg-window').fill('15');
  await expect(page.getByTestId('settings-problem')).toHaveCount(0);

  await app.selectRun('Fe2O3 (SIMULATED)');
  await page.getByTestId('start-time').fill('45 min');
  await expect(page.getByTestId('start-note')).toContainText('set by the user at 2700 s');
  await expect(page.getByTestId('start-manual')).toBeChecked();
  await page.getByTestId('end-time').fill('3600');
  await expect(page.getByTestId('end-note')).toContainText('(set by hand): the end set by the user at 3600 s');
  await page.getByTestId('end-auto').click();
  await expect(page.getByTestId('end-note')).toContainText('switch away from the reducing gas');
  await page.getByTestId('start-auto').click();
  await expect(page.getByTestId('start-note')).not.toContainText('set by the user');
});

test('checks are shown on the run: α above 1.05, a late manual start, smoothing-sensitive peak, mass rising again', async ({ app, page, tmp }, info) => {
  await app.newSession();
  // a 6 s wide step (the peak rate depends on the window), 10 % more loss than Fe2O3 allows, and a regain of
  // 5 % of the theoretical loss after 20 min
  const alphaOf = (t: number) => 1 / (1 + Math.exp(-(t - 120) / 6)) - 1 / (1 + Math.exp(120 / 6)) - (t > 1200 ? 0.05 * Math.min(1, (t - 1200) / 300) : 0);
  await app.importFiles([synthetic(tmp, 'checked.csv', alphaOf, 1.1)]);
  await app.setRecipe('checked', [{ formula: 'Fe2O3' }]);
  const checks = page.getByTestId('run-checks').locator('li');
  await expect(checks).toHaveCount(3);
  expect(await checks.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['alpha-above', 'smoothing', 'mass-rise']);
  await expect(app.run('checked').getByTestId('run-checks-badge')).toHaveText('⚠ 3');
  await expect(app.metricsRow('checked').getByTestId('row-checks')).toBeVisible();
  await shot(page, 'tga-checks.png', info.outputPath());
  // A manual start 3 minutes after the switch, when α is already ≈ 1: late.
  await page.getByTestId('start-time').fill('780');
  await expect(page.getByTestId('run-checks').locator('li[data-code="late-start"]')).toContainText('after the mass loss began');
  await shot(page, 'tga-checks-late-start.png', info.outputPath());
});

test('a derived curve (m − blank) behaves like a channel: units checked, plotted, read out, exported', async ({ app, page }, info) => {
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await app.selectRun('Fe2O3 (SIMULATED)');
  const panel = page.getByTestId('derived-curves');
  await panel.locator('summary').click();
  await panel.getByTestId('derived-name').fill('bad');
  await panel.getByTestId('derived-expression').fill('m + T');
  await expect(panel.getByTestId('derived-preview')).toContainText('units do not match: mg + K');
  await expect(panel.getByTestId('derived-add')).toBeDisabled();
  await panel.getByTestId('derived-name').fill('m_net');
  await panel.getByTestId('derived-expression').fill('m - blank.m');
  await expect(panel.getByTestId('derived-preview')).toHaveText('Gives mg.');
  await panel.getByTestId('derived-add').click();
  await expect(panel.getByTestId('derived-curve')).toHaveCount(1);
  await expect(panel.getByTestId('derived-curve')).toContainText('m_net = m - blank.m [mg]');
  await panel.getByTestId('derived-name').fill('loss');
  await panel.getByTestId('derived-expression').fill('(m - m0)/m0');
  await panel.getByTestId('derived-unit').fill('%');
  await expect(panel.getByTestId('derived-preview')).toHaveText('Gives %.');
  await panel.getByTestId('derived-add').click();
  await expect(panel.getByTestId('derived-curve')).toHaveCount(2);

  await app.showPlot('raw');
  await expect(app.chart('raw')).toHaveAttribute('data-legend', /"m_net","loss"/);
  const text = await app.readout('raw', 0.6, 0.3);
  expect(text).toMatch(/m_net: \d+\.\d+ mg/);
  expect(text).toMatch(/loss: −?-?\d+(\.\d+)? %/);
  await shot(page, 'tga-derived.png', info.outputPath());

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('export-channels').click()]);
  const path = join(app.tmp, download.suggestedFilename());
  await download.saveAs(path);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('file_time_s,m_mg,T_C,m_net_mg,loss_percent');
  const [, m, , net] = lines[3001].split(',').map(Number);
  expect(net).toBeLessThan(m);
});

test('ten runs: distinct colours, patterns and markers, a legend that never clips, labels clear of the buttons', async ({ app, page, tmp }, info) => {
  await app.newSession();
  const paths = Array.from({ length: 10 }, (_, i) => synthetic(tmp, `Fe2O3 + NiO Fe-36Ni 700C replicate ${String(i + 1).padStart(2, '0')} long label.csv`, jmak(200 + 25 * i)));
  await app.importFiles(paths);
  await expect(app.runItems()).toHaveCount(10);
  const chart = app.chart('conversion');
  // ten α(t) curves and their ten dα/dt(α) curves in the inset
  await expect(chart).toHaveAttribute('data-lines', '20');
  await expect(chart).toHaveAttribute('data-markers', '2');
  expect(JSON.parse((await chart.getAttribute('data-legend'))!)).toHaveLength(10);
  // the plot starts below every row of the (wrapping) legend
  const top = Number(await chart.getAttribute('data-grid-top'));
  const legendHeight = Number(await chart.getAttribute('data-legend-height'));
  expect(legendHeight).toBeGreaterThan(40);
  expect(top).toBeGreaterThanOrEqual(legendHeight);
  // every swatch in the run list differs in colour, pattern or marker
  const swatches = await page.getByTestId('run-list').getByTestId('run-swatch').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-color')}|${e.getAttribute('data-dash')}|${e.getAttribute('data-marker')}`));
  expect(new Set(swatches).size).toBe(10);
  // long labels wrap inside their item and never reach the buttons
  for (const item of await app.runItems().all()) {
    const name = (await item.locator('.run-name').boundingBox())!;
    const buttons = (await item.locator('.run-actions').boundingBox())!;
    expect(name.x + name.width).toBeLessThanOrEqual(buttons.x + 0.5);
  }
  await app.selectRun('Fe2O3 + NiO Fe-36Ni 700C replicate 10 long label');
  const tab = (await page.getByTestId('tab-raw').boundingBox())!;
  const svg = (await page.getByTestId('export-svg').boundingBox())!;
  expect(tab.x + tab.width <= svg.x || tab.y + tab.height <= svg.y || svg.y + svg.height <= tab.y).toBe(true);
  await shot(page, 'tga-ten-runs.png', info.outputPath());
});

test('replicates: each condition as mean ± SD (n), speed-ups with their uncertainty next to the name', async ({ app, page, tmp }, info) => {
  await app.newSession();
  const files = [
    synthetic(tmp, 'Fe2O3_1.csv', jmak(270)),
    synthetic(tmp, 'Fe2O3_2.csv', jmak(300)),
    synthetic(tmp, 'Fe2O3_3.csv', jmak(330)),
    synthetic(tmp, 'NiO_1.csv', jmak(140)),
    synthetic(tmp, 'NiO_2.csv', jmak(160)),
    synthetic(tmp, 'Ni.csv', jmak(200)),
  ];
  await app.importFiles(files);
  await expect(page.getByTestId('metrics-row')).toHaveCount(6);
  await expect(page.getByTestId('metrics-row').first().getByTestId('n')).toHaveText('1');
  await page.getByTestId('group-replicates').click();
  await expect(app.condition('Fe2O3')).toBeVisible();
  await expect(app.condition('Fe2O3').getByTestId('n')).toHaveText('3');
  await expect(app.condition('NiO').getByTestId('n')).toHaveText('2');
  await expect(app.condition('Fe2O3').getByTestId('speedup-0.5')).toHaveText('ref');
  const nio = app.condition('NiO').getByTestId('speedup-0.5');
  await expect(nio).toHaveText(/^2\.\d\d×± 0\.\d\d$/);
  const value = Number(await nio.getAttribute('data-value'));
  const u = Number(await nio.getAttribute('data-u'));
  expect(value).toBeGreaterThan(1.8);
  expect(value).toBeLessThan(2.3);
  expect(u).toBeGreaterThan(0.05);
  expect(u).toBeLessThan(0.5);
  // mean ± SD of t(α=0.5) in minutes, three decimals below 10 min
  await expect(app.condition('Fe2O3').getByTestId('t-0.5')).toHaveText(/^\d\.\d{3}± 0\.\d{3}$/);
  // the single run says n = 1
  await expect(app.metricsRow('Ni').getByTestId('n')).toHaveText('1');
  // the speed-ups come right after the name and n
  const headers = await page.getByTestId('metrics-table').locator('thead th').allInnerTexts();
  expect(headers[2]).toMatch(/^speed-up/);
  await expect(page.getByTestId('reference')).toContainText('Fe2O3 (n = 3)');
  // a run moved to a condition of its own by typing it
  await app.selectRun('NiO_2');
  await page.getByTestId('run-condition').fill('NiO fresh powder');
  await expect(app.condition('NiO fresh powder')).toBeVisible();
  await expect(app.condition('NiO').getByTestId('n')).toHaveText('1');
  await shot(page, 'tga-replicates.png', info.outputPath());
});

test('at 1024 × 700 the TGA workspace needs no horizontal scroll and the speed-ups are in view', async ({ app, page }, info) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  const overflow = async () =>
    page.evaluate(() => {
      const els = [document.documentElement, ...Array.from(document.querySelectorAll<HTMLElement>('.top, .side, .content, .panel'))];
      return els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className || e.tagName}: ${e.scrollWidth} > ${e.clientWidth}`);
    });
  expect(await overflow()).toEqual([]);
  await shot(page, 'tga-1024-top.png', info.outputPath());
  await page.getByTestId('metrics-table').scrollIntoViewIfNeeded();
  const wrap = (await page.locator('.table-wrap').boundingBox())!;
  for (const id of ['speedup-0.5', 'speedup-0.9', 'speedup-sat']) {
    const cell = (await app.metricsRow('Fe2O3 + NiO, Fe-36Ni (SIMULATED)').getByTestId(id).boundingBox())!;
    expect(cell.x + cell.width, id).toBeLessThanOrEqual(wrap.x + wrap.width);
  }
  await shot(page, 'tga-1024-metrics.png', info.outputPath());
  for (const plot of ['tg', 'raw'] as const) {
    await app.showPlot(plot);
    expect(await overflow()).toEqual([]);
  }
  // the run panel can be hidden to give the plots the width
  await page.getByTestId('side-toggle').click();
  await expect(page.locator('aside.side')).toBeHidden();
  await shot(page, 'tga-1024-side-hidden.png', info.outputPath());
  await page.getByTestId('side-toggle').click();
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
});

test('notices: one line with a count, information fades, a file is named once', async ({ app, page, tmp }) => {
  await app.newSession();
  const bad1 = join(tmp, 'broken-one.csv');
  const bad2 = join(tmp, 'broken-two.csv');
  writeFileSync(bad1, 'this is not\na TGA export\n');
  writeFileSync(bad2, 'neither\nis this\n');
  await app.importFiles([bad1, bad2]);
  await expect(app.errors()).toHaveCount(1);
  const text = await app.errors().innerText();
  expect(text.split('broken-two.csv').length - 1, text).toBe(1);
  await expect(page.getByTestId('notice-more')).toHaveText('+1 more (1 error)');
  await page.getByTestId('notice-more').click();
  await expect(page.getByTestId('notice-item')).toHaveCount(1);
  await expect(page.getByTestId('notice-item')).toContainText('broken-one.csv');
  // information (a saved file) shows, then fades away by itself; the errors stay
  await app.importFiles([synthetic(tmp, 'ok.csv', jmak(300))]);
  await expect(page.getByTestId('metrics-row')).toHaveCount(1);
  await page.getByTestId('export-metrics').click();
  await expect(page.getByTestId('notice-more')).toContainText('+2 more');
  await expect(page.getByTestId('notice-more')).toContainText('+1 more', { timeout: 12_000 });
  await expect(app.errors()).toHaveCount(1);
});
