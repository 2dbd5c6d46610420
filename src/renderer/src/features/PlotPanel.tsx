import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { RunView, SessionView } from '../../../shared/api';
import { api } from '../api';
import { alphaTemperatureOption } from '../charts/alphaTemperature';
import { Chart } from '../charts/Chart';
import { conversionOption } from '../charts/conversion';
import { derivedPanels, rawOption } from '../charts/raw';
import { legendLayout, SCREEN_VIEW, type ChartView } from '../charts/style';
import { tgDtgOption } from '../charts/thermogravimetry';
import type { WindowChange } from '../charts/useChart';
import type { PlotWindow } from '../charts/window';
import { ExportBar } from '../export/ExportBar';
import { defaultRunLabels } from '../export/settings';
import { alphaTemperatureRuns, conversionData, isothermalRunLabels, PLOTS, rawData, tgRuns, type PlotId } from './figures';

interface Props {
  session: SessionView;
  rawRun: RunView | null;
  notify(kind: 'error' | 'info', text: string): void;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** Width of an element, following its resizes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number | undefined] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState<number | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.round(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.round(el.clientWidth));
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

type Ranges = Pick<PlotWindow, 'x' | 'y'>;
const NO_RANGES: Ranges = { x: null, y: {} };

export function PlotPanel({ session, rawRun, notify }: Props) {
  const [plot, setPlot] = useState<PlotId>('conversion');
  // Runs hidden from the legend: shared by the plots of all runs; the single-run plot has its own.
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [rawHidden, setRawHidden] = useState<Set<string>>(new Set());
  // Zoom and pan per plot (the raw plot per run).
  const [ranges, setRanges] = useState<Record<string, Ranges>>({});
  const [boxRef, width] = useWidth();

  const rangeKey = plot === 'raw' ? `raw:${rawRun?.id ?? ''}` : plot;
  const current = ranges[rangeKey] ?? NO_RANGES;
  const plotWindow: PlotWindow = useMemo(() => ({ ...current, hidden: plot === 'raw' ? rawHidden : hidden }), [current, plot, rawHidden, hidden]);

  const build = useCallback(
    (view: ChartView, win: PlotWindow, forExport: boolean): EChartsOption | null => {
      const hide = forExport ? win.hidden : new Set<string>();
      if (plot === 'conversion') return conversionOption(conversionData(session, hide), view, win);
      if (plot === 'alphaT') return alphaTemperatureOption(alphaTemperatureRuns(session, hide), view, win);
      if (plot === 'tg') return tgDtgOption(tgRuns(session, hide), view, win);
      return rawRun ? rawOption(rawData(session, rawRun), view, win) : null;
    },
    [plot, session, rawRun],
  );

  const screenOption = useMemo(() => build({ ...SCREEN_VIEW, width }, plotWindow, false), [build, width, plotWindow]);

  const onLegend = (selected: Record<string, boolean>) => {
    const off = new Set(Object.entries(selected).filter(([, on]) => !on).map(([name]) => name));
    if (plot === 'raw') setRawHidden(off);
    else setHidden(off);
  };

  const onWindow = useCallback(
    (change: WindowChange) => {
      setRanges((all) => {
        const was = all[rangeKey] ?? NO_RANGES;
        const next: Ranges = change === 'reset' ? NO_RANGES : { x: change.x !== undefined ? change.x : was.x, y: change.y ? { ...was.y, ...change.y } : was.y };
        return { ...all, [rangeKey]: next };
      });
    },
    [rangeKey],
  );

  const legendNames = ((screenOption?.legend as { data?: (string | { name: string })[] } | undefined)?.data ?? []).map((d) => (typeof d === 'string' ? d : d.name));
  const legendHeight = legendLayout({ ...SCREEN_VIEW, width }, legendNames).height;
  const zoomed = current.x !== null || Object.keys(current.y).length > 0;
  const isothermal = plot === 'alphaT' ? isothermalRunLabels(session) : [];
  const nothing =
    plot === 'raw' ? rawRun === null : plot === 'alphaT' ? alphaTemperatureRuns(session).length === 0 : plot === 'tg' ? tgRuns(session).length === 0 : conversionData(session).runs.length === 0;
  const rawPanels = plot === 'raw' && rawRun ? derivedPanels(rawData(session, rawRun).derived ?? []) : null;
  const extraPanels = rawPanels ? rawPanels.panels.length : 0;
  const heightFactor = plot === 'raw' && rawRun ? 1 + 0.25 * ((rawRun.settings.blankId ? 1 : 0) + extraPanels) : plot === 'tg' ? 1.25 : 1;
  // legend labels of a figure: the runs' conditions or recipes, not their file names (editable in the figure dialog)
  const defaultLabels = useMemo(() => defaultRunLabels(session.runs), [session.runs]);
  const baseName = plot === 'raw' && rawRun ? `${plot}_${safeName(rawRun.settings.label)}` : plot;

  const label = PLOTS.find((p) => p.id === plot)!.label;
  return (
    <section className="panel plots" aria-label="Plots">
      <div className="plot-head">
        <div role="tablist" aria-label="Plot" className="tabs plot-tabs">
          {PLOTS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="tab"
              aria-selected={plot === p.id}
              data-testid={`tab-${p.id}`}
              onClick={() => setPlot(p.id)}
              title={p.id === 'raw' && rawRun ? `${p.label}: ${rawRun.settings.label}` : undefined}
            >
              {p.label}
              {p.id === 'raw' && rawRun ? <span className="tab-run">: {rawRun.settings.label}</span> : null}
            </button>
          ))}
        </div>
        <ExportBar
          view={plot}
          testIdBase=""
          presetTestId="figure-preset"
          baseName={baseName}
          chartId={`chart-${plot}`}
          title={`TGA · ${label}`}
          heightFactor={heightFactor}
          build={nothing ? null : (view) => build(view, plotWindow, true)}
          defaultLabels={defaultLabels}
          save={api.saveFile}
          notify={notify}
        />
      </div>
      {isothermal.length > 0 && (
        <p className="note plot-note" data-testid="isothermal-note">
          Not shown in α(T), isothermal during the reduction (temperature within {5} °C): {isothermal.join('; ')}. α(T) is meant for continuous-heating runs; use
          α(t) for these.
        </p>
      )}
      {rawPanels && rawPanels.dropped.length > 0 && (
        <p className="note plot-note" data-testid="derived-dropped">
          Not plotted (at most {extraPanels} panels of other units): {rawPanels.dropped.map((d) => d.name).join(', ')}; they are in the channels CSV.
        </p>
      )}
      <div className="chart-box" ref={boxRef}>
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
          <Chart
            option={screenOption}
            label={label}
            testId={`chart-${plot}`}
            onLegendChange={onLegend}
            onWindow={onWindow}
            data={{ 'data-legend-height': String(legendHeight) }}
          />
        )}
      </div>
      <p className="hint chart-hint" data-testid="chart-hint">
        Wheel: zoom time · drag: pan · Shift + wheel / drag: zoom / pan the y axis under the cursor · double-click: reset
        {zoomed && (
          <>
            {' · '}
            <button type="button" className="link" data-testid="zoom-reset" onClick={() => onWindow('reset')}>
              Reset zoom
            </button>
          </>
        )}
      </p>
    </section>
  );
}
