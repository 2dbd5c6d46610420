/**
 * The Kinetics plots: E(α) with 95 % bands, isoconversional lines at one α, Avrami, Arrhenius side by side, master
 * plot, isothermal prediction; each exports as SVG or PNG (300/600 dpi) at 89 or 183 mm, like every plot here.
 */
import { useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { IsoconversionalMethod } from '../../../../shared/kinetics';
import { METHOD_LABELS } from '../../../../shared/kinetics';
import type { KineticsStateView } from '../../../../shared/kinetics-api';
import { api } from '../../api';
import { Chart } from '../../charts/Chart';
import { arrheniusPanelsOption, eAlphaOption, KINETICS_TITLES, masterPlotOption, predictionOption, regressionOption } from '../../charts/kinetics';
import { SCREEN_VIEW, type ChartView } from '../../charts/style';
import { ExportBar } from '../../export/ExportBar';
import {
  arrheniusPanels,
  availableMethods,
  avramiSets,
  comparisonTemperatureK,
  eAlphaCurves,
  KELVIN,
  KINETICS_PLOTS,
  LINE_Y_TITLES,
  lineMethods,
  masterPlotData,
  predictionCurves,
  regressionSets,
  type KineticsPlotId,
  type SeriesResult,
} from './figures';


interface RawSelections {
  masterKind: 'integral' | 'differential';
  shown: (IsoconversionalMethod | 'isothermal')[] | null;
  lineMethod: string | null;
  lineAlpha: number | null;
  seriesId: string | null;
}

/** What the controls select, resolved against the results (defaults where a choice does not apply). */
function selections(results: SeriesResult[], raw: RawSelections) {
  const methods = availableMethods(results);
  const shownMethods = (raw.shown ?? methods.slice(0, 1)).filter((m) => methods.includes(m));
  const lm = lineMethods(results);
  const lineM = raw.lineMethod && lm.includes(raw.lineMethod as never) ? raw.lineMethod : (lm[0] ?? null);
  const alphas = results[0]?.result.alphas ?? [];
  const alpha = raw.lineAlpha !== null && alphas.includes(raw.lineAlpha) ? raw.lineAlpha : (alphas[Math.floor(alphas.length / 2)] ?? 0.5);
  const isoSeries = results.filter((r) => r.result.mode === 'isothermal');
  const pick = (list: SeriesResult[]) => list.find((r) => r.seriesId === raw.seriesId) ?? list[0];
  return { masterKind: raw.masterKind, methods, shownMethods, lm, lineM, alphas, alpha, isoSeries, avramiSeries: pick(isoSeries), masterSeries: pick(results.filter((r) => r.result.masterPlot)) };
}

function figureOption(plot: KineticsPlotId, results: SeriesResult[], sel: ReturnType<typeof selections>, T: number | null, view: ChartView): EChartsOption | null {
  if (plot === 'energy') {
    const curves = eAlphaCurves(results, sel.shownMethods);
    return curves.length ? eAlphaOption(curves, view) : null;
  }
  if (plot === 'lines') {
    if (!sel.lineM) return null;
    const sets = regressionSets(results, sel.lineM, sel.alpha);
    return sets.length ? regressionOption(sets, LINE_Y_TITLES[sel.lineM], view) : null;
  }
  if (plot === 'avrami') {
    const sets = avramiSets(sel.avramiSeries);
    return sets.length ? regressionOption(sets, KINETICS_TITLES.avrami, view, KINETICS_TITLES.lnTime) : null;
  }
  if (plot === 'arrhenius') {
    const panels = arrheniusPanels(results);
    return panels.length ? arrheniusPanelsOption(panels, view) : null;
  }
  if (plot === 'master') {
    const d = masterPlotData(sel.masterSeries, sel.masterKind);
    return d ? masterPlotOption(d, view) : null;
  }
  if (T === null) return null;
  const curves = predictionCurves(results, T);
  return curves.length ? predictionOption(curves, view) : null;
}

export function KineticsPlots(props: { state: KineticsStateView; results: SeriesResult[]; notify(kind: 'error' | 'info', text: string): void }) {
  const { state, results } = props;
  const [plot, setPlot] = useState<KineticsPlotId>('energy');
  const [shown, setShown] = useState<(IsoconversionalMethod | 'isothermal')[] | null>(null);
  const [lineMethod, setLineMethod] = useState<string | null>(null);
  const [lineAlpha, setLineAlpha] = useState<number | null>(null);
  const [seriesId, setSeriesId] = useState<string | null>(null);
  const [masterKind, setMasterKind] = useState<'integral' | 'differential'>('integral');
  const T = comparisonTemperatureK(state, results);
  const sel = selections(results, { masterKind, shown, lineMethod, lineAlpha, seriesId });
  const { methods, shownMethods, lm, lineM, alphas, alpha, isoSeries, avramiSeries, masterSeries } = sel;

  const build = (view: ChartView): EChartsOption | null => figureOption(plot, results, selections(results, { masterKind, shown, lineMethod, lineAlpha, seriesId }), T, view);
  const screen = useMemo(
    () => figureOption(plot, results, selections(results, { masterKind, shown, lineMethod, lineAlpha, seriesId }), T, SCREEN_VIEW),
    [plot, results, masterKind, shown, lineMethod, lineAlpha, seriesId, T],
  );

  const note = (() => {
    if (plot === 'energy') return 'Bands: 95 % intervals (Student t on the regression for the linear methods; Vyazovkin–Wight F-test for the Vyazovkin methods).';
    if (plot === 'lines') return lineM === 'kissinger' ? 'Kissinger (ASTM E698): ln(β/T²p) against 1000/Tp at the DTG peaks.' : `The ${METHOD_LABELS[lineM as IsoconversionalMethod] ?? ''} line through the runs at α = ${alpha}; E = −R × slope${lineM === 'ofw' ? ' / 1.052' : lineM === 'starink' ? ' / 1.0008' : lineM === 'isothermal' ? ' (positive slope)' : ''}.`;
    if (plot === 'avrami') return 'JMAK: α = 1 − exp[−(k t)ⁿ]; the slope is n. An Avrami n alone does not identify a mechanism: see the model table.';
    if (plot === 'arrhenius') return 'Isothermal series: ln k of the best model against 1000/T; non-isothermal series: the Kissinger line.';
    if (plot === 'master')
      return masterKind === 'integral'
        ? 'g(α)/g(0.5) = θ(α)/θ(0.5) from the generalized time θ = ∫exp(−E/RT)dt (single-step processes only), against the models of the ICTAC table.'
        : 'f(α)/f(0.5) = (dα/dt)exp(E/RT) normalised at α = 0.5 (single-step processes only; needs 0.5 on the α grid), against the models of the ICTAC table.';
    return T === null ? '' : `Isothermal α(t) at ${(T - KELVIN).toFixed(1)} °C predicted from E(α) (model-free); dashed: E at the ends of its 95 % interval.`;
  })();

  return (
    <section className="panel plots" aria-label="Kinetics plots">
      <div className="plot-head">
        <div role="tablist" aria-label="Kinetics plot" className="tabs">
          {KINETICS_PLOTS.map((p) => (
            <button key={p.id} type="button" role="tab" aria-selected={plot === p.id} data-testid={`kin-tab-${p.id}`} onClick={() => setPlot(p.id)}>
              {p.label}
            </button>
          ))}
        </div>
        <ExportBar
          view={plot}
          testIdBase="kin"
          baseName={`kinetics_${plot}${plot === 'lines' && lineM ? `_${lineM}_${alpha}` : ''}${plot === 'master' ? `_${masterKind}` : ''}`}
          chartId={`kin-chart-${plot}`}
          title={`Kinetics · ${KINETICS_PLOTS.find((p) => p.id === plot)?.label ?? plot}`}
          build={screen ? (view) => build(view) : null}
          save={api.saveFile}
          notify={props.notify}
        />
      </div>
      <div className="row kin-plot-controls">
        {plot === 'energy' &&
          methods.map((m) => (
            <label key={m} className="radio">
              <input
                type="checkbox"
                data-testid={`kin-show-${m}`}
                checked={shownMethods.includes(m)}
                onChange={(e) => setShown(e.target.checked ? [...shownMethods, m] : shownMethods.filter((x) => x !== m))}
              />
              {METHOD_LABELS[m]}
            </label>
          ))}
        {plot === 'lines' && (
          <>
            <select aria-label="Method" value={lineM ?? ''} onChange={(e) => setLineMethod(e.target.value)} data-testid="kin-line-method">
              {lm.map((m) => (
                <option key={m} value={m}>
                  {METHOD_LABELS[m]}
                </option>
              ))}
            </select>
            {lineM !== 'kissinger' && (
              <label className="field">
                <span>at α</span>
                <select value={alpha} onChange={(e) => setLineAlpha(Number(e.target.value))} data-testid="kin-line-alpha">
                  {alphas.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </>
        )}
        {plot === 'master' && (
          <select aria-label="Master plot" value={masterKind} onChange={(e) => setMasterKind(e.target.value as 'integral' | 'differential')} data-testid="kin-master-kind">
            <option value="integral">integral g(α)/g(0.5)</option>
            <option value="differential">differential f(α)/f(0.5)</option>
          </select>
        )}
        {(plot === 'avrami' || plot === 'master') && (
          <select aria-label="Series" value={(plot === 'avrami' ? avramiSeries : masterSeries)?.seriesId ?? ''} onChange={(e) => setSeriesId(e.target.value)}>
            {(plot === 'avrami' ? isoSeries : results.filter((r) => r.result.masterPlot)).map((r) => (
              <option key={r.seriesId} value={r.seriesId}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {note && <p className="note plot-note">{note}</p>}
      <div className="chart-box">
        {results.length === 0 ? (
          <div className="dropzone" data-testid="kin-empty">
            <p className="big">Add a series, give it runs at several heating rates or temperatures, and run the analysis.</p>
            <p>Runs come from the TGA workspace or from instrument exports imported here; blanks are matched to runs by their temperature programme.</p>
          </div>
        ) : screen ? (
          <Chart option={screen} label={KINETICS_PLOTS.find((p) => p.id === plot)?.label ?? plot} testId={`kin-chart-${plot}`} />
        ) : (
          <p className="empty">{plot === 'avrami' ? 'No isothermal series: the Avrami plot is for runs held at one temperature.' : 'Nothing to plot for these results.'}</p>
        )}
      </div>
    </section>
  );
}

