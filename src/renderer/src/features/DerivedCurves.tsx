import { useEffect, useState } from 'react';
import type { DerivedCurveDef, DerivedPreview, RunPatch, RunView } from '../../../shared/api';
import { api, errorText } from '../api';

interface Props {
  run: RunView;
  onPatch(patch: RunPatch): void;
  notify(kind: 'error' | 'info', text: string): void;
}

const EXAMPLES: DerivedCurveDef[] = [
  { name: 'm_net', expression: 'm - blank.m', unit: null },
  { name: 'dm_pct', expression: '100*(m - m0)/m0', unit: null },
  { name: 'm_avg', expression: 'movavg(m, 30 s)', unit: null },
];

const FUNCTIONS = 'movavg(x, 30 s), deriv(x), at(x, 2625 s), first(x), abs, sqrt, exp, log, log10';

/**
 * Curve arithmetic on a run: name = expression over its channels (t, m, T, m0, other columns), its blank
 * (blank.m) and other runs (run("label").m), with units checked. The new curve's unit is checked as you type;
 * a curve then shows in the run's plot, its channels CSV and the derived CSV, and is kept with the session.
 */
export function DerivedCurves({ run, onPatch, notify }: Props) {
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const [unit, setUnit] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [preview, setPreview] = useState<DerivedPreview | null>(null);
  const curves = run.settings.derived;
  const draft: DerivedCurveDef = { name: name.trim(), expression: expression.trim(), unit: unit.trim() === '' ? null : unit.trim() };
  const complete = draft.name !== '' && draft.expression !== '';

  // Check the draft as it is typed (debounced): its unit, or why it cannot be evaluated.
  useEffect(() => {
    if (!complete) return;
    let live = true;
    const timer = setTimeout(() => {
      api.tgaPreviewDerived(run.id, draft).then(
        (p) => live && setPreview(p),
        (e: unknown) => live && setPreview({ unit: null, error: errorText(e) }),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's fields are the dependencies
  }, [run.id, draft.name, draft.expression, draft.unit, complete]);

  const shownPreview = complete ? preview : null;
  const save = () => {
    if (!complete) return;
    const next = editing ? curves.map((c) => (c.name === editing ? draft : c)) : [...curves, draft];
    onPatch({ derived: next });
    setName('');
    setExpression('');
    setUnit('');
    setEditing(null);
    setPreview(null);
  };
  const edit = (c: DerivedCurveDef) => {
    setEditing(c.name);
    setName(c.name);
    setExpression(c.expression);
    setUnit(c.unit ?? '');
  };
  const exportChannels = async () => {
    try {
      const text = await api.tgaChannelsCsv(run.id);
      const saved = await api.saveFile({ suggestedName: `${run.settings.label.replace(/[^A-Za-z0-9._-]+/g, '_')}_channels.csv`, data: text, filterName: 'CSV table', extensions: ['csv'] });
      if (saved.path) notify('info', `Saved ${saved.path}`);
    } catch (e) {
      notify('error', errorText(e));
    }
  };
  const symbols = run.channels.map((c) => `${c.symbol}${c.unit ? ` (${c.unit})` : ''}`).join(', ');

  return (
    <details className="derived" data-testid="derived-curves" open={curves.length > 0 || undefined}>
      <summary>
        Derived curves{curves.length > 0 ? ` (${curves.length})` : ''}
      </summary>
      {run.derived.length > 0 && (
        <ul className="derived-list">
          {run.derived.map((d) => (
            <li key={d.name} data-testid="derived-curve" data-name={d.name} className={d.error ? 'broken' : undefined}>
              <code>
                {d.name} = {d.expression}
              </code>{' '}
              <span className="muted">{d.error ? '' : d.unit ? `[${d.unit}]` : '[plain number]'}</span>
              <span className="derived-actions">
                <button type="button" className="link" onClick={() => edit(d)} aria-label={`Edit ${d.name}`}>
                  edit
                </button>
                <button type="button" className="icon danger" onClick={() => onPatch({ derived: curves.filter((c) => c.name !== d.name) })} aria-label={`Remove ${d.name}`}>
                  ×
                </button>
              </span>
              {d.error && <p className="error-text">{d.error}</p>}
              {d.warnings.map((w, i) => (
                <p key={i} className="note warn">
                  {w}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
      <div className="derived-form">
        <div className="row">
          <input aria-label="Curve name" data-testid="derived-name" className="derived-name" placeholder="name, e.g. m_net" value={name} spellCheck={false} onChange={(e) => setName(e.target.value)} />
          <span>=</span>
          <input
            aria-label="Expression"
            data-testid="derived-expression"
            className="derived-expression"
            placeholder="m - blank.m"
            value={expression}
            spellCheck={false}
            onChange={(e) => setExpression(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && shownPreview?.error === null && save()}
          />
        </div>
        <div className="row">
          <input aria-label="Unit (optional)" data-testid="derived-unit" className="num derived-unit" placeholder="unit (auto)" value={unit} spellCheck={false} onChange={(e) => setUnit(e.target.value)} />
          <button type="button" className="primary" data-testid="derived-add" disabled={!complete || (shownPreview !== null && shownPreview.error !== null)} onClick={save}>
            {editing ? 'Update curve' : 'Add curve'}
          </button>
          {editing && (
            <button type="button" onClick={() => (setEditing(null), setName(''), setExpression(''), setUnit(''))}>
              Cancel
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="link" data-testid="export-channels" onClick={() => void exportChannels()}>
            Channels CSV
          </button>
        </div>
        {shownPreview && (
          <p className={shownPreview.error ? 'error-text' : 'note'} data-testid="derived-preview" role={shownPreview.error ? 'alert' : undefined}>
            {shownPreview.error ? shownPreview.error : `Gives ${shownPreview.unit ? shownPreview.unit : 'a plain number'}.`}
          </p>
        )}
        <p className="hint">
          Names: {symbols}; the blank: blank.m, blank.T; another run: run("label").m. Functions: {FUNCTIONS}. Units are checked (mathjs); temperatures
          enter in K, so give °C as the unit for an absolute temperature.{' '}
          {curves.length === 0 &&
            EXAMPLES.map((ex) => (
              <button key={ex.name} type="button" className="link example" onClick={() => (setName(ex.name), setExpression(ex.expression), setUnit(''))}>
                {ex.name} = {ex.expression}
              </button>
            ))}
        </p>
      </div>
    </details>
  );
}
