/**
 * Child process for the recovery crash test (recovery-kill.test.ts): autosaves two versions of a study to a recovery
 * store — version 1 as "First name" (never saved), version 2 as "Second name" saved at /studies/second.rlab — and
 * kills itself with SIGKILL right after the N-th file rename (argv[3]), the moment each step of a recovery write
 * becomes visible on disk. Each rename is counted through node:fs/promises itself, so the store runs unmodified.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { encodeStudy, type StudyContent } from '../../src/main/study/format';
import { createRecoveryStore } from '../../src/main/study/recovery';

const dir = process.argv[2];
const killAfter = Number(process.argv[3]);
const fsp = createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');
const rename = fsp.rename;
let renames = 0;
fsp.rename = async (from, to) => {
  await rename(from, to);
  renames++;
  process.stdout.write(`rename ${renames} ${String(to)}\n`);
  if (renames === killAfter) process.kill(process.pid, 'SIGKILL');
};
syncBuiltinESMExports();

const store = createRecoveryStore(dir, () => false);
const versions = [
  { version: 1, name: 'First name', savedPath: null },
  { version: 2, name: 'Second name', savedPath: '/studies/second.rlab' },
];
for (const v of versions) {
  const content: StudyContent = {
    meta: { title: `version ${v.version}`, label: null, description: null, appVersion: 'test', created: '2026-01-01T00:00:00.000Z', modified: new Date().toISOString() },
    sections: [{ id: 'tga', version: 1, state: { version: v.version }, files: [{ name: 'log.csv', bytes: new TextEncoder().encode(`t,m\n0,${v.version}\n`) }] }],
    derived: [],
  };
  await store.write('session-under-test', await encodeStudy(content), { name: v.name, savedPath: v.savedPath });
}
process.stdout.write('done\n');
