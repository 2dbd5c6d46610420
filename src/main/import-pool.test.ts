/**
 * The import pool: answers go to their callers, and a file that fails, crashes its worker, runs out of heap, runs
 * too long or is cancelled fails alone, named, while the pool goes on. First with a stand-in worker that misbehaves
 * on command, then with the real worker on real formats (and a zip bomb).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { readEddFile } from '../core/formats/edd';
import { createHpSession } from './hp-session';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportPool, ImportCancelled, type ImportPool } from './import-pool';
import { buildImportWorker } from '../../test/support/build-worker';
import { zipBomb } from '../../test/robustness/zip-bomb';
import { simulatedStudyCifs } from '../../test/e2e/support/sim-cifs';
import { createHash } from 'node:crypto';
import { decodeStudy, encodeStudy, type StudyContent } from './study/format';
import { knownSha256 } from './study/hash';
import { workerStudyDecoder, workerStudyEncoder } from './study/worker-encode';

const dir = mkdtempSync(join(tmpdir(), 'rl-import-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Speaks the import worker's protocol; misbehaves according to the file name.
const standIn = join(dir, 'stand-in.mjs');
writeFileSync(
  standIn,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, request }) => {
  const { name, bytes } = request;
  if (name === 'crash.csv') process.exit(3);
  if (name === 'hog.csv') { const keep = []; for (let i = 0; ; i++) keep.push(new Array(1e6).fill(i)); }
  if (name === 'slow.csv') { for (;;); }
  if (name === 'bad.csv') return parentPort.postMessage({ id, ok: false, message: name + ', line 2: expected a number' });
  if (name === 'odd.csv') return parentPort.postMessage({ id, ok: false, message: name + ': TypeError inside the reader', recycle: true });
  const timeS = new Float64Array([bytes.length]);
  parentPort.postMessage({ id, ok: true, result: { run: { timeS, source: { fileName: name } }, report: ['read ' + name] } }, [timeS.buffer]);
});`,
);

const file = (name: string, size = 1) => ({ name, bytes: new Uint8Array(size) });

describe('createImportPool (stand-in worker)', () => {
  let pool: ImportPool;
  beforeAll(() => {
    pool = createImportPool(pathToFileURL(standIn), { size: 2, limits: { maxOldGenerationSizeMb: 32, timeoutMs: 4000 } });
  });
  afterAll(() => pool.close());

  it('reads files two at a time and gives each answer to its caller', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `${n}.csv`);
    const results = await Promise.all(names.map((n, i) => pool.parseTga(file(n, i + 1))));
    expect(results.map((r) => r.report[0])).toEqual(names.map((n) => `read ${n}`));
    expect(results.map((r) => r.run.timeS[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pool.workerCount()).toBeLessThanOrEqual(2);
  });

  it('a reader error, a crashed worker, a worker out of heap and one out of time each fail alone, named', async () => {
    const outcomes = await Promise.allSettled(['bad.csv', 'crash.csv', 'hog.csv', 'slow.csv', 'ok.csv'].map((n) => pool.parseTga(file(n, 4))));
    const message = (i: number) => (outcomes[i].status === 'rejected' ? String((outcomes[i] as PromiseRejectedResult).reason.message) : 'fulfilled');
    expect(message(0)).toBe('bad.csv, line 2: expected a number');
    expect(message(1)).toBe('crash.csv: the import stopped unexpectedly (worker exit code 3); the file was not loaded');
    expect(message(2)).toMatch(/^hog\.csv: reading it needed more memory than an import may use \(32 MB\); the file was not loaded/);
    expect(message(3)).toMatch(/^slow\.csv: reading it took longer than 4 s and was stopped/);
    expect(outcomes[4].status).toBe('fulfilled');
    // and the pool goes on
    expect((await pool.parseTga(file('after.csv', 9))).run.timeS[0]).toBe(9);
  }, 30_000);

  it('replaces a worker whose reader failed unexpectedly', async () => {
    await expect(pool.parseTga(file('odd.csv'))).rejects.toThrow('odd.csv: TypeError inside the reader');
    expect((await pool.parseTga(file('next.csv', 3))).run.timeS[0]).toBe(3);
  });

  it('cancels a file being read and a file waiting, and only those', async () => {
    const stop = new AbortController();
    const slow = pool.parseTga(file('slow.csv'), { signal: stop.signal });
    const other = pool.parseTga(file('other.csv', 5));
    const waiting = pool.parseTga(file('slow.csv'), { signal: stop.signal });
    await new Promise((r) => setTimeout(r, 100));
    stop.abort();
    await expect(slow).rejects.toBeInstanceOf(ImportCancelled);
    await expect(waiting).rejects.toThrow('slow.csv: import cancelled');
    expect((await other).run.timeS[0]).toBe(5);
    const already = new AbortController();
    already.abort();
    await expect(pool.parseTga(file('x.csv'), { signal: already.signal })).rejects.toBeInstanceOf(ImportCancelled);
  });
});

describe('createImportPool (the real worker)', () => {
  let pool: ImportPool;
  let small: ImportPool;
  beforeAll(async () => {
    const url = await buildImportWorker();
    pool = createImportPool(url);
    small = createImportPool(url, { size: 1, limits: { maxOldGenerationSizeMb: 48 } });
  }, 60_000);
  afterAll(async () => {
    await pool.close();
    await small.close();
  });

  const csv = ['time_s,temperature_C,mass_mg', ...Array.from({ length: 200 }, (_, t) => `${t},700,${(10 - 3 * (1 - Math.exp(-t / 50))).toFixed(5)}`)].join('\n');

  it('reads a TGA run with its display series and first analysis prepared', async () => {
    const parsed = await pool.parseTga({ name: 'run.csv', bytes: new TextEncoder().encode(csv) }, { prepare: { analysisSettings: { alphaTargets: [0.5, 0.9], sgWindowS: 15, saturationFraction: 0.99 } } });
    expect(parsed.run.timeS).toBeInstanceOf(Float64Array);
    expect(parsed.run.timeS.length).toBe(200);
    expect(parsed.prepared?.raw.massRaw?.y.length).toBe(200);
    expect(parsed.prepared?.first.role).toBe('sample');
    expect(parsed.prepared?.first.state.view?.metrics.alphaFinal).toBeGreaterThan(0.9);
  });

  it('reports rows read while a long table is parsed', async () => {
    const rows = ['time_s,temperature_C,mass_mg', ...Array.from({ length: 200_000 }, (_, t) => `${t * 0.1},700,${(10 - t * 1e-5).toFixed(6)}`)].join('\n');
    const seen: number[] = [];
    const parsed = await pool.parseTga({ name: 'long.csv', bytes: new TextEncoder().encode(rows) }, { onProgress: (n) => seen.push(n) });
    expect(parsed.run.timeS.length).toBe(200_000);
    expect(seen).toEqual([65536, 131072, 196608]);
  });

  it('reads diffraction frames, a CIF and a temperature log; tells unrecognised files from broken ones', async () => {
    const xy = new TextEncoder().encode('# 2th_deg I\n10 5\n10.1 6\n10.2 7\n');
    const frames = await pool.run({ kind: 'xrd', name: 'f.xy', bytes: xy });
    expect(frames?.[0].intensity).toEqual(Float64Array.from([5, 6, 7]));
    expect(await pool.run({ kind: 'xrd', name: 'README.md', bytes: new TextEncoder().encode('# notes\nnothing here'), onlyRecognised: true })).toBeNull();
    await expect(pool.run({ kind: 'xrd', name: 'back.xy', bytes: new TextEncoder().encode('10 5\n10.1 6\n10.05 7\n') })).rejects.toThrow(/^back\.xy: expected 2θ values that only increase/);
    const [spinel] = simulatedStudyCifs();
    const phase = await pool.run({ kind: 'cif', name: spinel.name, bytes: new TextEncoder().encode(spinel.text) });
    expect(phase.id).toBe(spinel.id);
    expect(phase.symops.length).toBe(192);
    const log = await pool.run({ kind: 'templog', name: 't.txt', bytes: new TextEncoder().encode('0 25\n10 35\n') });
    expect(Array.from(log.temperatureC)).toEqual([25, 35]);
  });

  it('refuses a 3 MB zip bomb with a message naming the file, and reads the next file', async () => {
    for (const kind of ['brml', 'rasx'] as const) {
      await expect(pool.run({ kind: 'xrd', name: `bomb.${kind}`, bytes: zipBomb(kind) })).rejects.toThrow(new RegExp(`^bomb\\.${kind}: expected members of at most 256\\.0 MiB`));
    }
    await expect(pool.parseTga({ name: 'bomb.ngb-ss3', bytes: zipBomb('ngb-ss3', { honest: false }) })).rejects.toThrow(/^bomb\.ngb-ss3: expected member Streams\/stream_1\.table of 1024 bytes/);
    expect((await pool.parseTga({ name: 'run.csv', bytes: new TextEncoder().encode(csv) })).run.timeS.length).toBe(200);
  });

  it('reads EDD spectra and pressure-scale tables; a broken one fails by name (the high-pressure session reads through the pool)', async () => {
    const eddDir = resolve(__dirname, '../../test/fixtures/simulated/edd');
    const mca = { name: 'au_mgo_5.38GPa.mca', bytes: new Uint8Array(readFileSync(join(eddDir, 'au_mgo_5.38GPa.mca'))) };
    const spectra = await pool.run({ kind: 'edd', name: mca.name, bytes: mca.bytes });
    expect(spectra[0].counts).toBeInstanceOf(Float64Array);
    expect(Array.from(spectra[0].counts)).toEqual(Array.from(readEddFile(mca.name, mca.bytes)[0].counts));
    await expect(pool.run({ kind: 'edd', name: 'notes.txt', bytes: new TextEncoder().encode('hello') })).rejects.toThrow(/^notes\.txt/);
    const scale = { id: 'lab2025', calibrant: 'Au', name: 'Lab Au', citation: 'notebook', structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85, eos: { kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 167, k0Prime: 6 }, thermal: { model: 'none', referenceTemperatureK: 300 } } };
    const defs = await pool.run({ kind: 'scale', name: 'lab.json', bytes: new TextEncoder().encode(JSON.stringify(scale)) });
    expect(defs.map((d) => d.id)).toEqual(['lab2025']);
    await expect(pool.run({ kind: 'scale', name: 'bad.json', bytes: new TextEncoder().encode('{"id": 3') })).rejects.toThrow(/^bad\.json: not valid JSON/);
    await expect(pool.run({ kind: 'scale', name: 'odd.json', bytes: new TextEncoder().encode('{"id": 3}') })).rejects.toThrow(/^odd\.json: id: /);
    const hp = createHpSession({ importFile: pool.run, userError: (m) => new Error(m), nextTaskId: () => 1, log: () => undefined });
    const r = await hp.hpEddImport([mca, { name: 'notes.txt', bytes: new TextEncoder().encode('hello') }]);
    expect(r.failures.map((f) => f.fileName)).toEqual(['notes.txt']);
    expect(r.state.edd.files.map((f) => f.name)).toEqual([mca.name]);
  });

  it('reads an upload that lives in a SharedArrayBuffer (shared with the worker, not copied) and leaves it intact', async () => {
    const plain = new TextEncoder().encode(csv);
    const shared = new Uint8Array(new SharedArrayBuffer(plain.length));
    shared.set(plain);
    const parsed = await pool.parseTga({ name: 'shared.csv', bytes: shared });
    expect(parsed.run.timeS.length).toBe(200);
    expect(Array.from(parsed.run.massMg ?? [])).toEqual(Array.from((await pool.parseTga({ name: 'plain.csv', bytes: plain })).run.massMg ?? []));
    expect(shared).toEqual(plain);
  });

  it('writes a study file in a worker: the same study as on this thread, with the files\' digests handed back', async () => {
    const big = new Uint8Array(new SharedArrayBuffer(3 * 1024 * 1024));
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    const content: StudyContent = {
      meta: { title: 'pool study', label: null, description: null, appVersion: 'test', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z' },
      sections: [{ id: 'tga', version: 1, state: { runs: [1, 2] }, files: [{ name: 'big.csv', bytes: big }, { name: 'run.csv', bytes: new TextEncoder().encode(csv) }] }],
      derived: [{ section: 'tga', key: 'k', engine: 'e1', json: '{"a":1}' }],
    };
    const written = await pool.run({ kind: 'study-encode', name: 'pool study', content });
    expect(written.sha256).toEqual(content.sections[0].files.map((f) => createHash('sha256').update(f.bytes).digest('hex')));
    const back = await decodeStudy(written.bytes, 'pool.rlab');
    expect(back.meta.title).toBe('pool study');
    expect(back.sections[0].state).toEqual({ runs: [1, 2] });
    expect(back.sections[0].files.map((f) => f.name)).toEqual(['big.csv', 'run.csv']);
    // (large arrays compared by digest: element-wise equality of megabytes is slow in the test runner)
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(digest(back.sections[0].files[0].bytes)).toBe(digest(big));
    expect(back.derived).toEqual(content.derived);
    // identical to the bytes this thread would write
    expect(digest(written.bytes)).toBe(digest(await encodeStudy(content)));
    // through the hosts' encoder: the digests are remembered on this thread's arrays for the next write
    const encoded = await workerStudyEncoder(pool.run)(content);
    expect(knownSha256(big)).toBe(written.sha256[0]);
    expect(digest(encoded)).toBe(digest(written.bytes));
  });

  it('reads a study file in a worker (Open): the same study as on this thread; a damaged one fails with this thread\'s message', async () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2246822519) >>> 24;
    const content: StudyContent = {
      meta: { title: 'opened in a worker', label: 'L1', description: 'd', appVersion: 'test', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z' },
      sections: [{ id: 'tga', version: 1, state: { runs: [3] }, files: [{ name: 'big.csv', bytes: big }, { name: 'run.csv', bytes: new TextEncoder().encode(csv) }] }],
      derived: [{ section: 'tga', key: 'k2', engine: 'e2', json: '{"b":2}' }],
    };
    const bytes = await encodeStudy(content);
    const here = await decodeStudy(bytes, 'open.rlab');
    const there = await workerStudyDecoder(pool.run)(bytes, 'open.rlab');
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(there.meta).toEqual(here.meta);
    expect(there.formatVersion).toBe(here.formatVersion);
    expect(there.migrations).toEqual(here.migrations);
    expect(there.derived).toEqual(here.derived);
    expect(there.sections.map((s) => [s.id, s.version, s.state, s.files.map((f) => [f.name, digest(f.bytes)])])).toEqual(
      here.sections.map((s) => [s.id, s.version, s.state, s.files.map((f) => [f.name, digest(f.bytes)])]),
    );
    expect(digest(there.sections[0].files[0].bytes)).toBe(digest(big));
    // a damaged file: the user reads the same sentence whichever thread read it
    const cut = bytes.slice(0, Math.floor(bytes.length / 2));
    const message = await decodeStudy(cut, 'cut.rlab').then(() => 'opened', (e: Error) => e.message);
    expect(message).toMatch(/^cut\.rlab is damaged/);
    await expect(workerStudyDecoder(pool.run)(cut, 'cut.rlab')).rejects.toThrow(message);
    const notStudy = new TextEncoder().encode('time,mass\n0,1\n');
    const notMessage = await decodeStudy(notStudy, 'run.rlab').then(() => 'opened', (e: Error) => e.message);
    await expect(workerStudyDecoder(pool.run)(notStudy, 'run.rlab')).rejects.toThrow(notMessage);
    // the pool goes on
    expect((await pool.parseTga({ name: 'run.csv', bytes: new TextEncoder().encode(csv) })).run.timeS.length).toBe(200);
  });

  it('a study too large for the worker\'s heap fails as not written, naming it; the pool goes on', async () => {
    const states = Array.from({ length: 300_000 }, (_, i) => ({ note: `setting ${i}`, values: [i, i + 1, i + 2] }));
    const content: StudyContent = { meta: { title: null, label: null, description: null, appVersion: 'test', created: '', modified: '' }, sections: [{ id: 'tga', version: 1, state: states, files: [] }], derived: [] };
    await expect(small.run({ kind: 'study-encode', name: 'the study file', content })).rejects.toThrow(/^the study file: writing it needed more memory than a worker may use \(48 MB\); the study file was not written/);
    expect((await small.parseTga({ name: 'run.csv', bytes: new TextEncoder().encode(csv) })).run.timeS.length).toBe(200);
  }, 60_000);

  it('a file whose reading needs more heap than the limit fails by name; the pool reads the next one', async () => {
    // 400,000 scans' worth of XML elements: the XML tree alone outgrows a 48 MB heap
    const scans = Array.from({ length: 400_000 }, (_, i) => `<entry>comment ${i}</entry>`).join('');
    const xml = new TextEncoder().encode(`<?xml version="1.0"?><xrdMeasurements><comment>${scans}</comment></xrdMeasurements>`);
    await expect(small.run({ kind: 'xrd', name: 'huge.xrdml', bytes: xml })).rejects.toThrow(/^huge\.xrdml: reading it needed more memory than an import may use \(48 MB\)/);
    expect((await small.parseTga({ name: 'run.csv', bytes: new TextEncoder().encode(csv) })).run.timeS.length).toBe(200);
  }, 60_000);
});
