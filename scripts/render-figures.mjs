// Render exported SVG figures to PNG in Chromium, to look at them: node scripts/render-figures.mjs DIR [dpi]
// Every DIR/*.svg becomes DIR/*.png at its physical size (mm in the SVG root) and the given dpi (default 300).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const dir = process.argv[2];
const dpi = Number(process.argv[3] ?? 300);
if (!dir) throw new Error('usage: node scripts/render-figures.mjs DIR [dpi]');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: dpi / 96 });
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
    const svg = readFileSync(join(dir, name), 'utf8');
    const mm = (attr) => Number((new RegExp(`<svg[^>]*\\s${attr}="([\\d.]+)mm"`).exec(svg) ?? [])[1] ?? 100);
    const [w, h] = [Math.ceil((mm('width') / 25.4) * 96), Math.ceil((mm('height') / 25.4) * 96)];
    await page.setViewportSize({ width: w, height: h });
    await page.setContent(`<html><body style="margin:0;background:#fff">${svg.replace(/^<\?xml[^>]*>/, '')}</body></html>`);
    await page.screenshot({ path: join(dir, name.replace(/\.svg$/, '.png')), clip: { x: 0, y: 0, width: w, height: h } });
  }
} finally {
  await browser.close();
}
