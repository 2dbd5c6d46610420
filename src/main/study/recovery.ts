/**
 * Recovery files: the autosaved copy of an open study, `<id>.rlab` in a folder the app (or the browser-mode server)
 * owns, with a small `<id>.json` sidecar beside it (study name, where it was saved, the writing process). Both are
 * written atomically. A recovery file is removed when its study is saved or its changes are discarded; one that is
 * left belongs to a session that crashed, was killed, or (browser mode) was closed by the server, and is offered on
 * the next start. Files of sessions still open (`isLive`) and of other running processes are not offered.
 *
 * The pair stays consistent whenever the process dies (kill -9 between any two steps; recovery.test.ts):
 *   1. the sidecar is rewritten with the new name/path as `pending`, keeping the details of the study file now on
 *      disk and that file's inode;
 *   2. the study file is written (temporary file + rename: a new inode);
 *   3. the sidecar is rewritten with the new details and the new file's inode.
 * Reading: when the study file's inode is the one the sidecar describes, its details apply; otherwise the file is
 * the one step 2 wrote, and `pending` describes it. So the process that writes is known before any study file
 * exists (no other instance offers it while it is live), and a crash after step 2 still recovers the study under
 * its own name and path, never as an anonymous "Unsaved study". A sidecar left without its study file (a crash in
 * step 1 of a first write, or in the middle of a removal) is ignored and tidied away once its process is gone.
 */
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoveryInfo } from '../../shared/api';
import { writeFileAtomic } from '../atomic-write';

/** Name and save path of the study a recovery file holds. */
interface Details {
  name: string;
  savedPath: string | null;
}

interface Sidecar extends Details {
  id: string;
  /** The process that writes this recovery file. */
  pid: number;
  modified: string;
  /** Inode of the study file that `name` and `savedPath` describe (null: none yet, or not known). */
  ino: string | null;
  /** Details of the study file being written (step 2); absent once it is in place. */
  pending?: Details;
}

export interface RecoveryStore {
  readonly dir: string;
  write(id: string, bytes: Uint8Array, info: { name: string; savedPath: string | null }): Promise<void>;
  remove(id: string): Promise<void>;
  /** Recovery files that no open session owns, newest first. */
  list(): Promise<RecoveryInfo[]>;
  info(id: string): Promise<RecoveryInfo | null>;
  read(id: string): Promise<{ bytes: Uint8Array; info: RecoveryInfo }>;
}

const ID = /^[A-Za-z0-9-]{1,80}$/;

/** True when a process with this id runs (signal 0 tests existence; EPERM means it exists but is not ours). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The details that describe the study file with inode `ino` (see the protocol above). */
function detailsOf(side: Partial<Sidecar>, ino: string | null): Details | null {
  const valid = (d: unknown): d is Details => d !== null && typeof d === 'object' && typeof (d as Details).name === 'string' && ((d as Details).savedPath === null || typeof (d as Details).savedPath === 'string');
  const own = { name: side.name, savedPath: side.savedPath ?? null };
  // The file on disk is the one the sidecar's own details were written for: a pending write never landed.
  if (typeof side.ino === 'string' && side.ino === ino) return valid(own) ? own : null;
  // Another file (step 2 done, step 3 not): the pending details are its own.
  if (valid(side.pending)) return side.pending;
  return valid(own) ? own : null;
}

export function createRecoveryStore(dir: string, isLive: (id: string) => boolean): RecoveryStore {
  const paths = (id: string) => {
    if (!ID.test(id)) throw new Error(`not a recovery id: ${id}`);
    return { rlab: join(dir, `${id}.rlab`), json: join(dir, `${id}.json`) };
  };

  async function info(id: string): Promise<RecoveryInfo | null> {
    const p = paths(id);
    let size: number;
    let modifiedMs: number;
    let ino: string;
    try {
      const st = await stat(p.rlab, { bigint: true });
      size = Number(st.size);
      modifiedMs = Number(st.mtimeMs);
      ino = String(st.ino);
    } catch {
      return null;
    }
    const side = await readSidecar(id);
    const details = side ? detailsOf(side, ino) : null;
    // Without a sidecar (a file from an older version, or one copied here by hand) the study still recovers.
    return { id, name: details?.name ?? 'Unsaved study', savedPath: details?.savedPath ?? null, modifiedMs, size, file: p.rlab };
  }

  async function readSidecar(id: string): Promise<Partial<Sidecar> | null> {
    try {
      const side = JSON.parse(await readFile(paths(id).json, 'utf8')) as unknown;
      return side !== null && typeof side === 'object' ? (side as Partial<Sidecar>) : null;
    } catch {
      return null;
    }
  }

  async function pidOf(id: string): Promise<number | null> {
    const side = await readSidecar(id);
    return typeof side?.pid === 'number' ? side.pid : null;
  }

  async function inodeOf(path: string): Promise<string | null> {
    try {
      const ino = (await stat(path, { bigint: true })).ino;
      return ino > 0n ? String(ino) : null;
    } catch {
      return null;
    }
  }

  return {
    dir,
    async write(id, bytes, meta) {
      const p = paths(id);
      await mkdir(dir, { recursive: true });
      const next: Details = { name: meta.name, savedPath: meta.savedPath };
      // 1. the new details as pending, beside those of the file now on disk (if any)
      const ino = await inodeOf(p.rlab);
      const old = ino === null ? null : await readSidecar(id);
      const current = old ? detailsOf(old, ino) : null;
      const before: Sidecar = { id, pid: process.pid, modified: new Date().toISOString(), name: current?.name ?? next.name, savedPath: current ? current.savedPath : next.savedPath, ino, pending: next };
      await writeFileAtomic(p.json, JSON.stringify(before, null, 2));
      // 2. the study file (a new inode)
      await writeFileAtomic(p.rlab, bytes);
      // 3. the new details, for that file
      const after: Sidecar = { id, pid: process.pid, modified: new Date().toISOString(), ...next, ino: await inodeOf(p.rlab) };
      await writeFileAtomic(p.json, JSON.stringify(after, null, 2));
    },
    async remove(id) {
      const p = paths(id);
      await unlink(p.rlab).catch(() => undefined);
      await unlink(p.json).catch(() => undefined);
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const out: RecoveryInfo[] = [];
      const studies = new Set(names.filter((n) => n.endsWith('.rlab')).map((n) => n.slice(0, -5)));
      for (const name of names) {
        // a sidecar without its study file: a write or removal cut short; tidy it once its process is gone
        const orphan = /^(.+)\.json$/.exec(name);
        if (orphan && ID.test(orphan[1]) && !studies.has(orphan[1]) && !isLive(orphan[1])) {
          const pid = await pidOf(orphan[1]);
          if (pid === null || (pid !== process.pid && !processAlive(pid))) await unlink(join(dir, name)).catch(() => undefined);
          continue;
        }
        const m = /^(.+)\.rlab$/.exec(name);
        if (!m || !ID.test(m[1])) continue;
        const id = m[1];
        if (isLive(id)) continue;
        const pid = await pidOf(id);
        if (pid !== null && pid !== process.pid && processAlive(pid)) continue; // another running instance's
        const i = await info(id);
        if (i) out.push(i);
      }
      return out.sort((a, b) => b.modifiedMs - a.modifiedMs);
    },
    info,
    async read(id) {
      const i = await info(id);
      if (!i) throw new Error('That recovery file is gone (it was recovered or discarded, maybe in another window).');
      return { bytes: new Uint8Array(await readFile(i.file)), info: i };
    },
  };
}
