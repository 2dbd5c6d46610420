/**
 * The study as a technician keeps it (browser host): save into the server's study folder, reload the page and open
 * it again with the same metrics; undo and redo from the keyboard; a question before unsaved work is discarded;
 * after the server is killed and restarted, the work is offered back from its recovery file. Screenshots of the
 * toolbar, the help overlay and the recovery dialogs go to the test's output folder (or SHOTS_DIR).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(HERE, '../..');

const metricsTable = (page: Page) => page.getByTestId('metrics-row').allInnerTexts();

async function waitForTitle(page: Page, pattern: RegExp): Promise<void> {
  await expect.poll(() => page.title()).toMatch(pattern);
}

test('save, reload the page, open: the same metrics table', async ({ app, page }, testInfo) => {
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  await waitForTitle(page, /^Example study.* — ReductionLab$/);
  // a change: another reference run and other α targets
  await app.setReference('Fe2O3 + NiO, Fe-36Ni (SIMULATED)');
  await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'true');
  await waitForTitle(page, /^• Example study/);
  await page.getByTestId('studybar').screenshot({ path: join(dir, 'study-toolbar.png') });
  const before = await metricsTable(page);
  expect(before).toHaveLength(3);

  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('save-as-dialog');
  await expect(dialog).toBeVisible();
  const name = `e2e study ${Date.now()}`;
  await dialog.getByTestId('save-as-name').fill(name);
  await dialog.getByTestId('save-as-confirm').click();
  await expect(dialog).toBeHidden();
  await waitForTitle(page, new RegExp(`^${name} — ReductionLab$`));
  await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'false');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await app.newSession();
  await page.keyboard.press('Control+o');
  const open = page.getByTestId('open-dialog');
  await expect(open).toBeVisible();
  await open.locator(`[data-testid="open-study-row"][data-name="${name}"]`).getByTestId('open-study').click();
  await expect(app.runItems()).toHaveCount(4);
  await expect(page.getByTestId('metrics-row')).toHaveCount(3);
  await expect.poll(() => metricsTable(page)).toEqual(before);
  await waitForTitle(page, new RegExp(`^${name} — ReductionLab$`));
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('a downloaded study dropped on the window opens with the same metrics', async ({ app, page, tmp }) => {
  await app.setReference('Fe2O3 + Ni, Fe-36Ni (SIMULATED)');
  const before = await metricsTable(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('study-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^Example study.*\.rlab$/);
  const path = join(tmp, download.suggestedFilename());
  await download.saveAs(path);
  // a download is a copy: the study in the window is still unsaved, so New session asks
  await page.getByTestId('new-session').click();
  await page.getByTestId('confirm-discard-changes').click();
  await expect(app.runItems()).toHaveCount(0);
  const b64 = readFileSync(path).toString('base64');
  const transfer = await page.evaluateHandle((data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'dropped.rlab', { type: 'application/vnd.sqlite3' }));
    return dt;
  }, b64);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(app.runItems()).toHaveCount(4);
  await expect.poll(() => metricsTable(page)).toEqual(before);
});

test('undo and redo from the keyboard, Delete removes the selected run', async ({ app, page }) => {
  const before = await metricsTable(page);
  await app.selectRun('Fe2O3 + Ni, Fe-36Ni (SIMULATED)');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Delete');
  await expect(app.runItems()).toHaveCount(3);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Undo: Remove run “Fe2O3 \+ Ni, Fe-36Ni \(SIMULATED\)”/);
  await page.keyboard.press('Control+z');
  await expect(app.runItems()).toHaveCount(4);
  await expect.poll(() => metricsTable(page)).toEqual(before);
  await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'false');
  await page.keyboard.press('Control+Shift+z');
  await expect(app.runItems()).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(app.runItems()).toHaveCount(4);
  await page.keyboard.press('Control+y');
  await expect(app.runItems()).toHaveCount(3);
  // while typing, Ctrl+Z belongs to the field
  await app.selectRun('Fe2O3 (SIMULATED)');
  const label = page.getByTestId('run-details').getByRole('textbox').first();
  await label.click();
  await page.keyboard.press('Control+z');
  await expect(app.runItems()).toHaveCount(3);
  // the shortcuts, listed
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  for (const keys of ['Ctrl+O', 'Ctrl+S', 'Ctrl+Shift+S', 'Ctrl+Z', 'Ctrl+Y', 'Delete', '?']) await expect(help).toContainText(keys.split('+').pop() as string);
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? test.info().outputPath(), 'help-overlay.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('a question before unsaved work is discarded', async ({ app, page }) => {
  await app.setReference('Fe2O3 + NiO, Fe-36Ni (SIMULATED)');
  await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'true');
  await page.getByTestId('new-session').click();
  const confirm = page.getByTestId('confirm-discard');
  await expect(confirm).toContainText('has changes that are not saved');
  await confirm.getByTestId('confirm-cancel').click();
  await expect(confirm).toBeHidden();
  await expect(app.runItems()).toHaveCount(4);
  await page.getByTestId('open-example').click();
  await expect(confirm).toBeVisible();
  await confirm.getByTestId('confirm-cancel').click();
  await page.getByTestId('new-session').click();
  await confirm.getByTestId('confirm-discard-changes').click();
  await expect(app.runItems()).toHaveCount(0);
  await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'false');
  // an unchanged study is replaced without a question
  await page.getByTestId('open-example').click();
  await expect(app.runItems()).toHaveCount(4);
  await expect(confirm).toBeHidden();
  // closing the tab with unsaved work asks (beforeunload)
  await app.setReference('Fe2O3 + NiO, Fe-36Ni (SIMULATED)');
  await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'true');
  const asked = new Promise<string>((ok) => page.once('dialog', (d) => void d.dismiss().then(() => ok(d.type()))));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

/** A browser-mode server of this test's own, on `port` (0 = any), with its own data folder. */
async function startServer(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'out/node/server.mjs'), '--port', String(port), '--quiet', '--data-dir', dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('the server did not start within 30 s')), 30_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`the server exited (${code})`)));
  });
  return { child, url };
}

test('after the server is killed and restarted, the work is offered back', async ({ page, context, pageErrors }, testInfo) => {
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  const dataDir = mkdtempSync(join(tmpdir(), 'reductionlab-e2e-recovery-'));
  let server = await startServer(dataDir, 0);
  try {
    page.on('dialog', (d) => void d.accept());
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
    await page.getByTestId('reference').selectOption({ label: 'Fe2O3 + NiO, Fe-36Ni (SIMULATED)' });
    await expect(page.getByTestId('metrics-row').first()).toContainText('×');
    const changed = await metricsTable(page);
    // the autosave (2 s after the change) is on disk
    const recovery = join(dataDir, 'recovery');
    await expect.poll(() => (existsSync(recovery) ? readdirSync(recovery).filter((n) => n.endsWith('.rlab')).length : 0), { timeout: 15_000 }).toBe(1);
    // the study is written before its sidecar (name, pid): wait for the sidecar too, or a kill in between recovers an unnamed study
    await expect.poll(() => (existsSync(recovery) ? readdirSync(recovery).filter((n) => n.endsWith('.json')).map((n) => readFileSync(join(recovery, n), 'utf8')).join('') : ''), { timeout: 15_000 }).toContain('Example study');

    server.child.kill('SIGKILL');
    await new Promise((ok) => server.child.once('exit', ok));
    server = await startServer(dataDir, Number(new URL(server.url).port));

    // a new tab is offered the recovery file at start
    const other = await context.newPage();
    await other.goto(server.url);
    const offer = other.getByTestId('recovery-dialog');
    await expect(offer).toBeVisible();
    await expect(offer.getByTestId('recovery-row')).toHaveCount(1);
    await expect(offer.getByTestId('recovery-row')).toContainText('Example study');
    await other.screenshot({ path: join(dir, 'recovery-dialog.png') });
    await offer.getByTestId('recovery-later').click();
    await other.close();

    // the old tab's session is gone: it says so, and recovers
    await page.reload();
    const closed = page.getByTestId('session-closed');
    await expect(closed).toBeVisible();
    await expect(closed.getByTestId('session-closed-message')).toContainText(/This session was closed: .* Your work is in the recovery file/);
    await page.screenshot({ path: join(dir, 'session-closed.png') });
    await closed.getByTestId('session-recover').click();
    await expect(closed).toBeHidden();
    await expect(page.getByTestId('metrics-row')).toHaveCount(3);
    await expect.poll(() => metricsTable(page)).toEqual(changed);
    await expect(page.getByTestId('study-name')).toHaveAttribute('data-dirty', 'true');
    // the browser logs the 410 answers of the closed session as failed requests; nothing else
    const unexpected = pageErrors.filter((e) => !/status of 410/.test(e));
    pageErrors.splice(0, pageErrors.length, ...unexpected);
  } finally {
    server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
