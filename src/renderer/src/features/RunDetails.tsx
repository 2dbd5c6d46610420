import { useState } from 'react';
import type { EndSource } from '../../../shared/analysis';
import type { RunPatch, RunView, SessionView } from '../../../shared/api';
import { parseQuantity } from '../../../core/units/quantity';
import { DerivedCurves } from './DerivedCurves';
import { RecipeEditor } from './RecipeEditor';
import { RunSwatch } from './RunSwatch';
import { useLiveField, type Parsed } from './useLiveField';

interface Props {
  session: SessionView;
  run: RunView;
  onPatch(patch: RunPatch): void;
  notify(kind: 'error' | 'info', text: string): void;
}

const fmtS = (s: number) => `${Number(s.toFixed(1))} s (${(s / 60).toFixed(2)} min)`;

function LabelField({ run, onPatch }: Pick<Props, 'run' | 'onPatch'>) {
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

const fileTime = (text: string): Parsed<number> => {
  try {
    return { value: parseQuantity(text, 's', 'time') };
  } catch (e) {
    return { error: `Give a file time, e.g. 2625 s or 43.75 min (${(e as Error).message}).` };
  }
};

/** Words for what set the end of the reducing window (core/tga/start.ts, in the order the rules are tried). */
const END_RULE: Record<EndSource, string> = {
  manual: 'set by hand',
  'gas-event': 'switch away from the reducing gas',
  segment: "the file's programme segments",
  programme: 'programme in the file header',
  temperature: 'temperature',
  data: 'end of the data',
};

/**
 * Start or end of the reducing window: automatic (what the file says) or by hand, typed as a file time with a
 * unit ("2625", "2625 s", "43.75 min") and applied as it is typed.
 */
function WindowBound({ run, onPatch, which }: Pick<Props, 'run' | 'onPatch'> & { which: 'start' | 'end' }) {
  const setting = which === 'start' ? run.settings.startS : run.settings.endS;
  const manual = setting !== null;
  const reduction = run.analysis?.reduction ?? null;
  const current = which === 'start' ? reduction?.startS : reduction?.endS;
  const committed = manual ? String(setting) : current !== undefined ? String(Number(current.toFixed(3))) : '';
  const patch = (v: number | null): void => onPatch(which === 'start' ? { startS: v } : { endS: v });
  const field = useLiveField(committed, fileTime, (v) => patch(v));
  const note = reduction
    ? which === 'start'
      ? `t₀ = ${fmtS(reduction.startS)}: ${reduction.startNote}`
      : `end = ${fmtS(reduction.endS)} (${END_RULE[reduction.endSource]}): ${reduction.endNote}`
    : null;
  const word = which === 'start' ? 'start' : 'end';
  return (
    <div className="bound" data-testid={`${which}-editor`}>
      <div className="row">
        <span className="bound-name">{which === 'start' ? 'Start' : 'End'}</span>
        <label className="radio">
          <input type="radio" name={`${which}-${run.id}`} checked={!manual} onChange={() => patch(null)} data-testid={`${which}-auto`} /> automatic
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${which}-${run.id}`}
            checked={manual}
            data-testid={`${which}-manual`}
            onChange={() => {
              const v = fileTime(field.text);
              if ('value' in v) patch(v.value);
            }}
          />{' '}
          by hand
        </label>
        <input
          aria-label={`Reduction ${word}, file time`}
          data-testid={`${which}-time`}
          className={`num${field.pending ? ' pending' : ''}`}
          value={field.text}
          aria-invalid={field.error !== null}
          onChange={(e) => field.onChange(e.target.value)}
          onFocus={field.onFocus}
          onBlur={field.onBlur}
          onKeyDown={(e) => e.key === 'Enter' && field.flush()}
        />
      </div>
      {note && (
        <p className="note" data-testid={`${which}-note`} data-source={which === 'start' ? reduction?.startSource : reduction?.endSource}>
          {note}
        </p>
      )}
      {field.error && (
        <p className="error-text" role="alert">
          {field.error}
        </p>
      )}
    </div>
  );
}

/** The replicate group of the run: runs with the same condition are reported together as mean ± SD (n). */
function ConditionField({ session, run, onPatch }: Pick<Props, 'session' | 'run' | 'onPatch'>) {
  const field = useLiveField<string | null>(
    run.settings.condition ?? '',
    (t) => (t.trim().length > 200 ? { error: 'At most 200 characters.' } : { value: t.trim() === '' ? null : t.trim() }),
    (condition) => onPatch({ condition }),
  );
  const names = [...new Set(session.runs.filter((r) => r.settings.role === 'sample' && r.settings.condition).map((r) => r.settings.condition!))];
  const listId = `conditions-${run.id}`;
  const n = session.conditions.find((c) => c.name === run.condition)?.runIds.length ?? 1;
  return (
    <label className="field" title="Runs with the same condition are replicates: the metrics table reports them as mean ± SD (n).">
      <span>
        Condition (replicates) · n = {n}
      </span>
      <input
        data-testid="run-condition"
        list={listId}
        placeholder={`${run.settings.label} (alone)`}
        value={field.text}
        onChange={(e) => field.onChange(e.target.value)}
        onFocus={field.onFocus}
        onBlur={field.onBlur}
        onKeyDown={(e) => e.key === 'Enter' && field.flush()}
      />
      <datalist id={listId}>
        {names.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </label>
  );
}

export function RunDetails(props: Props) {
  const { session, run, onPatch } = props;
  const blanks = session.runs.filter((r) => r.id !== run.id && r.settings.role === 'blank');
  const checks = run.analysis?.checks ?? [];
  return (
    <section className="panel details" aria-labelledby="details-title" data-testid="run-details">
      <div className="panel-head">
        <h2 id="details-title">
          <RunSwatch index={run.colorIndex} /> <span className="details-label">{run.settings.label}</span>
        </h2>
      </div>
      <LabelField key={`label-${run.id}-${run.settings.label}`} run={run} onPatch={onPatch} />
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
      {checks.length > 0 && (
        <ul className="checks" aria-label="Checks" data-testid="run-checks">
          {checks.map((c) => (
            <li key={c.code} data-code={c.code}>
              {c.message}
            </li>
          ))}
        </ul>
      )}
      {run.settings.role === 'sample' && (
        <>
          <ConditionField key={`condition-${run.id}`} session={session} run={run} onPatch={onPatch} />
          <RecipeEditor key={`recipe-${run.id}-${JSON.stringify(run.settings.recipe)}`} run={run} onApply={(recipe) => onPatch({ recipe })} />
          <fieldset className="window" data-testid="window-editor">
            <legend>Reducing window</legend>
            <WindowBound key={`start-${run.id}`} run={run} onPatch={onPatch} which="start" />
            <WindowBound key={`end-${run.id}`} run={run} onPatch={onPatch} which="end" />
            <p className="hint">File times, with a unit if you like (2625 s, 43.75 min); applied as you type.</p>
          </fieldset>
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
      <DerivedCurves key={`derived-${run.id}`} run={run} onPatch={onPatch} notify={props.notify} />
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
