/**
 * Settings of the in situ analysis — everything `reductionlab xrd` takes: phases from the library and from CIF files,
 * peak ROIs 'phase:hkl', 2θ range, backgrounds, drop limit (the wavelength, frame interval and offset are the
 * sequence's, set in one place — the Sequence panel — and only shown here with where they came from); the sample (run
 * temperature, B refinement, fcc (Fe,Ni) Vegard end members: the literature law at the run temperature, or your
 * own); the instrument (synchrotron or a laboratory tube, Debye–Scherrer or Bragg–Brentano, profile and the terms
 * refined — crystallite size, microstrain, η, U…Y —, an instrument profile from a standard or a GSAS-II .instprm
 * file, zero shift, displacement, polarisation, monochromator), with a progress bar and Cancel. The parent runs it
 * through the Api and streams {done, total} back in `progress` (with the stage, e.g. the chain's pooled-ΔB second
 * pass, named under the bar). Options this panel does not edit (Debye–Waller,
 * detection settings) are passed through from `initial` unchanged.
 */
import { useMemo, useState } from 'react';
import type { XrdPhaseView, XrdRunOptions } from '../../../../shared/api';
import { progressStageLabel, type XrdProgressStage } from '../../../../shared/xrd-results';
import { literatureVegardEnds } from '../../../../core/xrd/analysis/phases';
import { defaultRefineProfile } from '../../../../core/xrd/analysis/chain';
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

/** The profile terms the panel offers (core/xrd/rietveld ProfileParams). */
export const PROFILE_TERMS = ['size', 'strain', 'eta', 'U', 'V', 'W', 'X', 'Y'] as const;
export type ProfileTerm = (typeof PROFILE_TERMS)[number];
const TERM_LABELS: Record<ProfileTerm, string> = { size: 'size', strain: 'strain', eta: 'η', U: 'U', V: 'V', W: 'W', X: 'X', Y: 'Y' };
const TERM_TITLES: Record<ProfileTerm, string> = {
  size: 'crystallite size per phase (Scherrer, K = 0.9; ∝ 1/cosθ)',
  strain: 'microstrain per phase (∝ tanθ)',
  eta: 'Lorentzian fraction of the pseudo-Voigt (pV profile)',
  U: 'Caglioti U tan²θ (deg²)',
  V: 'Caglioti V tanθ (deg²)',
  W: 'Caglioti W (deg²)',
  X: 'Lorentzian X/cosθ (deg, TCH)',
  Y: 'Lorentzian Y tanθ (deg, TCH)',
};

/** The sample and fit settings the panel edits beyond phases and instrument; absent = the analysis default. */
export interface SampleChoice {
  temperatureC?: number;
  /** null: by geometry (refined on Debye–Scherrer data). */
  refineB: boolean | null;
  refineBMinWt?: number;
  /** Your own fcc (Fe,Ni) end members at the run temperature; null: the literature law at it. */
  vegardEndsA: { a0A: number; a1A: number } | null;
  /** Profile terms refined; null: by geometry and instrument. */
  refineProfile: ProfileTerm[] | null;
  /** Instrument profile from a standard (U, V, W deg², X, Y deg); null: none. */
  instrumentProfile: { U: number; V: number; W: number; X: number; Y: number } | null;
  zeroShiftDeg?: number;
  polarisationK?: number;
  twoThetaMinDeg?: number;
  twoThetaMaxDeg?: number;
  backgroundTerms?: number;
  dropBelowWt?: number;
}

/** The sample choice `options` describe (a new panel starts from the last run's). */
export function sampleChoiceOf(options: AnalysisPanelOptions): SampleChoice {
  return {
    temperatureC: options.temperatureC,
    refineB: options.refineB ?? null,
    refineBMinWt: options.refineBMinWt,
    vegardEndsA: options.vegardEndsA ?? null,
    refineProfile: (options.refineProfile as ProfileTerm[] | undefined) ?? null,
    instrumentProfile: options.instrumentProfile ?? null,
    zeroShiftDeg: options.zeroShiftDeg,
    polarisationK: options.polarisationK,
    twoThetaMinDeg: options.twoThetaMinDeg,
    twoThetaMaxDeg: options.twoThetaMaxDeg,
    backgroundTerms: options.backgroundTerms,
    dropBelowWt: options.dropBelowWt,
  };
}

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

const PANEL_KEYS = ['radiation', 'geometry', 'profile', 'refineZero', 'refineDisplacement', 'monochromatorTwoThetaDeg'] as const;
const SAMPLE_KEYS = [
  'temperatureC', 'refineB', 'refineBMinWt', 'vegardEndsA', 'refineProfile', 'instrumentProfile', 'zeroShiftDeg', 'polarisationK', 'twoThetaMinDeg',
  'twoThetaMaxDeg', 'backgroundTerms', 'dropBelowWt',
] as const;

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
  /** The sequence's wavelength (Å; the file header's or the one entered under Sequence), or null: then the tube or
   * a .instprm file must give it. */
  fileWavelengthA: number | null;
  /** One line on the sequence's λ and times and where they came from ('λ 0.2073 Å from the file header · …'). */
  sequenceNote?: string;
  running: boolean;
  progress: { done: number; total: number; stage?: XrdProgressStage } | null;
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
 * Instrument and sample fields are set only where the panel sets them (so the result reports the analysis defaults
 * as such: vegardEndsSource 'literature' when no end members of your own are given).
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
    sample?: SampleChoice;
  },
): AnalysisPanelOptions {
  const phases = listIds.filter((id) => edited.refine.has(id));
  const detectPhases = listIds.filter((id) => edited.refine.has(id) || edited.detect.has(id));
  const out: AnalysisPanelOptions = { ...initial, phases, detectPhases, peaks: edited.peaks, refine: phases.length > 0, backgroundOrder: edited.backgroundOrder };
  if (edited.wavelengthA === undefined) delete out.wavelengthA;
  else out.wavelengthA = edited.wavelengthA;
  const inst = edited.instrument;
  if (inst) {
    for (const k of PANEL_KEYS) delete out[k];
    if (inst.radiation !== null) out.radiation = inst.radiation;
    if (inst.geometry !== 'debye-scherrer') out.geometry = inst.geometry;
    if (inst.profile !== null) out.profile = inst.profile;
    if (inst.refineZero !== null) out.refineZero = inst.refineZero;
    if (inst.refineDisplacement !== null) out.refineDisplacement = inst.refineDisplacement;
    if (inst.monochromatorTwoThetaDeg > 0) out.monochromatorTwoThetaDeg = inst.monochromatorTwoThetaDeg;
  }
  const sm = edited.sample;
  if (sm) {
    for (const k of SAMPLE_KEYS) delete out[k];
    const set = <K extends (typeof SAMPLE_KEYS)[number]>(k: K, v: AnalysisPanelOptions[K] | null | undefined) => {
      if (v !== null && v !== undefined) out[k] = v;
    };
    set('temperatureC', sm.temperatureC);
    set('refineB', sm.refineB);
    set('refineBMinWt', sm.refineBMinWt);
    set('vegardEndsA', sm.vegardEndsA ? { a0A: sm.vegardEndsA.a0A, a1A: sm.vegardEndsA.a1A } : null);
    set('refineProfile', sm.refineProfile ? [...sm.refineProfile] : null);
    set('instrumentProfile', sm.instrumentProfile ? { ...sm.instrumentProfile } : null);
    set('zeroShiftDeg', sm.zeroShiftDeg);
    set('polarisationK', sm.polarisationK);
    set('twoThetaMinDeg', sm.twoThetaMinDeg);
    set('twoThetaMaxDeg', sm.twoThetaMaxDeg);
    set('backgroundTerms', sm.backgroundTerms);
    set('dropBelowWt', sm.dropBelowWt);
  }
  return out;
}

/** A number field: undefined when empty; throws in words when it is not a number in [min, max]. */
export function parseOptionalNumber(text: string, what: string, min: number, max: number): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${what} must be a number between ${min} and ${max}`);
  return v;
}

/** The five instrument-profile fields: null when all are empty; throws unless all five are numbers. */
export function parseInstrumentProfile(texts: Record<'U' | 'V' | 'W' | 'X' | 'Y', string>): SampleChoice['instrumentProfile'] {
  const keys = ['U', 'V', 'W', 'X', 'Y'] as const;
  if (keys.every((k) => texts[k].trim() === '')) return null;
  const out = { U: 0, V: 0, W: 0, X: 0, Y: 0 };
  for (const k of keys) {
    const v = Number(texts[k].trim());
    if (texts[k].trim() === '' || !Number.isFinite(v)) throw new Error('the instrument profile needs all five terms U, V, W (deg²), X, Y (deg); 0 where a term is absent');
    out[k] = v;
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
  const [bgOrder, setBgOrder] = useState(props.initial.options.backgroundOrder ?? 1);
  const [inst, setInst] = useState<InstrumentChoice>(() => instrumentChoiceOf(props.initial.options));
  const [instprm, setInstprm] = useState<File | null>(props.initial.instprm ?? null);
  const sample0 = useMemo(() => sampleChoiceOf(props.initial.options), [props.initial.options]);
  const text = (v: number | undefined): string => (v === undefined ? '' : String(v));
  const [temperatureText, setTemperatureText] = useState(text(sample0.temperatureC));
  const [refineB, setRefineB] = useState<boolean | null>(sample0.refineB);
  const [bMinText, setBMinText] = useState(sample0.refineBMinWt === undefined ? '' : String(100 * sample0.refineBMinWt));
  const [customEnds, setCustomEnds] = useState(sample0.vegardEndsA !== null);
  const [a0Text, setA0Text] = useState(sample0.vegardEndsA ? String(sample0.vegardEndsA.a0A) : '');
  const [a1Text, setA1Text] = useState(sample0.vegardEndsA ? String(sample0.vegardEndsA.a1A) : '');
  const [terms, setTerms] = useState<ProfileTerm[] | null>(sample0.refineProfile);
  const ip0 = sample0.instrumentProfile;
  const [ipText, setIpText] = useState<Record<'U' | 'V' | 'W' | 'X' | 'Y', string>>({
    U: ip0 ? String(ip0.U) : '', V: ip0 ? String(ip0.V) : '', W: ip0 ? String(ip0.W) : '', X: ip0 ? String(ip0.X) : '', Y: ip0 ? String(ip0.Y) : '',
  });
  const [zeroText, setZeroText] = useState(text(sample0.zeroShiftDeg));
  const [kText, setKText] = useState(text(sample0.polarisationK));
  const [minText, setMinText] = useState(text(sample0.twoThetaMinDeg));
  const [maxText, setMaxText] = useState(text(sample0.twoThetaMaxDeg));
  const [bgTermsText, setBgTermsText] = useState(text(sample0.backgroundTerms));
  const [dropText, setDropText] = useState(sample0.dropBelowWt === undefined ? '' : String(100 * sample0.dropBelowWt));
  const [error, setError] = useState<string | null>(null);
  const editInst = (patch: Partial<InstrumentChoice>) => (setInst((i) => ({ ...i, ...patch })), setError(null));
  const bb = inst.geometry === 'bragg-brentano';
  // what the analysis does by default, shown where the panel leaves it to the analysis
  const temperatureShown = Number(temperatureText);
  const litEnds = literatureVegardEnds(temperatureText.trim() !== '' && Number.isFinite(temperatureShown) ? temperatureShown : 25);
  const ipGiven = (['U', 'V', 'W', 'X', 'Y'] as const).some((k) => ipText[k].trim() !== '') || instprm !== null;
  const profileShown: 'pv' | 'tch' = inst.profile ?? (bb || ipGiven ? 'tch' : 'pv');
  const defaultTerms = defaultRefineProfile(profileShown, bb, ipGiven) as ProfileTerm[];
  const termsShown = terms ?? defaultTerms;
  const bRefinedByDefault = !bb;

  const toggle = (set: Set<string>, id: string, on: boolean, apply: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    apply(next);
  };

  const run = () => {
    try {
      const specs = parsePeakSpecs(peaks);
      if (props.fileWavelengthA === null && inst.radiation === null && instprm === null) throw new Error('the files do not state the wavelength: enter it under Sequence (λ, Å), pick the tube or add a .instprm file');
      if (!(inst.monochromatorTwoThetaDeg >= 0 && inst.monochromatorTwoThetaDeg < 180)) throw new Error('the monochromator 2θ must be between 0 and 180°');
      const dropPct = parseOptionalNumber(dropText, 'the drop limit (wt%)', 0, 50);
      const bMinPct = parseOptionalNumber(bMinText, 'the B limit (wt%)', 0, 100);
      const sample: SampleChoice = {
        temperatureC: parseOptionalNumber(temperatureText, 'the run temperature (°C)', -273, 2999),
        refineB,
        refineBMinWt: bMinPct === undefined ? undefined : bMinPct / 100,
        vegardEndsA: customEnds ? parseVegardEnds(a0Text, a1Text) : null,
        refineProfile: terms,
        instrumentProfile: instprm ? null : parseInstrumentProfile(ipText),
        zeroShiftDeg: parseOptionalNumber(zeroText, 'the zero shift (°)', -4.99, 4.99),
        polarisationK: parseOptionalNumber(kText, 'the polarisation K', 0, 1),
        twoThetaMinDeg: parseOptionalNumber(minText, '2θ min (°)', 0, 179),
        twoThetaMaxDeg: parseOptionalNumber(maxText, '2θ max (°)', 0.01, 180),
        backgroundTerms: parseOptionalNumber(bgTermsText, 'the number of background terms', 1, 30),
        dropBelowWt: dropPct === undefined ? undefined : dropPct / 100,
      };
      if (sample.backgroundTerms !== undefined && !Number.isInteger(sample.backgroundTerms)) throw new Error('the number of background terms must be a whole number');
      if (sample.twoThetaMinDeg !== undefined && sample.twoThetaMaxDeg !== undefined && sample.twoThetaMinDeg >= sample.twoThetaMaxDeg) throw new Error('2θ min must be below 2θ max');
      if (terms !== null && terms.length === 0) throw new Error('refine at least one profile term, or reset them to the defaults');
      const options = runOptions(props.initial.options, list.map((x) => x.id), { refine, detect, peaks: specs, wavelengthA: undefined, backgroundOrder: bgOrder, instrument: inst, sample });
      if ((options.detectPhases ?? []).length === 0) throw new Error('pick at least one phase');
      setError(null);
      props.onRun({
        options,
        intervalS: props.initial.intervalS,
        offsetS: props.initial.offsetS,
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
            <p className="hint" data-testid="xrd-analysis-sequence">
              {props.sequenceNote ?? (props.fileWavelengthA !== null ? `λ ${props.fileWavelengthA} Å` : instprm ? 'λ from the .instprm file' : inst.radiation ? 'λ from the tube' : 'λ not stated')}
              {' — '}set under Sequence (λ, interval, offset)
            </p>
            <span style={{ display: 'flex', gap: 10 }}>
              <label title="2θ range analysed (°); empty: the whole pattern">
                2θ from
                <input data-testid="xrd-two-theta-min" inputMode="decimal" size={5} value={minText} onChange={(e) => setMinText(e.target.value)} placeholder="start" />
              </label>
              <label>
                to
                <input data-testid="xrd-two-theta-max" inputMode="decimal" size={5} value={maxText} onChange={(e) => setMaxText(e.target.value)} placeholder="end" />
              </label>
            </span>
            <span style={{ display: 'flex', gap: 10 }}>
              <label title="Chebyshev background terms of the whole-pattern fit (default 7)">
                Background terms
                <input data-testid="xrd-bg-terms" inputMode="numeric" size={3} value={bgTermsText} onChange={(e) => setBgTermsText(e.target.value)} placeholder="7" />
              </label>
              <label title="a phase below this weight fraction leaves the model (reported 0, re-admitted when it returns; default 0.5 wt%)">
                Drop below (wt%)
                <input data-testid="xrd-drop-below" inputMode="decimal" size={4} value={dropText} onChange={(e) => setDropText(e.target.value)} placeholder="0.5" />
              </label>
            </span>
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
          <fieldset data-testid="xrd-sample">
            <legend>Sample</legend>
            <label title="library phases get their cell (mean thermal expansion) and B (Debye model) at this temperature, and the Vegard end members follow it; empty: the temperature log's or the files', else 25 °C">
              Temperature (°C)
              <input data-testid="xrd-temperature" inputMode="decimal" size={7} value={temperatureText} onChange={(e) => setTemperatureText(e.target.value)} placeholder="log / files, else 25" />
            </label>
            <span style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
              <label title="one isotropic displacement offset ΔB per phase, added to every atom's B (default: refined on Debye–Scherrer data, held on Bragg–Brentano)">
                <input
                  type="checkbox"
                  data-testid="xrd-refine-b"
                  style={{ margin: '0 4px 0 0' }}
                  checked={refineB ?? bRefinedByDefault}
                  onChange={(e) => setRefineB(e.target.checked === bRefinedByDefault ? null : e.target.checked)}
                />
                refine B
              </label>
              <label title="a phase's B is refined only while its weight fraction is at least this (held at its last value below)">
                while ≥
                <input data-testid="xrd-b-min" inputMode="decimal" size={4} value={bMinText} onChange={(e) => setBMinText(e.target.value)} placeholder="10" /> wt%
              </label>
            </span>
            <div data-testid="xrd-vegard">
              <span>
                fcc (Fe,Ni) by Vegard: x<sub>Ni</sub> = (a − a₀)/(a₁ − a₀)
              </span>
              <label title="the literature law (fcc Ni and Invar at room temperature, one mean thermal expansion) at the run temperature; x_Ni carries the systematic σ of these end members">
                <input type="radio" name="xrd-vegard-source" data-testid="xrd-vegard-literature" checked={!customEnds} onChange={() => setCustomEnds(false)} /> literature at the run temperature
                <span className="muted" data-testid="xrd-vegard-literature-ends">
                  {' '}
                  (a₀ {litEnds.a0A.toFixed(4)}, a₁ {litEnds.a1A.toFixed(4)} Å)
                </span>
              </label>
              <label>
                <input
                  type="radio"
                  name="xrd-vegard-source"
                  data-testid="xrd-vegard-custom"
                  checked={customEnds}
                  onChange={() => {
                    setCustomEnds(true);
                    if (a0Text === '') setA0Text(litEnds.a0A.toFixed(4));
                    if (a1Text === '') setA1Text(litEnds.a1A.toFixed(4));
                  }}
                />{' '}
                my end members at the run temperature
              </label>
              <span style={{ display: 'flex', gap: 16 }}>
                <label>
                  a₀ at x<sub>Ni</sub> = 0 (Å)
                  <input data-testid="xrd-vegard-a0" inputMode="decimal" size={9} disabled={!customEnds} value={customEnds ? a0Text : litEnds.a0A.toFixed(4)} onChange={(e) => setA0Text(e.target.value)} />
                </label>
                <label>
                  a₁ at x<sub>Ni</sub> = 1 (Å)
                  <input data-testid="xrd-vegard-a1" inputMode="decimal" size={9} disabled={!customEnds} value={customEnds ? a1Text : litEnds.a1A.toFixed(4)} onChange={(e) => setA1Text(e.target.value)} />
                </label>
              </span>
            </div>
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
              <option value="">by geometry ({ipGiven || bb ? 'TCH' : 'pV'})</option>
              <option value="pv">pseudo-Voigt: Gaussian widths in quadrature, η</option>
              <option value="tch">TCH: Gaussian U, V, W; Lorentzian X, Y, size, strain</option>
            </select>
          </label>
          <div data-testid="xrd-refine-terms" title="profile terms refined per phase; size and strain are the sample's own once an instrument profile is given">
            Refine{' '}
            {PROFILE_TERMS.map((t) => (
              <label key={t} title={TERM_TITLES[t]} style={{ display: 'inline', marginRight: 6 }}>
                <input
                  type="checkbox"
                  data-testid={`xrd-term-${t}`}
                  style={{ margin: '0 2px 0 0' }}
                  checked={termsShown.includes(t)}
                  onChange={(e) => setTerms(() => {
                    const next = PROFILE_TERMS.filter((k) => (k === t ? e.target.checked : termsShown.includes(k)));
                    return next.length === defaultTerms.length && next.every((k) => defaultTerms.includes(k)) ? null : next;
                  })}
                />
                {TERM_LABELS[t]}
              </label>
            ))}
            <span className="muted" data-testid="xrd-terms-source">{terms === null ? '(default)' : ''}</span>
          </div>
          <fieldset className="inner" data-testid="xrd-instrument-profile" disabled={instprm !== null} title="the instrument's own widths, e.g. from a LaB6 or CeO2 standard refined with its size and strain off; held, so that size and strain are the sample's">
            <legend>Instrument profile {instprm ? '(from the .instprm)' : '(from a standard; empty: none)'}</legend>
            {(['U', 'V', 'W', 'X', 'Y'] as const).map((k) => (
              <label key={k} style={{ display: 'inline-block', marginRight: 6 }}>
                {k}
                {k === 'X' || k === 'Y' ? ' (°)' : ' (°²)'}
                <input data-testid={`xrd-inst-${k}`} inputMode="decimal" size={7} value={ipText[k]} onChange={(e) => setIpText((t) => ({ ...t, [k]: e.target.value }))} />
              </label>
            ))}
          </fieldset>
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
          <span style={{ display: 'flex', gap: 10 }}>
            <label title="2θ zero shift (°): the start of its refinement, or the value held">
              Zero shift (°)
              <input data-testid="xrd-zero-shift" inputMode="decimal" size={6} value={zeroText} onChange={(e) => setZeroText(e.target.value)} placeholder="0" />
            </label>
            <label title="Lorentz–polarisation K: 0.5 unpolarised (tube, no monochromator), ≈1 for synchrotron patterns whose polarisation was corrected at integration">
              Polarisation K
              <input data-testid="xrd-polarisation-k" inputMode="decimal" size={4} value={kText} onChange={(e) => setKText(e.target.value)} placeholder="0.5" />
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
          <label title="GSAS-II instrument parameters: λ1/λ2, Polariz., Zero and the U, V, W, X, Y profile (held; size and strain refined)">
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
            <span className="muted" data-testid="xrd-progress-text">
              {p ? `${p.done} / ${p.total}` : 'starting…'}
              {p?.stage ? ` · ${progressStageLabel(p.stage)}` : ''}
            </span>
            <button type="button" data-testid="xrd-cancel" onClick={props.onCancel}>
              Cancel
            </button>
          </>
        )}
      </div>
    </form>
  );
}
