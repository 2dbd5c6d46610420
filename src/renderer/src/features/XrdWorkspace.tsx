/**
 * The SXRD sequence workspace: open a sequence (files, a folder, drag-and-drop, or the Electron dialog), set its
 * time axis and wavelength, add phases from CIF files, run the analysis, read the last frame's results and export
 * them. The views themselves (heatmap, waterfall, frame, results vs time, analysis settings) are
 * features/xrd/XrdViews, fed through an XrdDataSource over the Api: main keeps the frames and answers with binned
 * grids and single frames.
 */
import { useEffect, useMemo, useRef, useState, type InputHTMLAttributes, type RefObject } from 'react';
import type { SaveRequest, SaveResult, SessionView, XrdImportOptions, XrdRunOptions, XrdSequenceView } from '../../../shared/api';
import { bSourceLabel, type XrdAnalysis, type XrdPhaseFrame } from '../../../shared/xrd-results';
import { XRD_MAX_FRAMES_PER_CALL } from '../../../shared/api';
import { api, filesForApi, host } from '../api';
import type { AnalysisPanelOptions, AnalysisRunSettings } from './xrd/AnalysisPanel';
import type { TgaOverlay } from './xrd/results';
import type { XrdDataSource } from './xrd/source';
import { formatWeightPercent, formatWithSigma } from './xrd/format';
import { partialNote } from './xrd/csv';
import { phaseColor, phaseLabel } from './xrd/style';
import { XrdViews } from './xrd/XrdViews';
import { ImportReport } from './xrd/ImportReport';
import type { XrdState } from './useXrd';

/** Files dropped on the window while this workspace is shown (App reads folders and hands the files here). */
export type XrdDropHandler = (files: File[], fromFolder: boolean) => void;

export interface XrdWorkspaceProps {
  xrd: XrdState;
  session: SessionView;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
  /** Set to this workspace's drop handler while it is mounted. */
  dropTargetRef: RefObject<XrdDropHandler | null>;
}

/** Library phases the analysis starts with (the phases of a Fe2O3 + NiO reduction). Hematite is not detected by
 * default: as a detect-only phase it changes the starting cells of the refined ones (see docs/app.md). */
const DEFAULT_OPTIONS: AnalysisRunSettings['options'] = {
  phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'],
  detectPhases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi', 'bcc-Fe'],
  peaks: ['fcc-FeNi:200'],
};

const OVERLAY_COLOR = '#000000';

/** The instrument options for a new Analysis panel: the last run's from this window, else what the analysis used. */
function instrumentOf(last: AnalysisPanelOptions | undefined, analysis: XrdAnalysis | null): Partial<AnalysisPanelOptions> {
  if (last) {
    const { radiation, geometry, profile, refineZero, refineDisplacement, monochromatorTwoThetaDeg } = last;
    return Object.fromEntries(Object.entries({ radiation, geometry, profile, refineZero, refineDisplacement, monochromatorTwoThetaDeg }).filter(([, v]) => v !== undefined));
  }
  const inst = analysis?.instrument;
  if (!inst) return {};
  return { ...(inst.geometry === 'bragg-brentano' ? { geometry: inst.geometry } : {}), ...(inst.monochromatorTwoThetaDeg > 0 ? { monochromatorTwoThetaDeg: inst.monochromatorTwoThetaDeg } : {}) };
}

/** The sample and fit settings for a new Analysis panel: the last run's from this window, else what the analysis was
 * given (a temperature it was told, its own Vegard ends). */
function sampleOf(last: AnalysisPanelOptions | undefined, analysis: XrdAnalysis | null): Partial<AnalysisPanelOptions> {
  const keys = [
    'temperatureC', 'refineB', 'refineBMinWt', 'refineProfile', 'instrumentProfile', 'zeroShiftDeg', 'polarisationK', 'twoThetaMinDeg', 'twoThetaMaxDeg', 'vegardEndsA',
  ] as const;
  if (last) return Object.fromEntries(keys.map((k) => [k, last[k]]).filter(([, v]) => v !== undefined));
  if (!analysis) return {};
  return {
    ...(analysis.temperatureSource === 'option' ? { temperatureC: analysis.settings.temperatureC } : {}),
    ...(analysis.vegardEndsSource === 'option' ? { vegardEndsA: analysis.settings.vegardEndsA } : {}),
  };
}

/** <input type=file webkitdirectory>: React does not type the attribute. */
const folderAttrs = { webkitdirectory: '', directory: '' } as InputHTMLAttributes<HTMLInputElement>;

function numberOr(text: string, fallback: number | undefined): number | undefined {
  const t = text.trim();
  if (t === '') return fallback;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** A data source over the Api for the views; frames are fetched in chunks the contract allows. */
function apiSource(seq: XrdSequenceView): XrdDataSource {
  return {
    info: {
      name: seq.name,
      frameCount: seq.frameCount,
      timesS: seq.timesS,
      fileNames: seq.fileNames,
      wavelengthA: seq.wavelengthA,
      twoThetaRangeDeg: seq.twoThetaRangeDeg,
    },
    heatmap: (request) => api.xrdHeatmap(request),
    frames: async (indices, axis, range) => {
      const out = [];
      for (let i = 0; i < indices.length; i += XRD_MAX_FRAMES_PER_CALL) out.push(...(await api.xrdFrames(indices.slice(i, i + XRD_MAX_FRAMES_PER_CALL), axis, range ?? null)));
      return out;
    },
    // obs/calc of an analysed frame, computed in main from the analysis' refinement (null for frames without one)
    frameFit: (index) => api.xrdFrameFit(index),
  };
}

/** Where the sequence's wavelength came from: the files' header, or typed under Sequence. */
export function wavelengthSource(seq: Pick<XrdSequenceView, 'wavelengthA' | 'fileWavelengthA'>): 'files' | 'user' | null {
  if (seq.wavelengthA === null) return null;
  return seq.fileWavelengthA !== null && seq.wavelengthA === seq.fileWavelengthA ? 'files' : 'user';
}

/** λ and the times of the sequence with where each came from, in one line (the Analysis panel shows it). */
export function sequenceNote(seq: Pick<XrdSequenceView, 'wavelengthA' | 'fileWavelengthA' | 'timeSource' | 'intervalS' | 'offsetS'>): string {
  const src = wavelengthSource(seq);
  const lam = seq.wavelengthA === null ? 'λ not stated' : `λ ${seq.wavelengthA} Å ${src === 'files' ? 'from the file header' : 'entered by you'}`;
  const times = seq.timeSource === 'metadata' ? 'times from the files' : `one frame every ${seq.intervalS} s (entered)`;
  return `${lam} · ${times}${seq.offsetS !== 0 ? `, offset ${seq.offsetS} s` : ''}`;
}

/** Changes only when another result arrives (remounting the views on it opens Results vs time). */
function resultKey(a: XrdAnalysis | null): string {
  if (!a) return 'none';
  const last = a.frames[a.frames.length - 1];
  return `${a.frames.length}|${a.settings.phases.join(',')}|${last?.rwp ?? ''}|${a.cancelled}`;
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** B with its σ where it has one (refined, or pooled over the frames around: the σ of that median), and how it was
 *  obtained where it was not refined in this frame. */
function bCell(r: XrdPhaseFrame, bIsoA2: number): string {
  if (!r.bRefined && !r.bPooled) return `${bIsoA2.toFixed(2)} (held)`;
  const withSigma = formatWithSigma(bIsoA2, r.bIsoSigmaA2 ?? 0, { minDecimals: 2, maxDecimals: 3 });
  return r.bRefined ? withSigma : `${withSigma} ${bSourceLabel(r)}`;
}

/** The results of the frame on screen (the last analysed one when the frame on screen is not in the analysis). */
function LastFrame(props: { analysis: XrdAnalysis; frame: number }) {
  const a = props.analysis;
  const onScreen = a.frames.find((g) => g.index === props.frame);
  const f = onScreen ?? a.frames[a.frames.length - 1];
  if (!f) return <p className="empty">No frame finished.</p>;
  const ids = a.phases.map((p) => p.id);
  const refined = a.phases.filter((p) => p.refined);
  const vegard = refined.some((p) => p.vegard);
  return (
    <div data-testid="xrd-last-frame" data-frame={f.index} data-on-screen={onScreen ? 'true' : 'false'}>
      <p className="muted">
        Frame {f.index + 1} ({f.fileName}){onScreen ? ' on screen' : ', the last analysed'}, t = {f.timeS} s{f.rwp !== null && <>, R<sub>wp</sub> <span data-testid="xrd-last-rwp" data-value={f.rwp}>{pct(f.rwp)}</span></>}
        {a.cancelled && <> — <b data-testid="xrd-last-partial">{partialNote(a)}</b></>}
      </p>
      {refined.length > 0 && (
        <table className="xrd-last">
          <thead>
            <tr>
              <th>Phase</th>
              <th>w</th>
              <th>a (Å)</th>
              {vegard && <th title="Vegard Ni fraction x_Ni = (a − a0)/(a1 − a0) of the solid solution: ± statistical σ (± systematic σ of the end members)">x<sub>Ni</sub></th>}
              <th title="mean isotropic displacement B of the phase's atoms (Å²); * refined in this frame, else held">B (Å²)</th>
              <th title="crystallite size (nm, Scherrer K = 0.9; apparent, with the instrument's width, unless an instrument profile is given)">size (nm)</th>
            </tr>
          </thead>
          <tbody>
            {refined.map((p) => {
              const r = f.phases[p.id];
              return (
                <tr key={p.id} data-testid="xrd-last-phase" data-phase={p.id} data-value={r ? r.weightFraction : ''}>
                  <td>
                    <span className="swatch" style={{ background: phaseColor(p.id, ids) }} aria-hidden /> {phaseLabel(p.id)}
                  </td>
                  <td className="num">{r ? formatWeightPercent(r.weightFraction, r.weightFractionSigma) : '—'}</td>
                  <td className="num">{r && !r.dropped ? formatWithSigma(r.aA, r.aSigmaA, { minDecimals: 4, maxDecimals: 5 }) : '—'}</td>
                  {vegard && (
                    <td className="num" data-testid={p.vegard ? 'xrd-last-xni' : undefined} data-value={p.vegard && r?.xNi !== undefined ? r.xNi : ''}>
                      {p.vegard && r && !r.dropped && r.xNi !== undefined ? formatWithSigma(r.xNi, r.xNiSigma ?? 0, { minDecimals: 3, maxDecimals: 4 }) : ''}
                      {p.vegard && r && !r.dropped && r.xNiSystematicSigma ? <span className="muted" data-testid="xrd-last-xni-sys"> ± {r.xNiSystematicSigma.toFixed(2)} (sys.)</span> : null}
                    </td>
                  )}
                  <td className="num" data-testid="xrd-last-b" data-value={r?.bIsoA2 ?? ''} data-source={r && r.bIsoA2 !== undefined ? bSourceLabel(r) : ''}>
                    {r && !r.dropped && r.bIsoA2 !== undefined && r.bIsoA2 !== null ? bCell(r, r.bIsoA2) : '—'}
                  </td>
                  <td className="num" data-testid="xrd-last-size" data-value={r?.sizeNm ?? ''}>
                    {r && !r.dropped && r.sizeNm ? formatWithSigma(r.sizeNm, r.sizeSigmaNm ?? 0, { minDecimals: 0, maxDecimals: 1 }) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {vegard && a.settings.vegardEndsA && (
        <p className="muted" data-testid="xrd-last-vegard">
          x<sub>Ni</sub> by Vegard&apos;s law, a₀ = {a.settings.vegardEndsA.a0A.toFixed(4)} Å, a₁ = {a.settings.vegardEndsA.a1A.toFixed(4)} Å (
          {a.vegardEndsSource === 'option' ? 'as set' : `literature law at ${a.settings.temperatureC} °C`}); library phases at {a.settings.temperatureC} °C
          {a.temperatureSource === 'default' ? ' (no temperature given: set it under Analysis → Temperature)' : ''}
        </p>
      )}
    </div>
  );
}

export function XrdWorkspace(props: XrdWorkspaceProps) {
  const { xrd, session, notify } = props;
  const state = xrd.state;
  const seq = state?.sequence ?? null;
  const analysis = state?.analysis ?? null;
  const job = xrd.job;
  const running = job?.state === 'running';

  const [intervalText, setIntervalText] = useState('2');
  const [offsetText, setOffsetText] = useState('0');
  const [wavelengthText, setWavelengthText] = useState('');
  const [debyeWaller, setDebyeWaller] = useState(true);
  // the frame on screen (sequence index): the frame view, the heatmap, the results charts and the results table follow it
  // (until one is picked: the last analysed frame, where the reaction got to, else the first)
  const [frameState, setFrame] = useState<number | null>(null);
  const frame = seq ? Math.min(frameState ?? analysis?.frames.at(-1)?.index ?? 0, Math.max(0, seq.frameCount - 1)) : 0;
  const filesInput = useRef<HTMLInputElement | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);
  const cifInput = useRef<HTMLInputElement | null>(null);
  const logInput = useRef<HTMLInputElement | null>(null);

  // The fields follow the loaded sequence (a new import, or an Apply).
  const seqKey = seq ? `${seq.name}|${seq.frameCount}|${seq.intervalS}|${seq.offsetS}|${seq.wavelengthA}|${seq.timeSource}|${seq.temperatureLogName}` : '';
  const [shownKey, setShownKey] = useState('');
  if (seq && seqKey !== shownKey) {
    setShownKey(seqKey);
    setIntervalText(String(seq.intervalS));
    setOffsetText(String(seq.offsetS));
    setWavelengthText(seq.wavelengthA !== null && seq.wavelengthA !== seq.fileWavelengthA ? String(seq.wavelengthA) : '');
  }

  // One data source per sequence state (a new source makes the views fetch again).
  const [sourceOf, setSourceOf] = useState<{ key: string; source: XrdDataSource | null }>({ key: '', source: null });
  if (sourceOf.key !== seqKey) setSourceOf({ key: seqKey, source: seq ? apiSource(seq) : null });
  const source = sourceOf.source;

  // α(t) is drawn in black: the run palette's colours are also phase colours (green fcc-(Fe,Ni), …)
  const tgaRuns: TgaOverlay[] = useMemo(
    () => session.runs.filter((r) => r.analysis).map((r) => ({ label: r.settings.label, color: OVERLAY_COLOR, alpha: (r.analysis as NonNullable<typeof r.analysis>).alpha, precursors: (r.settings.recipe?.precursors ?? []).map((p) => p.formula) })),
    [session],
  );

  const cifPhases = (state?.phases ?? []).filter((p) => p.source === 'cif');

  // The Analysis panel starts from the last analysis' options (CIF phases included), else the defaults.
  // CIF phases read since (or without) the last analysis are refined by default. The instrument (tube, geometry,
  // .instprm file …) is the one last run from this window, else the last analysis' geometry.
  const allPhases = state?.phases;
  const [lastRun, setLastRun] = useState<AnalysisRunSettings | null>(null);
  const analysisSettings: AnalysisRunSettings = useMemo(() => {
    const base = analysis?.settings;
    const used = new Set([...(base?.phases ?? []), ...(base?.detectPhases ?? [])]);
    const freshCifs = (allPhases ?? []).filter((p) => p.source === 'cif' && !used.has(p.id)).map((p) => p.id);
    const withFresh = (o: AnalysisRunSettings['options']): AnalysisRunSettings['options'] =>
      freshCifs.length === 0 ? o : { ...o, phases: [...o.phases, ...freshCifs], detectPhases: [...(o.detectPhases ?? o.phases), ...freshCifs] };
    return {
      options: withFresh(base
        ? {
            phases: base.phases,
            detectPhases: base.detectPhases,
            peaks: base.peaks,
            refine: base.refine,
            backgroundOrder: base.backgroundOrder,
            backgroundTerms: base.backgroundTerms,
            dropBelowWt: base.dropBelowWt,
            polarisationK: base.polarisationK,
            debyeWaller: base.debyeWaller,
            detectionK: base.detectionK,
            minConsecutive: base.minConsecutive,
            cellSearchRange: base.cellSearchRange,
            ...sampleOf(lastRun?.options, analysis),
            ...instrumentOf(lastRun?.options, analysis),
          }
        : { ...DEFAULT_OPTIONS, ...sampleOf(lastRun?.options, null), ...instrumentOf(lastRun?.options, null) }),
      intervalS: seq?.intervalS ?? 2,
      offsetS: seq?.offsetS ?? 0,
      instprm: lastRun?.instprm ?? null,
    };
  }, [analysis, seq, allPhases, lastRun]);

  const importOptions = (fromFolder: boolean): XrdImportOptions | null => {
    const intervalS = numberOr(intervalText, 2);
    const offsetS = numberOr(offsetText, 0);
    const wavelengthA = numberOr(wavelengthText, undefined);
    if (!(intervalS !== undefined && intervalS > 0)) return (notify('error', 'The frame interval must be a number > 0 s.'), null);
    if (!Number.isFinite(offsetS)) return (notify('error', 'The time offset must be a number (s).'), null);
    if (wavelengthA !== undefined && !(wavelengthA > 0 && wavelengthA < 5)) return (notify('error', 'The wavelength must be between 0 and 5 Å.'), null);
    return { intervalS, offsetS, ...(wavelengthA !== undefined ? { wavelengthA } : {}), fromFolder };
  };

  const applyOptions = () => {
    const o = importOptions(false);
    if (!o) return;
    void xrd.setSequenceOptions({ intervalS: o.intervalS, offsetS: o.offsetS, wavelengthA: o.wavelengthA ?? null });
  };

  const runAnalysis = async (settings: AnalysisRunSettings) => {
    if (!seq) return;
    setLastRun(settings);
    if (settings.intervalS !== seq.intervalS || settings.offsetS !== seq.offsetS) await xrd.setSequenceOptions({ intervalS: settings.intervalS, offsetS: settings.offsetS });
    const instprm = settings.instprm ? (await filesForApi([settings.instprm]))[0] : undefined;
    const options: XrdRunOptions = { ...settings.options, debyeWaller, ...(instprm ? { instprm } : {}) };
    if (options.phases.length === 0 && (options.detectPhases ?? []).length === 0) return notify('error', 'Pick at least one phase.');
    await xrd.start(options);
  };

  const openFrames = () => {
    if (host === 'electron') {
      const o = importOptions(false);
      if (o) void xrd.openDialog(o);
    } else filesInput.current?.click();
  };

  const onPicked = (files: File[], fromFolder: boolean) => {
    const o = importOptions(fromFolder);
    if (o) void xrd.importFiles(files, o);
  };

  // Dropped files: CIF files become phases; the rest are the frames of a sequence, with the options typed here.
  const onDrop: XrdDropHandler = (files, fromFolder) => {
    const cifs = files.filter((f) => /\.cif$/i.test(f.name));
    const frames = files.filter((f) => !/\.cif$/i.test(f.name));
    if (cifs.length > 0) void xrd.addCifs(cifs);
    if (frames.length > 0 && !running) onPicked(frames, fromFolder);
  };
  const dropRef = useRef(onDrop);
  useEffect(() => {
    dropRef.current = onDrop;
  });
  const { dropTargetRef } = props;
  useEffect(() => {
    dropTargetRef.current = (files, fromFolder) => dropRef.current(files, fromFolder);
    return () => {
      dropTargetRef.current = null;
    };
  }, [dropTargetRef]);

  const progress = running && job && job.total > 0 ? { done: job.done, total: job.total, ...(job.stage ? { stage: job.stage } : {}) } : null;

  return (
    <main className="body">
      <aside className="side">
        <section className="panel" aria-label="Sequence">
          <div className="panel-head">
            <h2>Sequence</h2>
            <span className="spacer" />
            <button type="button" className="primary" data-testid="xrd-open-files" onClick={openFrames} disabled={running}>
              Open frames…
            </button>
            <button type="button" data-testid="xrd-open-folder" onClick={() => folderInput.current?.click()} disabled={running}>
              Folder…
            </button>
            <input
              ref={filesInput}
              type="file"
              multiple
              hidden
              data-testid="xrd-file-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                onPicked(files, false);
              }}
            />
            <input
              ref={folderInput}
              type="file"
              multiple
              hidden
              {...folderAttrs}
              data-testid="xrd-folder-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                onPicked(files, true);
              }}
            />
          </div>
          {seq ? (
            <dl className="xrd-facts" data-testid="xrd-sequence">
              <dt>Name</dt>
              <dd data-testid="xrd-sequence-name">{seq.name}</dd>
              <dt>Frames</dt>
              <dd data-testid="xrd-frame-count">
                {seq.frameCount} frame{seq.frameCount === 1 ? '' : 's'} × {seq.points} points
              </dd>
              <dt>Times</dt>
              <dd>
                {seq.timeSource === 'metadata' ? 'from the files' : `every ${seq.intervalS} s`}, {seq.timesS[0]} … {seq.timesS[seq.timesS.length - 1]} s
              </dd>
              <dt>λ</dt>
              <dd data-testid="xrd-seq-lambda" data-source={wavelengthSource(seq) ?? 'none'}>
                {seq.wavelengthA !== null ? `${seq.wavelengthA} Å, ${wavelengthSource(seq) === 'files' ? 'from the file header' : `entered${seq.fileWavelengthA !== null ? ` (the files say ${seq.fileWavelengthA} Å)` : ''}`}` : 'not stated: enter it below'}
              </dd>
              <dt>2θ</dt>
              <dd>
                {seq.twoThetaRangeDeg[0].toFixed(2)}–{seq.twoThetaRangeDeg[1].toFixed(2)}°
              </dd>
              {seq.temperatureLogName && (
                <>
                  <dt>T log</dt>
                  <dd>
                    {seq.temperatureLogName}{' '}
                    <button type="button" className="link" onClick={() => void xrd.setTemperatureLog(null)}>
                      remove
                    </button>
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <p className="empty">Open the frames of an in situ sequence (or drop them, or their folder, on the window).</p>
          )}
          <div className="xrd-seq-options">
            <label>
              Interval (s)
              <input className="num" data-testid="xrd-seq-interval" inputMode="decimal" value={intervalText} onChange={(e) => setIntervalText(e.target.value)} />
            </label>
            <label>
              Offset (s)
              <input className="num" data-testid="xrd-seq-offset" inputMode="decimal" value={offsetText} onChange={(e) => setOffsetText(e.target.value)} />
            </label>
            <label>
              λ (Å)
              <input className="num" data-testid="xrd-seq-wavelength" inputMode="decimal" value={wavelengthText} placeholder={seq?.fileWavelengthA ? 'files' : ''} onChange={(e) => setWavelengthText(e.target.value)} />
            </label>
            {seq && (
              <button type="button" data-testid="xrd-seq-apply" onClick={applyOptions} disabled={running}>
                Apply
              </button>
            )}
          </div>
          <p className="hint muted">
            The one place for λ and the times: they feed the analysis, the import report, the heatmap and every time axis, are saved in the study and
            undone with Undo. The interval applies when the files carry no times; the offset moves t = 0 (e.g. −hold start); an empty λ takes the file header&apos;s.
          </p>
          {seq && (
            <div className="xrd-seq-actions">
              <button type="button" data-testid="xrd-templog" onClick={() => logInput.current?.click()}>
                Temperature log…
              </button>
              <input
                ref={logInput}
                type="file"
                hidden
                data-testid="xrd-templog-input"
                onChange={(e) => {
                  const file = e.target.files?.[0] ?? null;
                  e.target.value = '';
                  if (file) void xrd.setTemperatureLog(file);
                }}
              />
            </div>
          )}
          {seq && <ImportReport report={seq.importReport} used={sequenceNote(seq)} />}
          {seq && seq.skipped.length > 0 && (
            <div className="xrd-skipped" data-testid="xrd-skipped">
              <strong>
                {seq.skipped.length} file{seq.skipped.length === 1 ? '' : 's'} skipped
              </strong>
              <ul>
                {seq.skipped.map((s) => (
                  <li key={s.fileName} data-testid="xrd-skipped-file" title={s.message}>
                    {s.fileName}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {seq && seq.warnings.length > 0 && (
            <ul className="warnings">
              {seq.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel" aria-label="Phases from CIF files">
          <div className="panel-head">
            <h2>Phases from CIF</h2>
            <span className="spacer" />
            <button type="button" data-testid="xrd-add-cif" onClick={() => cifInput.current?.click()}>
              Add phase from CIF…
            </button>
            <input
              ref={cifInput}
              type="file"
              accept=".cif,.mcif,.txt"
              multiple
              hidden
              data-testid="xrd-cif-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                void xrd.addCifs(files);
              }}
            />
          </div>
          {cifPhases.length === 0 ? (
            <p className="empty">Phases are picked under Analysis. Add your own structures here from CIF files.</p>
          ) : (
            <table className="xrd-phase-table" data-testid="xrd-cif-phases">
              <thead>
                <tr>
                  <th>Phase (refine / detect under Analysis)</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {cifPhases.map((p) => (
                  <tr key={p.id} data-testid="xrd-cif-phase" data-phase={p.id}>
                    <td title={`${p.fileName ?? ''}: ${p.spaceGroup}`}>
                      {p.id} <span className="muted">{p.formula}</span>
                    </td>
                    <td>
                      <button type="button" className="icon" aria-label={`Remove ${p.id}`} onClick={() => void xrd.removePhase(p.id)}>
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <label className="xrd-dw">
            <input type="checkbox" data-testid="xrd-debye-waller" checked={debyeWaller} onChange={(e) => setDebyeWaller(e.target.checked)} /> Debye–Waller factors in |F|²
          </label>
        </section>

        <section className="panel" aria-label="SXRD results">
          <div className="panel-head">
            <h2>Results</h2>
            <span className="spacer" />
            <button type="button" data-testid="xrd-export-csv" disabled={!analysis} onClick={() => void xrd.exportCsv()}>
              Export CSV
            </button>
          </div>
          {job && job.state === 'running' && (
            <p className="muted" data-testid="xrd-job">
              Running: {job.total > 0 ? `${job.done} of ${job.total} steps` : 'finding starting cells…'}
            </p>
          )}
          {analysis ? <LastFrame analysis={analysis} frame={frame} /> : <p className="empty">No analysis yet.</p>}
          {analysis && analysis.warnings.length > 0 && (
            <ul className="warnings">
              {analysis.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </section>
      </aside>
      <div className="content">
        <XrdViews
          key={`${seqKey}|${resultKey(analysis)}`}
          source={source}
          analysis={analysis}
          tgaRuns={tgaRuns}
          analysisSettings={analysisSettings}
          phases={state?.phases}
          running={running}
          progress={progress}
          onRunAnalysis={(s) => void runAnalysis(s)}
          onCancelAnalysis={() => void xrd.cancel()}
          save={props.save}
          notify={notify}
          initialView={analysis ? 'results' : 'heatmap'}
          frame={frame}
          onFrame={setFrame}
          sequenceNote={seq ? sequenceNote(seq) : undefined}
        />
      </div>
    </main>
  );
}
