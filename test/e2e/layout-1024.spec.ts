/**
 * Every workspace at 1024 × 700 (a laboratory laptop): no horizontal scroll in the page or in any panel, the side
 * panel narrows or collapses with its toggle, and the figure composer fits. The SXRD workspace is shown with a
 * sequence loaded. Screenshots go to $SHOTS_DIR when set.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const local = resolve(HERE, '../fixtures/simulated/sxrd-fe2o3_nio-700C');
const SXRD = existsSync(local) ? local : resolve(HERE, '../../../shared/fixtures/simulated/sxrd-fe2o3_nio-700C');
const SHOTS = process.env.SHOTS_DIR;

/** Elements wider than their box that scroll sideways (or the page itself), named by test id or class. */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page (${doc.scrollWidth} > ${doc.clientWidth})`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(style.overflowX) || el.offsetParent === null) continue;
      // tables that scroll sideways by design are marked so; everything else must fit
      if (el.closest('[data-scroll-x]')) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.dataset.testid ?? el.className} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  });
}

test('at 1024 × 700 every workspace fits without horizontal scrolling', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  const check = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `layout-1024-${name}.png`) });
    expect(await sidewaysScrollers(page), name).toEqual([]);
  };
  await check('tga');
  await app.showWorkspace('xrd');
  await check('xrd-empty');
  const frames = readdirSync(SXRD)
    .filter((n) => n.endsWith('.xy'))
    .sort()
    .slice(0, 11)
    .map((n) => join(SXRD, n));
  await app.openSequence(frames, 30);
  await expect(page.getByTestId('xrd-frame-count')).toContainText('11 frames');
  await check('xrd-heatmap');
  for (const view of ['waterfall', 'frame', 'analysis'] as const) {
    await app.showXrdView(view);
    await check(`xrd-${view}`);
  }
  await page.getByTestId('workspace-kinetics').click();
  await check('kinetics');
  await app.showWorkspace('hp');
  for (const tab of ['pressure', 'radiography', 'maps']) {
    const t = page.getByTestId(`hp-tab-${tab}`);
    if ((await t.count()) === 0) continue;
    await t.click();
    await check(`hp-${tab}`);
  }
  await page.getByTestId('composer-open').click();
  await check('composer');
});

/** Inputs whose placeholder is wider than the room inside them (measured in the input's own font). */
async function clippedPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLInputElement>('input[placeholder]'))) {
      if (el.offsetParent === null || el.value !== '' || !el.placeholder) continue;
      const s = getComputedStyle(el);
      ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (ctx.measureText(el.placeholder).width > room + 0.5) out.push(`${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.placeholder}: "${el.placeholder}"`);
    }
    return out;
  });
}

test('at 1024 × 700 no placeholder is cut and the study name keeps its start and end, the full name in the title', async ({ app, page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('workspace-kinetics').click();
  await expect(page.getByTestId('kin-new-series-name')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'layout-1024-kinetics-placeholders.png') });
  expect(await clippedPlaceholders(page)).toEqual([]);
  await app.showWorkspace('tga');
  expect(await clippedPlaceholders(page)).toEqual([]);

  // the example study's long name: shortened in the middle, never to "Exa…"; the whole name on hover and as the title
  const name = page.getByTestId('study-name-text');
  const full = (await name.getAttribute('data-full'))!;
  expect(full).toMatch(/^Example study: .*\(SIMULATED\)$/);
  const shown = await name.innerText();
  expect(shown.length).toBeGreaterThanOrEqual(20);
  expect(shown.startsWith('Example study')).toBe(true);
  expect(shown.endsWith('(SIMULATED)')).toBe(true);
  await expect(page.getByTestId('study-name')).toHaveAttribute('title', new RegExp(`^${full.replace(/[()]/g, '\\$&')}\\n`));
  await expect(page).toHaveTitle(new RegExp(full.replace(/[()]/g, '\\$&')));
  // a wider window shows more of it
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect.poll(async () => (await name.innerText()).length).toBeGreaterThan(shown.length + 20);
  expect((await name.innerText()).endsWith('(SIMULATED)')).toBe(true);
});
