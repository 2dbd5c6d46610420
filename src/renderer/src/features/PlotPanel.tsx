import { useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { RunView, SessionView } from '../../../shared/api';
import { api, errorText } from '../api';
import { alphaTemperatureOption } from '../charts/alphaTemperature';
import { Chart } from '../charts/Chart';
import { conversionOption } from '../charts/conversion';
import { rawOption } from '../charts/raw';
import { printView, SCREEN_VIEW, type ChartView } from '../charts/style';
import { FIGURE_PRESETS, PNG_DPIS, renderFigurePng, renderFigureSvg, sizePt } from '../export/figure';
import { alphaTemperatureRuns, conversionData, isothermalRunLabels, legendSelected, PLOTS, rawData, type PlotId } from './figures';

interface Props {
  session: SessionView;
  rawRun: RunView | null;
  notify(kind: 'error' | 'info', text: string): void;
}

function withLegend(option: EChartsOption, selected: Record<string, boolean>): EChartsOption {
  const legend = option.legend as Record<string, unknown> | undefined;
  return legend ? { ...option, legend: { ...legend, selected } } : option;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

export function PlotPanel({ session, rawRun, notify }: Props) {
  const [plot, setPlot] = useState<PlotId>('conversion');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [presetId, setPresetId] = useState(FIGURE_PRESETS[0].id);
  const preset = FIGURE_PRESETS.find((p) => p.id === presetId) ?? FIGURE_PRESETS[0];

  const build = useMemo(
    () =>
      (view: ChartView, forExport: boolean): EChartsOption | null => {
        const hide = forExport ? hidden : new Set<string>();
        if (plot === 'conversion') return conversionOption(conversionData(session, hide), view);
        if (plot === 'alphaT') return alphaTemperatureOption(alphaTemperatureRuns(session, hide), view);
        return rawRun ? rawOption(rawData(session, rawRun), view) : null;
      },
    [plot, session, rawRun, hidden],
  );

  const screenOption = useMemo(() => {
    const o = build(SCREEN_VIEW, false);
    return o && plot !== 'raw' ? withLegend(o, legendSelected(session, hidden)) : o;
  }, [build, plot, session, hidden]);

  const onLegend = (selected: Record<string, boolean>) => {
    if (plot === 'raw') return;
    setHidden(new Set(Object.entries(selected).filter(([, on]) => !on).map(([name]) => name)));
  };

  const isothermal = plot === 'alphaT' ? isothermalRunLabels(session) : [];
  const nothing = plot === 'raw' ? rawRun === null : plot === 'alphaT' ? alphaTemperatureRuns(session).length === 0 : conversionData(session).runs.length === 0;
  const heightMm = plot === 'raw' && rawRun?.settings.blankId ? preset.heightMm * 1.25 : preset.heightMm;
  const baseName = plot === 'raw' && rawRun ? `${plot}_${safeName(rawRun.settings.label)}` : plot;

  const exportFigure = async (kind: 'svg' | number) => {
    const option = build(printView(preset.fontPt, sizePt(preset.widthMm, heightMm).width), true);
    if (!option) return;
    try {
      if (kind === 'svg') {
        const svg = renderFigureSvg(option, preset.widthMm, heightMm);
        const name = `${baseName}_${preset.widthMm}mm.svg`;
        const saved = await api.saveFile({ suggestedName: name, data: svg, filterName: 'SVG image', extensions: ['svg'] });
        if (saved.path) notify('info', `Saved ${saved.path}`);
      } else {
        const png = renderFigurePng(option, preset.widthMm, heightMm, kind);
        const name = `${baseName}_${preset.widthMm}mm_${kind}dpi.png`;
        const saved = await api.saveFile({ suggestedName: name, data: png, filterName: 'PNG image', extensions: ['png'] });
        if (saved.path) notify('info', `Saved ${saved.path}`);
      }
    } catch (e) {
      notify('error', `Figure export failed: ${errorText(e)}`);
    }
  };

  return (
    <section className="panel plots" aria-label="Plots">
      <div className="plot-head">
        <div role="tablist" aria-label="Plot" className="tabs">
          {PLOTS.map((p) => (
            <button key={p.id} type="button" role="tab" aria-selected={plot === p.id} data-testid={`tab-${p.id}`} onClick={() => setPlot(p.id)}>
              {p.label}
              {p.id === 'raw' && rawRun ? `: ${rawRun.settings.label}` : ''}
            </button>
          ))}
        </div>
        <div className="export" aria-label="Export figure">
          <select aria-label="Figure width" data-testid="figure-preset" value={presetId} onChange={(e) => setPresetId(e.target.value)}>
            {FIGURE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <button type="button" data-testid="export-svg" disabled={nothing} onClick={() => void exportFigure('svg')}>
            SVG
          </button>
          {PNG_DPIS.map((dpi) => (
            <button key={dpi} type="button" data-testid={`export-png-${dpi}`} disabled={nothing} onClick={() => void exportFigure(dpi)}>
              PNG {dpi} dpi
            </button>
          ))}
        </div>
      </div>
      {isothermal.length > 0 && (
        <p className="note plot-note" data-testid="isothermal-note">
          Not shown in α(T), isothermal during the reduction (temperature within {5} °C): {isothermal.join('; ')}. α(T) is meant for continuous-heating runs; use
          α(t) for these.
        </p>
      )}
      <div className="chart-box">
        {session.runs.length === 0 ? (
          <div className="dropzone" data-testid="empty-state">
            <p className="big">Drop TGA exports here, or use Import files…</p>
            <p>
              Instrument exports (NETZSCH, TA Instruments, Mettler-Toledo, PerkinElmer, Setaram) and plain tables with time, temperature and mass
              columns. Add an empty-crucible run as the blank.
            </p>
          </div>
        ) : nothing || !screenOption ? (
          <p className="empty">
            {plot === 'raw'
              ? 'Select a sample run to see its mass and temperature.'
              : plot === 'alphaT' && conversionData(session).runs.length > 0
                ? 'No run is heated during its reduction, so there is no α(T) to plot.'
                : 'No analysed sample runs yet: import runs and set their recipes.'}
          </p>
        ) : (
          <Chart option={screenOption} label={PLOTS.find((p) => p.id === plot)!.label} testId={`chart-${plot}`} onLegendChange={onLegend} />
        )}
      </div>
    </section>
  );
}
