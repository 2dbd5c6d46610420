/**
 * A recovery file and its sidecar stay a consistent pair whenever the process dies (study/recovery.ts): a child
 * autosaves two versions under different names and is killed with SIGKILL after each file rename in turn; the
 * recovery offered afterwards is a whole study carrying the name and save path of the version it holds (or nothing,
 * when no study file was in place yet) — never a study recovered as "Unsaved study" or under the other version's name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeStudy } from '../../src/main/study/format';
import { createRecoveryStore } from '../../src/main/study/recovery';

const CHILD = resolve(__dirname, 'recovery-kill-child.ts');
const root = mkdtempSync(join(tmpdir(), 'rlab-recovery-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(dir: string, killAfter: number): Promise<{ killed: boolean; out: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(killAfter)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return ok({ killed: true, out });
      if (code === 0) return ok({ killed: false, out });
      fail(new Error(`child failed (code ${code}): ${err}`));
    });
  });
}

// Three renames per write: sidecar (pending), study file, sidecar (final); two writes.
const expected: { after: number; version: number | null; name?: string; savedPath?: string | null }[] = [
  { after: 1, version: null },
  { after: 2, version: 1, name: 'First name', savedPath: null },
  { after: 3, version: 1, name: 'First name', savedPath: null },
  { after: 4, version: 1, name: 'First name', savedPath: null },
  { after: 5, version: 2, name: 'Second name', savedPath: '/studies/second.rlab' },
  { after: 6, version: 2, name: 'Second name', savedPath: '/studies/second.rlab' },
];

describe('recovery file and sidecar under kill -9', () => {
  it.each(expected)('killed after rename $after: recovers version $version with its own name', { timeout: 60_000 }, async ({ after, version, name, savedPath }) => {
    const dir = join(root, `after-${after}`);
    const { killed, out } = await run(dir, after);
    expect(killed, out).toBe(true);
    // the renames land in the order the protocol says: sidecar, study file, sidecar
    const targets = [...out.matchAll(/rename \d+ (\S+)/g)].map((m) => m[1].replace(/^.*\./, ''));
    expect(targets).toEqual(['json', 'rlab', 'json', 'json', 'rlab', 'json'].slice(0, after));
    const store = createRecoveryStore(dir, () => false);
    const offered = await store.list();
    if (version === null) {
      expect(offered).toEqual([]);
      // the sidecar left without a study file is tidied away (its process is gone)
      expect(readdirSync(dir).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
      return;
    }
    expect(offered.map((o) => [o.name, o.savedPath])).toEqual([[name, savedPath]]);
    const study = await decodeStudy(new Uint8Array(readFileSync(offered[0].file)), 'recovered.rlab');
    expect(study.meta.title).toBe(`version ${version}`);
    expect(study.sections[0].state).toEqual({ version });
  });

  it('runs to the end without a kill and leaves the pair of the last version', { timeout: 60_000 }, async () => {
    const dir = join(root, 'whole');
    const { killed } = await run(dir, 0);
    expect(killed).toBe(false);
    const offered = await createRecoveryStore(dir, () => false).list();
    expect(offered.map((o) => [o.name, o.savedPath])).toEqual([['Second name', '/studies/second.rlab']]);
  });
});
