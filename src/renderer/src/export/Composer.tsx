/** The figure composer's button (with the number of panels) and dialog: order, layout, width, preview with the journal checks, export. */
import { useMemo, useState } from 'react';
import { Modal } from '../components/Modal';
import type { SaveRequest, SaveResult } from '../../../shared/api';
import { checkFigureSvg } from './check';
import './export.css';
import { clearComposer, composedFigure, moveComposerPanel, PANEL_LETTERS, removeComposerPanel, svgToPng, useComposerPanels, type ComposerLayout } from './composer';
import { FIGURE_PRESETS, PNG_DPIS } from './figure';
import { PresetSelect } from './PresetSelect';
import { saveComposer, useFigures } from './figure-store';

export function ComposerButton(props: { save(request: SaveRequest): Promise<SaveResult>; notify(kind: 'error' | 'info', text: string): void }) {
  const panels = useComposerPanels();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="composer-open" onClick={() => setOpen(true)} title="Combine plots from any workspace into one multi-panel figure (a, b, c…)">
        Figure composer{panels.length ? ` (${panels.length})` : ''}
      </button>
      {open && <ComposerDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function ComposerDialog(props: { save(request: SaveRequest): Promise<SaveResult>; notify(kind: 'error' | 'info', text: string): void; onClose(): void }) {
  const panels = useComposerPanels();
  // width and layout are the study's (saved, restored, undone)
  const composer = useFigures().composer;
  const presetId = FIGURE_PRESETS.some((p) => p.id === composer.presetId) ? composer.presetId : FIGURE_PRESETS[0].id;
  const layout: ComposerLayout = composer.layout;
  const setPresetId = (p: string) => saveComposer({ presetId: p, layout }, props.notify);
  const setLayout = (l: ComposerLayout) => saveComposer({ presetId, layout: l }, props.notify);
  const preset = FIGURE_PRESETS.find((p) => p.id === presetId) ?? FIGURE_PRESETS[0];
  const figure = useMemo(() => {
    if (panels.length === 0) return null;
    try {
      return composedFigure(panels, preset, layout);
    } catch {
      return null;
    }
  }, [panels, preset, layout]);
  const problems = useMemo(() => (figure ? checkFigureSvg(figure.svg).problems : []), [figure]);

  const exportAs = async (kind: 'svg' | number) => {
    if (!figure) return;
    try {
      const base = `figure_${panels.length}panels_${preset.widthMm}mm`;
      const saved =
        kind === 'svg'
          ? await props.save({ suggestedName: `${base}.svg`, data: figure.svg, filterName: 'SVG image', extensions: ['svg'] })
          : await props.save({ suggestedName: `${base}_${kind}dpi.png`, data: await svgToPng(figure.svg, figure.widthMm, figure.heightMm, kind), filterName: 'PNG image', extensions: ['png'] });
      if (saved.path) props.notify('info', `Saved ${saved.path}`);
    } catch (e) {
      props.notify('error', `Figure export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <Modal title="Figure composer" testId="composer" onClose={props.onClose} className="figure-dialog">
        <div className="figure-dialog-body">
          <div className="figure-dialog-form">
            {panels.length === 0 ? (
              <p className="note">No panels yet: use “Figure…” → “Add to figure composer” on any plot (TGA, SXRD, Kinetics, High pressure).</p>
            ) : (
              <ol className="composer-list" data-testid="composer-panels">
                {panels.map((p, i) => (
                  <li key={p.id}>
                    <b>{PANEL_LETTERS[i]}</b> {p.title}
                    <span className="composer-actions">
                      <button type="button" aria-label={`Move ${p.title} up`} disabled={i === 0} onClick={() => moveComposerPanel(p.id, -1)}>
                        ↑
                      </button>
                      <button type="button" aria-label={`Move ${p.title} down`} disabled={i === panels.length - 1} onClick={() => moveComposerPanel(p.id, 1)}>
                        ↓
                      </button>
                      <button type="button" aria-label={`Remove ${p.title}`} onClick={() => removeComposerPanel(p.id)}>
                        ✕
                      </button>
                    </span>
                  </li>
                ))}
              </ol>
            )}
            <div className="figure-row">
              <label>
                Width{' '}
                <PresetSelect testId="composer-preset" value={presetId} onChange={setPresetId} />
              </label>
              <label>
                Layout{' '}
                <select data-testid="composer-layout" value={layout} onChange={(e) => setLayout(e.target.value as ComposerLayout)}>
                  <option value="column">Panels stacked</option>
                  <option value="row">Panels side by side</option>
                </select>
              </label>
            </div>
          </div>
          <div className="figure-dialog-preview">
            {figure ? (
              <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.svg)}`} alt="Composed figure preview" data-testid="composer-preview" style={{ width: `${preset.widthMm * 3}px`, maxWidth: '100%' }} />
            ) : (
              <p className="empty">Nothing to compose.</p>
            )}
            {figure && (
              <p className={problems.length ? 'note warn' : 'note'} data-testid="composer-checks">
                {problems.length === 0 ? `${figure.widthMm} × ${figure.heightMm} mm; journal checks passed.` : `${figure.widthMm} × ${figure.heightMm} mm; journal checks: ${problems.map((p) => p.message).slice(0, 4).join('; ')}`}
              </p>
            )}
          </div>
        </div>
        <div className="modal-buttons">
          <button type="button" data-testid="composer-clear" disabled={panels.length === 0} onClick={clearComposer}>
            Clear
          </button>
          <button type="button" data-testid="composer-svg" disabled={!figure} onClick={() => void exportAs('svg')}>
            SVG
          </button>
          {PNG_DPIS.map((dpi) => (
            <button key={dpi} type="button" data-testid={`composer-png-${dpi}`} disabled={!figure} onClick={() => void exportAs(dpi)}>
              PNG {dpi} dpi
            </button>
          ))}
          <button type="button" data-testid="composer-close" onClick={props.onClose}>
            Close
          </button>
        </div>
    </Modal>
  );
}
