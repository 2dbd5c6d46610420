/**
 * The one figure-export path of every plot in every workspace: the print option of the plot, with what the screen
 * shows (zoom, hidden series: export/screen) and what the figure dialog sets (export/settings), rendered at 89 or
 * 183 mm as SVG or PNG (300/600 dpi); the CSV of the data; "Add to figure" hands the panel to the composer.
 */
import { useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { SaveRequest, SaveResult } from '../../../shared/api';
import { printView, type ChartView } from '../charts/style';
import { stretchSvgImages } from '../features/xrd/raster';
import { addComposerPanel } from './composer';
import { FIGURE_PRESETS, PNG_DPIS, renderFigurePng, renderFigureSvg, sizePt, type FigurePreset } from './figure';
import { FigureDialog } from './FigureDialog';
import { applyScreenState, screenState } from './screen';
import { applyFigureSettings, DEFAULT_FIGURE_SETTINGS, fontPt, type FigureSettings } from './settings';
import { PresetSelect } from './PresetSelect';
import { figureKey, saveFigure, useFigures } from './figure-store';
import type { FigureEntry } from '../../../shared/figures-api';

export type FigureBuild = (view: ChartView, heightPt: number) => EChartsOption | null;

export interface ExportProps {
  /** The view ('heatmap'): test ids are <prefix>-<view>-export-svg, -png-300, -png-600, -csv, -preset and -dialog. */
  view: string;
  /** Test-id prefix; default 'xrd'. */
  testIdPrefix?: string;
  /** Test ids <base>-export-svg … instead of <prefix>-<view>-export-svg ('' gives export-svg …). */
  testIdBase?: string;
  /** Test id of the width select (default <id>-export-preset). */
  presetTestId?: string;
  /** Base of the file names ('xrd-heatmap'). */
  baseName: string;
  /** The figure's option for a print view of the given size (pt); null when there is nothing to draw. */
  build: FigureBuild | null;
  /** The figure's data as CSV. */
  csv?: (() => string) | null;
  /** Height relative to the preset's (tall multi-panel figures ask for more). Default 1. */
  heightFactor?: number;
  /** Test id of the chart on screen whose zoom and hidden series the figure shows. */
  chartId?: string;
  /** Default legend labels (series name → label), e.g. runs named by recipe instead of by file. */
  defaultLabels?: Record<string, string>;
  /** Name of the plot in the composer ('TGA · α(t)'). */
  title?: string;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** The on-screen chart an export bar belongs to: given, else <prefix>-chart-<view>. */
const chartIdOf = (p: ExportProps) => p.chartId ?? `${p.testIdPrefix ?? 'xrd'}-chart-${p.view}`;

/** The figure option as exported: print view at the preset and font, screen state, then the dialog's settings. */
export function exportOption(build: FigureBuild, preset: FigurePreset, heightMm: number, settings: FigureSettings, chartId?: string, defaultLabels: Record<string, string> = {}): EChartsOption | null {
  const size = sizePt(preset.widthMm, heightMm);
  const option = build(printView(fontPt(preset.fontPt, settings.font), size.width), size.height);
  if (!option) return null;
  return applyFigureSettings(applyScreenState(option, screenState(chartId)), { ...settings, labels: { ...defaultLabels, ...settings.labels } });
}

export function figureSvg(option: EChartsOption, widthMm: number, heightMm: number): string {
  return stretchSvgImages(renderFigureSvg(option, widthMm, heightMm));
}

export function ExportBar(props: ExportProps) {
  // the plot's figure (width, dialog settings) is the study's: saved with it, restored on open, undone with Undo
  const key = figureKey(props.testIdPrefix ?? (props.testIdBase === '' ? 'tga' : props.testIdBase || 'xrd'), props.view);
  const stored = useFigures().figures[key];
  const presetId = stored && FIGURE_PRESETS.some((p) => p.id === stored.presetId) ? stored.presetId : FIGURE_PRESETS[0].id;
  const settings = (stored?.settings as FigureSettings | undefined) ?? DEFAULT_FIGURE_SETTINGS;
  const store = (p: string, s: FigureSettings) => {
    if (stored && p === presetId && JSON.stringify(s) === JSON.stringify(settings)) return;
    if (!stored && p === FIGURE_PRESETS[0].id && JSON.stringify(s) === JSON.stringify(DEFAULT_FIGURE_SETTINGS)) return;
    saveFigure(key, { presetId: p, settings: s as FigureEntry['settings'] }, props.notify);
  };
  const setPresetId = (p: string) => store(p, settings);
  const [dialog, setDialog] = useState(false);
  const preset = FIGURE_PRESETS.find((p) => p.id === presetId) ?? FIGURE_PRESETS[0];
  const heightFactor = props.heightFactor ?? 1;

  const saveAs = async (name: string, data: string | Uint8Array, filterName: string, ext: string) => {
    const saved = await props.save({ suggestedName: safe(name), data, filterName, extensions: [ext] });
    if (saved.path) props.notify('info', `Saved ${saved.path}`);
  };

  const option = (p: FigurePreset = preset, s: FigureSettings = settings): EChartsOption | null =>
    props.build ? exportOption(props.build, p, Math.round(p.heightMm * heightFactor), s, chartIdOf(props), props.defaultLabels) : null;

  const exportFigure = async (kind: 'svg' | number, p: FigurePreset = preset, s: FigureSettings = settings) => {
    const h = Math.round(p.heightMm * heightFactor);
    try {
      const o = option(p, s);
      if (!o) return;
      if (kind === 'svg') await saveAs(`${props.baseName}_${p.widthMm}mm.svg`, figureSvg(o, p.widthMm, h), 'SVG image', 'svg');
      else await saveAs(`${props.baseName}_${p.widthMm}mm_${kind}dpi.png`, renderFigurePng(o, p.widthMm, h, kind), 'PNG image', 'png');
    } catch (e) {
      props.notify('error', `Figure export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const exportCsv = async () => {
    if (!props.csv) return;
    try {
      await saveAs(`${props.baseName}.csv`, props.csv(), 'CSV table', 'csv');
    } catch (e) {
      props.notify('error', `CSV export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const chartId = chartIdOf(props);
  const title = props.title ?? `${(props.testIdPrefix ?? 'xrd') === 'xrd' ? 'SXRD' : (props.testIdPrefix ?? '').toUpperCase()} · ${props.view}`;
  const addToComposer = (s: FigureSettings = settings) => {
    const build = props.build;
    if (!build) return;
    // the panel is frozen as it is now: screen state and settings are read at this moment
    const state = screenState(chartId);
    const labels = { ...props.defaultLabels, ...s.labels };
    addComposerPanel({
      title,
      heightFactor,
      build: (view, heightPt) => {
        const o = build(view, heightPt);
        return o ? applyFigureSettings(applyScreenState(o, state), { ...s, labels }) : null;
      },
      font: s.font,
    });
    props.notify('info', `Added "${title}" to the figure composer`);
  };

  const off = props.build === null;
  const id = props.testIdBase !== undefined ? props.testIdBase : `${props.testIdPrefix ?? 'xrd'}-${props.view}`;
  const tid = (suffix: string) => (id ? `${id}-${suffix}` : suffix);
  return (
    <div className="export" aria-label="Export figure">
      <PresetSelect ariaLabel="Figure width" testId={props.presetTestId ?? tid('export-preset')} value={presetId} onChange={setPresetId} />
      <button type="button" data-testid={tid('export-dialog')} disabled={off} onClick={() => setDialog(true)} title="Axis ranges, titles, legend labels, line styles, font size; preview with the journal checks">
        Figure…
      </button>
      <button type="button" data-testid={tid('export-svg')} disabled={off} onClick={() => void exportFigure('svg')}>
        SVG
      </button>
      {PNG_DPIS.map((dpi) => (
        <button key={dpi} type="button" data-testid={tid(`export-png-${dpi}`)} disabled={off} onClick={() => void exportFigure(dpi)}>
          PNG {dpi} dpi
        </button>
      ))}
      {props.csv !== undefined && (
        <button type="button" data-testid={tid('export-csv')} disabled={props.csv === null} onClick={() => void exportCsv()}>
          CSV
        </button>
      )}
      {dialog && props.build && (
        <FigureDialog
          // The study's settings can change while the dialog is open (a study opened, Undo, Redo: App reloads the
          // figures after the other workspaces): the dialog then starts again from them, so it never shows, nor
          // saves back on close, the settings of before.
          key={JSON.stringify([presetId, settings])}
          testId={tid('figure-dialog')}
          title={title}
          presetId={presetId}
          settings={settings}
          defaultLabels={props.defaultLabels ?? {}}
          preview={(p, s) => {
            const o = option(p, s);
            return o ? figureSvg(o, p.widthMm, Math.round(p.heightMm * heightFactor)) : null;
          }}
          base={(p) => (props.build ? exportOption(props.build, p, Math.round(p.heightMm * heightFactor), DEFAULT_FIGURE_SETTINGS, chartIdOf(props)) : null)}
          onChange={(p, s) => store(p, s)}
          onExport={(kind, p, s) => void exportFigure(kind, p, s)}
          onCompose={(s) => addToComposer(s)}
          onClose={() => setDialog(false)}
        />
      )}
    </div>
  );
}
