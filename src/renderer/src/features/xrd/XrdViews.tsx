/**
 * The in situ SXRD views: heatmap (with zoom windows), waterfall, single frame, results vs time and the analysis
 * panel. Data come through an XrdDataSource (see source.ts); the app supplies saving and notices.
 */
import { useEffect, useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { SaveRequest, SaveResult, XrdPhaseView } from '../../../../shared/api';
import type { XrdAnalysis } from '../../../../shared/xrd-results';
import { Chart } from '../../charts/Chart';
import { formatNumber, SCREEN_VIEW, type ChartView } from '../../charts/style';
import { AnalysisPanel, type AnalysisRunSettings } from './AnalysisPanel';
import { frameCsv, framesCsv, heatmapCsv, partialNote, resultsCsv } from './csv';
import { ExportBar } from '../../export/ExportBar';
import { frameOption, type FrameFit } from './frame';
import type { FrameCurve, HeatmapGrid } from '../../../../shared/xrd-display';
import { everyNth } from './frames';
import { heatmapOption, heatmapReadout, jointRange, type HeatmapPanel, type HeatmapReadout } from './heatmap';
import { heatmapCanvas } from './raster';
import { defaultWindowSpecs, frameLattices, tickRows, zoomWindow, type PhaseStructures } from './reflections';
import { detectionSummary, matchingTgaRun, resultsOption, type PeakParameter, type ResultsPanel, type TgaOverlay } from './results';
import type { XrdDataSource } from './source';
import { frameResultText, nearestResultFrame, resultIndexOfFrame } from './results-readout';
import { timeScale, XRD_AXES, type TimeUnit, type XrdAxis } from './style';
import { waterfallOption } from './waterfall';
import './xrd.css';

const DEFAULT_RANGE: [number, number] = [0, 1];

export type XrdViewId = 'heatmap' | 'waterfall' | 'frame' | 'results' | 'analysis';

const VIEWS: { id: XrdViewId; label: string }[] = [
  { id: 'heatmap', label: 'Heatmap' },
  { id: 'waterfall', label: 'Waterfall' },
  { id: 'frame', label: 'Frame' },
  { id: 'results', label: 'Results vs time' },
  { id: 'analysis', label: 'Analysis' },
];

export interface XrdViewsProps {
  source: XrdDataSource | null;
  analysis: XrdAnalysis | null;
  /** TGA runs whose α(t) can be overlaid on the results (AnalysisView.alpha with the run's label and colour). */
  tgaRuns: TgaOverlay[];
  /** Settings the analysis panel starts from. */
  analysisSettings: AnalysisRunSettings;
  /** The phases that can be picked: the library's and those read from CIF files (with their structure). */
  phases?: XrdPhaseView[];
  running: boolean;
  progress: { done: number; total: number } | null;
  onRunAnalysis(settings: AnalysisRunSettings): void;
  onCancelAnalysis(): void;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
  /** First view shown. Default 'heatmap'. */
  initialView?: XrdViewId;
  /** The frame on screen (sequence index), owned by the parent so that every view and the results table follow it;
   * without it the views keep their own. */
  frame?: number;
  onFrame?(index: number): void;
  /** λ and times of the sequence with where they came from (shown in the Analysis panel, which does not set them). */
  sequenceNote?: string;
}

function parseRange(from: string, to: string): [number, number] | undefined {
  const a = Number(from);
  const b = Number(to);
  return from.trim() !== '' && to.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && b > a ? [a, b] : undefined;
}

export function XrdViews(props: XrdViewsProps) {
  const { source, analysis } = props;
  const [view, setView] = useState<XrdViewId>(props.initialView ?? 'heatmap');
  // one source of truth for the frame on screen: the frame view's slider, a click on the heatmap or on a results chart
  const [ownFrame, setOwnFrame] = useState(0);
  const frame = props.frame ?? ownFrame;
  const setFrame = (i: number) => (props.onFrame ? props.onFrame(i) : setOwnFrame(i));
  const [axis, setAxis] = useState<XrdAxis>('2th_deg');
  const [timeUnit, setTimeUnit] = useState<TimeUnit>('min');
  const [fromText, setFrom] = useState('');
  const [toText, setTo] = useState('');
  const range = useMemo(() => parseRange(fromText, toText), [fromText, toText]);
  const wavelengthA = analysis?.wavelengthA ?? source?.info.wavelengthA ?? null;
  const phaseIds = useMemo(() => analysis?.phases.map((p) => p.id) ?? props.analysisSettings.options.detectPhases ?? props.analysisSettings.options.phases, [analysis, props.analysisSettings]);
  const [tickPhases, setTickPhases] = useState<string[] | null>(null);
  const shownTicks = tickPhases ?? phaseIds;
  const ttRange = source?.info.twoThetaRangeDeg ?? DEFAULT_RANGE;
  const structures = useMemo<PhaseStructures>(
    () => Object.fromEntries((props.phases ?? []).filter((p) => p.structure).map((p) => [p.id, p.structure!])),
    [props.phases],
  );

  const changeAxis = (a: XrdAxis) => {
    setAxis(a);
    setFrom('');
    setTo('');
  };

  return (
    <section className="panel xrd" aria-label="In situ SXRD">
      <div className="plot-head">
        <div role="tablist" aria-label="SXRD view" className="tabs">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" role="tab" aria-selected={view === v.id} data-testid={`xrd-tab-${v.id}`} onClick={() => setView(v.id)}>
              {v.label}
            </button>
          ))}
        </div>
        {source && view !== 'analysis' && (
          <div className="xrd-controls">
            <label>
              Axis{' '}
              <select data-testid="xrd-axis" value={axis} onChange={(e) => changeAxis(e.target.value as XrdAxis)}>
                {XRD_AXES.map((a) => (
                  <option key={a.id} value={a.id} disabled={a.id !== '2th_deg' && wavelengthA === null}>
                    {a.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Time{' '}
              <select data-testid="xrd-time-unit" value={timeUnit} onChange={(e) => setTimeUnit(e.target.value as TimeUnit)}>
                <option value="s">s</option>
                <option value="min">min</option>
              </select>
            </label>
            {view !== 'results' && (
              <label>
                Window <input className="num" aria-label="window from" value={fromText} onChange={(e) => setFrom(e.target.value)} placeholder="from" /> –{' '}
                <input className="num" aria-label="window to" value={toText} onChange={(e) => setTo(e.target.value)} placeholder="to" />
              </label>
            )}
            {(view === 'frame' || view === 'heatmap') && (
              <details className="xrd-tick-phases">
                <summary>Phases ({shownTicks.length})</summary>
                {phaseIds.map((id) => (
                  <label key={id}>
                    <input
                      type="checkbox"
                      checked={shownTicks.includes(id)}
                      onChange={(e) => setTickPhases(e.target.checked ? [...shownTicks, id] : shownTicks.filter((x) => x !== id))}
                    />{' '}
                    {id}
                  </label>
                ))}
              </details>
            )}
          </div>
        )}
      </div>
      {/* kept mounted while other tabs are shown, so its selections survive a look at the data */}
      <div hidden={view !== 'analysis'}>
        <AnalysisPanel
          initial={props.analysisSettings}
          phases={props.phases}
          fileWavelengthA={source?.info.wavelengthA ?? null}
          sequenceNote={props.sequenceNote}
          running={props.running}
          progress={props.progress}
          onRun={props.onRunAnalysis}
          onCancel={props.onCancelAnalysis}
        />
      </div>
      {view === 'analysis' ? null : !source ? (
        <p className="empty">Open an in situ sequence (a folder of integrated patterns) to see it here.</p>
      ) : view === 'heatmap' ? (
        <HeatmapView {...props} frame={frame} onFrame={setFrame} source={source} axis={axis} timeUnit={timeUnit} range={range} wavelengthA={wavelengthA} phaseIds={shownTicks} structures={structures} />
      ) : view === 'waterfall' ? (
        <WaterfallView {...props} frame={frame} onFrame={setFrame} source={source} axis={axis} timeUnit={timeUnit} range={range} />
      ) : view === 'frame' ? (
        <FrameView {...props} frame={frame} onFrame={setFrame} source={source} axis={axis} timeUnit={timeUnit} range={range} wavelengthA={wavelengthA} tickPhases={shownTicks} structures={structures} twoThetaRangeDeg={ttRange} />
      ) : analysis ? (
        <ResultsView {...props} frame={frame} onFrame={setFrame} onShowFrame={() => setView('frame')} analysis={analysis} timeUnit={timeUnit} />
      ) : (
        <p className="empty">No analysis yet: choose phases and peaks under Analysis and run it.</p>
      )}
    </section>
  );
}

interface Common {
  save: XrdViewsProps['save'];
  notify: XrdViewsProps['notify'];
  timeUnit: TimeUnit;
  /** The frame on screen (sequence index) and how to change it. */
  frame: number;
  onFrame(index: number): void;
}

function useAsync<T>(load: () => Promise<T>, deps: unknown[], notify: Common['notify']): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue(v),
      (e: unknown) => live && notify('error', e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the loader reads
  }, deps);
  return value;
}

const axisSymbol = (axis: XrdAxis) => (axis === '2th_deg' ? '2θ' : axis === 'q_A^-1' ? 'q' : 'd');
const axisUnit = (axis: XrdAxis) => (axis === '2th_deg' ? '°' : axis === 'q_A^-1' ? 'Å⁻¹' : 'Å');

function ChartBox(props: { option: EChartsOption | null; label: string; testId: string; tall?: boolean; onClickAt?: (at: { grid: number; x: number; y: number }) => void }) {
  return (
    <div className={props.tall ? 'chart-box tall' : 'chart-box'}>
      {props.option ? <Chart option={props.option} label={props.label} testId={props.testId} onClickAt={props.onClickAt} /> : <p className="empty">Loading…</p>}
    </div>
  );
}

function HeatmapView(
  props: Common & { source: XrdDataSource; axis: XrdAxis; range?: [number, number]; wavelengthA: number | null; phaseIds: string[]; structures: PhaseStructures; analysis: XrdAnalysis | null },
) {
  const { source, axis, range, wavelengthA, structures, analysis } = props;
  const [log, setLog] = useState(true);
  const [floorText, setFloor] = useState('1');
  const floorCounts = Number(floorText) > 0 ? Number(floorText) : 1;
  const [mode, setMode] = useState<'full' | 'windows'>('full');
  const presets = useMemo(() => (wavelengthA ? defaultWindowSpecs(props.phaseIds, wavelengthA, source.info.twoThetaRangeDeg, structures) : []), [props.phaseIds, wavelengthA, source, structures]);
  const [specText, setSpecText] = useState<string | null>(null);
  const specs = (specText ?? presets.join(', ')).split(',').map((s) => s.trim()).filter(Boolean);
  const [windowError, setWindowError] = useState<string | null>(null);
  const windows = useMemo(() => {
    if (mode !== 'windows' || !wavelengthA) return [];
    const out = [];
    for (const s of specs) {
      try {
        // from the library (or CIF) cell to the cell the analysis found in the data
        const phaseId = s.split(':')[0].trim();
        const lattice = analysis?.phases.find((p) => p.id === phaseId)?.startLattice;
        out.push(zoomWindow(s, { wavelengthA, axis, lattice, phases: structures }));
      } catch (e) {
        queueMicrotask(() => setWindowError(e instanceof Error ? e.message : String(e)));
      }
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- specs is derived from specText/presets
  }, [mode, wavelengthA, axis, specText, presets, structures, analysis]);
  const key = JSON.stringify([axis, range, log, floorCounts, mode, windows.map((w) => w.range)]);
  const panels = useAsync<HeatmapPanel[]>(
    async () => {
      setWindowError(null);
      if (mode === 'windows' && windows.length > 0) {
        return Promise.all(windows.map(async (w) => ({ label: w.label, grid: await source.heatmap({ axis, log, floorCounts, xRange: w.range, xBins: 160, tBins: 300 }) })));
      }
      return [{ grid: await source.heatmap({ axis, log, floorCounts, xRange: range, xBins: 600, tBins: 300 }) }];
    },
    [key, source],
    props.notify,
  );
  const timeUnit = props.timeUnit;
  // each grid painted once into a canvas (one image per panel instead of one rectangle per cell)
  const painted = useMemo(() => {
    if (!panels) return null;
    const range = jointRange(panels.map((p) => p.grid));
    return panels.map((p) => ({ ...p, image: heatmapCanvas(p.grid, range) }));
  }, [panels]);
  const build = useMemo(() => (painted ? (view: ChartView) => heatmapOption({ panels: painted, timeUnit }, view) : null), [painted, timeUnit]);
  const option = useMemo(() => (build ? build(SCREEN_VIEW) : null), [build]);
  const grids: HeatmapGrid[] = panels?.map((p) => p.grid) ?? [];
  const [cursor, setCursor] = useState<HeatmapReadout | null>(null);
  return (
    <>
      <div className="xrd-subcontrols">
        <label>
          <input type="checkbox" data-testid="xrd-log" checked={log} onChange={(e) => setLog(e.target.checked)} /> log₁₀
        </label>
        <label>
          floor (counts) <input className="num" aria-label="log floor" value={floorText} onChange={(e) => setFloor(e.target.value)} disabled={!log} />
        </label>
        <label>
          <input type="radio" name="xrd-hm-mode" checked={mode === 'full'} onChange={() => setMode('full')} /> whole pattern
        </label>
        <label>
          <input type="radio" name="xrd-hm-mode" data-testid="xrd-windows" checked={mode === 'windows'} onChange={() => setMode('windows')} /> zoom windows
        </label>
        {mode === 'windows' && (
          <label>
            around{' '}
            <input className="wide" data-testid="xrd-window-specs" value={specText ?? presets.join(', ')} onChange={(e) => setSpecText(e.target.value)} placeholder="fcc-FeNi:200, bcc-Fe:200" />
          </label>
        )}
        {grids.length > 0 && (
          <span className="muted">
            {grids[0].frames} frames → {grids[0].tBins} × {grids.reduce((s, g) => s + g.xBins, 0)} cells
          </span>
        )}
        <ExportBar
          view="heatmap"
          baseName={`xrd-heatmap_${props.source.info.name}`}
          build={build ? (v) => build(v) : null}
          csv={panels ? () => panels.map((p) => (p.label ? `# ${p.label}\n` : '') + heatmapCsv(p.grid)).join('\n') : null}
          save={props.save}
          notify={props.notify}
        />
      </div>
      {windowError && <p className="error">{windowError}</p>}
      <div className="chart-box">
        {option ? (
          <Chart
            option={option}
            label="Intensity against position and time"
            testId="xrd-chart-heatmap"
            onPointer={(at) => {
              const g = at && at.grid < grids.length ? grids[at.grid] : null;
              setCursor(g && at ? heatmapReadout(g, at.x, at.y / timeScale(timeUnit), source.info.timesS) : null);
            }}
            onClickAt={(at) => {
              const g = at.grid < grids.length ? grids[at.grid] : null;
              const r = g ? heatmapReadout(g, at.x, at.y / timeScale(timeUnit), source.info.timesS) : null;
              if (r && r.frame !== null) props.onFrame(r.frame);
            }}
          />
        ) : (
          <p className="empty">Loading…</p>
        )}
      </div>
      <p className="hint xrd-readout" data-testid="xrd-heatmap-readout">
        {cursor
          ? `${axisSymbol(axis)} = ${formatNumber(cursor.x)} ${axisUnit(axis)} · t = ${formatNumber(cursor.tS * timeScale(timeUnit))} ${timeUnit} · frame ${cursor.frame === null ? '—' : `${cursor.frame + 1} (t = ${formatNumber((cursor.frameTimeS ?? 0) * timeScale(timeUnit))} ${timeUnit})`} · I = ${cursor.intensity === null ? '—' : formatNumber(cursor.intensity)} counts`
          : 'Move over the map: position, time, frame and intensity under the cross-hair.'}{' '}
        <span data-testid="xrd-heatmap-frame" data-frame={props.frame}>
          · frame on screen: {props.frame + 1} (click the map to pick one)
        </span>
      </p>
    </>
  );
}

function WaterfallView(props: Common & { source: XrdDataSource; axis: XrdAxis; range?: [number, number] }) {
  const { source, axis, range } = props;
  const [everyText, setEvery] = useState(String(Math.max(1, Math.round(source.info.frameCount / 12))));
  const every = Math.max(1, Math.floor(Number(everyText)) || 1);
  const [offsetText, setOffset] = useState('');
  const offsetCounts = Number(offsetText) > 0 ? Number(offsetText) : undefined;
  const frames = useAsync<FrameCurve[]>(() => source.frames(everyNth(source.info.frameCount, every), axis, range), [every, axis, JSON.stringify(range), source], props.notify);
  const timeUnit = props.timeUnit;
  const build = useMemo(() => (frames ? (view: ChartView) => waterfallOption({ frames, axis, timeUnit, offsetCounts, range }, view) : null), [frames, axis, timeUnit, offsetCounts, range]);
  const option = useMemo(() => (build ? build(SCREEN_VIEW) : null), [build]);
  return (
    <>
      <div className="xrd-subcontrols">
        <label>
          every n-th frame, n = <input className="num" data-testid="xrd-every" value={everyText} onChange={(e) => setEvery(e.target.value)} />
        </label>
        <label>
          offset (counts) <input className="num" data-testid="xrd-offset-counts" value={offsetText} onChange={(e) => setOffset(e.target.value)} placeholder="auto" />
        </label>
        <ExportBar view="waterfall" baseName={`xrd-waterfall_${source.info.name}`} build={build} csv={frames ? () => framesCsv(frames, axis) : null} save={props.save} notify={props.notify} />
      </div>
      <ChartBox option={option} label="Waterfall of frames" testId="xrd-chart-waterfall" />
    </>
  );
}

function FrameView(
  props: Common & {
    source: XrdDataSource;
    axis: XrdAxis;
    range?: [number, number];
    wavelengthA: number | null;
    tickPhases: string[];
    structures: PhaseStructures;
    twoThetaRangeDeg: [number, number];
    analysis: XrdAnalysis | null;
  },
) {
  const { source, axis, range, analysis, structures, tickPhases, twoThetaRangeDeg } = props;
  const n = source.info.frameCount;
  const index = Math.min(Math.max(0, props.frame), Math.max(0, n - 1));
  const setIndex = props.onFrame;
  const [playing, setPlaying] = useState(false);
  const [showFit, setShowFit] = useState(true);
  // playing: the next frame 250 ms after each one is on screen
  useEffect(() => {
    if (!playing) return;
    const id = setTimeout(() => setIndex((index + 1) % n), 250);
    return () => clearTimeout(id);
  }, [playing, n, index, setIndex]);
  const curves = useAsync<FrameCurve[]>(() => source.frames([index], axis, range), [index, axis, JSON.stringify(range), source], props.notify);
  const refined = props.analysis?.refined === true && !!source.frameFit;
  const fit = useAsync<FrameFit | null>(async () => (refined && showFit && source.frameFit ? source.frameFit(index) : null), [index, refined, showFit, source], props.notify);
  const frame = curves?.[0] ?? null;
  const { timeUnit, wavelengthA } = props;
  // ticks at this frame's refined cells when there is an analysis (a moves with temperature and composition),
  // else at the library (or CIF) cells
  const lattices = useMemo(() => (analysis ? frameLattices(analysis, index) : undefined), [analysis, index]);
  const ticks = useMemo(
    () => (wavelengthA ? tickRows(tickPhases, { wavelengthA, twoThetaMinDeg: twoThetaRangeDeg[0], twoThetaMaxDeg: twoThetaRangeDeg[1], axis, lattices, phases: structures }) : []),
    [tickPhases, wavelengthA, twoThetaRangeDeg, axis, lattices, structures],
  );
  const build = useMemo(
    () => (frame && wavelengthA ? (view: ChartView) => frameOption({ frame, axis, timeUnit, wavelengthA, ticks, fit: showFit ? fit : null, range }, view) : null),
    [frame, axis, timeUnit, wavelengthA, ticks, fit, showFit, range],
  );
  const option = useMemo(() => (build ? build(SCREEN_VIEW) : null), [build]);
  return (
    <>
      <div className="xrd-subcontrols">
        <button type="button" data-testid="xrd-play" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <input
          type="range"
          data-testid="xrd-frame-slider"
          aria-label="Frame"
          min={0}
          max={Math.max(0, n - 1)}
          value={index}
          onChange={(e) => setIndex(Number(e.target.value))}
          style={{ width: '18em' }}
        />
        <span className="muted">
          frame {index + 1} / {n}
        </span>
        {refined && (
          <label>
            <input type="checkbox" data-testid="xrd-show-fit" checked={showFit} onChange={(e) => setShowFit(e.target.checked)} /> obs / calc / diff
          </label>
        )}
        {showFit && fit && fit.rwp !== null && (
          <span className="muted" data-testid="xrd-frame-rwp" data-value={fit.rwp}>
            <i>R</i>
            <sub>wp</sub> {(100 * fit.rwp).toFixed(2)} %
          </span>
        )}
        <ExportBar
          view="frame"
          baseName={`xrd-frame_${frame?.fileName ?? index}`}
          build={build}
          csv={frame ? () => frameCsv(frame, axis, showFit ? fit : null, ticks) : null}
          save={props.save}
          notify={props.notify}
        />
      </div>
      <ChartBox option={option} label="One frame with reflection ticks" testId="xrd-chart-frame" />
    </>
  );
}

const PANELS: { id: ResultsPanel; label: string }[] = [
  { id: 'weight', label: 'weight fractions' },
  { id: 'lattice', label: 'lattice a' },
  { id: 'composition', label: 'x(Ni)' },
  { id: 'peak', label: 'peak' },
  { id: 'rwp', label: 'Rwp' },
];

function ResultsView(props: Common & { analysis: XrdAnalysis; tgaRuns: TgaOverlay[]; onShowFrame(): void }) {
  const a = props.analysis;
  const resultIndex = resultIndexOfFrame(a, props.frame);
  const [panels, setPanels] = useState<ResultsPanel[]>(a.refined ? ['weight', 'lattice', 'rwp'] : ['peak']);
  const [stacked, setStacked] = useState(false);
  const refinedIds = a.phases.filter((p) => p.refined).map((p) => p.id);
  const [latticePhase, setLatticePhase] = useState<string>(refinedIds.find((id) => id === 'fcc-FeNi') ?? refinedIds[0] ?? '');
  const [peakSpec, setPeakSpec] = useState(a.peaks[0]?.spec ?? '');
  const [param, setParam] = useState<PeakParameter>('centre');
  // the overlaid run defaults to the one whose recipe matches the sequence's phases (NiO in both, …)
  const [tgaLabel, setTgaLabel] = useState<string>(matchingTgaRun(props.tgaRuns, a.phases.filter((p) => p.detected !== false))?.label ?? '');
  const [shiftText, setShiftText] = useState('0');
  const shiftS = Number.isFinite(Number(shiftText)) ? Number(shiftText) : 0;
  const tgaRun = props.tgaRuns.find((r) => r.label === tgaLabel) ?? null;
  const tga = useMemo(() => (tgaRun ? { ...tgaRun, shiftS } : null), [tgaRun, shiftS]);
  const shown = panels.filter((p) => (p === 'peak' ? a.peaks.length > 0 : p === 'weight' || p === 'lattice' || p === 'rwp' ? a.refined : true));
  const timeUnit = props.timeUnit;
  const shownKey = shown.join(',');
  const build = useMemo(
    () => (view: ChartView, height?: number) =>
      resultsOption(
        {
          analysis: a,
          panels: shownKey.split(',') as ResultsPanel[],
          timeUnit,
          stacked,
          latticePhases: latticePhase === 'all' ? undefined : [latticePhase],
          peak: peakSpec ? { spec: peakSpec, parameter: param } : undefined,
          tga,
          height,
          frameIndex: resultIndex,
        },
        view,
      ),
    [a, shownKey, timeUnit, stacked, latticePhase, peakSpec, param, tga, resultIndex],
  );
  const option = useMemo(() => build(SCREEN_VIEW), [build]);
  const summary = detectionSummary(a, props.timeUnit);
  return (
    <>
      <div className="xrd-subcontrols">
        {PANELS.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={panels.includes(p.id)} onChange={(e) => setPanels(e.target.checked ? PANELS.map((q) => q.id).filter((id) => id === p.id || panels.includes(id)) : panels.filter((x) => x !== p.id))} />{' '}
            {p.label}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={stacked} onChange={(e) => setStacked(e.target.checked)} /> stacked
        </label>
        <label>
          a of{' '}
          <select value={latticePhase} onChange={(e) => setLatticePhase(e.target.value)}>
            {refinedIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
            <option value="all">all</option>
          </select>
        </label>
        {a.peaks.length > 0 && (
          <label>
            peak{' '}
            <select value={peakSpec} onChange={(e) => setPeakSpec(e.target.value)}>
              {a.peaks.map((p) => (
                <option key={p.spec} value={p.spec}>
                  {p.label}
                </option>
              ))}
            </select>{' '}
            <select value={param} onChange={(e) => setParam(e.target.value as PeakParameter)}>
              <option value="centre">centre</option>
              <option value="fwhm">FWHM</option>
              <option value="area">area</option>
            </select>
          </label>
        )}
        <label>
          TGA α(t){' '}
          <select data-testid="xrd-tga-run" value={tgaLabel} onChange={(e) => setTgaLabel(e.target.value)}>
            <option value="">none</option>
            {props.tgaRuns.map((r) => (
              <option key={r.label} value={r.label}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {tga && (
          <label title="added to the TGA times to put them on the SXRD clock">
            shift (s) <input className="num" data-testid="xrd-tga-shift" value={shiftText} onChange={(e) => setShiftText(e.target.value)} />
          </label>
        )}
        <ExportBar view="results" baseName="xrd-results" build={(v, h) => build(v, h)} heightFactor={1 + 0.35 * Math.max(0, shown.length - 1)} csv={() => resultsCsv(a)} save={props.save} notify={props.notify} />
      </div>
      <ul className="xrd-detection" data-testid="xrd-detection">
        {summary.map((r) => (
          <li key={r.phaseId} className={r.detected ? 'detected' : 'absent'}>
            <span className="swatch" style={{ background: r.color }} aria-hidden /> {r.text}
          </li>
        ))}
      </ul>
      {a.cancelled && (
        <p className="note" data-testid="xrd-partial">
          <b>{partialNote(a)}</b> — the analysis was cancelled; the results cover the frames finished.
        </p>
      )}
      <p className="hint xrd-readout" data-testid="xrd-results-frame" data-frame={props.frame} data-result={resultIndex ?? ''}>
        {resultIndex === null ? `Frame ${props.frame + 1} is not in the analysis.` : frameResultText(a, resultIndex)}{' '}
        <button type="button" className="link" data-testid="xrd-results-show-frame" onClick={props.onShowFrame}>
          show frame
        </button>
      </p>
      <ChartBox
        option={option}
        label="Results against time"
        testId="xrd-chart-results"
        tall
        onClickAt={(at) => {
          const i = nearestResultFrame(a, at.x / timeScale(timeUnit));
          if (i !== null) props.onFrame(a.frames[i].index);
        }}
      />
    </>
  );
}
