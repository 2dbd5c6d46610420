/**
 * The study's dialogs: save changes before discarding them, Save As (browser: a name in the server's study folder),
 * Open (browser: the folder's studies, or upload a .rlab file), the recovery offer after a crash, the browser
 * host's "session closed" notice, and the keyboard shortcuts.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Modal } from '../../components/Modal';
import { SHORTCUTS } from '../../../../shared/menu';
import type { StudyState } from './useStudy';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const when = (ms: number) => new Date(ms).toLocaleString();

/** The study dialogs' shell: the app's modal, focused on the control marked data-autofocus (else the first). */
function StudyModal(props: { title: string; testId: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  return (
    <Modal title={props.title} testId={props.testId} onClose={props.onClose} className={props.wide ? 'wide' : undefined} focus="[data-autofocus], input, button">
      {props.children}
    </Modal>
  );
}

function SaveAsDialog(props: { study: StudyState; dialog: Extract<NonNullable<StudyState['dialog']>, { kind: 'saveAs' }> }) {
  const { study, dialog: d } = props;
  const [name, setName] = useState(d.name);
  const close = () => study.setDialog(null);
  const exists = d.existing.some((s) => s.name.toLowerCase() === name.trim().replace(/\.rlab$/i, '').toLowerCase());
  const submit = async () => {
    if (name.trim() === '') return;
    const ok = await study.saveAsNamed(name.trim());
    if (ok) {
      close();
      d.resolve(true);
    }
  };
  return (
    <StudyModal
      title="Save the study as"
      testId="save-as-dialog"
      onClose={() => {
        close();
        d.resolve(false);
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          Name
          <input data-testid="save-as-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Fe2O3 series 2026-03" />
        </label>
        <p className="muted">
          Saved as <code>{(name.trim() || 'name').replace(/\.rlab$/i, '')}.rlab</code> in the server’s study folder{d.folder ? ` (${d.folder})` : ''}.
          {exists && <strong> A study of that name exists and will be replaced.</strong>}
        </p>
        <div className="modal-buttons">
          <button type="submit" className="primary" data-testid="save-as-confirm" disabled={name.trim() === ''}>
            {exists ? 'Replace' : 'Save'}
          </button>
          <button type="button" data-testid="save-as-download" onClick={() => void study.downloadCopy()}>
            Download a copy instead
          </button>
          <button
            type="button"
            onClick={() => {
              close();
              d.resolve(false);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </StudyModal>
  );
}

export function StudyDialogs(props: { study: StudyState }) {
  const { study } = props;
  const d = study.dialog;
  const upload = useRef<HTMLInputElement | null>(null);
  if (!d) return null;
  const close = () => study.setDialog(null);

  switch (d.kind) {
    case 'confirm':
      return (
        <StudyModal title="Unsaved changes" testId="confirm-discard" onClose={() => d.resolve('cancel')}>
          <p>
            “{d.name}” has changes that are not saved. Save them before {d.action}?
          </p>
          <div className="modal-buttons">
            <button type="button" className="primary" data-testid="confirm-save" data-autofocus onClick={() => d.resolve('save')}>
              Save
            </button>
            <button type="button" data-testid="confirm-discard-changes" onClick={() => d.resolve('discard')}>
              Don’t save
            </button>
            <button type="button" data-testid="confirm-cancel" onClick={() => d.resolve('cancel')}>
              Cancel
            </button>
          </div>
        </StudyModal>
      );
    case 'saveAs':
      return <SaveAsDialog study={study} dialog={d} />;
    case 'open':
      return (
        <StudyModal title="Open a study" testId="open-dialog" onClose={close} wide>
          {d.studies.length === 0 ? (
            <p className="muted">No studies saved on this server yet.</p>
          ) : (
            <table className="study-list">
              <thead>
                <tr>
                  <th>Study</th>
                  <th>Saved</th>
                  <th>Size</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {d.studies.map((s) => (
                  <tr key={s.path} data-testid="open-study-row" data-name={s.name}>
                    <td>{s.name}</td>
                    <td>{s.modifiedMs !== null ? when(s.modifiedMs) : '—'}</td>
                    <td className="num">{s.size !== null ? formatSize(s.size) : '—'}</td>
                    <td>
                      <button type="button" className="primary" data-testid="open-study" onClick={() => void study.openRecent(s.path)}>
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.folder && <p className="muted">Studies saved in {d.folder}.</p>}
          <div className="modal-buttons">
            <button type="button" data-testid="open-upload" onClick={() => upload.current?.click()}>
              Upload a .rlab file…
            </button>
            <input
              ref={upload}
              type="file"
              accept=".rlab"
              hidden
              data-testid="study-file-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void study.openFile(file);
              }}
            />
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </StudyModal>
      );
    case 'recovery':
      return (
        <StudyModal title="Recover unsaved work?" testId="recovery-dialog" onClose={close} wide>
          <p>ReductionLab did not close normally last time (or the server closed a session). These studies had unsaved changes:</p>
          <table className="study-list">
            <thead>
              <tr>
                <th>Study</th>
                <th>Autosaved</th>
                <th>Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {d.items.map((r) => (
                <tr key={r.id} data-testid="recovery-row" data-name={r.name}>
                  <td>
                    <strong>{r.name}</strong>
                    <div className="muted small">{r.savedPath ? `saved as ${r.savedPath}` : 'never saved'}</div>
                  </td>
                  <td>{when(r.modifiedMs)}</td>
                  <td className="num">{formatSize(r.size)}</td>
                  <td className="row-buttons">
                    <button type="button" className="primary" data-testid="recover" onClick={() => void study.recover(r.id)}>
                      Recover
                    </button>
                    <button type="button" data-testid="discard-recovery" onClick={() => void study.discardRecovery(r.id)}>
                      Discard
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="modal-buttons">
            <button type="button" data-testid="recovery-later" onClick={close}>
              Decide later
            </button>
          </div>
        </StudyModal>
      );
    case 'closed':
      return (
        <StudyModal title="This session was closed" testId="session-closed" onClose={() => undefined}>
          <p data-testid="session-closed-message">{d.message}</p>
          <div className="modal-buttons">
            {d.recovery && (
              <button type="button" className="primary" data-testid="session-recover" onClick={() => void study.restartSession(d.recovery?.id ?? null)}>
                Recover
              </button>
            )}
            <button type="button" data-testid="session-new" onClick={() => void study.restartSession(null)}>
              Start a new session
            </button>
          </div>
        </StudyModal>
      );
    case 'help':
      return (
        <StudyModal title="Keyboard shortcuts" testId="help-overlay" onClose={close}>
          <table className="shortcuts">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <td>
                    {s.keys.split(/( or |\+)/).map((part, i) =>
                      part === '+' || part === ' or ' ? <span key={i}>{part === '+' ? '+' : ' or '}</span> : <kbd key={i}>{part}</kbd>,
                    )}
                  </td>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">On macOS, ⌘ takes the place of Ctrl. Undo and Delete act on text while you type in a field.</p>
          <div className="modal-buttons">
            <button type="button" data-autofocus onClick={close}>
              Close
            </button>
          </div>
        </StudyModal>
      );
  }
}
