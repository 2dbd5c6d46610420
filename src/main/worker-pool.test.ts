import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerTgaParser } from './worker-pool';

// A stand-in worker speaking the import worker's protocol: it returns the byte count as a one-point run.
const dir = mkdtempSync(join(tmpdir(), 'rl-worker-'));
const workerFile = join(dir, 'echo-worker.mjs');
writeFileSync(
  workerFile,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, name, bytes }) => {
  if (name === 'crash.csv') process.exit(3);
  if (name === 'bad.csv') return parentPort.postMessage({ id, ok: false, message: name + ', line 2: expected a number' });
  const timeS = new Float64Array([bytes.length]);
  parentPort.postMessage({ id, ok: true, parsed: { run: { timeS, source: { fileName: name } }, report: ['echo ' + name] } }, [timeS.buffer]);
});`,
);

const pool = createWorkerTgaParser(pathToFileURL(workerFile), 2);
afterAll(() => pool.close());

describe('createWorkerTgaParser', () => {
  it('parses files in worker threads and returns each answer to its caller', async () => {
    const names = ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv'];
    const results = await Promise.all(names.map((name, i) => pool.parse({ name, bytes: new Uint8Array(i + 1) })));
    expect(results.map((r) => r.report[0])).toEqual(names.map((n) => `echo ${n}`));
    expect(results.map((r) => r.run.timeS[0])).toEqual([1, 2, 3, 4, 5]);
    expect(results[0].run.timeS).toBeInstanceOf(Float64Array);
  });

  it('rejects with the parser message, and survives a worker that dies', async () => {
    await expect(pool.parse({ name: 'bad.csv', bytes: new Uint8Array(1) })).rejects.toThrow('bad.csv, line 2: expected a number');
    await expect(pool.parse({ name: 'crash.csv', bytes: new Uint8Array(1) })).rejects.toThrow(/exit code 3/);
    const after = await pool.parse({ name: 'ok.csv', bytes: new Uint8Array(7) });
    expect(after.run.timeS[0]).toBe(7);
  });
});
