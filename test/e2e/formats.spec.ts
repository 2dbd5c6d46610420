/**
 * Readers a technician meets in the app: a STOE raw file and Bruker RAW v1/v2 files opened in the SXRD workspace
 * show their import report (format, points, 2θ range, λ, the readers' notes) before any analysis. The real files are
 * read in place from ../shared/fixtures/more-layouts (skipped, with the reason, when absent). With SHOTS_DIR set, a
 * screenshot of the report is written there (app-xrd-import-report.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { missingShared, sharedFixture } from '../fixtures/shared-fixtures';

const SHOTS = process.env.SHOTS_DIR;

test('SXRD: a STOE raw file and Bruker RAW v1/v2 files show their import report', async ({ app, page }) => {
  const missing = missingShared('more-layouts/xrd');
  test.skip(!!missing, missing || '');
  const dir = sharedFixture('more-layouts/xrd');
  await app.showWorkspace('xrd');
  await app.openSequence([join(dir, 'stoe.raw')]);
  await expect(page.getByTestId('xrd-frame-count')).toHaveText('1 frame × 5404 points');
  const report = page.getByTestId('xrd-import-report');
  await expect(report).toContainText('Import report: 1 frame · STOE WinXPOW raw (.raw)');
  const row = report.getByTestId('xrd-report-frame');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('xrd-report-points')).toHaveText('5404');
  await expect(row.getByTestId('xrd-report-range')).toHaveText('10–91.045');
  await expect(row.getByTestId('xrd-report-wavelength')).toHaveText('1.20793');

  // two Bruker RAW generations side by side: a v2 file with its own λ and a v1 file, both Cu Kα
  await app.openSequence([join(dir, 'brk_raw1.raw'), join(dir, 'brk_raw2.raw')]);
  await expect(page.getByTestId('xrd-frame-count')).toHaveText(/^2 frames × \d+ points$/);
  await expect(report).toContainText('Import report: 2 frames · Bruker / Siemens RAW');
  await expect(report.getByTestId('xrd-report-frame')).toHaveCount(2);
  await expect(report.getByTestId('xrd-report-range')).toHaveText(['4.98–39.98', '5–150']);
  await expect(report.getByTestId('xrd-report-wavelength')).toHaveText(['1.5406', '1.5406']);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'app-xrd-import-report.png') });
  }

  // the beamline table: two images, the reader says which x column it took and where λ came from
  await app.openSequence([join(dir, 'data.dat')]);
  await expect(report.getByTestId('xrd-report-frame')).toHaveCount(2);
  await expect(report.getByTestId('xrd-report-note').first()).toContainText('all frames: x column: twotheta: 2θ at the beamline wavelength');
  await expect(report).toContainText('wavelength source: derived from the twotheta and dspacing columns');
});
