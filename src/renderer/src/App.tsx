import { loadFigures } from './export/figure-store';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunPatch } from '../../shared/api';
import { api, host, onMenuCommand } from './api';
import { ComposerButton } from './export/Composer';
import { StudyBar } from './features/study/StudyBar';
import { StudyDialogs } from './features/study/StudyDialogs';
import { isTextTarget, shortcutFor, type ShortcutCommand } from './features/study/shortcuts';
import { useStudy } from './features/study/useStudy';
import { MetricsPanel } from './features/MetricsPanel';
import { NoticeBar } from './features/NoticeBar';
import { PlotPanel } from './features/PlotPanel';
import { RunDetails } from './features/RunDetails';
import { RunList } from './features/RunList';
import { transferText, useImports } from './features/useImports';
import { useSession } from './features/useSession';
import { useXrd } from './features/useXrd';
import { XrdWorkspace, type XrdDropHandler } from './features/XrdWorkspace';
import { HighPressureWorkspace } from './features/hp/HighPressureWorkspace';
import { useHp } from './features/hp/useHp';

import { KineticsWorkspace } from './features/kinetics/KineticsWorkspace';
import { useKinetics } from './features/kinetics/useKinetics';

type Workspace = 'tga' | 'xrd' | 'kinetics' | 'hp';

const WORKSPACES: { id: Workspace; label: string }[] = [
  { id: 'tga', label: 'TGA comparison' },
  { id: 'xrd', label: 'SXRD sequence' },
  { id: 'kinetics', label: 'Kinetics' },
  { id: 'hp', label: 'High pressure' },
];

const WORKSPACE_KEY = 'reductionlab.workspace';

function initialWorkspace(): Workspace {
  try {
    const saved = sessionStorage.getItem(WORKSPACE_KEY);
    return saved === 'xrd' || saved === 'hp' || saved === 'kinetics' ? saved : 'tga';
  } catch {
    return 'tga';
  }
}

/** Files of a drop, reading dropped folders (and their sub-folders) too. */
async function droppedFiles(dt: DataTransfer): Promise<{ files: File[]; fromFolder: boolean }> {
  const entries = Array.from(dt.items ?? [])
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0 || entries.every((e) => e.isFile)) return { files: Array.from(dt.files ?? []), fromFolder: false };
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail)));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const e of entries) await walk(e);
  return { files: out, fromFolder: true };
}

export function App() {
  const state = useSession();
  const { session, act, notify, importFiles } = state;
  const xrd = useXrd(notify, session?.revision ?? null);
  const kin = useKinetics(notify, session?.revision ?? null);
  const hp = useHp(notify, session?.revision ?? null);
  const reloadSession = state.reload;
  const reloadXrd = xrd.reload;
  const reloadAll = useCallback(async () => {
    await reloadSession();
    await reloadXrd();
    await loadFigures();
  }, [reloadSession, reloadXrd]);
  const studyFile = useStudy(reloadAll, notify);
  // the study's figure settings (the rest of the study is loaded by the workspaces' own hooks)
  useEffect(() => {
    void loadFigures();
  }, []);
  const openStudyFile = useRef<(file: File) => void>(() => undefined);
  useEffect(() => {
    openStudyFile.current = (file) => void studyFile.openFile(file);
  });
  const [workspace, setWorkspaceState] = useState<Workspace>(initialWorkspace);
  const setWorkspace = (w: Workspace) => {
    setWorkspaceState(w);
    try {
      sessionStorage.setItem(WORKSPACE_KEY, w);
    } catch {
      // private mode: the choice is not kept across reloads
    }
  };
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [sideOpen, setSideOpen] = useState(true);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const dragDepth = useRef(0);
  const xrdDrop = useRef<XrdDropHandler | null>(null);
  const hpDrop = useRef<((files: File[]) => void) | null>(null);

  const runs = session?.runs ?? [];
  const selected = runs.find((r) => r.id === selectedId) ?? runs.find((r) => r.settings.role === 'sample') ?? runs[0] ?? null;

  // Drag and drop anywhere in the window (both hosts read the files' bytes here).
  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      dragDepth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const leave = () => {
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      const dt = e.dataTransfer;
      if (!dt) return;
      // a study file dropped anywhere is opened (after the question about unsaved changes)
      const studyDrop = Array.from(dt.files ?? []).find((f) => /\.rlab$/i.test(f.name));
      if (studyDrop) {
        openStudyFile.current(studyDrop);
        return;
      }
      if (workspace === 'tga') {
        const files = Array.from(dt.files ?? []);
        if (files.length > 0) void importFiles(files);
        return;
      }
      if (workspace === 'hp') {
        const files = Array.from(dt.files ?? []);
        if (files.length > 0) hpDrop.current?.(files);
        return;
      }
      if (workspace === 'kinetics') {
        // into the last series (a new one when there is none)
        const files = Array.from(dt.files ?? []);
        const target = kin.state?.series[kin.state.series.length - 1];
        if (files.length === 0) return;
        if (target) void kin.importFiles(target.id, files);
        else
          void api.kinAddSeries('Series 1').then(
            (s) => kin.importFiles(s.series[s.series.length - 1].id, files),
            (error: unknown) => notify('error', error instanceof Error ? error.message : String(error)),
          );
        return;
      }
      // SXRD: the workspace decides (CIF files become phases, the rest frames; a dropped folder is read whole)
      void droppedFiles(dt).then(
        ({ files, fromFolder }) => {
          if (files.length > 0) xrdDrop.current?.(files, fromFolder);
        },
        (error: unknown) => notify('error', `Could not read the dropped files: ${error instanceof Error ? error.message : String(error)}`),
      );
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles, workspace, notify, kin]);

  // Keyboard shortcuts (the help overlay lists them) and, in Electron, the same commands from the menu.
  const commandRef = useRef<(c: ShortcutCommand | 'new' | 'example' | `openRecent:${string}`) => void>(() => undefined);
  useEffect(() => {
    commandRef.current = (command) => {
    if (command === 'open') void studyFile.open();
    else if (command === 'save') void studyFile.save();
    else if (command === 'saveAs') void studyFile.saveAs();
    else if ((command === 'undo' || command === 'redo') && isTextTarget(document.activeElement)) document.execCommand(command); // the menu's Undo while typing: the field's own
    else if (command === 'undo') void studyFile.undo();
    else if (command === 'redo') void studyFile.redo();
    else if (command === 'help') studyFile.setDialog({ kind: 'help' });
    else if (command === 'new') void studyFile.newSession();
    else if (command === 'example') void studyFile.openExample();
    else if (command.startsWith('openRecent:')) void studyFile.openRecent(command.slice('openRecent:'.length));
    else if (command === 'delete' && workspace === 'tga' && selected) void act(() => api.tgaRemoveRun(selected.id));
    };
  });
  useEffect(() => {
    const isMac = /Mac/i.test(navigator.platform);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
      const command = shortcutFor(e, isTextTarget(e.target), isMac);
      if (!command) return;
      e.preventDefault();
      commandRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => onMenuCommand((command) => commandRef.current(command)), []);

  const patch = useCallback((id: string, p: RunPatch) => void act(() => api.tgaUpdateRun(id, p)), [act]);
  const move = (id: string, delta: -1 | 1) => {
    const ids = runs.map((r) => r.id);
    const i = ids.indexOf(id);
    const j = i + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    void act(() => api.tgaReorderRuns(ids));
  };

  const study = session?.study ?? null;
  const imports = useImports(state.busy || xrd.busy || hp.busy || kin.busy);
  const task = imports.tasks[0];
  const transfer = imports.transfer;
  const cancellable = transfer !== null || imports.tasks.some((t) => t.cancellable);

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden>
            α
          </span>
          <h1>ReductionLab</h1>
        </div>
        <div role="tablist" aria-label="Workspace" className="tabs workspaces">
          {WORKSPACES.map((w) => (
            <button key={w.id} type="button" role="tab" aria-selected={workspace === w.id} data-testid={`workspace-${w.id}`} onClick={() => setWorkspace(w.id)}>
              {w.label}
            </button>
          ))}
        </div>
        {study && (
          <div className="study" data-testid="study">
            {study.label && (
              <span className="simulated" data-testid="study-label" title={study.label}>
                {/simulated/i.test(study.label) ? 'Simulated' : study.label}
              </span>
            )}
            <span className="study-title">{study.title}</span>
          </div>
        )}
        <div className="actions">
          {workspace !== 'tga' ? null : host === 'electron' ? (
            <button type="button" className="primary" data-testid="import" onClick={() => void state.openFileDialog()}>
              Import files…
            </button>
          ) : (
            <>
              <button type="button" className="primary" data-testid="import" onClick={() => fileInput.current?.click()}>
                Import files…
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                data-testid="file-input"
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? []);
                  e.target.value = '';
                  void importFiles(files);
                }}
              />
            </>
          )}
          {workspace === 'tga' && (
            <button type="button" data-testid="open-example" onClick={() => void studyFile.openExample()}>
              Example study
            </button>
          )}
        </div>
      </header>
      <StudyBar study={studyFile} tools={<ComposerButton save={api.saveFile} notify={notify} />} />

      {workspace === 'tga' && study && (study.label || study.description) && (
        <p className="study-desc" data-testid="study-description">
          {study.label && <strong>{study.label}. </strong>}
          {study.description}
        </p>
      )}

      <div className="status" aria-live="polite">
        {(state.busy || xrd.busy || hp.busy || kin.busy || task || transfer) && (
          <ProgressLine
            label={transfer ? 'Sending files' : task ? task.label : 'Working'}
            fraction={transfer ? (transfer.totalBytes > 0 ? transfer.sentBytes / transfer.totalBytes : null) : task ? task.fraction : null}
            text={transfer ? transferText(transfer) : task ? `${task.label}: ${task.detail}` : 'Working…'}
            onCancel={cancellable ? () => void imports.cancel() : null}
          />
        )}
        <NoticeBar notices={state.notices} dismiss={state.dismiss} clear={state.clearNotices} />
      </div>

      {session === null ? (
        <main className="loading">Loading…</main>
      ) : workspace === 'xrd' ? (
        <XrdWorkspace xrd={xrd} session={session} save={api.saveFile} notify={notify} dropTargetRef={xrdDrop} />
      ) : workspace === 'hp' ? (
        <HighPressureWorkspace hp={hp} save={api.saveFile} notify={notify} sessionRevision={session?.revision ?? null} dropTargetRef={hpDrop} />
      ) : workspace === 'kinetics' ? (
        <KineticsWorkspace kin={kin} notify={notify} />
      ) : (
        <main className={sideOpen ? 'body tga' : 'body tga side-closed'}>
          <button
            type="button"
            className="side-toggle"
            data-testid="side-toggle"
            aria-expanded={sideOpen}
            aria-label={sideOpen ? 'Hide the run panel' : 'Show the run panel'}
            title={sideOpen ? 'Hide the run panel' : 'Show the run panel'}
            onClick={() => setSideOpen(!sideOpen)}
          >
            {sideOpen ? '‹' : '›'}
          </button>
          <aside className="side" hidden={!sideOpen}>
            <RunList
              session={session}
              selectedId={selected?.id ?? null}
              onSelect={setSelectedId}
              onMove={move}
              onRemove={(id) => void act(() => api.tgaRemoveRun(id))}
              onBlankForAll={(id) => void act(() => api.tgaSetBlankForAll(id))}
            />
            {selected && <RunDetails key={selected.id} session={session} run={selected} onPatch={(p) => patch(selected.id, p)} notify={notify} />}
          </aside>
          <div className="content">
            <PlotPanel session={session} rawRun={selected && selected.settings.role === 'sample' ? selected : null} notify={notify} />
            <MetricsPanel session={session} act={act} notify={notify} />
          </div>
        </main>
      )}
      <StudyDialogs study={studyFile} />
      {dragging && (
        <div className="drop" aria-hidden>
          <div>
            {workspace === 'tga'
              ? 'Drop TGA files to import them'
              : workspace === 'kinetics'
                ? 'Drop the runs (and blanks) of a series'
                : workspace === 'hp'
                  ? 'Drop EDD spectra or pressure-scale JSON files (Pressure & EDD), or a radiography stack (Radiography)'
                  : 'Drop the frames (or their folder) of an SXRD sequence, or CIF files'}
          </div>
        </div>
      )}
    </div>
  );
}

/** The status bar's progress: a bar (indeterminate without a fraction), what is happening, and Cancel when it can be. */
function ProgressLine({ label, fraction, text, onCancel }: { label: string; fraction: number | null; text: string; onCancel: (() => void) | null }) {
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={1} aria-valuenow={fraction ?? undefined} data-testid="progress">
      <div className="bar">
        <div className={fraction === null ? 'fill indeterminate' : 'fill'} style={fraction !== null ? { width: `${Math.max(4, fraction * 100)}%` } : undefined} />
      </div>
      <span data-testid="progress-text">{text}</span>
      {onCancel && (
        <button type="button" className="link" data-testid="cancel-import" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
