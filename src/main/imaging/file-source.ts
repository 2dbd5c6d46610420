/**
 * ByteSources over files on disk for the stack readers (core/formats/image): the file is read where it is, a
 * piece at a time, so a stack larger than memory streams. fileSource keeps one handle open (a single stack file);
 * lazyFileSource opens the file for each read (the thousand files of a folder stack never hold a thousand handles).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource } from '../../core/formats/image/types';

async function readFully(handle: import('node:fs/promises').FileHandle, name: string, offset: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
  const target = into ? into.subarray(0, length) : new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(target, done, length - done, offset + done);
    if (bytesRead === 0) throw new RangeError(`${name}: unexpected end of file at byte ${offset + done} (wanted ${length} bytes from ${offset})`);
    done += bytesRead;
  }
  return target;
}

function readFullySync(fd: number, name: string, offset: number, length: number, into: Uint8Array): Uint8Array {
  const target = into.subarray(0, length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, target, done, length - done, offset + done);
    if (n === 0) throw new RangeError(`${name}: unexpected end of file at byte ${offset + done} (wanted ${length} bytes from ${offset})`);
    done += n;
  }
  return target;
}

/** A source over one file, its handle open until close(). */
export async function fileSource(path: string, name = basename(path)): Promise<ByteSource> {
  const handle = await open(path, 'r');
  const size = (await handle.stat()).size;
  let closed = false;
  return {
    name,
    size,
    read: (offset, length, into) => {
      if (closed) throw new Error(`${name}: the file is closed`);
      return readFully(handle, name, offset, length, into);
    },
    readSync: (offset, length, into) => {
      if (closed) throw new Error(`${name}: the file is closed`);
      return readFullySync(handle.fd, name, offset, length, into);
    },
    async close() {
      if (!closed) {
        closed = true;
        await handle.close();
      }
    },
  };
}

/** A source that opens the file for every read (size known beforehand). */
export async function lazyFileSource(path: string, name = basename(path)): Promise<ByteSource> {
  const size = (await stat(path)).size;
  return {
    name,
    size,
    async read(offset, length, into) {
      const handle = await open(path, 'r');
      try {
        return await readFully(handle, name, offset, length, into);
      } finally {
        await handle.close();
      }
    },
    readSync(offset, length, into) {
      const fd = openSync(path, 'r');
      try {
        return readFullySync(fd, name, offset, length, into);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, n = 16): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
