/**
 * Atomic file writes for everything the app and the CLI write (study files, recovery files, CSV/SVG/PNG exports):
 * the data go to a temporary file in the same folder, which is flushed (fsync), closed and renamed over the
 * target; then the folder itself is flushed so the rename survives a power cut. A process killed at any moment
 * leaves either the old file or the new one, never a mix (rename(2) is atomic within one file system), plus at
 * worst a stray `.NAME.*.tmp` beside it. A full disk (ENOSPC), a quota (EDQUOT) or any other failure removes the
 * temporary file, keeps the old file and throws an AtomicWriteError whose message says so in words.
 *
 * The file system calls are injectable (`AtomicFs`) so tests can simulate a full disk.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class AtomicWriteError extends Error {
  override name = 'AtomicWriteError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** The calls the writer makes; the defaults are node:fs's. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<number>;
  write(fd: number, data: Uint8Array, offset: number, length: number): Promise<number>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export interface AtomicFsSync {
  open(path: string, flags: string, mode?: number): number;
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
}

const promisified = <T>(fn: (cb: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> =>
  new Promise((ok, fail) => fn((error, value) => (error ? fail(error) : ok(value))));

export const nodeAtomicFs: AtomicFs = {
  open: (path, flags, mode) => promisified<number>((cb) => fs.open(path, flags, mode ?? 0o666, cb)),
  write: (fd, data, offset, length) => promisified<number>((cb) => fs.write(fd, data, offset, length, null, cb)),
  fsync: (fd) => promisified<void>((cb) => fs.fsync(fd, (e) => cb(e, undefined))),
  close: (fd) => promisified<void>((cb) => fs.close(fd, (e) => cb(e ?? null, undefined))),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
};

export const nodeAtomicFsSync: AtomicFsSync = {
  open: (path, flags, mode) => fs.openSync(path, flags, mode ?? 0o666),
  write: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length, null),
  fsync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (path) => fs.unlinkSync(path),
};

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** The real file behind a symbolic link (so saving through a link replaces the target, not the link). */
function resolveTarget(path: string): string {
  try {
    return fs.realpathSync(path);
  } catch {
    return path; // a new file
  }
}

function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Permission bits of the file being replaced, so a save keeps them (new files: the umask's default). */
function existingMode(target: string): number | undefined {
  try {
    return fs.statSync(target).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** A sentence for the user; `path` is the file that was to be written. */
export function describeWriteError(path: string, error: unknown): AtomicWriteError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const kept = 'the previous version of the file (if any) is unchanged';
  let why: string;
  switch (code) {
    case 'ENOSPC':
      why = `the disk is full. Free some space and save again (${kept})`;
      break;
    case 'EDQUOT':
      why = `your disk quota is used up. Free some space and save again (${kept})`;
      break;
    case 'EACCES':
    case 'EPERM':
      why = `permission denied: choose a folder you can write to (${kept})`;
      break;
    case 'EROFS':
      why = `the disk is read-only (${kept})`;
      break;
    case 'ENOENT':
      why = `the folder ${dirname(path)} does not exist`;
      break;
    case 'EISDIR':
      why = 'a folder has that name';
      break;
    default:
      why = `${error instanceof Error ? error.message : String(error)} (${kept})`;
  }
  return new AtomicWriteError(`Could not save ${path}: ${why}.`, code);
}

/** fsync the folder so the rename is on disk; some platforms (Windows) cannot open a folder: that is fine there. */
async function syncDir(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = await nodeAtomicFs.open(dir, 'r');
    await nodeAtomicFs.fsync(fd);
  } catch {
    // best effort: the data are already flushed and renamed
  } finally {
    if (fd !== undefined) await nodeAtomicFs.close(fd).catch(() => undefined);
  }
}

function syncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort (see syncDir)
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}

/** Write `data` to `path` atomically (see the module comment). Resolves with the path written. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, io: AtomicFs = nodeAtomicFs): Promise<string> {
  const target = resolveTarget(path);
  const bytes = toBytes(data);
  const tmp = tempPath(target);
  let fd: number | undefined;
  try {
    fd = await io.open(tmp, 'wx', existingMode(target));
    let offset = 0;
    while (offset < bytes.length) offset += await io.write(fd, bytes, offset, Math.min(bytes.length - offset, 1 << 24));
    await io.fsync(fd);
    const opened = fd;
    fd = undefined;
    await io.close(opened);
    await io.rename(tmp, target);
  } catch (error) {
    if (fd !== undefined) await io.close(fd).catch(() => undefined);
    await io.unlink(tmp).catch(() => undefined);
    throw describeWriteError(path, error);
  }
  await syncDir(dirname(target));
  return path;
}

/** The same, synchronously (the CLI). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, io: AtomicFsSync = nodeAtomicFsSync): string {
  const target = resolveTarget(path);
  const bytes = toBytes(data);
  const tmp = tempPath(target);
  let fd: number | undefined;
  try {
    fd = io.open(tmp, 'wx', existingMode(target));
    let offset = 0;
    while (offset < bytes.length) offset += io.write(fd, bytes, offset, Math.min(bytes.length - offset, 1 << 24));
    io.fsync(fd);
    const opened = fd;
    fd = undefined;
    io.close(opened);
    io.rename(tmp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.close(fd);
      } catch {
        // ignore: reporting the first error
      }
    }
    try {
      io.unlink(tmp);
    } catch {
      // it may not exist
    }
    throw describeWriteError(path, error);
  }
  syncDirSync(dirname(target));
  return path;
}

/** A file written in pieces (a 10⁶-row CSV), made visible only by commit(): the same temp-flush-rename as above. */
export interface AtomicSyncStream {
  write(text: string | Uint8Array): void;
  /** Flush, close and rename into place. */
  commit(): void;
  /** Remove the temporary file (after an error); the old file is kept. */
  abort(): void;
}

export function openAtomicSync(path: string, io: AtomicFsSync = nodeAtomicFsSync): AtomicSyncStream {
  const target = resolveTarget(path);
  const tmp = tempPath(target);
  let fd: number | undefined;
  try {
    fd = io.open(tmp, 'wx', existingMode(target));
  } catch (error) {
    throw describeWriteError(path, error);
  }
  const fail = (error: unknown): never => {
    if (fd !== undefined) {
      try {
        io.close(fd);
      } catch {
        // reporting the first error
      }
      fd = undefined;
    }
    try {
      io.unlink(tmp);
    } catch {
      // already gone
    }
    throw describeWriteError(path, error);
  };
  return {
    write(data) {
      if (fd === undefined) throw new Error(`${path}: the file was already closed`);
      const bytes = toBytes(data);
      try {
        let offset = 0;
        while (offset < bytes.length) offset += io.write(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        fail(error);
      }
    },
    commit() {
      if (fd === undefined) throw new Error(`${path}: the file was already closed`);
      try {
        io.fsync(fd);
        const opened = fd;
        fd = undefined;
        io.close(opened);
        io.rename(tmp, target);
      } catch (error) {
        fail(error);
      }
      syncDirSync(dirname(target));
    },
    abort() {
      if (fd === undefined) return;
      try {
        io.close(fd);
      } catch {
        // ignore
      }
      fd = undefined;
      try {
        io.unlink(tmp);
      } catch {
        // ignore
      }
    },
  };
}
