/**
 * Settings of the in situ analysis (phases from the library and from CIF files, peak ROIs 'phase:hkl', wavelength,
 * frame interval and offset, background order), the instrument (synchrotron or a laboratory tube, Debye–Scherrer or
 * Bragg–Brentano, profile, zero / displacement, monochromator, a GSAS-II .instprm file) and the fcc (Fe,Ni) Vegard
 * end members, with a progress bar and Cancel. The parent runs it through the Api and streams {done, total} back in
 * `progress`. Options this panel does not edit (Debye–Waller, …) are passed through from `initial` unchanged.
 */
import { useMemo, useState } from 'react';
import type { XrdPhaseView, XrdRunOptions } from '../../../../shared/api';
import { DEFAULT_FENI_VEGARD } from '../../../../core/xrd/crystal/index';
import { FCC_FENI_700C } from '../../../../core/xrd/peaks/lattice';
import { TUBE_RADIATIONS } from '../../../../core/xrd/rietveld/instprm';
import { libraryPhases } from './reflections';
import { phaseColor } from './style';

/** The run options the panel hands back (the .instprm file travels beside them, read to bytes by the parent). */
export type AnalysisPanelOptions = Omit<XrdRunOptions, 'instprm'>;

export interface AnalysisRunSettings {
  options: AnalysisPanelOptions;
  /** Sequence time options (applied when the sequence is (re)built: interval only for files without times). */
  intervalS: number;
  offsetS: number;
  /** GSAS-II instrument parameter file (parsed in main), or none. */
  instprm?: File | null;
}

/** Vegard end members (Å): the 700 °C law the analysis uses by default, and the library's room-temperature ends. */
export const VEGARD_PRESETS = {
  '700C': { a0A: FCC_FENI_700C.a0A, a1A: FCC_FENI_700C.a1A },
  rt: { a0A: DEFAULT_FENI_VEGARD.endMembers.aAtZeroA, a1A: DEFAULT_FENI_VEGARD.endMembers.aAtOneA },
} as const;

/** The instrument as the panel edits it; null = the analysis default for the geometry. */
export interface InstrumentChoice {
  /** A tube of TUBE_RADIATIONS, or null: synchrotron, one λ (the files', or the one entered). */
  radiation: string | null;
  geometry: 'debye-scherrer' | 'bragg-brentano';
  profile: 'pv' | 'tch' | null;
  refineZero: boolean | null;
  refineDisplacement: boolean | null;
  /** Monochromator 2θ (°), 0 = none. */
  monochromatorTwoThetaDeg: number;
}

const PANEL_KEYS = ['radiation', 'geometry', 'profile', 'refineZero', 'refineDisplacement', 'monochromatorTwoThetaDeg', 'vegardEndsA'] as const;

/** The instrument choice `options` describe (a new panel starts from the last run's). */
export function instrumentChoiceOf(options: AnalysisPanelOptions): InstrumentChoice {
  return {
    radiation: options.radiation ?? null,
    geometry: options.geometry ?? 'debye-scherrer',
    profile: options.profile ?? null,
    refineZero: options.refineZero ?? null,
    refineDisplacement: options.refineDisplacement ?? null,
    monochromatorTwoThetaDeg: options.monochromatorTwoThetaDeg ?? 0,
  };
}

/** 'Cu Kα1 1.54059, Kα2 1.54443 Å (I2/I1 0.5)' for a tube of TUBE_RADIATIONS. */
export function tubeLabel(name: string): string {
  const r = TUBE_RADIATIONS[name];
  const element = name.replace(/Ka1?$/, '');
  if (!r) return name;
  return r.wavelength2A
    ? `${element} Kα1 ${r.wavelengthA.toFixed(5)}, Kα2 ${r.wavelength2A.toFixed(5)} Å (I₂/I₁ ${r.ratio21 ?? 0.5})`
    : `${element} Kα1 ${r.wavelengthA.toFixed(5)} Å (monochromated)`;
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

/**
 * The options to run with: `initial`'s, with what the panel edits replaced; phases in list order, known ids only.
 * Instrument and Vegard fields are set only where they differ from the analysis defaults (so the result reports
 * them as defaults: vegardEndsSource 'default' for the 700 °C law).
 */
export function runOptions(
  initial: AnalysisPanelOptions,
  listIds: string[],
  edited: {
    refine: ReadonlySet<string>;
    detect: ReadonlySet<string>;
    peaks: string[];
    wavelengthA: number | undefined;
    backgroundOrder: number;
    instrument?: InstrumentChoice;
    vegardEndsA?: { a0A: number; a1A: number };
  },
): AnalysisPanelOptions {
  const phases = listIds.filter((id) => edited.refine.has(id));
  const detectPhases = listIds.filter((id) => edited.refine.has(id) || edited.detect.has(id));
  const out: AnalysisPanelOptions = { ...initial, phases, detectPhases, peaks: edited.peaks, refine: phases.length > 0, backgroundOrder: edited.backgroundOrder };
  if (edited.wavelengthA === undefined) delete out.wavelengthA;
  else out.wavelengthA = edited.wavelengthA;
  const inst = edited.instrument;
  if (inst) {
    for (const k of PANEL_KEYS) if (k !== 'vegardEndsA') delete out[k];
    if (inst.radiation !== null) out.radiation = inst.radiation;
    if (inst.geometry !== 'debye-scherrer') out.geometry = inst.geometry;
    if (inst.profile !== null) out.profile = inst.profile;
    if (inst.refineZero !== null) out.refineZero = inst.refineZero;
    if (inst.refineDisplacement !== null) out.refineDisplacement = inst.refineDisplacement;
    if (inst.monochromatorTwoThetaDeg > 0) out.monochromatorTwoThetaDeg = inst.monochromatorTwoThetaDeg;
  }
  if (edited.vegardEndsA) {
    const v = edited.vegardEndsA;
    const d = VEGARD_PRESETS['700C'];
    if (v.a0A === d.a0A && v.a1A === d.a1A) delete out.vegardEndsA;
    else out.vegardEndsA = { a0A: v.a0A, a1A: v.a1A };
  }
  return out;
}

/** Vegard end members from the two fields; throws in words. */
export function parseVegardEnds(a0Text: string, a1Text: string): { a0A: number; a1A: number } {
  const a0A = Number(a0Text.trim());
  const a1A = Number(a1Text.trim());
  if (a0Text.trim() === '' || a1Text.trim() === '' || !(a0A > 1 && a0A < 10) || !(a1A > 1 && a1A < 10)) throw new Error('the Vegard end members are lattice parameters in Å (1…10)');
  if (a0A === a1A) throw new Error('the Vegard end members must differ');
  return { a0A, a1A };
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
  const [inst, setInst] = useState<InstrumentChoice>(() => instrumentChoiceOf(props.initial.options));
  const [instprm, setInstprm] = useState<File | null>(props.initial.instprm ?? null);
  const ends0 = props.initial.options.vegardEndsA ?? VEGARD_PRESETS['700C'];
  const [a0Text, setA0Text] = useState(String(ends0.a0A));
  const [a1Text, setA1Text] = useState(String(ends0.a1A));
  const [error, setError] = useState<string | null>(null);
  const editInst = (patch: Partial<InstrumentChoice>) => (setInst((i) => ({ ...i, ...patch })), setError(null));
  const preset = (k: keyof typeof VEGARD_PRESETS) => (setA0Text(String(VEGARD_PRESETS[k].a0A)), setA1Text(String(VEGARD_PRESETS[k].a1A)));
  const presetShown = (Object.keys(VEGARD_PRESETS) as (keyof typeof VEGARD_PRESETS)[]).find((k) => Number(a0Text) === VEGARD_PRESETS[k].a0A && Number(a1Text) === VEGARD_PRESETS[k].a1A);
  const bb = inst.geometry === 'bragg-brentano';

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
      const interval = Number(intervalS);
      const offset = Number(offsetS);
      if (!(interval > 0)) throw new Error('the frame interval must be > 0 s');
      if (!Number.isFinite(offset)) throw new Error('the time offset must be a number (s)');
      if (lam === undefined && props.fileWavelengthA === null && inst.radiation === null && instprm === null) throw new Error('the files do not state the wavelength: enter it (Å), pick the tube or add a .instprm file');
      if (!(inst.monochromatorTwoThetaDeg >= 0 && inst.monochromatorTwoThetaDeg < 180)) throw new Error('the monochromator 2θ must be between 0 and 180°');
      const vegardEndsA = parseVegardEnds(a0Text, a1Text);
      const options = runOptions(props.initial.options, list.map((x) => x.id), { refine, detect, peaks: specs, wavelengthA: lam, backgroundOrder: bgOrder, instrument: inst, vegardEndsA });
      if ((options.detectPhases ?? []).length === 0) throw new Error('pick at least one phase');
      setError(null);
      props.onRun({
        options,
        intervalS: interval,
        offsetS: offset,
        instprm,
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
      <div className="xrd-settings-row" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px', alignItems: 'flex-start' }}>
        <div>
          <fieldset>
            <legend>Fit</legend>
            <label>
              Peaks (phase:hkl, comma-separated)
              <input data-testid="xrd-peaks" className="wide" value={peaks} onChange={(e) => setPeaks(e.target.value)} placeholder="fcc-FeNi:200, wustite:200" />
            </label>
            <label>
              Wavelength λ (Å){props.fileWavelengthA !== null ? `, files: ${props.fileWavelengthA}` : ''}
              <input data-testid="xrd-wavelength" inputMode="decimal" value={wavelength} onChange={(e) => setWavelength(e.target.value)} placeholder={props.fileWavelengthA !== null ? 'from the files' : instprm ? 'from the .instprm' : inst.radiation ? 'from the tube' : 'required'} />
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
          <fieldset data-testid="xrd-vegard">
            <legend>
              fcc (Fe,Ni) by Vegard&apos;s law: x<sub>Ni</sub> = (a − a₀)/(a₁ − a₀)
            </legend>
            <span style={{ display: 'flex', gap: 16 }}>
              <label>
                a₀ at x<sub>Ni</sub> = 0 (Å)
                <input data-testid="xrd-vegard-a0" inputMode="decimal" size={9} value={a0Text} onChange={(e) => setA0Text(e.target.value)} />
              </label>
              <label>
                a₁ at x<sub>Ni</sub> = 1 (Å)
                <input data-testid="xrd-vegard-a1" inputMode="decimal" size={9} value={a1Text} onChange={(e) => setA1Text(e.target.value)} />
              </label>
            </span>
            <span style={{ display: 'flex', gap: 6, alignItems: 'center', margin: '2px 0 4px' }}>
              <span className="muted" data-testid="xrd-vegard-source" style={{ minWidth: '13em' }}>
                {presetShown === '700C' ? '700 °C law (default)' : presetShown === 'rt' ? 'room temperature: γ-Fe, Ni' : 'your end members'}
              </span>
              <button type="button" data-testid="xrd-vegard-700c" disabled={presetShown === '700C'} onClick={() => preset('700C')} title={`a₀ ${VEGARD_PRESETS['700C'].a0A}, a₁ ${VEGARD_PRESETS['700C'].a1A} Å: the law of the simulated 700 °C study (default)`}>
                700 °C
              </button>
              <button type="button" data-testid="xrd-vegard-rt" disabled={presetShown === 'rt'} onClick={() => preset('rt')} title={`a₀ ${VEGARD_PRESETS.rt.a0A} Å (γ-Fe, Dyson & Holmes 1970), a₁ ${VEGARD_PRESETS.rt.a1A} Å (Ni, Swanson & Tatge 1953)`}>
                Room temperature
              </button>
            </span>
          </fieldset>
        </div>
        <fieldset data-testid="xrd-instrument">
          <legend>Instrument</legend>
          <label>
            Radiation
            <select
              data-testid="xrd-radiation"
              value={instprm ? '' : (inst.radiation ?? '')}
              disabled={instprm !== null}
              onChange={(e) => editInst({ radiation: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">{instprm ? 'from the .instprm file' : 'synchrotron: one λ (files / above)'}</option>
              {Object.keys(TUBE_RADIATIONS).map((k) => (
                <option key={k} value={k}>
                  {k.replace(/Ka1$/, ' Kα1').replace(/Ka$/, ' Kα1+Kα2')}
                </option>
              ))}
            </select>
          </label>
          {inst.radiation !== null && !instprm && (
            <p className="muted" data-testid="xrd-radiation-lines" style={{ margin: '0 0 4px' }}>
              {tubeLabel(inst.radiation)}
            </p>
          )}
          <label>
            Geometry
            <select
              data-testid="xrd-geometry"
              value={inst.geometry}
              onChange={(e) => editInst({ geometry: e.target.value as InstrumentChoice['geometry'], refineZero: null, refineDisplacement: null })}
            >
              <option value="debye-scherrer">Debye–Scherrer (transmission)</option>
              <option value="bragg-brentano">Bragg–Brentano (reflection)</option>
            </select>
          </label>
          <label>
            Profile
            <select data-testid="xrd-profile" value={inst.profile ?? ''} onChange={(e) => editInst({ profile: e.target.value === '' ? null : (e.target.value as 'pv' | 'tch') })}>
              <option value="">by geometry ({instprm ? 'TCH' : bb ? 'TCH' : 'pV'})</option>
              <option value="pv">pseudo-Voigt (W, η)</option>
              <option value="tch">TCH (U, W, X)</option>
            </select>
          </label>
          <span style={{ display: 'flex', gap: 14 }}>
            <label title="refine the 2θ zero shift (default: Debye–Scherrer only)">
              <input type="checkbox" data-testid="xrd-refine-zero" style={{ margin: '0 4px 0 0' }} checked={inst.refineZero ?? !bb} onChange={(e) => editInst({ refineZero: e.target.checked })} />
              refine zero
            </label>
            <label title="refine the Bragg–Brentano specimen displacement Δ2θ = D·cosθ">
              <input
                type="checkbox"
                data-testid="xrd-refine-displacement"
                style={{ margin: '0 4px 0 0' }}
                disabled={!bb}
                checked={bb && (inst.refineDisplacement ?? true)}
                onChange={(e) => editInst({ refineDisplacement: e.target.checked })}
              />
              refine displacement
            </label>
          </span>
          <label title="monochromator angle in the Lorentz–polarisation factor; empty or 0 = none">
            Monochromator 2θ (°)
            <input
              data-testid="xrd-monochromator"
              inputMode="decimal"
              size={6}
              value={inst.monochromatorTwoThetaDeg > 0 ? String(inst.monochromatorTwoThetaDeg) : ''}
              placeholder="none"
              onChange={(e) => editInst({ monochromatorTwoThetaDeg: e.target.value.trim() === '' ? 0 : Number(e.target.value) })}
            />
          </label>
          <label title="GSAS-II instrument parameters: λ1/λ2, Polariz., Zero and the U, V, W, X, Y profile (held; Y refined)">
            GSAS-II .instprm
            <input
              type="file"
              accept=".instprm,.prm,.txt"
              data-testid="xrd-instprm"
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                e.target.value = '';
                if (!f) return;
                setInstprm(f);
                setError(null);
              }}
            />
            <button type="button" style={{ marginLeft: 8 }} onClick={(e) => (e.currentTarget.previousElementSibling as HTMLInputElement | null)?.click()}>
              {instprm ? 'Replace…' : 'Choose…'}
            </button>
            {instprm && (
              <>
                {' '}
                <span data-testid="xrd-instprm-name">{instprm.name}</span>
                <button type="button" className="icon" aria-label="Remove the .instprm file" onClick={() => setInstprm(null)}>
                  ×
                </button>
              </>
            )}
          </label>
        </fieldset>
      </div>
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
