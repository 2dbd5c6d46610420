/**
 * How `npm start` chooses between the desktop window and browser mode (scripts/start.mjs): the Electron binary is
 * found the way Electron's own index.js finds it (path.txt → dist/…), without running its downloader, and a display
 * is needed for a window. The whole path (a fresh clone, `npm start` in browser mode, the app served) is proved by
 * .ci/run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without types
import { electronBinary, hasDisplay } from '../scripts/start.mjs';

const dir = mkdtempSync(join(tmpdir(), 'rl-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start: desktop window or browser mode', () => {
  it('finds the Electron binary only when path.txt names a file that exists', () => {
    const pkg = join(dir, 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    expect(electronBinary(pkg)).toBeNull(); // no path.txt: never downloaded
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(electronBinary(pkg)).toBeNull(); // named but absent (a failed download)
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(electronBinary(pkg)).toBe(join(pkg, 'dist', 'electron'));
  });

  it('needs a display on Linux (X11 or Wayland), always has one on macOS and Windows', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });
});
