/**
 * Child process for the kill-during-save test (kill-save.test.ts): saves a large study to argv[2] over and over,
 * each version carrying its number in its state, and prints "saved N" after each. It is killed with SIGKILL at a
 * random moment; the parent then checks the file is a whole study (the one before or the one being written).
 */
import { writeFileAtomic } from '../../src/main/atomic-write';
import { encodeStudy, type StudyContent } from '../../src/main/study/format';

const path = process.argv[2];
const megabytes = Number(process.argv[3] ?? '8');
const big = new Uint8Array(megabytes * 1024 * 1024);
for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;

for (let version = 1; ; version++) {
  const content: StudyContent = {
    meta: { title: `version ${version}`, label: null, description: null, appVersion: 'test', created: '2026-01-01T00:00:00.000Z', modified: new Date().toISOString() },
    sections: [{ id: 'tga', version: 1, state: { version }, files: [{ name: 'big.csv', bytes: big }, { name: `v${version}.txt`, bytes: new TextEncoder().encode(`version ${version}\n`) }] }],
    derived: [],
  };
  await writeFileAtomic(path, await encodeStudy(content));
  process.stdout.write(`saved ${version}\n`);
}
