import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/fixtures';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIR = resolve(HERE, '../../../shared/fixtures/simulated/sxrd-fe2o3_nio-700C');
test('dbg', async ({ app, page }) => {
  await app.showWorkspace('xrd');
  await app.openSequence(readdirSync(DIR).filter((n) => n.endsWith('.xy')).sort().slice(0, 11).map((n) => join(DIR, n)), 30);
  const hm = page.getByTestId('xrd-chart-heatmap');
  await hm.locator('canvas').first().waitFor();
  await page.waitForTimeout(1500);
  const box = (await hm.boundingBox())!;
  for (const [fx, fy] of [[0.5, 0.2], [0.5, 0.5], [0.3, 0.8]]) {
    await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
    await page.waitForTimeout(300);
    console.log(fx, fy, await page.getByTestId('xrd-heatmap-readout').innerText());
  }
  await page.mouse.click(box.x + 0.5 * box.width, box.y + 0.2 * box.height);
  await page.waitForTimeout(300);
  console.log(await page.getByTestId('xrd-heatmap-readout').innerText(), existsSync(DIR));
});
