import type { RunView, SessionView } from '../../../shared/api';
import { RunSwatch } from './RunSwatch';

interface Props {
  session: SessionView;
  selectedId: string | null;
  onSelect(id: string): void;
  onMove(id: string, delta: -1 | 1): void;
  onRemove(id: string): void;
  onBlankForAll(blankId: string | null): void;
}

/** The blank shared by every sample run, '' when none, or null when the runs differ. */
function commonBlank(runs: RunView[]): string | null {
  const samples = runs.filter((r) => r.settings.role === 'sample');
  const ids = new Set(samples.map((r) => r.settings.blankId ?? ''));
  return ids.size === 1 ? [...ids][0] : ids.size === 0 ? '' : null;
}

export function RunList({ session, selectedId, onSelect, onMove, onRemove, onBlankForAll }: Props) {
  const { runs } = session;
  const blanks = runs.filter((r) => r.settings.role === 'blank');
  const shared = commonBlank(runs);
  return (
    <section className="panel runs" aria-labelledby="runs-title">
      <div className="panel-head">
        <h2 id="runs-title">Runs</h2>
        <span className="muted">{runs.length === 0 ? 'none loaded' : `${runs.length} loaded`}</span>
      </div>
      {runs.length === 0 ? (
        <p className="empty">Import TGA exports with the button above or drop files anywhere in the window.</p>
      ) : (
        <ol className="run-list" data-testid="run-list">
          {runs.map((r, i) => (
            <li key={r.id} className={r.id === selectedId ? 'run selected' : 'run'} data-testid="run-item" data-run-id={r.id} data-run-label={r.settings.label}>
              <button type="button" className="run-main" onClick={() => onSelect(r.id)} aria-pressed={r.id === selectedId} aria-label={`Select ${r.settings.label}`}>
                <RunSwatch index={r.colorIndex} blank={r.settings.role === 'blank'} />
                <span className="run-text">
                  <span className="run-label">
                    <span className="run-name" title={r.settings.label}>
                      {r.settings.label}
                    </span>
                    {r.settings.role === 'blank' && <span className="badge">blank</span>}
                    {session.referenceId === r.id && <span className="badge ref">reference</span>}
                    {r.settings.condition && (
                      <span className="badge cond" title={`Replicate of condition ${r.settings.condition}`} data-testid="run-condition-badge">
                        {r.settings.condition}
                      </span>
                    )}
                    {(r.analysis?.checks.length ?? 0) > 0 && (
                      <span className="badge warn" data-testid="run-checks-badge" title={r.analysis!.checks.map((c) => c.message).join('\n')}>
                        ⚠ {r.analysis!.checks.length}
                      </span>
                    )}
                  </span>
                  <span className="run-file" title={r.fileName}>
                    {r.fileName} · {r.formatLabel}
                  </span>
                  {r.analysisNote && r.settings.role === 'sample' && <span className="run-warn">{r.analysisNote}</span>}
                </span>
              </button>
              <span className="run-actions">
                <button type="button" className="icon" onClick={() => onMove(r.id, -1)} disabled={i === 0} aria-label={`Move ${r.settings.label} up`} title="Move up">
                  ↑
                </button>
                <button type="button" className="icon" onClick={() => onMove(r.id, 1)} disabled={i === runs.length - 1} aria-label={`Move ${r.settings.label} down`} title="Move down">
                  ↓
                </button>
                <button type="button" className="icon danger" onClick={() => onRemove(r.id)} aria-label={`Remove ${r.settings.label}`} title="Remove">
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {runs.length > 0 && (
        <label className="field inline">
          <span>Blank for all samples</span>
          <select data-testid="blank-all" value={shared ?? '__mixed'} onChange={(e) => onBlankForAll(e.target.value === '' ? null : e.target.value)}>
            {shared === null && (
              <option value="__mixed" disabled>
                (differs per run)
              </option>
            )}
            <option value="">No blank correction</option>
            {runs
              .filter((r) => r.settings.role === 'blank' || blanks.length === 0)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.settings.label}
                </option>
              ))}
          </select>
        </label>
      )}
    </section>
  );
}
