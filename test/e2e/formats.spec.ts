/**
 * Readers a technician meets in the app: a TA TRIOS Excel export imported in the TGA workspace is read as one run
 * (its step sheets as segments), with the rule that ends its window shown and the end settable by hand; a STOE raw
 * file and Bruker RAW v1/v2 files opened in the SXRD workspace show their import report (format, points, 2θ range,
 * λ, the readers' notes) before any analysis. The real files are read in place from ../shared/fixtures/more-layouts
 * (skipped, with the reason, when absent). With SHOTS_DIR set, screenshots are written there
 * (app-tga-trios-excel.png, app-xrd-import-report.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { missingShared, sharedFixture } from '../fixtures/shared-fixtures';

const SHOTS = process.env.SHOTS_DIR;

test('TGA: a TRIOS Excel export becomes one run with its steps; its window end is named and can be set by hand', async ({ app, page }) => {
  const missing = missingShared('more-layouts/tga/TA_instrument_excel.xls');
  test.skip(!!missing, missing || '');
  await app.newSession();
  await app.importFiles([sharedFixture('more-layouts/tga/TA_instrument_excel.xls')]);
  await expect(app.runItems()).toHaveCount(1);
  await expect(app.errors()).toHaveCount(0);
  await app.runItems().first().getByRole('button').first().click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('TA_instrument_excel.xls · TA Instruments TRIOS Excel export · 21,912 points');
  await report.locator('summary').click();
  await expect(report).toContainText("Sample: 'Sample 1', 7.567 mg, TGA5500, serial 5500-0631");
  await expect(report).toContainText('Segment 3: ramp, Ramp 2.00 °C/min to 550.00 °C, 3900.6–19546.2 s, gas Ar');
  await expect(report).toContainText('Segment 5: cool, Ramp 100.00 °C/min to 30.00 °C');
  // no reducing gas: the start is the onset of the mass loss under the ramp; the window ends where cooling starts
  const endNote = page.getByTestId('end-note');
  await expect(endNote).toHaveAttribute('data-source', 'segment');
  await expect(endNote).toContainText("cooling starts with 'Ramp 100.00 °C/min to 30.00 °C' at 20746.2 s");
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'app-tga-trios-excel.png'), fullPage: true });
  }
  // the end by hand: a file time typed into the End field applies as it is typed; automatic goes back to the rules
  await page.getByTestId('end-time').fill('19546.2 s');
  await page.getByTestId('end-time').press('Enter');
  await expect(endNote).toHaveAttribute('data-source', 'manual');
  await expect(endNote).toContainText('the end set by the user at 19546.2 s');
  await page.getByTestId('end-auto').click();
  await expect(endNote).toHaveAttribute('data-source', 'segment');
});

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
