/** Analysis settings of the Kinetics workspace (α grid, mode, methods, prediction temperature) and the Run button. */
import { useState } from 'react';
import type { KineticsMethod } from '../../../../shared/kinetics';
import { METHOD_LABELS } from '../../../../shared/kinetics';
import type { KineticsAppOptions, KineticsStateView } from '../../../../shared/kinetics-api';
import { api } from '../../api';
import type { KineticsState } from './useKinetics';

const METHODS: KineticsMethod[] = ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin', 'kissinger'];

function NumberField(props: { label: string; value: number | null; testId: string; placeholder?: string; onCommit(v: number | null): void; allowEmpty?: boolean; title?: string; wide?: boolean }) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [seen, setSeen] = useState(props.value);
  if (seen !== props.value) {
    setSeen(props.value);
    setText(props.value === null ? '' : String(props.value));
  }
  return (
    <label className="field" title={props.title}>
      <span>{props.label}</span>
      <input
        className={props.wide ? 'num' : 'num short'}
        data-testid={props.testId}
        value={text}
        placeholder={props.placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const t = text.trim();
          if (t === '' && props.allowEmpty) {
            if (props.value !== null) props.onCommit(null);
            return;
          }
          const v = Number(t);
          if (t === '' || !Number.isFinite(v)) setText(props.value === null ? '' : String(props.value));
          else if (v !== props.value) props.onCommit(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
      />
    </label>
  );
}

export function SettingsPanel(props: { state: KineticsStateView; kin: KineticsState }) {
  const { state, kin } = props;
  const o = state.options;
  const set = (p: Partial<KineticsAppOptions>) => void kin.act(() => api.kinSetOptions(p));
  const running = kin.job?.state === 'running';
  return (
    <section className="panel" aria-label="Kinetics settings">
      <div className="panel-head">
        <strong>Analysis</strong>
      </div>
      <div className="row">
        <NumberField label="α from" value={o.alphaMin} testId="kin-alpha-min" onCommit={(v) => v !== null && set({ alphaMin: v })} />
        <NumberField label="to" value={o.alphaMax} testId="kin-alpha-max" onCommit={(v) => v !== null && set({ alphaMax: v })} />
        <NumberField label="step" value={o.alphaStep} testId="kin-alpha-step" onCommit={(v) => v !== null && set({ alphaStep: v })} />
      </div>
      <div className="row">
        <label className="field">
          <span>Mode</span>
          <select value={o.mode} data-testid="kin-mode" onChange={(e) => set({ mode: e.target.value as KineticsAppOptions['mode'] })}>
            <option value="auto">from the temperatures</option>
            <option value="nonisothermal">non-isothermal</option>
            <option value="isothermal">isothermal</option>
          </select>
        </label>
        <NumberField
          label="Prediction °C"
          value={o.predictionC}
          allowEmpty
          placeholder="median"
          wide
          testId="kin-prediction-c"
          title="Isothermal prediction and predicted speed-up at this temperature (empty: the reference's median run temperature)"
          onCommit={(v) => set({ predictionC: v })}
        />
        <NumberField label="speed-up at α" value={o.speedUpAlpha} testId="kin-speedup-alpha" onCommit={(v) => v !== null && set({ speedUpAlpha: v })} />
      </div>
      <fieldset className="kin-methods">
        <legend>Methods</legend>
        {METHODS.map((m) => (
          <label key={m} className="radio">
            <input
              type="checkbox"
              checked={o.methods.includes(m)}
              data-testid={`kin-method-${m}`}
              onChange={(e) => set({ methods: e.target.checked ? [...o.methods, m] : o.methods.filter((x) => x !== m) })}
            />
            {METHOD_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="button" className="primary" data-testid="kin-run-analysis" disabled={running || state.series.length === 0} onClick={() => void kin.start()}>
          {state.results ? 'Run again' : 'Run analysis'}
        </button>
        {running && (
          <>
            <div className="progress" role="progressbar" aria-label="Kinetics analysis" aria-valuemin={0} aria-valuemax={1} aria-valuenow={kin.job?.fraction ?? 0} data-testid="kin-progress">
              <div className="bar">
                <div className="fill" style={{ width: `${Math.max(4, (kin.job?.fraction ?? 0) * 100)}%` }} />
              </div>
              <span>{kin.job?.stage}</span>
            </div>
            <button type="button" data-testid="kin-cancel" onClick={() => void kin.cancel()}>
              Cancel
            </button>
          </>
        )}
        {state.resultsStale && !running && (
          <span className="warn-note" data-testid="kin-stale">
            Settings changed since the results: run again.
          </span>
        )}
      </div>
    </section>
  );
}
