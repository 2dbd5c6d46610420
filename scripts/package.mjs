#!/usr/bin/env node
/**
 * `npm run package`: the desktop app as a folder for this platform (dist/<platform>-unpacked), built with
 * electron-builder from out/ (electron-vite build) and the Electron binary already in node_modules/electron/dist
 * (electronDist: no download), fuses flipped and checked by scripts/after-pack.cjs. Installers (AppImage, NSIS, dmg)
 * are `npx electron-builder` targets on top of this (they may download their tools).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
if (!binary || !existsSync(binary)) {
  console.error("package: Electron's binary is not in node_modules/electron/dist (it is fetched on the first `npm start` with internet access, or by `npx install-electron`); nothing to package.");
  process.exit(1);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['electron-vite', 'build']);
run('npx', ['electron-builder', '--dir', '--publish', 'never']);
