/**
 * Atomic saving under SIGKILL: a child process saves a large study (8 MB of raw data) in a loop and is killed at
 * random moments, many times; after every kill the file on disk must open as a whole study, either the last one
 * saved or the one being saved, never a broken file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeStudy } from '../../src/main/study/format';

const CHILD = resolve(__dirname, 'save-loop-child.ts');
const dir = mkdtempSync(join(tmpdir(), 'rlab-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Start the child, wait until it has saved `after` times plus a random delay, kill it; resolves with the last
 * version it reported as saved. */
function runAndKill(path: string, delayMs: number): Promise<number> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes('saved 1\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`the child ended by itself (code ${code}): ${err}`));
      const saved = [...out.matchAll(/saved (\d+)/g)].map((m) => Number(m[1]));
      ok(saved.length ? saved[saved.length - 1] : 0);
    });
  });
}

describe('saving is atomic under kill -9', () => {
  it('leaves a readable study (the last saved or the next) after each of many kills at random moments', async () => {
    const path = join(dir, 'study.rlab');
    let seed = 42;
    const kills = 12;
    const landed: number[] = [];
    for (let k = 0; k < kills; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const delayMs = seed % 700;
      const lastSaved = await runAndKill(path, delayMs);
      const study = await decodeStudy(new Uint8Array(readFileSync(path)), 'study.rlab');
      const version = (study.sections[0].state as { version: number }).version;
      // the file is the last version the child reported, or the one it was renaming into place when killed
      expect([lastSaved, lastSaved + 1], `kill ${k} after ${delayMs} ms`).toContain(version);
      expect(study.meta.title).toBe(`version ${version}`);
      expect(study.sections[0].files[0].bytes.length).toBe(8 * 1024 * 1024);
      landed.push(version);
    }
    // the kills landed at different points of the save loop, not always before the second save
    expect(new Set(landed).size).toBeGreaterThan(1);
    // at worst a temporary file is left beside it; never anything under the study's own name but the study
    expect(readdirSync(dir).filter((n) => !n.startsWith('.study.rlab.'))).toEqual(['study.rlab']);
  }, 240_000);
});
