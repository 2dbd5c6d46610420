import { useState } from 'react';
import type { SessionView } from '../../../shared/api';
import { api, errorText } from '../api';
import { runColor } from '../charts/style';
import { analysedRuns } from './figures';
import { ONSET_DEFINITIONS } from '../../../core/tga/metrics';
import { TGA_DEFAULTS } from '../../../core/tga/analyze';

/** α at which the secondary (threshold) onset is read: the core's default, which the app does not change. */
const ONSET_ALPHA = TGA_DEFAULTS.onsetAlpha;

/** Test ids of the onset cells, by column after the t(α) columns (t_sat, α_final, max, α at max come first). */
const ONSET_CELLS: Record<number, string> = { 4: 'onset-extrapolated', 5: 'onset-shift', 6: 'onset-alpha' };

interface Props {
  session: SessionView;
  act(call: () => Promise<SessionView>): Promise<void>;
  notify(kind: 'error' | 'info', text: string): void;
}

const min = (s: number | null | undefined) => (s === null || s === undefined ? '—' : (s / 60).toFixed(2));
const fixed = (v: number | null | undefined, digits: number) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const signed = (v: number | null | undefined, digits: number) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`);
const factor = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}×`);

/** Rows of the metrics table as plain text (header first), for the clipboard and the tests. */
export function metricsRows(session: SessionView): string[][] {
  const targets = session.settings.alphaTargets;
  const speed = new Map(session.speedUps.map((s) => [s.runId, s]));
  const header = ['Run', ...targets.map((a) => `t(α=${a}) (min)`), 't_sat (min)', 'α_final', 'max dα/dt (10⁻³ s⁻¹)', 'α at max', 'T_onset (°C)', 'ΔT_onset vs ref (°C)', `T(α=${ONSET_ALPHA}) (°C)`, ...targets.map((a) => `speed-up t(α=${a})`), 'speed-up t_sat'];
  const rows = analysedRuns(session).map((r) => {
    const m = r.analysis!.metrics;
    const s = speed.get(r.id);
    return [
      r.settings.label,
      ...targets.map((a) => min(m.tAlphaS[String(a)])),
      min(m.tSaturationS),
      fixed(m.alphaFinal, 3),
      fixed(m.maxRatePerS * 1e3, 2),
      fixed(m.alphaAtMaxRate, 3),
      fixed(m.onsetExtrapolatedC, 1),
      r.id === session.referenceId ? (m.onsetExtrapolatedC === null ? '—' : 'ref') : signed(s?.onsetExtrapolatedShiftC, 1),
      fixed(m.onsetC, 1),
      ...targets.map((a) => factor(s?.tAlpha[String(a)])),
      factor(s?.tSaturation),
    ];
  });
  return [header, ...rows];
}

function SettingsForm({ session, act }: Pick<Props, 'session' | 'act'>) {
  const [alphas, setAlphas] = useState(session.settings.alphaTargets.join(', '));
  const [sg, setSg] = useState(String(session.settings.sgWindowS));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = () => {
    const list = alphas.split(/[;,\s]+/).filter((s) => s !== '').map(Number);
    const window = Number(sg.replace(',', '.'));
    if (list.length === 0 || list.some((a) => !(a > 0 && a < 1))) return setProblem('α values must lie between 0 and 1, e.g. 0.5, 0.9.');
    if (!(window > 0)) return setProblem('The Savitzky–Golay window must be a positive number of seconds.');
    setProblem(null);
    void act(() => api.tgaSetAnalysisSettings({ alphaTargets: list, sgWindowS: window }));
  };
  return (
    <div className="metrics-settings">
      <label className="field inline">
        <span>t at α =</span>
        <input data-testid="alpha-targets" value={alphas} onChange={(e) => setAlphas(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} />
      </label>
      <label className="field inline">
        <span>dα/dt: Savitzky–Golay window</span>
        <input data-testid="sg-window" className="num short" value={sg} onChange={(e) => setSg(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} />
        <span className="muted">s</span>
      </label>
      <button type="button" data-testid="settings-apply" onClick={apply}>
        Recompute
      </button>
      {problem && (
        <span className="error-text" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

export function MetricsPanel({ session, act, notify }: Props) {
  const runs = analysedRuns(session);
  const rows = metricsRows(session);
  const targets = session.settings.alphaTargets;
  const speed = new Map(session.speedUps.map((s) => [s.runId, s]));

  const save = async (name: string, text: string) => {
    try {
      const saved = await api.saveFile({ suggestedName: name, data: text, filterName: 'CSV table', extensions: ['csv'] });
      if (saved.path) notify('info', `Saved ${saved.path}`);
    } catch (e) {
      notify('error', errorText(e));
    }
  };
  const exportMetrics = async () => {
    try {
      await save('tga_metrics.csv', await api.tgaMetricsCsv());
    } catch (e) {
      notify('error', errorText(e));
    }
  };
  const exportDerived = async (id: string, label: string) => {
    try {
      await save(`${label.replace(/[^A-Za-z0-9._-]+/g, '_')}_derived.csv`, await api.tgaDerivedCsv(id));
    } catch (e) {
      notify('error', errorText(e));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(rows.map((r) => r.join('\t')).join('\n') + '\n');
      notify('info', 'Metrics table copied (tab-separated).');
    } catch (e) {
      notify('error', `Copy failed: ${errorText(e)}`);
    }
  };

  return (
    <section className="panel metrics" aria-labelledby="metrics-title">
      <div className="panel-head">
        <h2 id="metrics-title">Metrics</h2>
        <label className="field inline">
          <span>Reference</span>
          <select data-testid="reference" value={session.referenceId ?? ''} onChange={(e) => void act(() => api.tgaSetReference(e.target.value === '' ? null : e.target.value))}>
            <option value="">None</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.settings.label}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" data-testid="copy-metrics" disabled={runs.length === 0} onClick={() => void copy()}>
          Copy table
        </button>
        <button type="button" data-testid="export-metrics" disabled={runs.length === 0} onClick={() => void exportMetrics()}>
          Metrics CSV
        </button>
      </div>
      <SettingsForm key={JSON.stringify(session.settings)} session={session} act={act} />
      {runs.length === 0 ? (
        <p className="empty">No analysed sample runs.</p>
      ) : (
        <div className="table-wrap">
          <table className="metrics-table" data-testid="metrics-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                {targets.map((a) => (
                  <th key={a} scope="col" title={`time from the reduction start until α = ${a}`}>
                    <i>t</i>
                    <sub>
                      <i>α</i>={a}
                    </sub>{' '}
                    (min)
                  </th>
                ))}
                <th scope="col" title={`first time α reaches ${session.settings.saturationFraction * 100} % of its final value`}>
                  <i>t</i>
                  <sub>sat</sub> (min)
                </th>
                <th scope="col">
                  <i>α</i>
                  <sub>final</sub>
                </th>
                <th scope="col">
                  max d<i>α</i>/d<i>t</i> (10⁻³ s⁻¹)
                </th>
                <th scope="col">
                  <i>α</i> at max
                </th>
                <th scope="col" className="onset" title={ONSET_DEFINITIONS.extrapolated}>
                  <i>T</i>
                  <sub>onset</sub> (°C)
                </th>
                <th scope="col" className="onset" title="Extrapolated onset of this run minus that of the reference run (negative: earlier)">
                  Δ<i>T</i>
                  <sub>onset</sub> (°C)
                </th>
                <th scope="col" className="secondary" title={ONSET_DEFINITIONS.alpha(ONSET_ALPHA)}>
                  <i>T</i>(<i>α</i>={ONSET_ALPHA}) (°C)
                </th>
                {targets.map((a) => (
                  <th key={`s${a}`} scope="col" className="speed" title="t of the reference / t of this run">
                    speed-up <i>t</i>
                    <sub>
                      <i>α</i>={a}
                    </sub>
                  </th>
                ))}
                <th scope="col" className="speed">
                  speed-up <i>t</i>
                  <sub>sat</sub>
                </th>
                <th scope="col">Series</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r, i) => {
                const cells = rows[i + 1];
                const s = speed.get(r.id);
                return (
                  <tr key={r.id} data-testid="metrics-row" data-run-label={r.settings.label} className={r.id === session.referenceId ? 'is-ref' : undefined}>
                    <th scope="row">
                      <span className="swatch" style={{ background: runColor(r.colorIndex) }} aria-hidden /> {cells[0]}
                      {!r.settings.recipe && (
                        <sup className="flag" title="No recipe: α is normalised to the observed loss">
                          *
                        </sup>
                      )}
                      {!r.settings.blankId && (
                        <sup className="flag" title="No blank correction">
                          †
                        </sup>
                      )}
                      {r.analysis?.warnings
                        .filter((w) => w.startsWith('Implausible'))
                        .map((w) => (
                          <sup key={w} className="flag implausible" title={w} data-testid="implausible">
                            !
                          </sup>
                        ))}
                    </th>
                    {cells.slice(1, 1 + targets.length + 7).map((c, k) => (
                      <td key={k} className={k === targets.length + 6 ? 'num secondary' : 'num'} data-testid={ONSET_CELLS[k - targets.length]}>
                        {c}
                      </td>
                    ))}
                    {targets.map((a) => (
                      <td key={`s${a}`} className="num speed" data-testid={`speedup-${a}`} data-value={s?.tAlpha[String(a)] ?? ''}>
                        {factor(s?.tAlpha[String(a)])}
                      </td>
                    ))}
                    <td className="num speed" data-testid="speedup-sat" data-value={s?.tSaturation ?? ''}>
                      {factor(s?.tSaturation)}
                    </td>
                    <td>
                      <button type="button" className="link" data-testid="export-derived" onClick={() => void exportDerived(r.id, r.settings.label)}>
                        CSV
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {runs.length > 0 && (
        <p className="hint" data-testid="metrics-notes">
          {session.referenceId && 'Speed-up = t of the reference run / t of the run (greater than 1: faster than the reference). '}
          {runs.some((r) => !r.settings.recipe) && '* No recipe: α is normalised to the observed loss, not the theoretical one. '}
          {runs.some((r) => !r.settings.blankId) && '† No blank correction.'}
        </p>
      )}
      {runs.length > 0 && (
        <p className="hint definitions" data-testid="onset-definition">
          <b>
            <i>T</i>
            <sub>onset</sub>
          </b>{' '}
          — {ONSET_DEFINITIONS.extrapolated.replace(/^Extrapolated onset \(ISO 11358-1\): /, 'extrapolated onset (ISO 11358-1): ')} Continuous heating only (— for
          isothermal runs). <i>T</i>(<i>α</i>={ONSET_ALPHA}): {ONSET_DEFINITIONS.alpha(ONSET_ALPHA).replace(/^Onset \(α = [\d.]+\): /, '')}
        </p>
      )}
    </section>
  );
}
