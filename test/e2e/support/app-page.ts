/** Page object for the ReductionLab window: what a technician does, in the words of the UI. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';

export class AppPage {
  constructor(
    readonly page: Page,
    readonly tmp: string,
  ) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'ReductionLab' })).toBeVisible();
    // The first load opens the example study; wait until the session is shown.
    await expect(this.page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  }

  async newSession(): Promise<void> {
    await this.page.getByTestId('new-session').click();
    // unsaved work (a run imported by the test) is discarded after the question
    const discard = this.page.getByTestId('confirm-discard-changes');
    await expect.poll(async () => (await discard.isVisible()) || (await this.runItems().count()) === 0).toBe(true);
    if (await discard.isVisible()) await discard.click();
    await expect(this.runItems()).toHaveCount(0);
  }

  runItems(): Locator {
    return this.page.getByTestId('run-item');
  }

  run(label: string): Locator {
    return this.page.locator(`[data-testid="run-item"][data-run-label="${label}"]`);
  }

  async importFiles(paths: string[]): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(paths);
  }

  async selectRun(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Select ${label}`, exact: true }).click();
    await expect(this.page.getByTestId('run-details').getByRole('heading')).toContainText(label);
  }

  /** Type a recipe into the editor of the selected run and apply it. */
  async setRecipe(label: string, precursors: { formula: string; wtPercent?: number }[], target?: string): Promise<void> {
    await this.selectRun(label);
    const editor = this.page.getByTestId('recipe-editor');
    for (let i = 0; i < precursors.length; i++) {
      if ((await editor.getByTestId(`recipe-formula-${i}`).count()) === 0) await editor.getByTestId('recipe-add').click();
      await editor.getByTestId(`recipe-formula-${i}`).fill(precursors[i].formula);
      await editor.getByTestId(`recipe-wt-${i}`).fill(precursors[i].wtPercent === undefined ? '' : String(precursors[i].wtPercent));
    }
    await editor.getByTestId('recipe-target').fill(target ?? '');
    await editor.getByTestId('recipe-apply').click();
    await expect(this.page.getByTestId('recipe-result')).toBeVisible();
  }

  async setBlankForAll(label: string): Promise<void> {
    await this.page.getByTestId('blank-all').selectOption({ label });
  }

  async setReference(label: string): Promise<void> {
    await this.page.getByTestId('reference').selectOption({ label });
  }

  metricsRow(label: string): Locator {
    return this.page.locator(`[data-testid="metrics-row"][data-run-label="${label}"]`);
  }

  /**
   * The speed-up factor shown for a run at an α target: the number behind the cell, after checking that the cell
   * reads it ("2.50×", two decimals) — what the user sees is what is tested.
   */
  async speedUp(label: string, alpha: string): Promise<number> {
    const cell = this.metricsRow(label).getByTestId(`speedup-${alpha}`);
    await expect(cell).not.toHaveText('—');
    const value = Number(await cell.getAttribute('data-value'));
    await expect(cell).toHaveText(`${value.toFixed(2)}×`);
    return value;
  }

  /** The metrics table as the user reads it: header cell text → this run's cell text. */
  async metricsCells(label: string): Promise<Record<string, string>> {
    const header = (await this.page.getByTestId('metrics-table').locator('thead th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    const row = (await this.metricsRow(label).locator('th, td').allInnerTexts()).map((t) => t.trim());
    return Object.fromEntries(header.map((h, i) => [h, row[i]]));
  }

  async showPlot(id: 'conversion' | 'raw' | 'alphaT' | 'tg'): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
    await expect(this.page.getByTestId(`tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  private async save(click: () => Promise<void>): Promise<{ download: Download; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), click()]);
    const path = join(this.tmp, download.suggestedFilename());
    await download.saveAs(path);
    return { download, path };
  }

  async exportSvg(): Promise<string> {
    return (await this.save(() => this.page.getByTestId('export-svg').click())).path;
  }

  async exportPng(dpi: 300 | 600): Promise<string> {
    return (await this.save(() => this.page.getByTestId(`export-png-${dpi}`).click())).path;
  }

  async exportMetricsCsv(): Promise<string> {
    return (await this.save(() => this.page.getByTestId('export-metrics').click())).path;
  }

  async exportDerivedCsv(label: string): Promise<string> {
    return (await this.save(() => this.metricsRow(label).getByTestId('export-derived').click())).path;
  }

  errors(): Locator {
    return this.page.getByTestId('error');
  }

  // ── TGA views ──

  chart(id: 'conversion' | 'raw' | 'alphaT' | 'tg'): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  /** The y ranges of a chart's axes by id, as drawn. */
  async yRanges(id: 'conversion' | 'raw' | 'alphaT' | 'tg'): Promise<Record<string, [number, number]>> {
    return JSON.parse((await this.chart(id).getAttribute('data-y-ranges')) ?? '{}') as Record<string, [number, number]>;
  }

  /** Hover a chart at a fraction of its box and return the crosshair readout's text. */
  async readout(id: 'conversion' | 'raw' | 'alphaT' | 'tg', fx: number, fy: number): Promise<string> {
    const box = (await this.chart(id).boundingBox())!;
    await this.page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    const tip = this.chart(id).locator('div').filter({ hasText: /=/ }).last();
    await expect(tip).toBeVisible();
    return (await tip.innerText()).trim();
  }

  condition(name: string): Locator {
    return this.page.locator(`[data-testid="condition-row"][data-condition="${name}"]`);
  }

  // ── SXRD sequence workspace ──

  async showWorkspace(id: 'tga' | 'xrd' | 'hp'): Promise<void> {
    await this.page.getByTestId(`workspace-${id}`).click();
    await expect(this.page.getByTestId(`workspace-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** Set the frame interval (s) used when the sequence is built, then pick its frames with the file input. */
  async openSequence(paths: string[], intervalS?: number): Promise<void> {
    if (intervalS !== undefined) await this.page.getByTestId('xrd-seq-interval').fill(String(intervalS));
    await this.page.getByTestId('xrd-file-input').setInputFiles(paths);
  }

  async openSequenceFolder(dir: string): Promise<void> {
    await this.page.getByTestId('xrd-folder-input').setInputFiles(dir);
  }

  async addCifs(paths: string[]): Promise<void> {
    await this.page.getByTestId('xrd-cif-input').setInputFiles(paths);
  }

  async showXrdView(id: 'heatmap' | 'waterfall' | 'frame' | 'results' | 'analysis'): Promise<void> {
    await this.page.getByTestId(`xrd-tab-${id}`).click();
    await expect(this.page.getByTestId(`xrd-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** In the Analysis view: which library phases are refined and which only detected. */
  async setLibraryPhases(refine: Record<string, boolean>, detect: Record<string, boolean> = {}): Promise<void> {
    for (const [id, on] of Object.entries(refine)) await this.page.getByRole('checkbox', { name: `refine ${id}`, exact: true }).setChecked(on);
    for (const [id, on] of Object.entries(detect)) await this.page.getByRole('checkbox', { name: `detect ${id}`, exact: true }).setChecked(on);
  }

  /**
   * The weight fraction of a refined phase in the last analysed frame, as the user reads it: the percentage shown in
   * its row ("12.3 ± 0.4 %"), checked against the number behind the row to the shown precision.
   */
  async lastFrameWeight(phaseId: string): Promise<number> {
    const row = this.page.locator(`[data-testid="xrd-last-phase"][data-phase="${phaseId}"]`);
    await expect(row).toBeVisible();
    const shown = await row.locator('td').nth(1).innerText();
    const m = /^(\d+(?:\.\d+)?)(?: ± (?:<)?(\d+(?:\.\d+)?))? %$/.exec(shown.trim());
    expect(m, `weight cell of ${phaseId}: '${shown}'`).not.toBeNull();
    const percent = Number(m![1]);
    const behind = Number(await row.getAttribute('data-value'));
    const decimals = (m![1].split('.')[1] ?? '').length;
    expect(Math.abs(percent - 100 * behind), `shown ${shown} vs ${behind}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
    return percent / 100;
  }

  async exportXrdCsv(): Promise<string> {
    return (await this.save(() => this.page.getByTestId('xrd-export-csv').click())).path;
  }

  // ── High pressure: radiography and maps ──

  async showHpTab(id: 'pressure' | 'radiography' | 'maps'): Promise<void> {
    await this.page.getByTestId(`hp-tab-${id}`).click();
    await expect(this.page.getByTestId(`hp-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** Drag on the radiography image from (x0, y0) to (x1, y1) in image pixels. */
  async dragOnImage(width: number, height: number, from: [number, number], to: [number, number]): Promise<void> {
    const box = await this.page.getByTestId('rad-overlay').boundingBox();
    if (!box) throw new Error('the image overlay is not visible');
    const at = ([x, y]: [number, number]) => [box.x + (x / width) * box.width, box.y + (y / height) * box.height] as const;
    const [ax, ay] = at(from);
    const [bx, by] = at(to);
    await this.page.mouse.move(ax, ay);
    await this.page.mouse.down();
    await this.page.mouse.move((ax + bx) / 2, (ay + by) / 2, { steps: 4 });
    await this.page.mouse.move(bx, by, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Export a figure (SVG, or PNG at a dpi) from an export bar of the high-pressure views. */
  async exportHpFigure(view: 'radiography' | 'map' | 'map-point', kind: 'svg' | 300 | 600): Promise<string> {
    const id = kind === 'svg' ? `xrd-${view}-export-svg` : `xrd-${view}-export-png-${kind}`;
    return (await this.save(() => this.page.getByTestId(id).click())).path;
  }

  async exportHpCsv(view: 'radiography' | 'map'): Promise<string> {
    await expect(this.page.getByTestId(`xrd-${view}-export-csv`)).toBeEnabled();
    return (await this.save(() => this.page.getByTestId(`xrd-${view}-export-csv`).click())).path;
  }
}
