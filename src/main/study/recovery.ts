/**
 * Recovery files: the autosaved copy of an open study, `<id>.rlab` in a folder the app (or the browser-mode server)
 * owns, with a small `<id>.json` beside it (study name, where it was saved, the writing process). Both are written
 * atomically. A recovery file is removed when its study is saved or its changes are discarded; one that is left
 * belongs to a session that crashed, was killed, or (browser mode) was closed by the server, and is offered on the
 * next start. Files of sessions still open (`isLive`) and of other running processes are not offered.
 */
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoveryInfo } from '../../shared/api';
import { writeFileAtomic } from '../atomic-write';

interface Sidecar {
  id: string;
  pid: number;
  name: string;
  savedPath: string | null;
  modified: string;
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

export function createRecoveryStore(dir: string, isLive: (id: string) => boolean): RecoveryStore {
  const paths = (id: string) => {
    if (!ID.test(id)) throw new Error(`not a recovery id: ${id}`);
    return { rlab: join(dir, `${id}.rlab`), json: join(dir, `${id}.json`) };
  };

  async function info(id: string): Promise<RecoveryInfo | null> {
    const p = paths(id);
    let size: number;
    let modifiedMs: number;
    try {
      const st = await stat(p.rlab);
      size = st.size;
      modifiedMs = st.mtimeMs;
    } catch {
      return null;
    }
    let side: Partial<Sidecar> = {};
    try {
      side = JSON.parse(await readFile(p.json, 'utf8')) as Sidecar;
    } catch {
      // the sidecar is written after the study: without it the file still recovers, with fewer details
    }
    return { id, name: typeof side.name === 'string' ? side.name : 'Unsaved study', savedPath: typeof side.savedPath === 'string' ? side.savedPath : null, modifiedMs, size, file: p.rlab };
  }

  async function pidOf(id: string): Promise<number | null> {
    try {
      const side = JSON.parse(await readFile(paths(id).json, 'utf8')) as Sidecar;
      return typeof side.pid === 'number' ? side.pid : null;
    } catch {
      return null;
    }
  }

  return {
    dir,
    async write(id, bytes, meta) {
      const p = paths(id);
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(p.rlab, bytes);
      const side: Sidecar = { id, pid: process.pid, name: meta.name, savedPath: meta.savedPath, modified: new Date().toISOString() };
      await writeFileAtomic(p.json, JSON.stringify(side, null, 2));
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
      for (const name of names) {
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
