import { useState } from 'react';
import type { RunPatch, RunView, SessionView } from '../../../shared/api';
import { runColor } from '../charts/style';
import { RecipeEditor } from './RecipeEditor';

interface Props {
  session: SessionView;
  run: RunView;
  onPatch(patch: RunPatch): void;
}

const fmtS = (s: number) => `${Number(s.toFixed(1))} s (${(s / 60).toFixed(2)} min)`;

function LabelField({ run, onPatch }: Props) {
  const [label, setLabel] = useState(run.settings.label);
  const commit = () => {
    if (label.trim() !== '' && label.trim() !== run.settings.label) onPatch({ label: label.trim() });
    else setLabel(run.settings.label);
  };
  return (
    <label className="field">
      <span>Label</span>
      <input data-testid="run-label" value={label} onChange={(e) => setLabel(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
    </label>
  );
}

function StartField({ run, onPatch }: Props) {
  const manual = run.settings.startS !== null;
  const [text, setText] = useState(manual ? String(run.settings.startS) : run.analysis ? String(run.analysis.reduction.startS) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const setManual = () => {
    const v = Number(text.replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(v)) {
      setProblem('Give the start as a file time in seconds.');
      return;
    }
    setProblem(null);
    onPatch({ startS: v });
  };
  return (
    <fieldset className="start" data-testid="start-editor">
      <legend>Reduction start</legend>
      <div className="row">
        <label className="radio">
          <input type="radio" name={`start-${run.id}`} checked={!manual} onChange={() => onPatch({ startS: null })} /> Automatic
        </label>
        <label className="radio">
          <input type="radio" name={`start-${run.id}`} checked={manual} onChange={setManual} /> Set by hand
        </label>
      </div>
      {run.analysis && (
        <p className="note" data-testid="start-note">
          t₀ = {fmtS(run.analysis.reduction.startS)}: {run.analysis.reduction.startNote}
        </p>
      )}
      <div className="row">
        <input aria-label="Reduction start, file time in seconds" className="num" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && setManual()} />
        <span className="muted">s (file time)</span>
        <button type="button" onClick={setManual}>
          Use this start
        </button>
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** Words for what set the end of the reducing window (core/tga/start.ts, in the order the rules are tried). */
const END_RULE: Record<string, string> = {
  manual: 'set by hand',
  'gas-event': 'gas switch',
  segment: 'programme segment',
  programme: 'programme in the file header',
  temperature: 'temperature',
  data: 'end of the data',
};

function EndField({ run, onPatch }: Props) {
  const manual = run.settings.endS !== null;
  const [text, setText] = useState(manual ? String(run.settings.endS) : run.analysis ? String(Number(run.analysis.reduction.endS.toFixed(3))) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const setManual = () => {
    const v = Number(text.replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(v)) {
      setProblem('Give the end as a file time in seconds.');
      return;
    }
    if (run.analysis && !(v > run.analysis.reduction.startS)) {
      setProblem(`The end must lie after the start (${fmtS(run.analysis.reduction.startS)}).`);
      return;
    }
    setProblem(null);
    onPatch({ endS: v });
  };
  const r = run.analysis?.reduction;
  return (
    <fieldset className="start" data-testid="end-editor">
      <legend>Reduction end</legend>
      <div className="row">
        <label className="radio">
          <input type="radio" name={`end-${run.id}`} checked={!manual} onChange={() => onPatch({ endS: null })} /> Automatic
        </label>
        <label className="radio">
          <input type="radio" name={`end-${run.id}`} checked={manual} onChange={setManual} /> Set by hand
        </label>
      </div>
      {r && (
        <p className="note" data-testid="end-note" data-source={r.endSource}>
          t_end = {fmtS(r.endS)} ({END_RULE[r.endSource] ?? r.endSource}): {r.endNote}
        </p>
      )}
      <div className="row">
        <input aria-label="Reduction end, file time in seconds" className="num" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && setManual()} />
        <span className="muted">s (file time)</span>
        <button type="button" onClick={setManual}>
          Use this end
        </button>
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

export function RunDetails(props: Props) {
  const { session, run, onPatch } = props;
  const blanks = session.runs.filter((r) => r.id !== run.id && r.settings.role === 'blank');
  return (
    <section className="panel details" aria-labelledby="details-title" data-testid="run-details">
      <div className="panel-head">
        <h2 id="details-title">
          <span className="swatch" style={{ background: runColor(run.colorIndex) }} aria-hidden /> {run.settings.label}
        </h2>
      </div>
      <LabelField key={`label-${run.id}-${run.settings.label}`} {...props} />
      <div className="row two">
        <label className="field">
          <span>Role</span>
          <select data-testid="run-role" value={run.settings.role} onChange={(e) => onPatch({ role: e.target.value as 'sample' | 'blank' })}>
            <option value="sample">Sample</option>
            <option value="blank">Blank (empty crucible)</option>
          </select>
        </label>
        {run.settings.role === 'sample' && (
          <label className="field">
            <span>Blank</span>
            <select data-testid="run-blank" value={run.settings.blankId ?? ''} onChange={(e) => onPatch({ blankId: e.target.value === '' ? null : e.target.value })}>
              <option value="">None</option>
              {blanks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.settings.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {run.settings.role === 'sample' && run.settings.blankId === null && blanks.length > 0 && (
        <p className="note warn-note" data-testid="blank-hint">
          A blank run is loaded but not applied to this run: buoyancy and the gas-switch step stay in its mass.
        </p>
      )}
      {run.settings.role === 'sample' && (
        <>
          <RecipeEditor key={`recipe-${run.id}-${JSON.stringify(run.settings.recipe)}`} run={run} onApply={(recipe) => onPatch({ recipe })} />
          <StartField key={`start-${run.id}-${run.settings.startS}-${run.analysis?.reduction.startS}`} {...props} />
          <EndField key={`end-${run.id}-${run.settings.endS}-${run.analysis?.reduction.endS}`} {...props} />
        </>
      )}
      {run.analysisNote && (
        <p className={run.settings.role === 'blank' ? 'note' : 'error-text'} data-testid="analysis-note">
          {run.analysisNote}
        </p>
      )}
      {run.analysis && run.analysis.warnings.length > 0 && (
        <ul className="warnings" aria-label="Analysis notes">
          {run.analysis.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <details className="report" data-testid="import-report">
        <summary>
          Import report: {run.fileName} · {run.formatLabel} · {run.points.toLocaleString('en')} points
        </summary>
        <ul>
          {run.report.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
          {run.warnings.map((w, i) => (
            <li key={`w${i}`} className="warn">
              {w}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
