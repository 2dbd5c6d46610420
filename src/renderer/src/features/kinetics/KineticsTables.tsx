/**
 * The Kinetics tables: the comparison of series (mean E ± CI, ΔE against the reference, best model, predicted and
 * measured speed-up), then per series its warnings, E(α) by method, Kissinger, and for isothermal series the runs'
 * JMAK parameters and the model ranking (AICc).
 */
import type { IsoconversionalMethod, KineticsComparison } from '../../../../shared/kinetics';
import { METHOD_LABELS } from '../../../../shared/kinetics';
import { api, errorText } from '../../api';
import { formulaRich } from '../../charts/style';
import { KELVIN, type SeriesResult } from './figures';

const f = (x: number | null | undefined, d: number): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

/** A label with formula counts as subscripts (Fe2O3 → Fe₂O₃ in HTML). */
function Label(props: { text: string }) {
  const parts = formulaRich(props.text).split(/(\{sub\|\d+\})/);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^\{sub\|(\d+)\}$/.exec(p);
        return m ? <sub key={i}>{m[1]}</sub> : <span key={i}>{p}</span>;
      })}
    </>
  );
}

export function ComparisonTable(props: { comparison: KineticsComparison | null; results: SeriesResult[] }) {
  const c = props.comparison;
  if (!c) return null;
  return (
    <section className="panel" aria-label="Comparison of series">
      <div className="panel-head">
        <strong>Comparison</strong>
        <span className="muted">
          against <Label text={c.reference} />; speed-up t<sub>α</sub>(ref)/t<sub>α</sub>(series) at α = {c.alpha}, {(c.temperatureK - KELVIN).toFixed(1)} °C
        </span>
      </div>
      <div className="table-wrap">
        <table className="metrics-table" data-testid="kin-comparison">
          <thead>
            <tr>
              <th>Series</th>
              <th title="Mean of E(α) over the α range of the preferred method; ± the mean of the per-α 95 % half-widths">E (kJ/mol)</th>
              <th>method</th>
              <th title="E − E_ref, ± √(Δ² + Δ_ref²)">ΔE (kJ/mol)</th>
              <th title="Isothermal series: the fixed ICTAC model with the lowest summed AICc; non-isothermal: the nearest master-plot model">model</th>
              <th title="Predicted from E(α) (isoconversional), with the band from the 95 % intervals of both series">speed-up predicted</th>
              <th title="From isothermal runs of both series within 2 K of the temperature">measured</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.series} data-testid="kin-compare-row" data-series={r.series} className={r.series === c.reference ? 'is-ref' : undefined}>
                <th>
                  <Label text={r.series} />
                  {r.multiStep && (
                    <span className="flag" title="E(α) varies by more than 20 % of its mean: a single E is not meaningful">
                      {' '}
                      multi-step
                    </span>
                  )}
                </th>
                <td className="num" data-testid="kin-compare-e">
                  {f(r.eMeanKJPerMol, 1)} ± {f(r.ci95KJPerMol, 1)}
                </td>
                <td className="secondary">{r.eMethod ? METHOD_LABELS[r.eMethod] : '—'}</td>
                <td className="num" data-testid="kin-compare-de">
                  {r.series === c.reference ? '—' : `${f(r.deltaEKJPerMol, 1)} ± ${f(r.deltaECi95KJPerMol, 1)}`}
                </td>
                <td data-testid="kin-compare-model">{r.bestModel ?? '—'}</td>
                <td className="num speed" data-testid="kin-compare-predicted">
                  {f(r.predictedSpeedUp, 2)}× <span className="secondary">[{f(r.predictedSpeedUpLow, 2)}, {f(r.predictedSpeedUpHigh, 2)}]</span>
                </td>
                <td className="num" data-testid="kin-compare-measured">
                  {r.measuredSpeedUp === null ? '—' : `${f(r.measuredSpeedUp, 2)}× (${f((r.measuredAtK ?? NaN) - KELVIN, 1)} °C)`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.notes.map((n) => (
        <p key={n} className="note">
          {n}
        </p>
      ))}
    </section>
  );
}

export function SeriesResults(props: { r: SeriesResult; notify(kind: 'error' | 'info', text: string): void }) {
  const { r } = props;
  const res = r.result;
  const methods = Object.keys(res.isoconversional) as (IsoconversionalMethod | 'isothermal')[];
  return (
    <section className="panel" aria-label={`Results of ${r.name}`} data-testid="kin-series-results">
      <div className="panel-head">
        <span className="swatch" style={{ background: r.color }} aria-hidden />
        <strong>
          <Label text={r.name} />
        </strong>
        <span className="muted">
          {res.mode === 'isothermal' ? 'isothermal' : 'non-isothermal'}, {res.runs.length} runs
          {res.summaryE && (
            <>
              {' '}
              · mean E ({METHOD_LABELS[res.summaryE.method]}, α {res.summaryE.alphaRange.join('–')}) <b data-testid="kin-mean-e">{f(res.summaryE.meanKJPerMol, 1)}</b> ± {f(res.summaryE.ci95KJPerMol, 1)} kJ/mol
            </>
          )}
        </span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() =>
            void api.kinResultsCsv().then(
              (csv) => api.saveFile({ suggestedName: 'kinetics_E_alpha.csv', data: csv, filterName: 'CSV', extensions: ['csv'] }),
              (e: unknown) => props.notify('error', errorText(e)),
            )
          }
        >
          E(α) CSV
        </button>
      </div>
      {res.multiStep && (
        <p className={res.multiStep.flagged ? 'warn-note' : 'note'} data-testid="kin-multistep">
          {res.multiStep.message}
        </p>
      )}
      {res.warnings.filter((w) => !w.startsWith('multi-step')).length > 0 && (
        <ul className="warnings" data-testid="kin-warnings">
          {res.warnings
            .filter((w) => !w.startsWith('multi-step'))
            .map((w) => (
              <li key={w}>{w}</li>
            ))}
        </ul>
      )}
      <details open>
        <summary>E(α) by method (kJ/mol ± 95 %)</summary>
        <div className="table-wrap">
          <table className="metrics-table" data-testid="kin-e-table">
            <thead>
              <tr>
                <th>α</th>
                {methods.map((m) => (
                  <th key={m} title={res.isoconversional[m]?.ciMeaning}>
                    {METHOD_LABELS[m]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {res.alphas.map((a, k) => (
                <tr key={a}>
                  <th>{a}</th>
                  {methods.map((m) => {
                    const p = res.isoconversional[m]?.points[k];
                    return (
                      <td key={m} className="num" data-method={m} data-alpha={a} data-value={p?.eKJPerMol ?? ''}>
                        {p && p.eKJPerMol !== null ? `${p.eKJPerMol.toFixed(1)} ± ${f(p.ci95KJPerMol, 1)}` : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {res.kissinger && (
        <p className="note" data-testid="kin-kissinger">
          Kissinger (ASTM E698): E = {res.kissinger.eKJPerMol.toFixed(1)} ± {f(res.kissinger.ci95KJPerMol, 1)} kJ/mol, ln(A/s⁻¹) = {res.kissinger.lnAPerS.toFixed(2)} (first order); peaks{' '}
          {res.kissinger.peaks.map((p) => `${(p.temperatureK - KELVIN).toFixed(1)} °C at ${p.heatingRateKPerMin.toFixed(2)} K/min`).join(', ')}.
        </p>
      )}
      {res.masterPlot?.nearestModel && (
        <p className="note">
          Master plot: nearest model {res.masterPlot.nearestModel}, ln(A/s⁻¹) = {f(res.masterPlot.nearestModelLnAPerS, 2)}
          {res.compensation && <> · compensation effect ln A = {res.compensation.a.toFixed(4)}·E + {res.compensation.b.toFixed(2)}</>}
        </p>
      )}
      {res.mode === 'isothermal' && (
        <details open>
          <summary>Runs and models (AICc; * flexible)</summary>
          <div className="table-wrap">
            <table className="metrics-table" data-testid="kin-model-table">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>T (°C)</th>
                  <th title="JMAK over the α window">Avrami n</th>
                  <th>k (s⁻¹)</th>
                  <th>best model</th>
                  <th>k of the best (s⁻¹)</th>
                  <th title="The next models by ΔAICc">next (ΔAICc)</th>
                </tr>
              </thead>
              <tbody>
                {res.runs.map((run) => {
                  const best = run.models?.find((m) => m.code === run.bestModel);
                  const next = (run.models ?? []).filter((m) => m.code !== run.bestModel && m.deltaAicc !== null).sort((a, b) => (a.deltaAicc as number) - (b.deltaAicc as number)).slice(0, 3);
                  return (
                    <tr key={run.label}>
                      <th>{run.label}</th>
                      <td className="num">{(run.meanTemperatureK - KELVIN).toFixed(1)}</td>
                      <td className="num">{f(run.avrami?.n, 3)}</td>
                      <td className="num">{run.avrami ? run.avrami.kPerS.toExponential(3) : '—'}</td>
                      <td data-testid="kin-run-best">{run.bestModel ?? '—'}</td>
                      <td className="num">{best?.kPerS ? best.kPerS.toExponential(3) : '—'}</td>
                      <td className="secondary">{next.map((m) => `${m.code}${m.flexible ? '*' : ''} ${(m.deltaAicc as number) >= 0 ? '+' : ''}${(m.deltaAicc as number).toFixed(0)}`).join(', ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {res.arrhenius && (
            <p className="note" data-testid="kin-arrhenius">
              Arrhenius ({res.arrhenius.source}): E = {res.arrhenius.eKJPerMol.toFixed(1)} ± {f(res.arrhenius.ci95KJPerMol, 1)} kJ/mol, ln(A/s⁻¹) = {res.arrhenius.lnAPerS.toFixed(2)} ± {f(res.arrhenius.lnACi95, 2)}. Series model by summed AICc:{' '}
              <b>{res.bestModel}</b> (an Avrami n alone does not identify a mechanism).
            </p>
          )}
        </details>
      )}
    </section>
  );
}
