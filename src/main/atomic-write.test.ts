/** The atomic writer: replaces whole files, keeps permissions, and on a full disk keeps the old file and says so. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicWriteError, nodeAtomicFs, nodeAtomicFsSync, writeFileAtomic, writeFileAtomicSync, type AtomicFs, type AtomicFsSync } from './atomic-write';

const dir = mkdtempSync(join(tmpdir(), 'rlab-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enospc = (): NodeJS.ErrnoException => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** A disk that fills up after `room` bytes. */
function fullDisk(room: number): AtomicFs {
  let written = 0;
  return {
    ...nodeAtomicFs,
    async write(fd, data, offset, length) {
      if (written + length > room) {
        const part = Math.max(0, room - written);
        if (part > 0) written += await nodeAtomicFs.write(fd, data, offset, part);
        if (part === 0) throw enospc();
        return part;
      }
      written += length;
      return nodeAtomicFs.write(fd, data, offset, length);
    },
  };
}

function fullDiskSync(room: number): AtomicFsSync {
  let written = 0;
  return {
    ...nodeAtomicFsSync,
    write(fd, data, offset, length) {
      if (written >= room) throw enospc();
      const n = Math.min(length, room - written);
      written += n;
      return nodeAtomicFsSync.write(fd, data, offset, n);
    },
  };
}

const leftovers = () => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one whole, keeping its permissions', async () => {
    const path = join(dir, 'table.csv');
    await writeFileAtomic(path, 'a,b\n1,2\n');
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
    chmodSync(path, 0o640);
    const big = new Uint8Array(3_000_000).map((_, i) => i % 251);
    await writeFileAtomic(path, big);
    expect(Buffer.compare(readFileSync(path), Buffer.from(big))).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(leftovers()).toEqual([]);
  });

  it('writes through a symbolic link to its target', async () => {
    const target = join(dir, 'real.svg');
    const link = join(dir, 'link.svg');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    await writeFileAtomic(link, '<svg/>');
    expect(readFileSync(target, 'utf8')).toBe('<svg/>');
    expect(statSync(link).isFile()).toBe(true);
  });

  it('on a full disk keeps the old file, removes the temporary one and says the disk is full', async () => {
    const path = join(dir, 'study.rlab');
    writeFileSync(path, 'the old study');
    const error = await writeFileAtomic(path, new Uint8Array(1_000_000), fullDisk(300_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as AtomicWriteError).code).toBe('ENOSPC');
    expect((error as Error).message).toBe(`Could not save ${path}: the disk is full. Free some space and save again (the previous version of the file (if any) is unchanged).`);
    expect(readFileSync(path, 'utf8')).toBe('the old study');
    expect(leftovers()).toEqual([]);
  });

  it('the synchronous writer (the CLI) does the same', () => {
    const path = join(dir, 'series.csv');
    writeFileAtomicSync(path, 'x\n1\n');
    expect(readFileSync(path, 'utf8')).toBe('x\n1\n');
    expect(() => writeFileAtomicSync(path, 'y\n'.repeat(100_000), fullDiskSync(1000))).toThrow(/the disk is full/);
    expect(readFileSync(path, 'utf8')).toBe('x\n1\n');
    expect(leftovers()).toEqual([]);
  });

  it('names a missing folder', async () => {
    await expect(writeFileAtomic(join(dir, 'no', 'such', 'x.csv'), 'x')).rejects.toThrow(/the folder .*no\/such does not exist/);
  });
});
