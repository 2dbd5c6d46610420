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
