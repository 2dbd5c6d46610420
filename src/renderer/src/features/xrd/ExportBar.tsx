/** Figure (SVG, PNG 300/600 dpi at 89 or 183 mm) and CSV export of one SXRD view, through the app's export helpers. */
import { useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import { printView, type ChartView } from '../../charts/style';
import { stretchSvgImages } from './raster';
import { FIGURE_PRESETS, PNG_DPIS, renderFigurePng, renderFigureSvg, sizePt } from '../../export/figure';

export interface ExportProps {
  /** The view ('heatmap'): test ids are <prefix>-<view>-export-svg, -png-300, -png-600, -csv and -preset. */
  view: string;
  /** Test-id prefix; default 'xrd' (the high-pressure views use 'hp'). */
  testIdPrefix?: string;
  /** Base of the file names ('xrd-heatmap'). */
  baseName: string;
  /** The figure's option for a print view of the given size (pt); null when there is nothing to draw. */
  build: ((view: ChartView, heightPt: number) => EChartsOption | null) | null;
  /** The figure's data as CSV. */
  csv: (() => string) | null;
  /** Height relative to the preset's (tall multi-panel figures ask for more). Default 1. */
  heightFactor?: number;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

export function ExportBar(props: ExportProps) {
  const [presetId, setPresetId] = useState(FIGURE_PRESETS[0].id);
  const preset = FIGURE_PRESETS.find((p) => p.id === presetId) ?? FIGURE_PRESETS[0];
  const heightMm = Math.round(preset.heightMm * (props.heightFactor ?? 1));

  const saveAs = async (name: string, data: string | Uint8Array, filterName: string, ext: string) => {
    const saved = await props.save({ suggestedName: safe(name), data, filterName, extensions: [ext] });
    if (saved.path) props.notify('info', `Saved ${saved.path}`);
  };

  const exportFigure = async (kind: 'svg' | number) => {
    if (!props.build) return;
    const size = sizePt(preset.widthMm, heightMm);
    try {
      const option = props.build(printView(preset.fontPt, size.width), size.height);
      if (!option) return;
      if (kind === 'svg') await saveAs(`${props.baseName}_${preset.widthMm}mm.svg`, stretchSvgImages(renderFigureSvg(option, preset.widthMm, heightMm)), 'SVG image', 'svg');
      else await saveAs(`${props.baseName}_${preset.widthMm}mm_${kind}dpi.png`, renderFigurePng(option, preset.widthMm, heightMm, kind), 'PNG image', 'png');
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

  const off = props.build === null;
  const id = `${props.testIdPrefix ?? 'xrd'}-${props.view}`;
  return (
    <div className="export" aria-label="Export figure">
      <select aria-label="Figure width" data-testid={`${id}-export-preset`} value={presetId} onChange={(e) => setPresetId(e.target.value)}>
        {FIGURE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <button type="button" data-testid={`${id}-export-svg`} disabled={off} onClick={() => void exportFigure('svg')}>
        SVG
      </button>
      {PNG_DPIS.map((dpi) => (
        <button key={dpi} type="button" data-testid={`${id}-export-png-${dpi}`} disabled={off} onClick={() => void exportFigure(dpi)}>
          PNG {dpi} dpi
        </button>
      ))}
      <button type="button" data-testid={`${id}-export-csv`} disabled={props.csv === null} onClick={() => void exportCsv()}>
        CSV
      </button>
    </div>
  );
}
