/**
 * The figure dialog: width preset, font size, axis ranges and titles, legend labels, line pattern, width and marker
 * per entry, with a live preview at print size and the journal checks (export/check) run on it.
 */
import { useMemo, useState } from 'react';
import { Modal } from '../components/Modal';
import type { EChartsOption } from 'echarts';
import { checkFigureSvg } from './check';
import './export.css';
import { FIGURE_PRESETS, PNG_DPIS, type FigurePreset } from './figure';
import { DASHES, figureAxes, figureEntries, FONT_PRESETS, MARKERS, type AxisSettings, type Dash, type FigureSettings, type FontPreset, type Marker } from './settings';
import { PresetSelect } from './PresetSelect';

export interface FigureDialogProps {
  testId: string;
  title: string;
  presetId: string;
  settings: FigureSettings;
  defaultLabels: Record<string, string>;
  /** The SVG of the figure with these settings (null when there is nothing to draw). */
  preview(preset: FigurePreset, settings: FigureSettings): string | null;
  /** The option without the dialog's settings (for the axes and entries to list). */
  base(preset: FigurePreset): EChartsOption | null;
  onChange(presetId: string, settings: FigureSettings): void;
  onExport(kind: 'svg' | number, preset: FigurePreset, settings: FigureSettings): void;
  onCompose(settings: FigureSettings): void;
  onClose(): void;
}

const num = (s: string): number | null => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

export function FigureDialog(props: FigureDialogProps) {
  const [presetId, setPresetId] = useState(props.presetId);
  const [s, setS] = useState<FigureSettings>(props.settings);
  // bumped by Reset so that the inputs holding typed numbers start again
  const [generation, setGeneration] = useState(0);
  const preset = FIGURE_PRESETS.find((p) => p.id === presetId) ?? FIGURE_PRESETS[0];

  const { preview, base: baseOf, onChange, onClose } = props;
  // the settings go back to the export bar when the dialog closes or exports (not on every keystroke)
  const close = () => {
    onChange(presetId, s);
    onClose();
  };
  const base = useMemo(() => baseOf(preset), [baseOf, preset]);
  const axes = base ? figureAxes(base) : [];
  const entries = base ? figureEntries(base) : [];
  const svg = useMemo(() => {
    try {
      return preview(preset, s);
    } catch {
      return null;
    }
  }, [preview, preset, s]);
  const problems = useMemo(() => (svg ? checkFigureSvg(svg).problems : []), [svg]);
  const src = useMemo(() => (svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : null), [svg]);

  const setAxis = (kind: 'x' | 'y', index: number, patch: AxisSettings) =>
    setS((was) => ({ ...was, [kind]: { ...was[kind], [index]: { ...was[kind][index], ...patch } } }));
  const setLook = (name: string, patch: FigureSettings['looks'][string]) => setS((was) => ({ ...was, looks: { ...was.looks, [name]: { ...was.looks[name], ...patch } } }));

  return (
    <Modal title={`Figure: ${props.title}`} testId={props.testId} onClose={close} className="figure-dialog" focus="select, input, button">
        <div className="figure-dialog-body">
          <div className="figure-dialog-form" key={generation}>
            <div className="figure-row">
              <label>
                Width{' '}
                <PresetSelect testId="fig-preset" value={presetId} onChange={setPresetId} />
              </label>
              <label>
                Font{' '}
                <select data-testid="fig-font" value={s.font} onChange={(e) => setS({ ...s, font: e.target.value as FontPreset })}>
                  {FONT_PRESETS.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <table className="figure-table" data-testid="fig-axes">
              <thead>
                <tr>
                  <th>Axis</th>
                  <th>Title</th>
                  <th>Min</th>
                  <th>Max</th>
                </tr>
              </thead>
              <tbody>
                {axes.map((a) => {
                  const v = s[a.kind][a.index] ?? {};
                  const key = `${a.kind}${a.index}`;
                  return (
                    <tr key={key}>
                      <td>
                        {a.kind}
                        {a.index > 0 ? a.index + 1 : ''}
                      </td>
                      <td>
                        <input aria-label={`${key} title`} data-testid={`fig-${key}-title`} value={v.title ?? a.title} onChange={(e) => setAxis(a.kind, a.index, { title: e.target.value })} />
                      </td>
                      <td>
                        <input aria-label={`${key} min`} data-testid={`fig-${key}-min`} className="num" placeholder={a.min === null ? 'auto' : String(a.min)} defaultValue={v.min ?? ''} onChange={(e) => setAxis(a.kind, a.index, { min: num(e.target.value) })} />
                      </td>
                      <td>
                        <input aria-label={`${key} max`} data-testid={`fig-${key}-max`} className="num" placeholder={a.max === null ? 'auto' : String(a.max)} defaultValue={v.max ?? ''} onChange={(e) => setAxis(a.kind, a.index, { max: num(e.target.value) })} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {entries.length > 0 && (
              <table className="figure-table" data-testid="fig-entries">
                <thead>
                  <tr>
                    <th>Legend label</th>
                    <th>Line</th>
                    <th>Width (pt)</th>
                    <th>Marker</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((name, i) => {
                    const look = s.looks[name] ?? {};
                    return (
                      <tr key={name}>
                        <td>
                          <input
                            aria-label={`Label of ${name}`}
                            data-testid={`fig-label-${i}`}
                            title={name}
                            value={s.labels[name] ?? props.defaultLabels[name] ?? name}
                            onChange={(e) => setS({ ...s, labels: { ...s.labels, [name]: e.target.value } })}
                          />
                        </td>
                        <td>
                          <select aria-label={`Line of ${name}`} data-testid={`fig-dash-${i}`} value={look.dash ?? ''} onChange={(e) => setLook(name, { dash: (e.target.value || null) as Dash | null })}>
                            <option value="">as plotted</option>
                            {DASHES.map((d) => (
                              <option key={d} value={d}>
                                {d}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <input aria-label={`Width of ${name}`} className="num" placeholder="auto" defaultValue={look.widthPt ?? ''} onChange={(e) => setLook(name, { widthPt: num(e.target.value) })} />
                        </td>
                        <td>
                          <select aria-label={`Marker of ${name}`} data-testid={`fig-marker-${i}`} value={look.marker ?? ''} onChange={(e) => setLook(name, { marker: (e.target.value || null) as Marker | null })}>
                            <option value="">as plotted</option>
                            {MARKERS.map((m) => (
                              <option key={m} value={m}>
                                {m}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </div>
          <div className="figure-dialog-preview">
            {src ? <img src={src} alt="Figure preview" data-testid="fig-preview" style={{ width: `${preset.widthMm * 3.2}px`, maxWidth: '100%' }} /> : <p className="empty">Nothing to draw.</p>}
            <p className={problems.length ? 'note warn' : 'note'} data-testid="fig-checks">
              {problems.length === 0 ? 'Journal checks: text ≥ 6 pt, no overlapping labels, legend keys as thick as the curves, every dashed line in the legend.' : `Journal checks: ${problems.length} problem${problems.length > 1 ? 's' : ''}`}
            </p>
            {problems.length > 0 && (
              <ul className="figure-problems" data-testid="fig-problems">
                {problems.slice(0, 8).map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <div className="modal-buttons">
          <button type="button" data-testid="fig-reset" onClick={() => {
              setS({ font: 'medium', x: {}, y: {}, labels: {}, looks: {} });
              setGeneration((g) => g + 1);
            }}>
            Reset
          </button>
          <button type="button" data-testid="fig-compose" onClick={() => {
              onChange(presetId, s);
              props.onCompose(s);
            }}>
            Add to figure composer
          </button>
          <button type="button" data-testid="fig-svg" onClick={() => {
              onChange(presetId, s);
              props.onExport('svg', preset, s);
            }}>
            SVG
          </button>
          {PNG_DPIS.map((dpi) => (
            <button key={dpi} type="button" data-testid={`fig-png-${dpi}`} onClick={() => {
                onChange(presetId, s);
                props.onExport(dpi, preset, s);
              }}>
              PNG {dpi} dpi
            </button>
          ))}
          <button type="button" data-testid="fig-close" onClick={close}>
            Close
          </button>
        </div>
    </Modal>
  );
}
