/**
 * The Kinetics workspace (issue 9): series of runs at several heating rates or temperatures (runs of the TGA
 * workspace or instrument exports imported here), the analysis in a worker, E(α) and the other plots, the comparison
 * of series and the per-series tables. State lives in main (kinetics-session.ts); this is its view.
 */
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { KineticsPlots } from './KineticsPlots';
import { ComparisonTable, SeriesResults } from './KineticsTables';
import { SeriesPanel } from './SeriesPanel';
import { SettingsPanel } from './SettingsPanel';
import { comparison, seriesResults } from './figures';
import type { KineticsState } from './useKinetics';
import './kinetics.css';

export function KineticsWorkspace(props: { kin: KineticsState; notify(kind: 'error' | 'info', text: string): void }) {
  const { kin } = props;
  const state = kin.state;
  const [newName, setNewName] = useState('');
  const results = useMemo(() => (state ? seriesResults(state) : []), [state]);
  const cmp = useMemo(() => {
    if (!state || results.length === 0) return null;
    try {
      return comparison(state, results);
    } catch {
      return null;
    }
  }, [state, results]);
  if (!state) return <main className="loading">Loading…</main>;
  const failed = (state.results ?? []).filter((r) => r.error);
  const addSeries = () => {
    const name = newName.trim() || `Series ${state.series.length + 1}`;
    setNewName('');
    void kin.act(() => api.kinAddSeries(name));
  };
  return (
    <main className="body kinetics" data-testid="kinetics-workspace">
      <aside className="side">
        {state.series.map((s, i) => (
          <SeriesPanel key={s.id} series={s} state={state} kin={kin} index={i} />
        ))}
        <section className="panel">
          <div className="row">
            <input className="kin-new-series" aria-label="New series name" placeholder="new series, e.g. Fe2O3 + NiO" data-testid="kin-new-series-name" value={newName} onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && addSeries()} />
            <button type="button" data-testid="kin-add-series" onClick={addSeries}>
              Add series
            </button>
          </div>
        </section>
        <SettingsPanel state={state} kin={kin} />
      </aside>
      <div className="content">
        {failed.map((r) => (
          <p key={r.seriesId} className="notice error" data-testid="kin-series-error">
            {r.name}: {r.error}
          </p>
        ))}
        <KineticsPlots state={state} results={results} notify={props.notify} />
        <ComparisonTable comparison={cmp} results={results} />
        {results.map((r) => (
          <SeriesResults key={r.seriesId} r={r} notify={props.notify} />
        ))}
      </div>
    </main>
  );
}
