/**
 * The open study: its registered workspace sections, its metadata, where it is saved, and its undo history.
 *
 * Undo is a command history over the study, not copies of UI state: every Api method that changes the study runs as
 * a command (`command(section, label, run)`), one at a time; the document records the changed section's snapshot
 * before and after (state JSON plus references to the raw file bytes, which are shared, never copied) and Undo/Redo
 * restore the one or the other through the section's restore(). Commands that change nothing leave no entry.
 * Opening a study or starting a new one begins a new history (the app asks before discarding unsaved work).
 *
 * The document is "dirty" when its position in the history differs from the one last saved, or when derived
 * results (an SXRD analysis that finished) arrived after the save.
 */
import { decode, encode } from '../../shared/codec';
import type { DecodedStudy, DerivedEntry, SectionContent, StudyContent, StudyMeta } from './format';
import { APP_VERSION, StudyFileError } from './format';
import { sameSnapshot, type DerivedValue, type SectionSnapshot, type StudyCommand, type StudySection } from './sections';

export interface HistoryEntry {
  id: number;
  label: string;
  section: string;
  before: SectionSnapshot;
  after: SectionSnapshot;
}

export interface StudyInfoMeta {
  title: string | null;
  label: string | null;
  description: string | null;
}

export interface DocumentStatus {
  /** Shown in the window title: the file's name, else the study title, else 'Untitled study'. */
  name: string;
  path: string | null;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  /** Sections in the opened file this version does not know: kept unchanged and written back on save. */
  foreignSections: string[];
}

export interface StudyDocument {
  readonly sections: readonly StudySection[];
  /** Run `run` as an undoable command on `section`; returns its result. */
  command<T>(section: string, label: string | ((before: unknown) => string), run: () => Promise<T>): Promise<T>;
  /** Run `run` exclusively (no command interleaves), without recording history. */
  exclusive<T>(run: () => Promise<T>): Promise<T>;
  undo(): Promise<HistoryEntry | null>;
  redo(): Promise<HistoryEntry | null>;
  status(): DocumentStatus;
  history(): { entries: { label: string; section: string }[]; position: number };
  /** Every snapshot of a section the history holds (what undo and redo can bring back). */
  snapshotsOf(section: string): SectionSnapshot[];
  meta(): StudyInfoMeta;
  /** Set the metadata (a new or example study); not an undoable change. */
  setMeta(meta: StudyInfoMeta): void;
  /** Everything to write to a file, snapshotted now. */
  content(): StudyContent;
  /** Replace the study with a decoded file (sections migrated and restored); a new history begins. */
  load(decoded: DecodedStudy, path: string | null, fileName: string, options?: { clean?: boolean }): Promise<string[]>;
  /** Empty every section; a new history begins. */
  reset(meta?: StudyInfoMeta): Promise<void>;
  /** A new history begins from the current state (after the example study was opened). */
  resetHistory(): void;
  markSaved(path: string | null, contentAt: number): void;
  /** A counter that changes with every change to what would be saved (for autosave and saving). */
  changeCount(): number;
  /** A section's derived results changed (not an undoable change, but unsaved). */
  derivedChanged(): void;
  /** Called after every change (command, undo, redo, load, reset, derived results). */
  onChange(listener: () => void): () => void;
}

const MAX_HISTORY = 200;

export function createStudyDocument(sectionList: StudySection[]): StudyDocument {
  const sections = new Map(sectionList.map((s) => [s.id, s]));
  let entries: HistoryEntry[] = [];
  let position = 0; // entries[0 .. position-1] are done
  let nextId = 1;
  let savedId: number | null = 0; // entry id at the saved position (0 = the start of the history)
  let derivedDirty = false;
  let path: string | null = null;
  let meta: StudyInfoMeta = { title: null, label: null, description: null };
  let created = new Date().toISOString();
  let foreign: SectionContent[] = [];
  let foreignDerived: DerivedEntry[] = [];
  let changes = 0;
  const listeners = new Set<() => void>();
  let queue: Promise<unknown> = Promise.resolve();

  const currentId = (): number => (position === 0 ? 0 : entries[position - 1].id);

  function changed(): void {
    changes++;
    for (const l of listeners) {
      try {
        l();
      } catch {
        // a listener's failure must not undo the change
      }
    }
  }

  function section(id: string): StudySection {
    const s = sections.get(id);
    if (!s) throw new Error(`no study section "${id}"`);
    return s;
  }

  function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  function restoreGuard(s: StudySection): void {
    const why = s.busy?.();
    if (why) throw new Error(why);
  }

  async function step(direction: 'undo' | 'redo'): Promise<HistoryEntry | null> {
    return exclusive(async () => {
      const entry = direction === 'undo' ? entries[position - 1] : entries[position];
      if (!entry) return null;
      const s = section(entry.section);
      restoreGuard(s);
      await s.restore(direction === 'undo' ? entry.before : entry.after);
      position += direction === 'undo' ? -1 : 1;
      changed();
      return entry;
    });
  }

  function content(): StudyContent {
    const now = new Date().toISOString();
    const known: SectionContent[] = sectionList.map((s) => {
      const snap = s.snapshot();
      return { id: s.id, version: s.version, state: snap.state, files: snap.files };
    });
    const derived: DerivedEntry[] = [...foreignDerived];
    for (const s of sectionList) for (const d of s.derived?.() ?? []) derived.push({ section: s.id, key: d.key, engine: d.engine, json: encode(d.value) });
    const studyMeta: StudyMeta = { ...meta, appVersion: APP_VERSION, created, modified: now };
    return { meta: studyMeta, sections: [...known, ...foreign], derived };
  }

  const doc: StudyDocument = {
    sections: sectionList,
    command<T>(sectionId: string, label: string | ((before: unknown) => string), run: () => Promise<T>): Promise<T> {
      return exclusive(async () => {
        const s = section(sectionId);
        const before = s.snapshot();
        const result = await run();
        const after = s.snapshot();
        if (!sameSnapshot(before, after)) {
          entries = entries.slice(0, position);
          entries.push({ id: nextId++, label: typeof label === 'string' ? label : label(before.state), section: sectionId, before, after });
          if (entries.length > MAX_HISTORY) {
            // The oldest state is no longer reachable: the one after the dropped entry becomes the start (id 0).
            const dropped = entries.shift() as HistoryEntry;
            savedId = savedId === dropped.id ? 0 : savedId === 0 ? null : savedId;
          }
          position = entries.length;
          changed();
        }
        return result;
      });
    },
    exclusive,
    undo: () => step('undo'),
    redo: () => step('redo'),
    status() {
      const undo = entries[position - 1];
      const redo = entries[position];
      const fileName = path ? (path.split(/[\\/]/).pop() ?? path).replace(/\.rlab$/i, '') : null;
      return {
        name: fileName ?? meta.title ?? 'Untitled study',
        path,
        dirty: savedId !== currentId() || derivedDirty,
        canUndo: undo !== undefined,
        canRedo: redo !== undefined,
        undoLabel: undo?.label ?? null,
        redoLabel: redo?.label ?? null,
        foreignSections: foreign.map((f) => f.id),
      };
    },
    history() {
      return { entries: entries.map((e) => ({ label: e.label, section: e.section })), position };
    },
    snapshotsOf(id) {
      return entries.filter((e) => e.section === id).flatMap((e) => [e.before, e.after]);
    },
    meta: () => ({ ...meta }),
    setMeta(next) {
      meta = { ...next };
    },
    content,
    async load(decoded, newPath, fileName, options) {
      return exclusive(async () => {
        const warnings: string[] = [];
        // Validate and migrate every section before anything changes.
        const plan: { s: StudySection; snapshot: SectionSnapshot | null }[] = [];
        for (const s of sectionList) {
          const stored = decoded.sections.find((c) => c.id === s.id);
          if (!stored) {
            plan.push({ s, snapshot: null });
            continue;
          }
          if (stored.version > s.version) {
            throw new StudyFileError(`${fileName}: its ${s.label} part was saved by a newer version of ReductionLab (layout ${stored.version}; this version ${APP_VERSION} reads up to ${s.version}). Update ReductionLab to open it.`, 'newer');
          }
          let state = stored.state;
          if (stored.version < s.version) {
            if (!s.migrate) throw new StudyFileError(`${fileName}: no migration for its ${s.label} part from layout ${stored.version}.`, 'invalid');
            state = s.migrate(state, stored.version);
            warnings.push(`${s.label}: settings upgraded from layout ${stored.version} to ${s.version}`);
          }
          plan.push({ s, snapshot: { state, files: stored.files } });
        }
        for (const s of sectionList) restoreGuard(s);
        const previous = sectionList.map((s) => ({ s, snap: s.snapshot() }));
        try {
          for (const { s, snapshot } of plan) {
            if (snapshot === null) await s.clear();
            else {
              const derived: DerivedValue[] = [];
              for (const d of decoded.derived.filter((e) => e.section === s.id)) {
                try {
                  derived.push({ key: d.key, engine: d.engine, value: decode(d.json) });
                } catch {
                  // an unreadable stored result is recomputed
                }
              }
              await s.restore(snapshot, derived);
            }
          }
        } catch (error) {
          for (const { s, snap } of previous) await s.restore(snap).catch(() => undefined);
          if (error instanceof StudyFileError) throw error;
          throw new StudyFileError(`${fileName} could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'invalid');
        }
        foreign = decoded.sections.filter((c) => !sections.has(c.id));
        foreignDerived = decoded.derived.filter((d) => !sections.has(d.section));
        for (const f of foreign) warnings.push(`This study has a “${f.id}” part that this version of ReductionLab does not show; it is kept unchanged when you save.`);
        meta = { title: decoded.meta.title, label: decoded.meta.label, description: decoded.meta.description };
        created = decoded.meta.created || new Date().toISOString();
        path = newPath;
        entries = [];
        position = 0;
        savedId = (options?.clean ?? newPath !== null) ? 0 : null;
        derivedDirty = false;
        warnings.push(...decoded.migrations);
        changed();
        return warnings;
      });
    },
    async reset(next) {
      return exclusive(async () => {
        for (const s of sectionList) restoreGuard(s);
        for (const s of sectionList) await s.clear();
        meta = next ? { ...next } : { title: null, label: null, description: null };
        created = new Date().toISOString();
        foreign = [];
        foreignDerived = [];
        path = null;
        entries = [];
        position = 0;
        savedId = 0;
        derivedDirty = false;
        changed();
      });
    },
    resetHistory() {
      entries = [];
      position = 0;
      savedId = 0;
      derivedDirty = false;
      changed();
    },
    markSaved(newPath, contentAt) {
      path = newPath;
      // Saved what was current when the content was taken; a change since then keeps the study dirty.
      if (contentAt === changes) {
        savedId = currentId();
        derivedDirty = false;
      }
      changed();
    },
    changeCount: () => changes,
    derivedChanged() {
      derivedDirty = true;
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return doc;
}

/** Commands of the Api wrapped so each runs through `doc.command` (see StudyCommand). */
export function withCommands<T extends object>(doc: StudyDocument, impl: T, commands: Record<string, StudyCommand>): T {
  const out = { ...impl } as Record<string, unknown>;
  for (const [method, command] of Object.entries(commands)) {
    const fn = out[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (typeof fn !== 'function') continue;
    out[method] = (...args: unknown[]) => doc.command(command.section, (before) => command.label(args, before), () => fn(...args));
  }
  return out as T;
}
