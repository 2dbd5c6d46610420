/**
 * Electron smoke test: launches the built app (out/main/index.js) with Playwright's _electron and checks that
 * the window shows the example study through the real preload and IPC. Runs only where the Electron binary
 * exists; elsewhere it skips and says why (the browser-host specs cover the renderer and the handlers).
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { accessSync, constants, existsSync } from 'node:fs';
// @ts-expect-error -- a plain ES module script without types
import { electronBinary as findElectron } from '../../scripts/start.mjs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

const repoRoot = resolve(HERE, '../..');

/**
 * The Electron binary, found as `npm start` finds it (scripts/start.mjs: path.txt → dist/…), or why there is none.
 * Electron's own require would try to download it here, noisily; this test only looks.
 */
function electronBinary(): { path: string } | { reason: string } {
  const path = findElectron() as string | null;
  if (path === null) return { reason: `no Electron binary in ${resolve(repoRoot, 'node_modules/electron/dist')} (it is fetched on the first npm start with internet access)` };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { reason: `${path} is not executable` };
  }
  return { path };
}

const binary = electronBinary();
const mainEntry = resolve(repoRoot, 'out/main/index.js');

test('the Electron window opens the example study through the preload and IPC', async () => {
  if ('reason' in binary) {
    console.log(`Electron binary not available: ${binary.reason}. Skipping the Electron smoke test.`);
    test.skip(true, `Electron binary not available: ${binary.reason}`);
    return;
  }
  if (!existsSync(mainEntry)) {
    console.log(`Electron build not found at ${mainEntry}: run "npm run build" first. Skipping the Electron smoke test.`);
    test.skip(true, 'out/main/index.js missing: run npm run build');
    return;
  }
  const app = await electron.launch({ executablePath: binary.path, args: [mainEntry], cwd: repoRoot });
  try {
    const window = await app.firstWindow();
    const errors: string[] = [];
    window.on('pageerror', (e) => errors.push(e.message));
    await expect(window.getByRole('heading', { name: 'ReductionLab' })).toBeVisible();
    await expect(window.getByTestId('study-label')).toHaveText(/simulated/i);
    await expect(window.getByTestId('metrics-row')).toHaveCount(3);
    // The sandboxed renderer sees the Api and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort().slice(0, 4))).toEqual(['cancelTask', 'clearSession', 'getSession', 'getTasks']);
    expect(errors).toEqual([]);
  } finally {
    await app.close();
  }
});
