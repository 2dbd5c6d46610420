/**
 * Radiography: open a stack (files, a folder, or from disk in the desktop app), look through its frames with a
 * contrast and LUT, draw ROIs (rectangle, ellipse, polygon) and a numbered N × M grid on the image, group them
 * (medium / reaction / by-product), set the onset rule and the ΔI frames, run the analysis (main, worker threads for
 * stacks on disk) and read I vs T or I vs t with the onsets and ΔI; export the figure and the CSV.
 */
import { useEffect, useMemo, useRef, useState, type InputHTMLAttributes, type PointerEvent as ReactPointerEvent } from 'react';
import type { RadFrameView, RadStateView } from '../../../../shared/api-imaging';
import type { GridDef, RadiographySettings, RoiDef, RoiGroup, RoiShape } from '../../../../shared/radiography';
import { ROI_GROUPS } from '../../../../shared/radiography';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import { api, errorText, host } from '../../api';
import { Chart } from '../../charts/Chart';
import { SCREEN_VIEW, formatNumber } from '../../charts/style';
import { ExportBar } from '../../export/ExportBar';
import { allRegions, frameRgba, intensityChartOption, LUTS, type Lut } from './imaging-charts';
import type { RadiographyState } from './useImaging';

const folderAttrs = { webkitdirectory: '', directory: '' } as InputHTMLAttributes<HTMLInputElement>;
const DISPLAY_SIDE = 768;
type Tool = 'rect' | 'ellipse' | 'polygon';

function numberOrUndefined(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

function range(text: string): [number, number] | null {
  const m = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Grid lines and point labels in image coordinates. */
function gridOverlay(grid: GridDef, width: number, height: number) {
  const xs = Array.from({ length: grid.cols + 1 }, (_, i) => Math.floor((i * width) / grid.cols));
  const ys = Array.from({ length: grid.rows + 1 }, (_, i) => Math.floor((i * height) / grid.rows));
  return { xs, ys };
}

function ShapeSvg(props: { shape: RoiShape; color: string; dashed?: boolean; label?: string; strokeScale: number }) {
  const s = props.shape;
  const common = { fill: 'none', stroke: props.color, strokeWidth: 1.5 * props.strokeScale, strokeDasharray: props.dashed ? `${4 * props.strokeScale}` : undefined };
  let el;
  let lx = 0;
  let ly = 0;
  if (s.kind === 'rect') {
    el = <rect x={s.x} y={s.y} width={s.width} height={s.height} {...common} />;
    [lx, ly] = [s.x, s.y];
  } else if (s.kind === 'ellipse') {
    el = <ellipse cx={s.x + s.width / 2} cy={s.y + s.height / 2} rx={s.width / 2} ry={s.height / 2} {...common} />;
    [lx, ly] = [s.x, s.y];
  } else {
    el = <polygon points={s.points.map((p) => p.join(',')).join(' ')} {...common} />;
    [lx, ly] = s.points[0];
  }
  return (
    <g>
      {el}
      {props.label && (
        <text x={lx} y={ly - 2 * props.strokeScale} fill={props.color} fontSize={11 * props.strokeScale} fontFamily="Arial, sans-serif">
          {props.label}
        </text>
      )}
    </g>
  );
}

const ROI_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#CC79A7', '#D55E00', '#0072B2'];

export function RadiographyView(props: { rad: RadiographyState; save(request: SaveRequest): Promise<SaveResult>; notify(kind: 'error' | 'info', text: string): void }) {
  const { rad, notify } = props;
  const state: RadStateView | null = rad.state;
  const stack = state?.stack ?? null;
  const settings = state?.settings ?? { rois: [] };
  const result = state?.result ?? null;
  const running = rad.job?.state === 'running';

  const filesInput = useRef<HTMLInputElement | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);
  const logInput = useRef<HTMLInputElement | null>(null);

  // ── the frame on screen ──
  const [frameIndex, setFrameIndex] = useState(0);
  const [frame, setFrame] = useState<RadFrameView | null>(null);
  const [lut, setLut] = useState<Lut>('grey');
  const [contrast, setContrast] = useState<[number, number] | null>(null);
  const stackKey = stack ? `${stack.name}|${stack.frameCount}|${stack.width}x${stack.height}` : '';
  useEffect(() => {
    setFrameIndex(0);
    setContrast(null);
  }, [stackKey]);
  useEffect(() => {
    if (!stack) {
      setFrame(null);
      return;
    }
    let stale = false;
    api.radFrame(Math.min(frameIndex, stack.frameCount - 1), DISPLAY_SIDE).then(
      (f) => {
        if (!stale) setFrame(f);
      },
      (e: unknown) => notify('error', errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [stack, frameIndex, notify]);
  const lo = contrast?.[0] ?? frame?.p1 ?? 0;
  const hi = contrast?.[1] ?? frame?.p99 ?? 1;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const c = canvasRef.current;
    if (!c || !frame) return;
    c.width = frame.width;
    c.height = frame.height;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(frameRgba(frame, lo, hi, lut) as Uint8ClampedArray<ArrayBuffer>, frame.width, frame.height), 0, 0);
  }, [frame, lo, hi, lut]);

  // ── drawing ROIs ──
  const [tool, setTool] = useState<Tool>('rect');
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [poly, setPoly] = useState<[number, number][]>([]);
  const [newGroup, setNewGroup] = useState<RoiGroup | ''>('');
  const svgRef = useRef<SVGSVGElement | null>(null);
  const toImage = (e: ReactPointerEvent<SVGSVGElement> | React.MouseEvent<SVGSVGElement>): [number, number] => {
    const r = svgRef.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * stack!.width, ((e.clientY - r.top) / r.height) * stack!.height];
  };
  const nextName = (base: string) => {
    let i = settings.rois.length + 1;
    while (settings.rois.some((r) => r.name === `${base}${i}`)) i++;
    return `${base}${i}`;
  };
  const setRois = (rois: RoiDef[]) => void rad.setSettings({ ...settings, rois });
  const addRoi = (shape: RoiShape) => setRois([...settings.rois, { name: nextName('ROI'), shape, group: newGroup || null }]);
  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!stack || tool === 'polygon') return;
    const [x, y] = toImage(e);
    (e.target as Element).setPointerCapture?.(e.pointerId);
    setDrag({ x0: Math.round(x), y0: Math.round(y), x1: Math.round(x), y1: Math.round(y) });
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const [x, y] = toImage(e);
    setDrag({ ...drag, x1: Math.round(Math.min(stack!.width, Math.max(0, x))), y1: Math.round(Math.min(stack!.height, Math.max(0, y))) });
  };
  const onUp = () => {
    if (!drag) return;
    const x = Math.min(drag.x0, drag.x1);
    const y = Math.min(drag.y0, drag.y1);
    const w = Math.abs(drag.x1 - drag.x0);
    const h = Math.abs(drag.y1 - drag.y0);
    setDrag(null);
    // whole-pixel boxes: the means then equal ImageJ's (docs/radiography.md)
    if (w >= 1 && h >= 1) addRoi({ kind: tool === 'ellipse' ? 'ellipse' : 'rect', x, y, width: w, height: h });
  };
  const onClick = (e: React.MouseEvent<SVGSVGElement>) => {
    if (!stack || tool !== 'polygon') return;
    const [x, y] = toImage(e);
    setPoly([...poly, [Math.round(x * 2) / 2, Math.round(y * 2) / 2]]);
  };
  const closePolygon = () => {
    if (poly.length >= 3) addRoi({ kind: 'polygon', points: poly });
    setPoly([]);
  };
  const preview: RoiShape | null = drag
    ? { kind: tool === 'ellipse' ? 'ellipse' : 'rect', x: Math.min(drag.x0, drag.x1), y: Math.min(drag.y0, drag.y1), width: Math.max(1, Math.abs(drag.x1 - drag.x0)), height: Math.max(1, Math.abs(drag.y1 - drag.y0)) }
    : null;

  // ── analysis settings (applied with the button) ──
  const [form, setForm] = useState({ interval: '', cols: '', rows: '', radius: '', k: '', n: '', baseline: '', before: '', after: '', normalise: '' });
  const settingsKey = JSON.stringify({ ...settings, rois: undefined });
  const [shownKey, setShownKey] = useState('');
  if (settingsKey !== shownKey) {
    setShownKey(settingsKey);
    setForm({
      interval: settings.intervalS !== undefined ? String(settings.intervalS) : '',
      cols: settings.grid ? String(settings.grid.cols) : '',
      rows: settings.grid ? String(settings.grid.rows) : '',
      radius: settings.grid?.radiusPx !== undefined ? String(settings.grid.radiusPx) : '',
      k: settings.onset?.k !== undefined ? String(settings.onset.k) : '',
      n: settings.onset?.consecutive !== undefined ? String(settings.onset.consecutive) : '',
      baseline: settings.onset?.baseline ? settings.onset.baseline.join('-') : '',
      before: settings.delta ? settings.delta.before.join('-') : '',
      after: settings.delta ? settings.delta.after.join('-') : '',
      normalise: settings.normaliseFrames !== undefined ? String(settings.normaliseFrames) : '',
    });
  }
  const applySettings = () => {
    const grid: GridDef | null =
      form.cols.trim() && form.rows.trim()
        ? { cols: Number(form.cols), rows: Number(form.rows), ...(form.radius.trim() ? { shape: 'circle' as const, radiusPx: Number(form.radius) } : {}), groups: settings.grid?.groups }
        : null;
    const before = range(form.before);
    const after = range(form.after);
    if ((form.before.trim() || form.after.trim()) && (!before || !after)) {
      notify('error', 'ΔI frames: give both ranges as FIRST-LAST (0-based), e.g. 135-139 and 145-149.');
      return;
    }
    const baseline = form.baseline.trim() ? range(form.baseline) : undefined;
    if (baseline === null) {
      notify('error', 'Baseline frames: FIRST-LAST (0-based), e.g. 0-29.');
      return;
    }
    const interval = numberOrUndefined(form.interval);
    const next: RadiographySettings = {
      ...settings,
      intervalS: interval,
      useFileTimes: interval === undefined,
      grid,
      onset: { ...(numberOrUndefined(form.k) !== undefined ? { k: Number(form.k) } : {}), ...(numberOrUndefined(form.n) !== undefined ? { consecutive: Number(form.n) } : {}), ...(baseline ? { baseline } : {}) },
      delta: before && after ? { before, after } : null,
      normaliseFrames: numberOrUndefined(form.normalise),
    };
    void rad.setSettings(JSON.parse(JSON.stringify(next)) as RadiographySettings);
  };

  // ── results ──
  const [xAxis, setXAxis] = useState<'temperature' | 'time'>('temperature');
  const [normalised, setNormalised] = useState(true);
  const regions = useMemo(() => (result ? allRegions(result).map((r) => r.name) : []), [result]);
  const [shown, setShown] = useState<string[] | null>(null);
  const chosen = shown?.filter((n) => regions.includes(n)) ?? regions.filter((n) => n !== 'frame' && (!/^P\d+$/.test(n) || regions.length < 12));
  const axis = xAxis === 'temperature' && result?.temperatureK ? 'temperature' : 'time';
  const chartSettings = { x: axis, normalised, regions: chosen.length ? chosen : regions.slice(0, 1) } as const;
  const option = useMemo(() => (result ? intensityChartOption(result, chartSettings, SCREEN_VIEW) : null), [result, chartSettings.x, chartSettings.normalised, chartSettings.regions.join('|')]); // eslint-disable-line react-hooks/exhaustive-deps

  // the results table (every frame, every region) for the export bar, fetched once per result
  const [csvOf, setCsvOf] = useState<{ result: unknown; text: string | null }>({ result: null, text: null });
  const csvText = csvOf.result === result ? csvOf.text : null;
  useEffect(() => {
    if (!result) return;
    let stale = false;
    api.radResultsCsv().then(
      (text) => {
        if (!stale) setCsvOf({ result, text });
      },
      (e: unknown) => notify('error', errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [result, notify]);

  const strokeScale = stack ? Math.max(stack.width, stack.height) / 600 : 1;
  const grid = settings.grid && stack ? gridOverlay(settings.grid, stack.width, stack.height) : null;

  return (
    <main className="body hp-body" data-testid="radiography-view">
      <aside className="side">
        <section className="panel" aria-label="Stack">
          <div className="panel-head">
            <h2>Stack</h2>
          </div>
          <div className="row">
            <button type="button" className="primary" data-testid="rad-open-files" onClick={() => filesInput.current?.click()}>
              Open files…
            </button>
            <button type="button" data-testid="rad-open-folder" onClick={() => folderInput.current?.click()}>
              Open folder…
            </button>
            {host === 'electron' && (
              <button type="button" data-testid="rad-open-disk" title="Large stacks: read from disk frame by frame, never loaded whole" onClick={() => void rad.openDialog()}>
                Open from disk…
              </button>
            )}
          </div>
          <input ref={filesInput} type="file" multiple hidden data-testid="rad-file-input" onChange={(e) => { const f = Array.from(e.target.files ?? []); e.target.value = ''; if (f.length) void rad.importFiles(f); }} />
          <input ref={folderInput} type="file" multiple hidden {...folderAttrs} data-testid="rad-folder-input" onChange={(e) => { const f = Array.from(e.target.files ?? []); e.target.value = ''; if (f.length) void rad.importFiles(f); }} />
          {stack ? (
            <div data-testid="rad-stack">
              <p>
                <strong>{stack.name}</strong>: <span data-testid="rad-stack-size">{stack.frameCount} frames of {stack.width}×{stack.height}</span> {stack.pixelType}
              </p>
              <p className="muted">
                {stack.formatLabel}
                {stack.onDisk ? ', read from disk' : ''}
                {stack.hasDarkFlat ? ', dark/flat fields in the file' : ''}. Times: {stack.timeNote}.
              </p>
              {stack.ignored.length > 0 && <p className="muted">Not images, ignored: {stack.ignored.join(', ')}</p>}
            </div>
          ) : (
            <p className="empty">A multi-page TIFF, the TIFFs of a folder, or an HDF5 file.</p>
          )}
          <div className="row">
            <button type="button" data-testid="rad-tlog" disabled={!stack} onClick={() => logInput.current?.click()}>
              Temperature log…
            </button>
            {state?.temperatureLog && (
              <button type="button" onClick={() => void rad.setTemperatureLog(null)}>
                Remove log
              </button>
            )}
          </div>
          <input ref={logInput} type="file" hidden data-testid="rad-tlog-input" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void rad.setTemperatureLog(f); }} />
          {state?.temperatureLog && <p className="muted" data-testid="rad-tlog-note">{state.temperatureLog.note}</p>}
        </section>

        <section className="panel" aria-label="Analysis settings">
          <div className="panel-head">
            <h2>Analysis</h2>
          </div>
          <label className="field inline">
            <span>Frame interval (s)</span>
            <input data-testid="rad-interval" placeholder="from the files" value={form.interval} onChange={(e) => setForm({ ...form, interval: e.target.value })} />
          </label>
          <label className="field inline">
            <span>Grid columns × rows</span>
            <input data-testid="rad-grid-cols" style={{ width: '3em' }} value={form.cols} onChange={(e) => setForm({ ...form, cols: e.target.value })} /> ×{' '}
            <input data-testid="rad-grid-rows" style={{ width: '3em' }} value={form.rows} onChange={(e) => setForm({ ...form, rows: e.target.value })} />
          </label>
          <label className="field inline" title="Empty: whole tiles. A radius: a circle at each tile's centre (the paper's points).">
            <span>Grid point radius (px)</span>
            <input data-testid="rad-grid-radius" placeholder="whole tiles" value={form.radius} onChange={(e) => setForm({ ...form, radius: e.target.value })} />
          </label>
          <label className="field inline" title="Onset: the first frame after the baseline from which N frames in a row differ from the baseline mean by more than k baseline SDs">
            <span>Onset: k σ, N frames, baseline</span>
            <input data-testid="rad-onset-k" style={{ width: '3em' }} placeholder="5" value={form.k} onChange={(e) => setForm({ ...form, k: e.target.value })} />
            <input data-testid="rad-onset-n" style={{ width: '3em' }} placeholder="5" value={form.n} onChange={(e) => setForm({ ...form, n: e.target.value })} />
            <input data-testid="rad-onset-baseline" style={{ width: '5em' }} placeholder="first 10 %" value={form.baseline} onChange={(e) => setForm({ ...form, baseline: e.target.value })} />
          </label>
          <label className="field inline" title="ΔI % = (I_before − I_after)/I_before × 100, frames numbered from 0">
            <span>ΔI frames before, after</span>
            <input data-testid="rad-delta-before" style={{ width: '6em' }} placeholder="135-139" value={form.before} onChange={(e) => setForm({ ...form, before: e.target.value })} />
            <input data-testid="rad-delta-after" style={{ width: '6em' }} placeholder="145-149" value={form.after} onChange={(e) => setForm({ ...form, after: e.target.value })} />
          </label>
          <label className="field inline">
            <span>I₀ = mean of the first … frames</span>
            <input data-testid="rad-normalise" style={{ width: '4em' }} placeholder="1" value={form.normalise} onChange={(e) => setForm({ ...form, normalise: e.target.value })} />
          </label>
          <div className="row">
            <button type="button" data-testid="rad-apply" disabled={!stack || running} onClick={applySettings}>
              Apply
            </button>
            <button type="button" className="primary" data-testid="rad-run" disabled={!stack || running} onClick={() => void rad.start()}>
              Run
            </button>
            {running && (
              <button type="button" data-testid="rad-cancel" onClick={() => void rad.cancel()}>
                Cancel
              </button>
            )}
          </div>
          {running && rad.job && (
            <p className="muted" data-testid="rad-progress">
              frame {rad.job.done} of {rad.job.total}
            </p>
          )}
        </section>

        <section className="panel" aria-label="Regions">
          <div className="panel-head">
            <h2>ROIs</h2>
          </div>
          {settings.rois.length === 0 ? (
            <p className="empty">Draw on the image: pick a shape, then drag (a polygon: click its corners, then Close).</p>
          ) : (
            <table className="metrics-table" data-testid="rad-roi-list">
              <tbody>
                {settings.rois.map((r, i) => (
                  <tr key={r.name} data-testid="rad-roi" data-name={r.name}>
                    <td>
                      <span className="swatch" style={{ background: ROI_COLOURS[i % ROI_COLOURS.length] }} aria-hidden /> {r.name}
                    </td>
                    <td className="muted">{r.shape.kind}</td>
                    <td>
                      <select aria-label={`group of ${r.name}`} value={r.group ?? ''} onChange={(e) => setRois(settings.rois.map((q) => (q.name === r.name ? { ...q, group: (e.target.value || null) as RoiGroup | null } : q)))}>
                        <option value="">no group</option>
                        {ROI_GROUPS.map((g) => (
                          <option key={g} value={g}>
                            {g}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <button type="button" className="icon" aria-label={`Remove ${r.name}`} onClick={() => setRois(settings.rois.filter((q) => q.name !== r.name))}>
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </aside>

      <div className="content">
        <section className="panel" aria-label="Image">
          <div className="panel-head">
            <h2>Frame {stack ? `${Math.min(frameIndex, stack.frameCount - 1)} of 0–${stack.frameCount - 1}` : ''}</h2>
            <span className="spacer" />
            <div role="group" aria-label="Drawing tool" className="tabs">
              {(['rect', 'ellipse', 'polygon'] as Tool[]).map((t) => (
                <button key={t} type="button" aria-selected={tool === t} data-testid={`rad-tool-${t}`} onClick={() => { setTool(t); setPoly([]); }}>
                  {t === 'rect' ? 'Rectangle' : t === 'ellipse' ? 'Ellipse' : 'Polygon'}
                </button>
              ))}
            </div>
            {tool === 'polygon' && (
              <button type="button" data-testid="rad-polygon-close" disabled={poly.length < 3} onClick={closePolygon}>
                Close polygon
              </button>
            )}
            <select aria-label="Group of new ROIs" data-testid="rad-new-group" value={newGroup} onChange={(e) => setNewGroup(e.target.value as RoiGroup | '')}>
              <option value="">new ROIs: no group</option>
              {ROI_GROUPS.map((g) => (
                <option key={g} value={g}>
                  new ROIs: {g}
                </option>
              ))}
            </select>
          </div>
          {stack && frame ? (
            <>
              <div className="rad-viewer" style={{ aspectRatio: `${stack.width} / ${stack.height}` }}>
                <canvas ref={canvasRef} className="rad-canvas" data-testid="rad-canvas" />
                <svg
                  ref={svgRef}
                  className="rad-overlay"
                  data-testid="rad-overlay"
                  viewBox={`0 0 ${stack.width} ${stack.height}`}
                  preserveAspectRatio="none"
                  onPointerDown={onDown}
                  onPointerMove={onMove}
                  onPointerUp={onUp}
                  onClick={onClick}
                  onDoubleClick={closePolygon}
                >
                  {grid && (
                    <g data-testid="rad-grid">
                      {grid.xs.map((x) => <line key={`x${x}`} x1={x} x2={x} y1={0} y2={stack.height} stroke="#ffffff" strokeOpacity={0.5} strokeWidth={strokeScale} />)}
                      {grid.ys.map((y) => <line key={`y${y}`} y1={y} y2={y} x1={0} x2={stack.width} stroke="#ffffff" strokeOpacity={0.5} strokeWidth={strokeScale} />)}
                      {Array.from({ length: settings.grid!.rows * settings.grid!.cols }, (_, k) => {
                        const r = Math.floor(k / settings.grid!.cols);
                        const c = k % settings.grid!.cols;
                        const cx = (grid.xs[c] + grid.xs[c + 1]) / 2;
                        const cy = (grid.ys[r] + grid.ys[r + 1]) / 2;
                        return (
                          <g key={k}>
                            {settings.grid!.shape === 'circle' && <circle cx={cx} cy={cy} r={settings.grid!.radiusPx ?? 1} fill="none" stroke="#ffffff" strokeWidth={1.5 * strokeScale} />}
                            <text x={cx} y={cy} fill="#ffffff" fontSize={12 * strokeScale} textAnchor="middle" dominantBaseline="middle" fontFamily="Arial, sans-serif">
                              {k + 1}
                            </text>
                          </g>
                        );
                      })}
                    </g>
                  )}
                  {settings.rois.map((r, i) => <ShapeSvg key={r.name} shape={r.shape} color={ROI_COLOURS[i % ROI_COLOURS.length]} label={r.name} strokeScale={strokeScale} />)}
                  {preview && <ShapeSvg shape={preview} color="#ffffff" dashed strokeScale={strokeScale} />}
                  {poly.length > 0 && <polyline points={poly.map((p) => p.join(',')).join(' ')} fill="none" stroke="#ffffff" strokeDasharray={`${4 * strokeScale}`} strokeWidth={1.5 * strokeScale} />}
                </svg>
              </div>
              <div className="row rad-controls">
                <label className="field inline">
                  <span>Frame</span>
                  <input type="range" min={0} max={stack.frameCount - 1} value={Math.min(frameIndex, stack.frameCount - 1)} data-testid="rad-frame-slider" onChange={(e) => setFrameIndex(Number(e.target.value))} />
                </label>
                <span className="muted">t = {formatNumber(stack.timesS[Math.min(frameIndex, stack.frameCount - 1)] ?? 0)} s</span>
                <label className="field inline">
                  <span>LUT</span>
                  <select data-testid="rad-lut" value={lut} onChange={(e) => setLut(e.target.value as Lut)}>
                    {LUTS.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field inline">
                  <span>Contrast</span>
                  <input data-testid="rad-contrast-lo" style={{ width: '6em' }} value={formatNumber(lo)} onChange={(e) => setContrast([Number(e.target.value), hi])} />
                  <input data-testid="rad-contrast-hi" style={{ width: '6em' }} value={formatNumber(hi)} onChange={(e) => setContrast([lo, Number(e.target.value)])} />
                </label>
                <button type="button" onClick={() => setContrast(null)}>
                  Auto (1–99 %)
                </button>
                <button type="button" onClick={() => setContrast([frame.min, frame.max])}>
                  Full range
                </button>
              </div>
            </>
          ) : (
            <p className="empty">No stack loaded.</p>
          )}
        </section>

        {result && (
          <section className="panel" aria-label="Intensity" data-testid="rad-results">
            <div className="plot-head">
              <div className="tabs" role="tablist" aria-label="x axis">
                <button type="button" role="tab" aria-selected={axis === 'temperature'} disabled={!result.temperatureK} data-testid="rad-x-temperature" onClick={() => setXAxis('temperature')}>
                  I vs T
                </button>
                <button type="button" role="tab" aria-selected={axis === 'time'} data-testid="rad-x-time" onClick={() => setXAxis('time')}>
                  I vs t
                </button>
              </div>
              <label className="field inline">
                <input type="checkbox" checked={normalised} data-testid="rad-normalised" onChange={(e) => setNormalised(e.target.checked)} /> <span>I/I₀</span>
              </label>
              <span className="spacer" />
              <ExportBar
                view="radiography"
                chartId="rad-chart"
                title="Radiography · I vs T"
                baseName={`radiography_${result.stack.name.replace(/\.[^.]+$/, '')}`}
                build={(view) => intensityChartOption(result, chartSettings, view)}
                csv={csvText !== null ? () => csvText : null}
                save={props.save}
                notify={notify}
              />
            </div>
            <div className="row rad-regions">
              {regions.map((n) => (
                <label key={n} className="field inline">
                  <input type="checkbox" aria-label={`show ${n}`} checked={chartSettings.regions.includes(n)} onChange={(e) => setShown(e.target.checked ? [...chartSettings.regions, n] : chartSettings.regions.filter((q) => q !== n))} />{' '}
                  <span>{n.replace(/^group:/, 'group ')}</span>
                </label>
              ))}
            </div>
            <div className="chart-box">{option && <Chart option={option} label="Mean intensity of the regions" testId="rad-chart" />}</div>
            <p className="muted">
              Onset rule: baseline frames {result.onsetRule.baseline[0]}–{result.onsetRule.baseline[1]}; the first frame from which {result.onsetRule.consecutive} frames in a row differ from the baseline mean of I/I₀ by more than {result.onsetRule.k} baseline SDs. A pixel belongs to a region when its centre is inside.
            </p>
            <div className="table-wrap">
              <table className="metrics-table" data-testid="rad-onsets">
                <thead>
                  <tr>
                    <th>Region</th>
                    <th>Onset frame</th>
                    <th>t (s)</th>
                    <th>T (K)</th>
                    {result.delta && <th title="(I_before − I_after)/I_before × 100">ΔI (%)</th>}
                  </tr>
                </thead>
                <tbody>
                  {result.onsets.map((o) => {
                    const d = result.delta?.regions.find((x) => x.region === o.region);
                    return (
                      <tr key={o.region} data-testid="rad-onset" data-region={o.region} data-frame={o.frame ?? ''} data-temperature={o.temperatureK ?? ''}>
                        <th>{o.region.replace(/^group:/, 'group ')}</th>
                        <td className="num">{o.frame ?? 'none'}</td>
                        <td className="num">{o.timeS !== null ? formatNumber(o.timeS) : '—'}</td>
                        <td className="num">{o.temperatureK !== null ? o.temperatureK.toFixed(1) : '—'}</td>
                        {result.delta && (
                          <td className="num" data-testid="rad-delta" data-region={o.region} data-percent={d?.percent ?? ''}>
                            {d ? `${d.percent.toFixed(2)} ± ${Number.isFinite(d.sigmaPercent) ? d.sigmaPercent.toFixed(2) : '—'}` : '—'}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {result.delta && (
              <p className="muted" data-testid="rad-delta-definition">
                ΔI = (I<sub>before</sub> − I<sub>after</sub>)/I<sub>before</sub> × 100 with I<sub>before</sub> the mean of frames {result.delta.event.before[0]}–{result.delta.event.before[1]} and I<sub>after</sub> of frames {result.delta.event.after[0]}–{result.delta.event.after[1]} (the LVP paper&apos;s Table 1 reproduces with this definition only).
              </p>
            )}
            {result.warnings.length > 0 && (
              <ul className="warnings">
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </main>
  );
}
