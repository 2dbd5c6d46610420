/**
 * One series of the Kinetics workspace: its name, α basis, and its runs (heating rate or temperature read from the
 * data, the kinetic window, the blank); runs come from the TGA workspace or from files imported here.
 */
import { useRef, useState } from 'react';
import type { KineticsRunRef, KineticsSeriesView, KineticsStateView } from '../../../../shared/kinetics-api';
import { api, host } from '../../api';
import { runColor } from '../../charts/style';
import type { KineticsState } from './useKinetics';

const refValue = (r: KineticsRunRef | null): string => (r === null ? '' : r.kind === 'tga' ? `tga:${r.runId}` : `file:${r.fileId}`);
const parseRef = (v: string): KineticsRunRef | null => (v === '' ? null : v.startsWith('tga:') ? { kind: 'tga', runId: v.slice(4) } : { kind: 'file', fileId: v.slice(5) });

function NumberCell(props: { value: number | null; placeholder: string; label: string; testId: string; onCommit(v: number | null): void }) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [seen, setSeen] = useState(props.value);
  if (seen !== props.value) {
    setSeen(props.value);
    setText(props.value === null ? '' : String(props.value));
  }
  const commit = () => {
    const t = text.trim();
    const v = t === '' ? null : Number(t);
    if (v !== null && !Number.isFinite(v)) {
      setText(props.value === null ? '' : String(props.value));
      return;
    }
    if (v !== props.value) props.onCommit(v);
  };
  return (
    <input
      className="num short"
      aria-label={props.label}
      data-testid={props.testId}
      value={text}
      placeholder={props.placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

export function SeriesPanel(props: { series: KineticsSeriesView; state: KineticsStateView; kin: KineticsState; index: number }) {
  const { series: s, state, kin } = props;
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [name, setName] = useState(s.name);
  const [adding, setAdding] = useState<string[]>([]);
  const inSeries = new Set(s.runs.filter((r) => r.ref.kind === 'tga').map((r) => (r.ref as { runId: string }).runId));
  const addable = state.tgaRuns.filter((r) => r.role === 'sample' && !inSeries.has(r.id));
  const blanks: { value: string; label: string }[] = [
    ...s.files.filter((f) => f.role === 'blank').map((f) => ({ value: `file:${f.id}`, label: f.name })),
    ...state.tgaRuns.filter((r) => r.role === 'blank').map((r) => ({ value: `tga:${r.id}`, label: `${r.label} (TGA)` })),
  ];
  const isRef = state.referenceSeriesId === s.id;
  return (
    <section className="panel kin-series" aria-label={`Series ${s.name}`} data-testid={`kin-series-${props.index}`}>
      <div className="panel-head">
        <span className="swatch" style={{ background: runColor(s.colorIndex) }} aria-hidden />
        <input
          className="kin-series-name"
          aria-label="Series name"
          data-testid="kin-series-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => {
            if (name.trim() && name !== s.name) void kin.act(() => api.kinUpdateSeries(s.id, { name: name.trim() }));
            else setName(s.name);
          }}
        />
        <label className="radio" title="The reference of ΔE and of the speed-ups">
          <input type="radio" name="kin-reference" checked={isRef} onChange={() => void kin.act(() => api.kinSetReference(s.id))} data-testid="kin-reference" />
          reference
        </label>
        <span className="spacer" />
        <button type="button" className="icon" aria-label={`Remove series ${s.name}`} onClick={() => void kin.act(() => api.kinRemoveSeries(s.id))}>
          ×
        </button>
      </div>
      <div className="row">
        <label className="field">
          <span>α from</span>
          <select
            value={s.alphaBasis}
            data-testid="kin-alpha-basis"
            onChange={(e) => void kin.act(() => api.kinUpdateSeries(s.id, { alphaBasis: e.target.value as 'observed' | 'recipe' }))}
          >
            <option value="observed">each run&apos;s own mass range</option>
            <option value="recipe" disabled={!s.recipe}>
              the recipe&apos;s theoretical loss{s.recipe ? ` (${s.recipe.precursors.map((p) => p.formula).join(' + ')})` : ' (no recipe)'}
            </option>
          </select>
        </label>
      </div>
      {s.runs.length === 0 ? (
        <p className="empty">No runs yet: import files or add runs of the TGA workspace.</p>
      ) : (
        <div className="table-wrap">
          <table className="metrics-table kin-runs">
            <thead>
              <tr>
                <th>Run</th>
                <th title="Heating rate fitted to the measured T(t), or the hold temperature">β / T</th>
                <th title="Kinetic window in file time (s); empty = automatic (gas switch, segment, or the mass-loss onset)">start s</th>
                <th>end s</th>
                <th>Blank</th>
                <th aria-label="Remove" />
              </tr>
            </thead>
            <tbody>
              {s.runs.map((r) => (
                <tr key={r.key} data-testid="kin-run" className={r.error ? 'has-error' : undefined}>
                  <th title={`${r.fileName}${r.startNote ? `\nstart: ${r.startNote}` : ''}${r.endNote ? `\nend: ${r.endNote}` : ''}${r.error ? `\n${r.error}` : ''}`}>
                    {r.label}
                    {r.ref.kind === 'tga' && <span className="badge">TGA</span>}
                    {r.error && (
                      <span className="error-text" data-testid="kin-run-error">
                        {' '}
                        {r.error}
                      </span>
                    )}
                  </th>
                  <td className="num" data-testid="kin-run-rate">
                    {r.kind === 'isothermal'
                      ? `${r.meanTemperatureC?.toFixed(1)} °C`
                      : r.heatingRateKPerMin !== null
                        ? `${r.heatingRateKPerMin.toFixed(2)} K/min${r.kind === 'other' ? ' (not linear)' : ''}`
                        : '—'}
                  </td>
                  <td>
                    <NumberCell value={r.startS} placeholder={r.usedStartS === null ? 'auto' : r.usedStartS.toFixed(0)} label={`Window start of ${r.label} (s)`} testId="kin-run-start" onCommit={(v) => void kin.act(() => api.kinUpdateRun(s.id, r.key, { startS: v }))} />
                  </td>
                  <td>
                    <NumberCell value={r.endS} placeholder={r.usedEndS === null ? 'auto' : r.usedEndS.toFixed(0)} label={`Window end of ${r.label} (s)`} testId="kin-run-end" onCommit={(v) => void kin.act(() => api.kinUpdateRun(s.id, r.key, { endS: v }))} />
                  </td>
                  <td>
                    <select aria-label={`Blank of ${r.label}`} data-testid="kin-run-blank" value={refValue(r.blank)} onChange={(e) => void kin.act(() => api.kinUpdateRun(s.id, r.key, { blank: parseRef(e.target.value) }))}>
                      <option value="">none</option>
                      {blanks.map((b) => (
                        <option key={b.value} value={b.value}>
                          {b.label}
                        </option>
                      ))}
                      {r.blank && !blanks.some((b) => b.value === refValue(r.blank)) && <option value={refValue(r.blank)}>{r.blankLabel}</option>}
                    </select>
                  </td>
                  <td>
                    <button type="button" className="icon" aria-label={`Remove ${r.label}`} onClick={() => void kin.act(() => api.kinRemoveRun(s.id, r.key))}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row kin-add">
        {host === 'electron' ? (
          <button type="button" onClick={() => void kin.openDialog(s.id)}>
            Import files…
          </button>
        ) : (
          <>
            <button type="button" data-testid="kin-import" onClick={() => fileInput.current?.click()}>
              Import files…
            </button>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              data-testid="kin-file-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                void kin.importFiles(s.id, files);
              }}
            />
          </>
        )}
        {addable.length > 0 && (
          <details className="kin-tga-runs">
            <summary>Add TGA runs ({addable.length})</summary>
            {addable.map((r) => (
              <label key={r.id} className="radio">
                <input type="checkbox" checked={adding.includes(r.id)} onChange={(e) => setAdding((a) => (e.target.checked ? [...a, r.id] : a.filter((x) => x !== r.id)))} />
                {r.label}
              </label>
            ))}
            <button
              type="button"
              disabled={adding.length === 0}
              data-testid="kin-add-tga"
              onClick={() => {
                const ids = adding;
                setAdding([]);
                void kin.act(() => api.kinAddTgaRuns(s.id, ids));
              }}
            >
              Add to {s.name}
            </button>
          </details>
        )}
      </div>
    </section>
  );
}
