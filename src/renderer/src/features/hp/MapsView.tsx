/**
 * 2D XRD maps: import the patterns of a map (one file per point named map_{iy}_{ix}, a map index with its files, or
 * one multi-frame file) on an NX × NY grid, choose the phases (library or CIF), the pressure scale and peak windows,
 * run the analysis (a worker in main), and look at a quantity (pressure, weight fraction, cell, peak metric, Rwp)
 * as a map with a colour bar and a µm scale bar; click a pixel for its pattern and fit; export figures and the table.
 */
import { useEffect, useMemo, useRef, useState, type InputHTMLAttributes } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { MapPointFitView, MapRunOptions } from '../../../../shared/api-imaging';
import { isFlaggedPoint, MAP_FLAG_TEXT, type MapPointResult, type MapQuantity } from '../../../../shared/xrd-map';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import { listScales } from '../../../../core/hp/eos/index';
import { phaseLibrary } from '../../../../core/xrd/crystal/library';
import { api, errorText } from '../../api';
import { Chart } from '../../charts/Chart';
import { SCREEN_VIEW } from '../../charts/style';
import { ExportBar } from '../../export/ExportBar';
import { mapChartOption, pointFitOption, quantityLabel } from './imaging-charts';
import type { MapsState } from './useImaging';

const folderAttrs = { webkitdirectory: '', directory: '' } as InputHTMLAttributes<HTMLInputElement>;

/** The map chart: its own ECharts instance so that a click on a cell reports (ix, iy). */
function MapChart(props: { build: (size: { width: number; height: number }) => EChartsOption; onPick(ix: number, iy: number): void }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const pick = useRef(props.onPick);
  const build = useRef(props.build);
  useEffect(() => {
    pick.current = props.onPick;
    build.current = props.build;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (e) => {
      const v = (e as { value?: [number, number, number] }).value;
      if (v) pick.current(v[0], v[1]);
    });
    const draw = () => chart.setOption(build.current({ width: chart.getWidth(), height: chart.getHeight() }), { notMerge: true });
    const observer = new ResizeObserver(() => {
      chart.resize();
      draw();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  const { build: buildNow } = props;
  useEffect(() => {
    const chart = chartRef.current;
    if (chart) chart.setOption(buildNow({ width: chart.getWidth(), height: chart.getHeight() }), { notMerge: true });
  }, [buildNow]);
  return <div ref={ref} className="chart map-chart" role="img" aria-label="Map" data-testid="map-chart" />;
}

/** σ(P)'s parts as the point's readout shows them: ' (σ from a 0.11, c 0.10, T 0.05)'. */
function sigmaPartsText(parts: { aGPa: number; cGPa: number | null; temperatureGPa: number } | null | undefined): string {
  if (!parts) return '';
  const items = [`a ${parts.aGPa.toFixed(2)}`, ...(parts.cGPa !== null ? [`c ${parts.cGPa.toFixed(2)}`] : []), ...(parts.temperatureGPa > 0 ? [`T ${parts.temperatureGPa.toFixed(2)}`] : [])];
  return ` (σ from ${items.join(', ')})`;
}

type MapForm = { phases: string; pressurePhase: string; scale: string; temperature: string; sigmaT: string; peaks: string; step: string; wavelength: string; allowMissing: boolean };
const DEFAULT_FORM: MapForm = { phases: 'Re', pressurePhase: 'Re', scale: 'anzellini2014', temperature: '', sigmaT: '', peaks: '', step: '1', wavelength: '', allowMissing: false };

/** The form as the stored run options fill it (an opened study, undo/redo, a reloaded window). */
function formFromOptions(o: MapRunOptions): MapForm {
  return {
    phases: o.phases.join(', '),
    pressurePhase: o.pressure?.phase ?? '',
    scale: o.pressure?.scale ?? '',
    temperature: o.pressure?.temperatureK !== undefined ? String(o.pressure.temperatureK) : '',
    sigmaT: o.pressure?.sigmaTemperatureK !== undefined ? String(o.pressure.sigmaTemperatureK) : '',
    peaks: (o.peaks ?? []).join(', '),
    step: String(o.stepUm ?? 1),
    wavelength: o.wavelengthA !== undefined ? String(o.wavelengthA) : '',
    allowMissing: o.allowMissing ?? false,
  };
}

export function MapsView(props: { maps: MapsState; save(request: SaveRequest): Promise<SaveResult>; notify(kind: 'error' | 'info', text: string): void }) {
  const { maps, notify } = props;
  const state = maps.state;
  const layout = state?.layout ?? null;
  const result = state?.result ?? null;
  const running = maps.job?.state === 'running';
  const filesInput = useRef<HTMLInputElement | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);
  const cifInput = useRef<HTMLInputElement | null>(null);

  const [grid, setGrid] = useState({ nx: '', ny: '', order: 'yx' as 'yx' | 'xy', serpentine: false });
  const importOptions = () => {
    const nx = Number(grid.nx);
    const ny = Number(grid.ny);
    if (!(Number.isInteger(nx) && nx >= 1 && Number.isInteger(ny) && ny >= 1)) {
      notify('error', 'Give the map grid first: NX columns and NY rows (whole numbers).');
      return null;
    }
    return { nx, ny, order: grid.order, serpentine: grid.serpentine };
  };
  const importFiles = (files: File[]) => {
    const o = importOptions();
    if (o && files.length) void maps.importFiles(files, o);
  };

  const [form, setForm] = useState<MapForm>(DEFAULT_FORM);
  // The form shows the settings the stored result was made with: refilled whenever the stored options change
  // (a run started here, an opened study, undo/redo), not at every state change (the user's edits stay).
  const storedOptions = state?.options ?? null;
  const storedKey = storedOptions ? JSON.stringify(storedOptions) : '';
  const [filledFrom, setFilledFrom] = useState('');
  if (storedOptions && storedKey !== filledFrom) {
    setFilledFrom(storedKey);
    setForm(formFromOptions(storedOptions));
  }
  const storedImport = state?.importOptions ?? null;
  const importKey = storedImport ? JSON.stringify(storedImport) : '';
  const [gridFrom, setGridFrom] = useState('');
  if (storedImport && importKey !== gridFrom) {
    setGridFrom(importKey);
    setGrid({ nx: String(storedImport.nx), ny: String(storedImport.ny), order: storedImport.order ?? 'yx', serpentine: storedImport.serpentine ?? false });
  }
  // A run refused for missing points: the message stays only while it is still true (points missing, box unticked).
  const [refused, setRefused] = useState(false);
  const missingRefusal = refused && layout !== null && layout.missing.length > 0 && !form.allowMissing
    ? `${layout.missing.length} of ${layout.nx * layout.ny} points have no pattern: ${layout.missing.slice(0, 12).map((p) => `(ix ${p.ix}, iy ${p.iy})`).join(', ')}${layout.missing.length > 12 ? ` … and ${layout.missing.length - 12} more` : ''}. Tick "analyse the points that exist" to map the rest.`
    : null;
  const phaseIds = form.phases.split(',').map((s) => s.trim()).filter(Boolean);
  const scales = useMemo(() => listScales().filter((s) => s.calibrant.toLowerCase() === form.pressurePhase.replace(/^cif-/, '').toLowerCase()), [form.pressurePhase]);
  const runOptions = (): MapRunOptions => ({
    phases: phaseIds,
    pressure: form.pressurePhase && form.scale ? { phase: form.pressurePhase, scale: form.scale, ...(form.temperature.trim() ? { temperatureK: Number(form.temperature) } : {}), ...(form.sigmaT.trim() && Number(form.sigmaT) > 0 ? { sigmaTemperatureK: Number(form.sigmaT) } : {}) } : null,
    peaks: form.peaks.split(',').map((s) => s.trim()).filter(Boolean),
    stepUm: Number(form.step) || 1,
    ...(form.wavelength.trim() ? { wavelengthA: Number(form.wavelength) } : {}),
    allowMissing: form.allowMissing,
  });

  const quantities: MapQuantity[] = useMemo(() => {
    if (!result) return [];
    const out: MapQuantity[] = [];
    if (result.pressure) out.push({ kind: 'pressure' });
    for (const p of result.phases) {
      out.push({ kind: 'weightFraction', phase: p.id }, { kind: 'lattice', phase: p.id, parameter: 'a' });
      if (p.startC !== null) out.push({ kind: 'lattice', phase: p.id, parameter: 'c' });
      out.push({ kind: 'lattice', phase: p.id, parameter: 'volume' });
    }
    for (const pk of result.peaks) for (const metric of ['area', 'sum', 'centroidDeg', 'fwhmDeg'] as const) out.push({ kind: 'peak', peak: pk, metric });
    out.push({ kind: 'rwp' });
    return out;
  }, [result]);
  const [quantityKey, setQuantityKey] = useState('');
  const quantity = quantities.find((q) => quantityLabel(q) === quantityKey) ?? quantities[0] ?? null;

  const [picked, setPicked] = useState<{ ix: number; iy: number } | null>(null);
  const [fitOf, setFitOf] = useState<{ key: string; fit: MapPointFitView | null }>({ key: '', fit: null });
  const pickedKey = picked && result ? `${picked.ix},${picked.iy},${result.done}` : '';
  const fit = fitOf.key === pickedKey ? fitOf.fit : null;
  useEffect(() => {
    if (!picked || !result) return;
    let stale = false;
    const key = `${picked.ix},${picked.iy},${result.done}`;
    api.mapPointFit(picked.ix, picked.iy).then(
      (f) => {
        if (!stale) setFitOf({ key, fit: f });
      },
      (e: unknown) => notify('error', errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [picked, result, notify]);
  const point = picked && result ? result.points[picked.iy * result.nx + picked.ix] : null;

  // the results table for the export bar, fetched once per result
  const [csvOf, setCsvOf] = useState<{ result: unknown; text: string | null }>({ result: null, text: null });
  const csvText = csvOf.result === result ? csvOf.text : null;
  useEffect(() => {
    if (!result) return;
    let stale = false;
    api.mapResultsCsv().then(
      (text) => {
        if (!stale) setCsvOf({ result, text });
      },
      (e: unknown) => notify('error', errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [result, notify]);

  const buildMap = useMemo(() => (result && quantity ? (size: { width: number; height: number }) => mapChartOption(result, quantity, SCREEN_VIEW, undefined, size) : null), [result, quantity]);
  const fitOption = useMemo(() => (fit ? pointFitOption(fit, SCREEN_VIEW) : null), [fit]);
  const flaggedPoints = useMemo(() => (result ? result.points.filter((p): p is MapPointResult => p !== null && isFlaggedPoint(p)) : []), [result]);

  return (
    <main className="body hp-body" data-testid="maps-view">
      <aside className="side">
        <section className="panel" aria-label="Map files">
          <div className="panel-head">
            <h2>Map</h2>
          </div>
          <label className="field inline">
            <span>Grid NX × NY</span>
            <input data-testid="map-nx" style={{ width: '4em' }} value={grid.nx} onChange={(e) => setGrid({ ...grid, nx: e.target.value })} /> ×{' '}
            <input data-testid="map-ny" style={{ width: '4em' }} value={grid.ny} onChange={(e) => setGrid({ ...grid, ny: e.target.value })} />
          </label>
          <label className="field inline" title="The two numbers in the file names: row then column (map_{iy}_{ix}) or column then row">
            <span>Names</span>
            <select value={grid.order} onChange={(e) => setGrid({ ...grid, order: e.target.value as 'yx' | 'xy' })}>
              <option value="yx">map_&#123;iy&#125;_&#123;ix&#125;</option>
              <option value="xy">map_&#123;ix&#125;_&#123;iy&#125;</option>
            </select>
          </label>
          <label className="field inline">
            <input type="checkbox" checked={grid.serpentine} onChange={(e) => setGrid({ ...grid, serpentine: e.target.checked })} /> <span>multi-frame file scanned serpentine</span>
          </label>
          <div className="row">
            <button type="button" className="primary" data-testid="map-open-files" onClick={() => filesInput.current?.click()}>
              Open files…
            </button>
            <button type="button" data-testid="map-open-folder" onClick={() => folderInput.current?.click()}>
              Open folder…
            </button>
          </div>
          <input ref={filesInput} type="file" multiple hidden data-testid="map-file-input" onChange={(e) => { const f = Array.from(e.target.files ?? []); e.target.value = ''; importFiles(f); }} />
          <input ref={folderInput} type="file" multiple hidden {...folderAttrs} data-testid="map-folder-input" onChange={(e) => { const f = Array.from(e.target.files ?? []); e.target.value = ''; importFiles(f); }} />
          {layout ? (
            <div data-testid="map-layout">
              <p>
                <span data-testid="map-points">{layout.points} of {layout.nx * layout.ny} points</span> ({layout.note}){layout.wavelengthA ? `, λ = ${layout.wavelengthA} Å` : ''}
              </p>
              {layout.missing.length > 0 && (
                <p className="error-text" data-testid="map-missing">
                  Missing: {layout.missing.slice(0, 12).map((p) => `(ix ${p.ix}, iy ${p.iy})`).join(', ')}
                  {layout.missing.length > 12 ? ` … and ${layout.missing.length - 12} more` : ''}
                </p>
              )}
              {layout.problems.map((p) => (
                <p key={p} className="muted">
                  {p}
                </p>
              ))}
            </div>
          ) : (
            <p className="empty">Give the grid, then open the patterns.</p>
          )}
        </section>
        <section className="panel" aria-label="Map analysis">
          <div className="panel-head">
            <h2>Analysis</h2>
          </div>
          <label className="field">
            <span>Phases (library ids or cif-…)</span>
            <input list="map-phase-ids" data-testid="map-phases" value={form.phases} onChange={(e) => setForm({ ...form, phases: e.target.value })} />
            <datalist id="map-phase-ids">
              {phaseLibrary.map((p) => (
                <option key={p.id} value={p.id} />
              ))}
            </datalist>
          </label>
          <div className="row">
            <button type="button" data-testid="map-cif" onClick={() => cifInput.current?.click()}>
              Add phase from CIF…
            </button>
          </div>
          <input ref={cifInput} type="file" multiple hidden accept=".cif" data-testid="map-cif-input" onChange={(e) => { const f = Array.from(e.target.files ?? []); e.target.value = ''; if (f.length) void maps.addCifs(f); }} />
          {(state?.cifPhases ?? []).map((c) => (
            <p key={c.id} className="muted">
              {c.id} ({c.fileName}){' '}
              <button type="button" className="icon" aria-label={`Remove ${c.id}`} onClick={() => void maps.removeCif(c.id)}>
                ×
              </button>
            </p>
          ))}
          <label className="field inline">
            <span>Pressure from</span>
            <select data-testid="map-pressure-phase" value={form.pressurePhase} onChange={(e) => setForm({ ...form, pressurePhase: e.target.value, scale: listScales().find((s) => s.calibrant.toLowerCase() === e.target.value.replace(/^cif-/, '').toLowerCase())?.id ?? '' })}>
              <option value="">no pressure</option>
              {phaseIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
            <select data-testid="map-scale" value={form.scale} disabled={!form.pressurePhase} onChange={(e) => setForm({ ...form, scale: e.target.value })}>
              {scales.length === 0 && <option value="">no scale for this phase</option>}
              {scales.map((s) => (
                <option key={`${s.calibrant}-${s.id}`} value={s.id} title={s.citation}>
                  {s.id}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>T (K) for the scale</span>
            <input style={{ width: '5em' }} placeholder="300" value={form.temperature} onChange={(e) => setForm({ ...form, temperature: e.target.value })} />
          </label>
          <label className="field inline" title="σ of the temperature: its part of σ(P) is ∂P/∂T·σT (scales with a thermal model)">
            <span>± σT (K)</span>
            <input style={{ width: '4em' }} placeholder="0" value={form.sigmaT} onChange={(e) => setForm({ ...form, sigmaT: e.target.value })} />
          </label>
          <label className="field">
            <span>Peak windows (phase:hkl or lo-hi °2θ)</span>
            <input data-testid="map-peaks" placeholder="Re:101, 7.9-8.4" value={form.peaks} onChange={(e) => setForm({ ...form, peaks: e.target.value })} />
          </label>
          <label className="field inline">
            <span>Step (µm)</span>
            <input data-testid="map-step" style={{ width: '5em' }} value={form.step} onChange={(e) => setForm({ ...form, step: e.target.value })} />
            <span>λ (Å)</span>
            <input style={{ width: '5em' }} placeholder="from files" value={form.wavelength} onChange={(e) => setForm({ ...form, wavelength: e.target.value })} />
          </label>
          <label className="field inline">
            <input type="checkbox" data-testid="map-allow-missing" checked={form.allowMissing} onChange={(e) => setForm({ ...form, allowMissing: e.target.checked })} /> <span>analyse the points that exist when some are missing</span>
          </label>
          <div className="row">
            <button
              type="button"
              className="primary"
              data-testid="map-run"
              disabled={!layout || running}
              onClick={() => {
                if (layout && layout.missing.length > 0 && !form.allowMissing) {
                  setRefused(true);
                  return;
                }
                setRefused(false);
                void maps.start(runOptions());
              }}
            >
              Run
            </button>
            {running && (
              <button type="button" data-testid="map-cancel" onClick={() => void maps.cancel()}>
                Cancel
              </button>
            )}
          </div>
          {missingRefusal && (
            <p className="error-text" role="alert" data-testid="map-run-refused">
              {missingRefusal}
            </p>
          )}
          {running && maps.job && (
            <p className="muted" data-testid="map-progress">
              point {maps.job.done} of {maps.job.total || '…'}
            </p>
          )}
        </section>
      </aside>
      <div className="content">
        {result && quantity && buildMap ? (
          <section className="panel" aria-label="Map" data-testid="map-results">
            <div className="plot-head">
              <label className="field inline">
                <span>Show</span>
                <select data-testid="map-quantity" value={quantityLabel(quantity)} onChange={(e) => setQuantityKey(e.target.value)}>
                  {quantities.map((q) => (
                    <option key={quantityLabel(q)} value={quantityLabel(q)}>
                      {quantityLabel(q)}
                    </option>
                  ))}
                </select>
              </label>
              <span className="spacer" />
              <ExportBar
                view="map"
                title="XRD map"
                baseName={`map_${quantityLabel(quantity).replace(/[^A-Za-z0-9]+/g, '_')}`}
                build={(view, heightPt) => mapChartOption(result, quantity, view, undefined, { width: view.width ?? 250, height: heightPt })}
                csv={csvText !== null ? () => csvText : null}
                save={props.save}
                notify={notify}
              />
            </div>
            <p className="muted">
              {result.nx} × {result.ny} points, step {result.stepUm} µm{result.pressure ? `; pressure from ${result.pressure.phase} by ${result.pressure.scaleName}` : ''}. Click a pixel for its pattern and fit.
            </p>
            <div className="chart-box map-box">
              <MapChart build={buildMap} onPick={(ix, iy) => setPicked({ ix, iy })} />
            </div>
            {flaggedPoints.length > 0 && (
              <details className="map-flags" data-testid="map-flagged" data-count={flaggedPoints.length}>
                <summary>
                  {flaggedPoints.length} flagged point{flaggedPoints.length === 1 ? '' : 's'} (outlined on the map): click one to see its fit
                </summary>
                <ul>
                  {flaggedPoints.slice(0, 200).map((p) => (
                    <li key={`${p.ix},${p.iy}`}>
                      <button type="button" className="link" onClick={() => setPicked({ ix: p.ix, iy: p.iy })}>
                        ix {p.ix}, iy {p.iy}
                      </button>{' '}
                      — {p.flags.map((f) => MAP_FLAG_TEXT[f]).join('; ')}
                      {p.gof !== null ? ` (GoF ${p.gof.toFixed(2)})` : ''}
                    </li>
                  ))}
                  {flaggedPoints.length > 200 && <li>… and {flaggedPoints.length - 200} more (see the table)</li>}
                </ul>
              </details>
            )}
            {result.warnings.length > 0 && (
              <ul className="warnings">
                {result.warnings.slice(0, 6).map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </section>
        ) : (
          <section className="panel">
            <p className="empty">{layout ? 'Run the analysis to see the map.' : 'No map loaded.'}</p>
          </section>
        )}
        {picked && result && (
          <section className="panel" aria-label="Point" data-testid="map-point">
            <div className="plot-head">
              <h2>
                Point ix {picked.ix}, iy {picked.iy}
                {point ? ` — ${point.fileName}` : ' — no pattern'}
              </h2>
              <span className="spacer" />
              {fit && <ExportBar view="map-point" baseName={`map_point_${picked.ix}_${picked.iy}`} build={(view) => pointFitOption(fit, view)} csv={null} save={props.save} notify={notify} />}
            </div>
            {point && (
              <p data-testid="map-point-values" data-pressure={point.pressureGPa ?? ''}>
                {point.pressureGPa !== null ? `P = ${point.pressureGPa.toFixed(2)} ± ${(point.pressureSigmaGPa ?? 0).toFixed(2)} GPa${sigmaPartsText(point.pressureSigmaParts)}; ` : ''}
                {Object.entries(point.phases)
                  .map(([id, ph]) => `${id}: ${ph.detected ? `w = ${(100 * ph.weightFraction).toFixed(1)} %, a = ${ph.a?.toFixed(4)} Å${ph.c !== null ? `, c = ${ph.c.toFixed(4)} Å` : ''}` : 'not detected'}`)
                  .join('; ')}
                {point.rwp !== null ? `; Rwp ${(100 * point.rwp).toFixed(1)} %` : ''}
                {point.gof !== null ? `; GoF ${point.gof.toFixed(2)}` : ''}
                {point.flags.length > 0 ? ` — ${point.flags.map((f) => MAP_FLAG_TEXT[f]).join('; ')}` : ''}
              </p>
            )}
            <div className="chart-box">{fitOption && <Chart option={fitOption} label="Pattern and fit at the point" testId="map-fit-chart" />}</div>
          </section>
        )}
      </div>
    </main>
  );
}
