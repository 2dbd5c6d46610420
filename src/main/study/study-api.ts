/**
 * The study half of the Api (StudyApi in src/shared/api.ts): save, save as, open, recent studies, download, undo and
 * redo, recovery. Host differences come in through StudyHost: Electron gives native dialogs and a recent list kept
 * in its user folder; the browser-mode server gives a study folder it owns (Save writes there by name) and lists it
 * as the recent studies. Both give a recovery folder, where the autosaver keeps this study's recovery file.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileBytes, RecentStudy, RecoveryInfo, StudyApi, StudyStatus } from '../../shared/api';
import { AtomicWriteError, writeFileAtomic } from '../atomic-write';
import { createAutosaver, type Autosaver, type AutosaveOptions } from './autosave';
import type { StudyDocument } from './document';
import { decodeStudy, encodeStudy, STUDY_EXTENSION, StudyFileError } from './format';
import type { RecoveryStore } from './recovery';
import type { StudyDecoder, StudyEncoder } from './worker-encode';
import { UserError } from '../user-error';

export interface StudyHost {
  /** Native open dialog (Electron); null when cancelled. Absent in browser mode. */
  pickStudyToOpen?(): Promise<string | null>;
  /** Native save dialog (Electron), starting at `suggestedName`; null when cancelled. */
  pickStudySavePath?(suggestedName: string): Promise<string | null>;
  /** Browser mode: the folder Save writes to by name, and which Open Recent lists. */
  saveFolder?: string;
  /** Recently opened or saved studies (Electron: a list kept by the host). */
  recent?: { list(): Promise<string[]>; add(path: string): Promise<void> };
  /** Where this study's recovery file goes, and its id there (one per window or browser session). */
  recovery?: { store: RecoveryStore; id: string; options?: AutosaveOptions };
  /** Write a file atomically (tests inject a full disk). */
  writeFile?(path: string, data: Uint8Array): Promise<unknown>;
  /** The autosaver, once created (the hosts flush it before closing a session). */
  onAutosaver?(autosaver: Autosaver): void;
  /** Writes the study file's bytes (autosave, save, download): the hosts' import workers (worker-encode.ts). Default:
   * on the calling thread. */
  encodeStudy?: StudyEncoder;
  /** Reads a study file on Open: the hosts' import workers (worker-encode.ts). Default: on the calling thread. */
  decodeStudy?: StudyDecoder;
}

const StudyUserError = UserError;

const stripExt = (name: string): string => name.replace(/\.rlab$/i, '');

/** Characters no file name may hold on any platform (controls, and Windows' reserved ones). */
const unsafeChars = (text: string): string => [...text].map((c) => (c.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(c) ? '_' : c)).join('');

/** A file name for the server's study folder from what the user typed: no folders, no leading dots, .rlab added. */
export function studyFileName(name: string): string {
  const base = unsafeChars(stripExt(basename(name.replace(/\\/g, '/'))))
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  if (base === '') throw new StudyUserError('Give the study a name.');
  return `${base}.${STUDY_EXTENSION}`;
}

export function createStudyApi(doc: StudyDocument, host: StudyHost | null, log: (level: 'info' | 'warn' | 'error', message: string) => void, onReplaced: () => void): StudyApi {
  let notes: string[] = [];
  const write = host?.writeFile ?? ((path: string, data: Uint8Array) => writeFileAtomic(path, data));
  const encode: StudyEncoder = host?.encodeStudy ?? encodeStudy;
  const decode: StudyDecoder = host?.decodeStudy ?? decodeStudy;
  const autosaver = host?.recovery ? createAutosaver(doc, host.recovery.store, host.recovery.id, { log, encode, ...host.recovery.options }) : null;
  if (autosaver) host?.onAutosaver?.(autosaver);

  function status(): StudyStatus {
    const s = doc.status();
    return {
      name: s.name,
      path: s.path,
      dirty: s.dirty,
      canUndo: s.canUndo,
      canRedo: s.canRedo,
      undoLabel: s.undoLabel,
      redoLabel: s.redoLabel,
      changeCount: doc.changeCount(),
      notes: [...notes, ...s.foreignSections.map((id) => `This study has a “${id}” part this version does not show; it is kept unchanged when you save.`)],
      saveFolder: host?.saveFolder ?? null,
    };
  }

  async function saveTo(path: string): Promise<StudyStatus> {
    const at = doc.changeCount();
    const bytes = await encode(doc.content());
    try {
      await write(path, bytes);
    } catch (error) {
      throw new StudyUserError(error instanceof AtomicWriteError ? error.message : `Could not save ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    doc.markSaved(path, at);
    await host?.recent?.add(path).catch(() => undefined);
    log('info', `study saved to ${path} (${bytes.length} bytes)`);
    return status();
  }

  async function openBytes(bytes: Uint8Array, fileName: string, path: string | null, clean: boolean): Promise<StudyStatus> {
    let decoded;
    try {
      decoded = await decode(bytes, fileName);
    } catch (error) {
      throw new StudyUserError(error instanceof Error ? error.message : String(error));
    }
    try {
      notes = await doc.load(decoded, path, fileName, { clean });
    } catch (error) {
      throw new StudyUserError(error instanceof StudyFileError ? error.message : `${fileName} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    onReplaced();
    if (path) await host?.recent?.add(path).catch(() => undefined);
    return status();
  }

  function suggestedName(): string {
    const s = doc.status();
    return `${unsafeChars(stripExt(s.name)).slice(0, 100) || 'study'}.${STUDY_EXTENSION}`;
  }

  async function resolveOpenPath(path: string): Promise<string> {
    if (host?.saveFolder) {
      const name = basename(path);
      if (!/\.rlab$/i.test(name)) throw new StudyUserError(`${name} is not a study file (.rlab).`);
      return join(host.saveFolder, name);
    }
    const recent = (await host?.recent?.list()) ?? [];
    if (!recent.includes(path)) throw new StudyUserError(`${path} is not in the list of recent studies: use Open….`);
    return path;
  }

  async function readPath(path: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new StudyUserError(`${path} cannot be read (${code === 'ENOENT' ? 'no such file: it was moved or deleted' : error instanceof Error ? error.message : String(error)}).`);
    }
  }

  return {
    async studyStatus() {
      return status();
    },
    async studyUndo() {
      try {
        const entry = await doc.undo();
        if (entry) onReplaced();
      } catch (error) {
        throw new StudyUserError(`Cannot undo: ${error instanceof Error ? error.message : String(error)}`);
      }
      return status();
    },
    async studyRedo() {
      try {
        const entry = await doc.redo();
        if (entry) onReplaced();
      } catch (error) {
        throw new StudyUserError(`Cannot redo: ${error instanceof Error ? error.message : String(error)}`);
      }
      return status();
    },
    async studySave() {
      const current = doc.status().path;
      if (current) return saveTo(current);
      if (host?.pickStudySavePath) {
        const path = await host.pickStudySavePath(suggestedName());
        return path ? saveTo(path) : null;
      }
      throw new StudyUserError('This study has not been saved yet: give it a name (Save As…).');
    },
    async studySaveAs(name) {
      if (host?.saveFolder) {
        if (name === null) throw new StudyUserError('Give the study a name.');
        await mkdir(host.saveFolder, { recursive: true });
        return saveTo(join(host.saveFolder, studyFileName(name)));
      }
      if (host?.pickStudySavePath) {
        const path = await host.pickStudySavePath(name ? studyFileName(name) : suggestedName());
        return path ? saveTo(path) : null;
      }
      throw new StudyUserError('Saving to a file is not available here: download the study instead.');
    },
    async studyOpenDialog() {
      if (!host?.pickStudyToOpen) throw new StudyUserError('Use the upload button to open a study file here.');
      const path = await host.pickStudyToOpen();
      if (!path) return null;
      return openBytes(await readPath(path), basename(path), path, true);
    },
    async studyOpenRecent(path) {
      const resolved = await resolveOpenPath(path);
      return openBytes(await readPath(resolved), basename(resolved), resolved, true);
    },
    async studyOpenBytes(file: FileBytes) {
      return openBytes(file.bytes, basename(file.name), null, true);
    },
    async studyDownload() {
      return { name: suggestedName(), bytes: await encode(doc.content()) };
    },
    async studyRecent(): Promise<RecentStudy[]> {
      let paths: string[] = [];
      if (host?.saveFolder) {
        const folder = host.saveFolder;
        const names = await readdir(folder).catch(() => [] as string[]);
        paths = names.filter((n) => /\.rlab$/i.test(n) && !n.startsWith('.')).map((n) => join(folder, n));
      } else paths = (await host?.recent?.list()) ?? [];
      const out: RecentStudy[] = [];
      for (const path of paths) {
        const st = await stat(path).catch(() => null);
        out.push({ path, name: stripExt(basename(path)), modifiedMs: st ? st.mtimeMs : null, size: st ? st.size : null });
      }
      if (host?.saveFolder) out.sort((a, b) => (b.modifiedMs ?? 0) - (a.modifiedMs ?? 0));
      return out.slice(0, 30);
    },
    async studyRecoveryList(): Promise<RecoveryInfo[]> {
      return host?.recovery ? host.recovery.store.list() : [];
    },
    async studyRecover(id) {
      const rec = host?.recovery;
      if (!rec) throw new StudyUserError('There is no recovery folder here.');
      if (id === rec.id) throw new StudyUserError('That is this window’s own recovery file.');
      let read;
      try {
        read = await rec.store.read(id);
      } catch (error) {
        throw new StudyUserError(error instanceof Error ? error.message : String(error));
      }
      // Recovered work is unsaved: Save writes it back where it was saved (if it was).
      const result = await openBytes(read.bytes, `the recovery file of ${read.info.name}`, read.info.savedPath, false);
      // This study's own recovery file holds the work now; only then is the old one removed.
      await autosaver?.flush();
      await rec.store.remove(id);
      return result;
    },
    async studyDiscardRecovery(id) {
      const rec = host?.recovery;
      if (!rec) return [];
      if (id !== rec.id) await rec.store.remove(id);
      return rec.store.list();
    },
    async studyDiscardChanges() {
      await autosaver?.discard();
      return status();
    },
  };
}
