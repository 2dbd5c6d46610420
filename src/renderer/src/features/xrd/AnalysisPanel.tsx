/**
 * Settings of the in situ analysis (phases from the library and from CIF files, peak ROIs 'phase:hkl', wavelength,
 * frame interval and offset, background order) with a progress bar and Cancel. The parent runs it through the Api
 * and streams {done, total} back in `progress`. Options this panel does not edit (Debye–Waller, geometry, …) are
 * passed through from `initial` unchanged.
 */
import { useMemo, useState } from 'react';
import type { XrdPhaseView } from '../../../../shared/api';
import type { XrdAnalysisOptions } from '../../../../shared/xrd-results';
import { libraryPhases } from './reflections';
import { phaseColor } from './style';

export interface AnalysisRunSettings {
  options: XrdAnalysisOptions;
  /** Sequence time options (applied when the sequence is (re)built: interval only for files without times). */
  intervalS: number;
  offsetS: number;
}

export interface AnalysisPanelProps {
  initial: AnalysisRunSettings;
  /** Phases to pick from: the library's and the session's CIF phases. Default: the library. */
  phases?: Pick<XrdPhaseView, 'id' | 'name' | 'formula' | 'source' | 'fileName'>[];
  /** Wavelength the files state (Å), or null: then the field is required. */
  fileWavelengthA: number | null;
  running: boolean;
  progress: { done: number; total: number } | null;
  onRun(settings: AnalysisRunSettings): void;
  onCancel(): void;
}

/** Parse 'fcc-FeNi:200, wustite:200' into specs; throws naming the bad entry. */
export function parsePeakSpecs(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (!/^[^:]+:\s*-?\d[\d\s-]*$/.test(s)) throw new Error(`'${s}' is not phase:hkl (e.g. fcc-FeNi:200)`);
      return s.replace(/\s+/g, '');
    });
}

/** The options to run with: `initial`'s, with what the panel edits replaced; phases in list order, known ids only. */
export function runOptions(
  initial: XrdAnalysisOptions,
  listIds: string[],
  edited: { refine: ReadonlySet<string>; detect: ReadonlySet<string>; peaks: string[]; wavelengthA: number | undefined; backgroundOrder: number },
): XrdAnalysisOptions {
  const phases = listIds.filter((id) => edited.refine.has(id));
  const detectPhases = listIds.filter((id) => edited.refine.has(id) || edited.detect.has(id));
  const out: XrdAnalysisOptions = { ...initial, phases, detectPhases, peaks: edited.peaks, refine: phases.length > 0, backgroundOrder: edited.backgroundOrder };
  if (edited.wavelengthA === undefined) delete out.wavelengthA;
  else out.wavelengthA = edited.wavelengthA;
  return out;
}

export function AnalysisPanel(props: AnalysisPanelProps) {
  const libraryList = useMemo(() => libraryPhases().map((p) => ({ ...p, source: 'library' as const, fileName: null })), []);
  const list = props.phases ?? libraryList;
  const [refine, setRefine] = useState<Set<string>>(new Set(props.initial.options.phases));
  // A CIF phase read after the panel opened is refined unless the user says otherwise.
  const [known, setKnown] = useState<string>(() => list.map((p) => p.id).join(','));
  const listKey = list.map((p) => p.id).join(',');
  if (listKey !== known) {
    const before = new Set(known.split(','));
    const fresh = list.filter((p) => p.source === 'cif' && !before.has(p.id)).map((p) => p.id);
    setKnown(listKey);
    if (fresh.length > 0) setRefine((set) => new Set([...set, ...fresh]));
  }
  const [detect, setDetect] = useState<Set<string>>(new Set(props.initial.options.detectPhases ?? props.initial.options.phases));
  const [peaks, setPeaks] = useState((props.initial.options.peaks ?? []).join(', '));
  const [wavelength, setWavelength] = useState(props.initial.options.wavelengthA ? String(props.initial.options.wavelengthA) : '');
  const [intervalS, setIntervalS] = useState(String(props.initial.intervalS));
  const [offsetS, setOffsetS] = useState(String(props.initial.offsetS));
  const [bgOrder, setBgOrder] = useState(props.initial.options.backgroundOrder ?? 1);
  const [error, setError] = useState<string | null>(null);

  const toggle = (set: Set<string>, id: string, on: boolean, apply: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    apply(next);
  };

  const run = () => {
    try {
      const specs = parsePeakSpecs(peaks);
      const lam = wavelength.trim() === '' ? undefined : Number(wavelength);
      if (lam !== undefined && !(lam > 0 && lam < 5)) throw new Error('the wavelength must be between 0 and 5 Å');
      if (lam === undefined && props.fileWavelengthA === null) throw new Error('the files do not state the wavelength: enter it (Å)');
      const interval = Number(intervalS);
      const offset = Number(offsetS);
      if (!(interval > 0)) throw new Error('the frame interval must be > 0 s');
      if (!Number.isFinite(offset)) throw new Error('the time offset must be a number (s)');
      const options = runOptions(props.initial.options, list.map((x) => x.id), { refine, detect, peaks: specs, wavelengthA: lam, backgroundOrder: bgOrder });
      if ((options.detectPhases ?? []).length === 0) throw new Error('pick at least one phase');
      setError(null);
      props.onRun({
        options,
        intervalS: interval,
        offsetS: offset,
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const p = props.progress;
  const ids = list.map((x) => x.id);
  return (
    <form className="xrd-analysis" aria-label="SXRD analysis" onSubmit={(e) => (e.preventDefault(), run())}>
      <fieldset>
        <legend>Phases</legend>
        <table className="xrd-phase-table">
          <thead>
            <tr>
              <th>Phase</th>
              <th title="refined by the whole-pattern (Rietveld) fit">Refine</th>
              <th title="tested for presence at its strongest free reflections">Detect</th>
            </tr>
          </thead>
          <tbody>
            {list.map((ph) => (
              <tr key={ph.id} data-testid="xrd-analysis-phase" data-phase={ph.id} data-source={ph.source}>
                <td title={ph.source === 'cif' ? `${ph.id}, read from ${ph.fileName ?? 'a CIF file'}` : ph.id}>
                  <span className="swatch" style={{ background: phaseColor(ph.id, ids) }} aria-hidden /> {ph.name} <span className="muted">{ph.formula}</span>
                  {ph.source === 'cif' && <span className="tag">CIF</span>}
                </td>
                <td>
                  <input type="checkbox" aria-label={`refine ${ph.id}`} checked={refine.has(ph.id)} onChange={(e) => toggle(refine, ph.id, e.target.checked, setRefine)} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`detect ${ph.id}`} checked={detect.has(ph.id) || refine.has(ph.id)} disabled={refine.has(ph.id)} onChange={(e) => toggle(detect, ph.id, e.target.checked, setDetect)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>Fit</legend>
        <label>
          Peaks (phase:hkl, comma-separated)
          <input data-testid="xrd-peaks" className="wide" value={peaks} onChange={(e) => setPeaks(e.target.value)} placeholder="fcc-FeNi:200, wustite:200" />
        </label>
        <label>
          Wavelength λ (Å){props.fileWavelengthA !== null ? `, files: ${props.fileWavelengthA}` : ''}
          <input data-testid="xrd-wavelength" inputMode="decimal" value={wavelength} onChange={(e) => setWavelength(e.target.value)} placeholder={props.fileWavelengthA !== null ? 'from the files' : 'required'} />
        </label>
        <label>
          Frame interval (s)
          <input data-testid="xrd-interval" inputMode="decimal" value={intervalS} onChange={(e) => setIntervalS(e.target.value)} />
        </label>
        <label>
          Time offset (s)
          <input data-testid="xrd-offset" inputMode="decimal" value={offsetS} onChange={(e) => setOffsetS(e.target.value)} />
        </label>
        <label>
          Background order (peak ROIs)
          <select data-testid="xrd-bg-order" value={bgOrder} onChange={(e) => setBgOrder(Number(e.target.value))}>
            {[0, 1, 2, 3].map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="xrd-run">
        <button type="submit" data-testid="xrd-run" disabled={props.running}>
          Run analysis
        </button>
        {props.running && (
          <>
            <progress data-testid="xrd-progress" max={p?.total ?? 1} value={p?.done ?? 0} aria-label="Analysis progress" />
            <span className="muted">{p ? `${p.done} / ${p.total}` : 'starting…'}</span>
            <button type="button" data-testid="xrd-cancel" onClick={props.onCancel}>
              Cancel
            </button>
          </>
        )}
      </div>
    </form>
  );
}
