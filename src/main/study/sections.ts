/**
 * The contract between the study document and a workspace (TGA, SXRD, and the ones to come). A workspace keeps all
 * its persistent state in one JSON-serialisable object plus its raw input files exactly as imported, owned by one
 * session module, and hands them over as a `StudySection`:
 *
 *   snapshot()   → { state, files }   what is saved, and what the undo history records before and after a command
 *   restore(s)   ← { state, files }   rebuild everything else (parsed data, derived results) from it; called on
 *                                     open, undo and redo, so it should reuse what it already has (see tga/xrd)
 *   clear()                           back to empty (New session)
 *
 * plus a version for its state, migrations from older versions, optional re-derivable results to store in the
 * file, and the table of its Api methods that change the study (each becomes an undoable command).
 * docs/study-file.md, "Adding a workspace", shows the few lines a new workspace needs.
 */
import type { FileBytes } from '../../shared/api';
import { sha256Hex } from './hash';

export interface SectionSnapshot<S = unknown> {
  state: S;
  files: FileBytes[];
}

/** A derived result as stored: recomputable; reused on open only when `engine` is what this build would write. */
export interface DerivedValue {
  key: string;
  engine: string;
  value: unknown;
}

export interface StudySection<S = unknown> {
  /** Key in the file and in the history ('tga', 'xrd', …): never change it once released. */
  readonly id: string;
  /** For messages: 'TGA comparison'. */
  readonly label: string;
  /** Version of `state`'s layout; raise it with a migration when the layout changes. */
  readonly version: number;
  snapshot(): SectionSnapshot<S>;
  /** Rebuild from a snapshot (validate `state`: it comes from a file). `derived`: results stored with it. */
  restore(snapshot: SectionSnapshot<unknown>, derived?: DerivedValue[]): Promise<void>;
  clear(): Promise<void>;
  /** State saved by version `fromVersion` (< version) in this version's layout. */
  migrate?(state: unknown, fromVersion: number): unknown;
  /** Results worth storing (expensive to recompute); recomputed by a newer engine. */
  derived?(): DerivedValue[];
  /** Why the section cannot be restored right now (an analysis is running), or null. */
  busy?(): string | null;
}

/** One Api method that changes the study: which section it changes and how the command is named in Undo/Redo. */
export interface StudyCommand {
  section: string;
  /** 'Remove run "Fe2O3"': from the arguments and the section's state before the command. */
  label(args: unknown[], before: unknown): string;
}

export type StudyCommands = Record<string, StudyCommand>;

/** True when two snapshots hold the same state and the same files (by name and SHA-256). */
export function sameSnapshot(a: SectionSnapshot, b: SectionSnapshot): boolean {
  if (a.files.length !== b.files.length) return false;
  for (let i = 0; i < a.files.length; i++) {
    const p = a.files[i];
    const q = b.files[i];
    if (p.name !== q.name) return false;
    if (p.bytes !== q.bytes && (p.bytes.length !== q.bytes.length || sha256Hex(p.bytes) !== sha256Hex(q.bytes))) return false;
  }
  return JSON.stringify(a.state) === JSON.stringify(b.state);
}

/** A label with a name in it, shortened for menus. */
export function quoted(name: string): string {
  return `“${name.length > 40 ? `${name.slice(0, 39)}…` : name}”`;
}
