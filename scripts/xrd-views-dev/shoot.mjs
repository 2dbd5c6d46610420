// Dev harness: bundle main.tsx with esbuild into OUT (the system temp folder's xrd-dev, where make-data.ts writes
// data.js), write OUT/index.html from index.html, open it in Chromium (playwright-core) and screenshot the views and
// the exported figures into SHOTS/xrd-*.png (the temp folder's shots).
// Run after make-data.ts: node scripts/xrd-views-dev/shoot.mjs [name …]
/* global window */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const OUT = join(tmpdir(), 'xrd-dev');
const SHOTS = join(tmpdir(), 'shots');
mkdirSync(SHOTS, { recursive: true });
writeFileSync(join(OUT, 'index.html'), readFileSync(`${here}index.html`, 'utf8'));

await build({
  entryPoints: [`${here}main.tsx`],
  bundle: true,
  format: 'iife',
  outfile: `${OUT}/app.js`,
  jsx: 'automatic',
  loader: { '.css': 'css' },
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  logLevel: 'warning',
});

const page0 = `file://${OUT}/index.html`;
const shots = [
  { name: 'bench', q: 'mode=bench', w: 1300, h: 700 },
  { name: 'bench-big', q: 'mode=bench&data=data-big', w: 1300, h: 700 },
  { name: 'bench-cells', q: 'mode=bench&cells=1', w: 1300, h: 700 },
  { name: 'bench-big-cells', q: 'mode=bench&data=data-big&cells=1', w: 1300, h: 700 },
  { name: 'app-heatmap-big', q: 'mode=app&view=heatmap&data=data-big', w: 1400, h: 700 },
  { name: 'app-heatmap', q: 'mode=app&view=heatmap', w: 1400, h: 700 },
  { name: 'app-heatmap-d', q: 'mode=app&view=heatmap', w: 1400, h: 700, act: async (p) => p.getByTestId('xrd-axis').selectOption('d_A') },
  { name: 'app-heatmap-windows', q: 'mode=app&view=heatmap', w: 1400, h: 700, act: async (p) => p.getByTestId('xrd-windows').check() },
  { name: 'app-heatmap-hover', q: 'mode=app&view=heatmap', w: 1400, h: 700, act: async (p) => p.mouse.move(500, 300) },
  { name: 'app-frame-q', q: 'mode=app&view=frame', w: 1400, h: 700, act: async (p) => { await p.getByTestId('xrd-axis').selectOption('q_A^-1'); await p.getByTestId('xrd-frame-slider').fill('30'); } },
  { name: 'app-waterfall', q: 'mode=app&view=waterfall', w: 1400, h: 700 },
  { name: 'app-frame', q: 'mode=app&view=frame', w: 1400, h: 700 },
  { name: 'app-results', q: 'mode=app&view=results', w: 1400, h: 900 },
  { name: 'app-analysis', q: 'mode=app&view=analysis&running=1', w: 1400, h: 900 },
  { name: 'fig-heatmap', q: 'mode=figure&fig=heatmap&preset=single', w: 900, h: 800 },
  { name: 'fig-windows', q: 'mode=figure&fig=windows&preset=double', w: 1700, h: 900 },
  { name: 'fig-waterfall', q: 'mode=figure&fig=waterfall&preset=single', w: 900, h: 800 },
  { name: 'fig-frame', q: 'mode=figure&fig=frame&preset=double&frame=30', w: 1700, h: 900 },
  { name: 'fig-frame-png', q: 'mode=figure&fig=frame&preset=single&frame=60&as=300', w: 900, h: 800 },
  { name: 'fig-results', q: 'mode=figure&fig=results&preset=single&h=1.7', w: 900, h: 1300 },
];
const wanted = process.argv.slice(2);
// bench shots only when named
const isBench = (n) => n.startsWith('bench') || n.endsWith('-big');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--allow-file-access-from-files'] });
try {
  for (const s of shots.filter((x) => (wanted.length === 0 ? !isBench(x.name) : wanted.includes(x.name)))) {
    const page = await browser.newPage({ viewport: { width: s.w, height: s.h } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const t0 = Date.now();
    await page.goto(`${page0}?${s.q}`);
    await page.waitForFunction(() => window.__XRD_READY__ === true, null, { timeout: 30000 });
    const ms = Date.now() - t0;
    if (s.act) {
      await s.act(page);
      await page.waitForTimeout(800); // let the async grid/frames arrive (dev harness only)
    }
    const svgBytes = await page.evaluate(() => window.__XRD_SVG_BYTES__ ?? null);
    const benchResult = await page.evaluate(() => window.__XRD_BENCH__ ?? null);
    if (benchResult) console.log(JSON.stringify(benchResult));
    const target = s.q.includes('mode=figure') ? page.locator('#figure') : page;
    await target.screenshot({ path: `${SHOTS}/xrd-${s.name}.png` });
    console.log(`${s.name}: ${ms} ms${svgBytes ? `, SVG ${(svgBytes / 1e6).toFixed(2)} MB` : ''}${errors.length ? ` ERRORS: ${errors.join(' | ')}` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
}
