import { useMemo, useState, type ReactNode } from 'react';
import type { SessionView } from '../../../shared/api';
import { api, errorText } from '../api';
import { ONSET_DEFINITIONS } from '../../../core/tga/metrics';
import { proposeConditions } from '../../../core/tga/replicates';
import { parseQuantity } from '../../../core/units/quantity';
import { RunSwatch } from './RunSwatch';
import { allColumns, analysedRuns, hasReplicates, metricsRows, ONSET_ALPHA, tableRows, visibleColumns, type Column, type Row } from './metricsTable';
import { useLiveField, type LiveField, type Parsed } from './useLiveField';

interface Props {
  session: SessionView;
  act(call: () => Promise<SessionView>): Promise<void>;
  notify(kind: 'error' | 'info', text: string): void;
}

const alphaSub = (a: number | string): ReactNode => (
  <sub>
    <i>α</i>={a}
  </sub>
);

/** Column headers typeset (symbols italic), with the definition on hover. */
function header(c: Column): ReactNode {
  const a = c.id.replace(/^(speed|t)-/, '');
  switch (c.kind === 'speed' ? 'speed' : c.id) {
    case 'speed':
      return (
        <>
          speed-up <i>t</i>
          {c.id === 'speed-sat' ? <sub>sat</sub> : alphaSub(a)}
        </>
      );
    case 't-sat':
      return (
        <>
          <i>t</i>
          <sub>sat</sub> (min)
        </>
      );
    case 'alpha-final':
      return (
        <>
          <i>α</i>
          <sub>final</sub>
        </>
      );
    case 'max-rate':
      return (
        <>
          max d<i>α</i>/d<i>t</i> (10⁻³ s⁻¹)
        </>
      );
    case 'alpha-at-max':
      return (
        <>
          <i>α</i> at max
        </>
      );
    case 'onset-extrapolated':
      return (
        <>
          <i>T</i>
          <sub>onset</sub> (°C)
        </>
      );
    case 'onset-shift':
      return (
        <>
          Δ<i>T</i>
          <sub>onset</sub> (°C)
        </>
      );
    case 'onset-alpha':
      return (
        <>
          <i>T</i>(<i>α</i>={ONSET_ALPHA}) (°C)
        </>
      );
    default:
      return c.id.startsWith('t-') ? (
        <>
          <i>t</i>
          {alphaSub(a)} (min)
        </>
      ) : (
        c.text
      );
  }
}

function columnTitle(c: Column, session: SessionView): string | undefined {
  if (c.kind === 'speed') return 'Reference mean time / this time (greater than 1: faster than the reference). Conditions: ratio of the means ± the propagated SD.';
  if (c.id === 't-sat') return `first time α reaches ${session.settings.saturationFraction * 100} % of its final value`;
  if (c.id.startsWith('t-')) return `time from the reduction start until α = ${c.id.slice(2)}`;
  if (c.id === 'onset-extrapolated') return ONSET_DEFINITIONS.extrapolated;
  if (c.id === 'onset-shift') return 'Extrapolated onset of this run or condition minus that of the reference (negative: earlier)';
  if (c.id === 'onset-alpha') return ONSET_DEFINITIONS.alpha(ONSET_ALPHA);
  return undefined;
}

/** Test ids of cells, kept from the first version of the table. */
function cellTestId(c: Column): string {
  if (c.kind === 'speed') return c.id === 'speed-sat' ? 'speedup-sat' : `speedup-${c.id.slice(6)}`;
  return c.id;
}

const parseAlphas = (text: string): Parsed<number[]> => {
  const list = text.split(/[;,\s]+/).filter((s) => s !== '').map((s) => Number(s.replace(/,/g, '.')));
  if (list.length === 0) return { error: 'Give at least one α, e.g. 0.5, 0.9.' };
  if (list.some((a) => !(a > 0 && a < 1))) return { error: 'α values must lie between 0 and 1, e.g. 0.5, 0.9.' };
  if (list.length > 20) return { error: 'At most 20 α values.' };
  return { value: [...new Set(list)].sort((p, q) => p - q) };
};

const parseWindow = (text: string): Parsed<number> => {
  try {
    const v = parseQuantity(text, 's', 'time');
    if (!(v > 0)) return { error: 'The window must be longer than 0 s.' };
    if (v > 36_000) return { error: 'The window must be at most 10 h.' };
    return { value: v };
  } catch (e) {
    return { error: `The window: ${(e as Error).message}` };
  }
};

const parseSaturation = (text: string): Parsed<number> => {
  const v = Number(text.trim().replace(/%$/, '').trim().replace(',', '.'));
  if (!Number.isFinite(v) || !(v > 0 && v < 100)) return { error: 'The saturation threshold is a percentage of α_final between 0 and 100, e.g. 99.' };
  return { value: v / 100 };
};

/** Analysis settings applied as they are typed (debounced): α targets, the Savitzky–Golay window, saturation. */
function SettingsForm({ session, act }: Pick<Props, 'session' | 'act'>) {
  const s = session.settings;
  const alphas = useLiveField(s.alphaTargets.join(', '), parseAlphas, (alphaTargets) => void act(() => api.tgaSetAnalysisSettings({ alphaTargets })));
  const sg = useLiveField(String(s.sgWindowS), parseWindow, (sgWindowS) => void act(() => api.tgaSetAnalysisSettings({ sgWindowS })));
  const sat = useLiveField(String(Number((s.saturationFraction * 100).toPrecision(10))), parseSaturation, (saturationFraction) =>
    void act(() => api.tgaSetAnalysisSettings({ saturationFraction })),
  );
  const problem = alphas.error ?? sg.error ?? sat.error;
  const field = (f: LiveField) => ({
    value: f.text,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => f.onChange(e.target.value),
    onFocus: f.onFocus,
    onBlur: f.onBlur,
    onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && f.flush(),
    'aria-invalid': f.error !== null,
  });
  return (
    <div className="metrics-settings" data-testid="analysis-settings">
      <label className="field inline">
        <span>
          <i>t</i> at <i>α</i> =
        </span>
        <input data-testid="alpha-targets" className={alphas.pending ? 'pending' : undefined} {...field(alphas)} />
      </label>
      <label className="field inline" title="Savitzky–Golay window of dα/dt and DTG: a time, e.g. 15 s or 0.5 min">
        <span>SG window</span>
        <input data-testid="sg-window" className={`num short${sg.pending ? ' pending' : ''}`} {...field(sg)} />
        <span className="muted">s</span>
      </label>
      <label className="field inline" title="t_sat: the first time α reaches this percentage of α_final">
        <span>
          <i>t</i>
          <sub>sat</sub> at
        </span>
        <input data-testid="saturation" className={`num short${sat.pending ? ' pending' : ''}`} {...field(sat)} />
        <span className="muted">% of α_final</span>
      </label>
      {problem && (
        <span className="error-text" role="alert" data-testid="settings-problem">
          {problem}
        </span>
      )}
    </div>
  );
}

function Cells({ row, columns }: { row: Row; columns: Column[] }) {
  return (
    <>
      {columns.map((c) => {
        const cell = row.cells[c.id];
        const cls = ['num', c.kind === 'speed' ? 'speed' : '', c.kind === 'secondary' ? 'secondary' : ''].filter(Boolean).join(' ');
        return (
          <td key={c.id} className={cls} data-testid={cellTestId(c)} data-value={cell.value ?? ''} data-u={cell.u ?? ''}>
            {cell.text}
            {cell.spread && <span className="spread">{cell.spread}</span>}
          </td>
        );
      })}
    </>
  );
}

export function MetricsPanel({ session, act, notify }: Props) {
  const runs = analysedRuns(session);
  const [showRuns, setShowRuns] = useState(true);
  const grouped = hasReplicates(session);
  const rows = useMemo(() => tableRows(session, showRuns), [session, showRuns]);
  const columns = useMemo(() => visibleColumns(allColumns(session.settings.alphaTargets), rows), [session.settings.alphaTargets, rows]);
  const proposal = useMemo(() => {
    const samples = runs.map((r) => ({ id: r.id, label: r.settings.label, condition: r.settings.condition }));
    const proposed = proposeConditions(samples.map((r) => r.label));
    const changes = samples.map((r, i) => ({ id: r.id, condition: proposed[i] })).filter((c, i) => c.condition !== null && c.condition !== samples[i].condition);
    return changes.length > 0 ? changes : null;
  }, [runs]);

  const save = async (name: string, text: string) => {
    try {
      const saved = await api.saveFile({ suggestedName: name, data: text, filterName: 'CSV table', extensions: ['csv'] });
      if (saved.path) notify('info', `Saved ${saved.path}`);
    } catch (e) {
      notify('error', errorText(e));
    }
  };
  const exportCsv = async (which: 'metrics' | 'conditions') => {
    try {
      await save(which === 'metrics' ? 'tga_metrics.csv' : 'tga_conditions.csv', which === 'metrics' ? await api.tgaMetricsCsv() : await api.tgaConditionsCsv());
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
      await navigator.clipboard.writeText(metricsRows(session, showRuns).map((r) => r.join('\t')).join('\n') + '\n');
      notify('info', 'Metrics table copied (tab-separated).');
    } catch (e) {
      notify('error', `Copy failed: ${errorText(e)}`);
    }
  };
  const runById = new Map(session.runs.map((r) => [r.id, r]));

  return (
    <section className="panel metrics" aria-labelledby="metrics-title">
      <div className="panel-head wrap">
        <h2 id="metrics-title">Metrics</h2>
        <label className="field inline">
          <span>Reference</span>
          <select
            data-testid="reference"
            value={session.referenceId ?? ''}
            onChange={(e) => void act(() => api.tgaSetReference(e.target.value === '' ? null : e.target.value))}
          >
            <option value="">None</option>
            {session.conditions.map((c) => {
              // A condition is chosen through its first run; the select shows the reference run's condition.
              const value = c.runIds.includes(session.referenceId ?? '') ? session.referenceId! : c.runIds[0];
              return (
                <option key={c.name} value={value}>
                  {c.name}
                  {c.runIds.length > 1 ? ` (n = ${c.runIds.length})` : ''}
                </option>
              );
            })}
          </select>
        </label>
        <span className="spacer" />
        {proposal && (
          <button
            type="button"
            data-testid="group-replicates"
            title="Group runs whose labels differ only by a replicate number or letter (S1_1, S1_2 → S1)"
            onClick={() => void act(() => api.tgaSetConditions(proposal))}
          >
            Group replicates
          </button>
        )}
        {grouped && (
          <label className="field inline">
            <input type="checkbox" data-testid="show-runs" checked={showRuns} onChange={(e) => setShowRuns(e.target.checked)} /> <span>runs</span>
          </label>
        )}
        <button type="button" data-testid="copy-metrics" disabled={runs.length === 0} onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" data-testid="export-metrics" disabled={runs.length === 0} onClick={() => void exportCsv('metrics')}>
          Runs CSV
        </button>
        <button type="button" data-testid="export-conditions" disabled={runs.length === 0} onClick={() => void exportCsv('conditions')}>
          Conditions CSV
        </button>
      </div>
      <SettingsForm session={session} act={act} />
      {runs.length === 0 ? (
        <p className="empty">No analysed sample runs.</p>
      ) : (
        <div className="table-wrap">
          <table className="metrics-table" data-testid="metrics-table">
            <thead>
              <tr>
                <th scope="col" className="name">
                  {grouped ? 'Condition / run' : 'Run'}
                </th>
                <th scope="col" className="n" title="Number of runs (replicates) in the condition">
                  <i>n</i>
                </th>
                {columns.map((c) => (
                  <th key={c.id} scope="col" className={c.kind === 'speed' ? 'speed' : c.kind === 'secondary' ? 'secondary' : c.kind === 'onset' ? 'onset' : undefined} title={columnTitle(c, session)}>
                    {header(c)}
                  </th>
                ))}
                <th scope="col">Series</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const run = row.runId ? runById.get(row.runId) : undefined;
                const checks = run?.analysis?.checks ?? [];
                const cls = [row.kind === 'condition' ? 'condition' : 'run-row', row.member ? 'member' : '', row.isReference ? 'is-ref' : ''].filter(Boolean).join(' ');
                return (
                  <tr
                    key={row.key}
                    className={cls}
                    data-testid={row.kind === 'condition' ? 'condition-row' : 'metrics-row'}
                    {...(row.kind === 'condition' ? { 'data-condition': row.condition } : { 'data-run-label': row.label })}
                  >
                    <th scope="row" className="name">
                      {row.colorIndex !== null && <RunSwatch index={row.colorIndex} />} <span className="row-label">{row.label}</span>
                      {run && !run.settings.recipe && (
                        <sup className="flag" title="No recipe: α is normalised to the observed loss">
                          *
                        </sup>
                      )}
                      {run && !run.settings.blankId && (
                        <sup className="flag" title="No blank correction">
                          †
                        </sup>
                      )}
                      {run?.analysis?.warnings
                        .filter((w) => w.startsWith('Implausible'))
                        .map((w) => (
                          <sup key={w} className="flag implausible" title={w} data-testid="implausible">
                            !
                          </sup>
                        ))}
                      {checks.length > 0 && (
                        <span className="check-flag" data-testid="row-checks" title={checks.map((c) => c.message).join('\n')} aria-label={`${checks.length} check${checks.length === 1 ? '' : 's'} failed`}>
                          ⚠
                        </span>
                      )}
                    </th>
                    <td className="num n" data-testid="n">
                      {row.n}
                    </td>
                    <Cells row={row} columns={columns} />
                    <td>
                      {run && (
                        <button type="button" className="link" data-testid="export-derived" onClick={() => void exportDerived(run.id, run.settings.label)}>
                          CSV
                        </button>
                      )}
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
          {session.referenceId && 'Speed-up = t of the reference / t (greater than 1: faster than the reference). '}
          {grouped &&
            'Conditions: mean ± SD (n) of their runs; speed-up = ratio of the means t̄_ref / t̄, ± its SD-based propagated uncertainty √((s_ref/t̄_ref)² + (s/t̄)²) × speed-up (* one side has n = 1: only the other side’s scatter). Runs under a condition: their own values, speed-up against the reference mean. '}
          {runs.some((r) => !r.settings.recipe) && '* No recipe: α is normalised to the observed loss, not the theoretical one. '}
          {runs.some((r) => !r.settings.blankId) && '† No blank correction. '}
          {runs.some((r) => (r.analysis?.checks.length ?? 0) > 0) && '⚠ A check failed: hover for the reason, or see the run. '}
        </p>
      )}
      {runs.length > 0 && columns.some((c) => c.kind === 'onset' || c.kind === 'secondary') && (
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
