/**
 * The study toolbar: New, Open…, Recent, Save, Save As…, (browser) Download, Undo, Redo, the shortcuts, and the
 * study's name with a dot while it has unsaved changes. Buttons carry their shortcut in their tooltip.
 */
import { FitName } from './FitName';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { host } from '../../api';
import type { StudyState } from './useStudy';

const MOD = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function StudyBar(props: { study: StudyState; onImport?: () => void; /** Study-wide tools shown before the help button (the figure composer). */ tools?: ReactNode }) {
  const { study } = props;
  const status = study.status;
  const [recentOpen, setRecentOpen] = useState(false);
  const recentRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!recentOpen) return;
    const close = (e: MouseEvent) => {
      if (recentRef.current && !recentRef.current.contains(e.target as Node)) setRecentOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [recentOpen]);

  return (
    <div className="studybar" role="toolbar" aria-label="Study" data-testid="studybar">
      <div className="group">
        <button type="button" data-testid="new-session" title="Start a new, empty session (asks before discarding unsaved changes)" onClick={() => void study.newSession()}>
          New session
        </button>
        <button type="button" data-testid="study-open" title={`Open a study (${MOD}O)`} onClick={() => void study.open()}>
          Open…
        </button>
        <div className="dropdown" ref={recentRef}>
          <button
            type="button"
            data-testid="study-recent"
            aria-haspopup="menu"
            aria-expanded={recentOpen}
            title="Recently saved or opened studies"
            onClick={() => {
              if (!recentOpen) void study.loadRecent();
              setRecentOpen(!recentOpen);
            }}
          >
            Recent ▾
          </button>
          {recentOpen && (
            <div className="menu" role="menu" data-testid="study-recent-menu">
              {study.recent.length === 0 && <div className="empty">No saved studies yet.</div>}
              {study.recent.map((r) => (
                <button
                  key={r.path}
                  type="button"
                  role="menuitem"
                  disabled={r.modifiedMs === null}
                  title={r.path}
                  onClick={() => {
                    setRecentOpen(false);
                    void study.openRecent(r.path);
                  }}
                >
                  <span>{r.name}</span>
                  <span className="muted">{r.modifiedMs === null ? 'missing' : new Date(r.modifiedMs).toLocaleString()}</span>
                </button>
              ))}
            </div>
          )}
        </div>
        <button type="button" data-testid="study-save" title={`Save the study (${MOD}S)`} onClick={() => void study.save()}>
          Save
        </button>
        <button type="button" data-testid="study-save-as" title={`Save the study under a new name (${MOD}Shift+S)`} onClick={() => void study.saveAs()}>
          Save as…
        </button>
        {host === 'browser' && (
          <button type="button" data-testid="study-download" title="Download the study as a .rlab file" onClick={() => void study.downloadCopy()}>
            Download
          </button>
        )}
      </div>
      <div className="group">
        <button
          type="button"
          data-testid="undo"
          disabled={!status?.canUndo}
          aria-label="Undo"
          title={status?.undoLabel ? `Undo: ${status.undoLabel} (${MOD}Z)` : `Nothing to undo (${MOD}Z)`}
          onClick={() => void study.undo()}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          data-testid="redo"
          disabled={!status?.canRedo}
          aria-label="Redo"
          title={status?.redoLabel ? `Redo: ${status.redoLabel} (${MOD}Shift+Z)` : `Nothing to redo (${MOD}Shift+Z)`}
          onClick={() => void study.redo()}
        >
          ↷ Redo
        </button>
      </div>
      <div className="docname" data-testid="study-name" data-dirty={status?.dirty ? 'true' : 'false'} title={`${status?.name ?? ''}\n${status?.path ?? 'Not saved yet'}`}>
        {status?.dirty && (
          <span className="dirty" aria-label="unsaved changes" title="Unsaved changes">
            •
          </span>
        )}
        <FitName text={status?.name ?? ''} testId="study-name-text" />
        {status?.dirty && <span className="muted"> (unsaved)</span>}
      </div>
      {props.tools}
      <button type="button" className="help" data-testid="help" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => study.setDialog({ kind: 'help' })}>
        ?
      </button>
    </div>
  );
}
