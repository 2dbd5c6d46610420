/**
 * Test fixtures: `app` is a page object on a fresh page (its own server session), `tmp` a fresh folder for the
 * test's downloads; every test fails if the page logged an error or threw.
 */
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { AppPage } from './app-page';

export const test = base.extend<{ app: AppPage; tmp: string; pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
    });
    await use(errors);
    expect(errors, 'the page logged errors').toEqual([]);
  },
  // Playwright needs the empty pattern: this fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  tmp: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath('files');
    mkdirSync(dir, { recursive: true });
    await use(dir);
  },
  app: async ({ page, tmp, pageErrors }, use) => {
    void pageErrors;
    const url = process.env.REDUCTIONLAB_URL;
    if (!url) throw new Error('REDUCTIONLAB_URL is not set: the global setup starts the server');
    const app = new AppPage(page, tmp);
    await app.open(url);
    await use(app);
  },
});

export { expect };
