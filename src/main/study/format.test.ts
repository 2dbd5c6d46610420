/**
 * The .rlab container: byte-exact round trip of raw files with their SHA-256, settings and derived results;
 * migration of a hand-made format-1 file; refusal of a newer format; refusal of truncated and corrupted files.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../shared/codec';
import { decodeStudy, encodeStudy, fileHashes, STUDY_APPLICATION_ID, STUDY_FORMAT_VERSION, StudyFileError, type StudyContent } from './format';
import { SCHEMA_V1 } from './migrations';
import { sqlJs } from './sqljs';

/** Deterministic pseudo-random bytes (every byte value, NULs, invalid UTF-8). */
function bytesOf(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function sample(): StudyContent {
  const csv = new TextEncoder().encode('time_s,mass_mg\r\n0,50.0\r\n1,49.9\r\n');
  const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x0d, 0x00, 0x0a, 0x00]);
  const binary = bytesOf(200_000, 7);
  return {
    meta: { title: 'Fe2O3 series', label: 'SIMULATED', description: 'three runs', appVersion: '0.1.0', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z' },
    sections: [
      {
        id: 'tga',
        version: 1,
        state: { runs: [{ id: 'run-1', settings: { label: 'Fe₂O₃ “a”', startS: 2625.5, endS: null, recipe: { precursors: [{ formula: 'Fe2O3', wtPercent: 70 }] } } }], alphaTargets: [0.5, 0.9], tiny: 5e-324, neg: -0 },
        files: [
          { name: 'Fe2O3.csv', bytes: csv },
          { name: 'utf16.txt', bytes: utf16 },
          { name: 'same bytes, other name.csv', bytes: csv.slice() },
        ],
      },
      { id: 'xrd', version: 1, state: { sequence: null, cifs: [] }, files: [{ name: 'frame.raw', bytes: binary }, { name: 'empty.xy', bytes: new Uint8Array(0) }] },
    ],
    derived: [{ section: 'xrd', key: 'analysis', engine: 'sxrd-analysis/1', json: encode({ x: Float64Array.from([1.5, NaN, -0, Infinity]) }) }],
  };
}

describe('study file round trip', () => {
  it('keeps every raw file byte for byte with its SHA-256, every setting and the derived results', async () => {
    const content = sample();
    const bytes = await encodeStudy(content);
    expect(new TextDecoder().decode(bytes.subarray(0, 15))).toBe('SQLite format 3');
    const back = await decodeStudy(bytes, 'a.rlab');
    expect(back.formatVersion).toBe(STUDY_FORMAT_VERSION);
    expect(back.migrations).toEqual([]);
    expect(back.meta).toEqual(content.meta);
    expect(back.sections.map((s) => s.id)).toEqual(['tga', 'xrd']);
    for (let i = 0; i < content.sections.length; i++) {
      const a = content.sections[i];
      const b = back.sections[i];
      expect(b.version).toBe(a.version);
      expect(b.state).toEqual(JSON.parse(JSON.stringify(a.state)));
      expect(b.files.map((f) => f.name)).toEqual(a.files.map((f) => f.name));
      for (let k = 0; k < a.files.length; k++) {
        expect(Buffer.from(b.files[k].bytes).equals(Buffer.from(a.files[k].bytes))).toBe(true);
        expect(sha(b.files[k].bytes)).toBe(sha(a.files[k].bytes));
      }
    }
    expect(fileHashes(back).map((h) => h.sha256)).toEqual(content.sections.flatMap((s) => s.files.map((f) => sha(f.bytes))));
    const derived = decode<{ x: Float64Array }>(back.derived[0].json);
    expect(Array.from(derived.x)).toEqual([1.5, NaN, -0, Infinity]);
    expect(Object.is(derived.x[2], -0)).toBe(true);
  });

  it('stores identical bytes once', async () => {
    const content = sample();
    const withDuplicate = await encodeStudy(content);
    content.sections[0].files.pop();
    const without = await encodeStudy(content);
    expect(Math.abs(withDuplicate.length - without.length)).toBeLessThan(9000);
  });

  it('writes an SQLite database with its application id and schema version', async () => {
    const SQL = await sqlJs();
    const db = new SQL.Database(await encodeStudy(sample()));
    expect(db.exec('PRAGMA application_id')[0].values[0][0]).toBe(STUDY_APPLICATION_ID);
    expect(db.exec('PRAGMA user_version')[0].values[0][0]).toBe(STUDY_FORMAT_VERSION);
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0].values.map((v) => v[0]);
    expect(tables).toEqual(['blobs', 'derived', 'meta', 'section_files', 'sections']);
    db.close();
  });
});

describe('versions', () => {
  it('migrates a hand-made format-1 file (files inline, no checksum)', async () => {
    const SQL = await sqlJs();
    const db = new SQL.Database();
    db.run(`PRAGMA application_id = ${STUDY_APPLICATION_ID}`);
    db.run('PRAGMA user_version = 1');
    db.run(SCHEMA_V1);
    db.run("INSERT INTO meta VALUES ('format', 'ReductionLab study'), ('app_version', '0.0.9'), ('created', '2025-05-01T10:00:00Z'), ('modified', '2025-05-02T10:00:00Z'), ('title', 'old study')");
    db.run('INSERT INTO sections VALUES (?, ?, ?)', ['tga', 1, JSON.stringify({ runs: [{ id: 'run-1' }] })]);
    db.run('INSERT INTO sections VALUES (?, ?, ?)', ['xrd', 1, JSON.stringify({ sequence: null })]);
    const a = new TextEncoder().encode('a,b\n1,2\n');
    const b = bytesOf(5000, 3);
    db.run('INSERT INTO files VALUES (?, ?, ?, ?, ?)', ['tga', 0, 'a.csv', sha(a), a]);
    db.run('INSERT INTO files VALUES (?, ?, ?, ?, ?)', ['tga', 1, 'a again.csv', sha(a), a]);
    db.run('INSERT INTO files VALUES (?, ?, ?, ?, ?)', ['xrd', 0, 'b.raw', sha(b), b]);
    const v1 = db.export();
    db.close();

    const back = await decodeStudy(v1, 'old.rlab');
    expect(back.formatVersion).toBe(1);
    expect(back.migrations).toHaveLength(1);
    expect(back.migrations[0]).toMatch(/format 1 → 2/);
    expect(back.meta.title).toBe('old study');
    expect(back.meta.appVersion).toBe('0.0.9');
    expect(back.sections.map((s) => [s.id, s.version, s.state])).toEqual([
      ['tga', 1, { runs: [{ id: 'run-1' }] }],
      ['xrd', 1, { sequence: null }],
    ]);
    expect(back.sections[0].files.map((f) => f.name)).toEqual(['a.csv', 'a again.csv']);
    expect(Buffer.from(back.sections[1].files[0].bytes).equals(Buffer.from(b))).toBe(true);
    // saved again, it is a current file
    const again = await decodeStudy(await encodeStudy(back), 'old.rlab');
    expect(again.formatVersion).toBe(STUDY_FORMAT_VERSION);
    expect(again.sections[1].files[0].bytes).toEqual(b);
  });

  it('refuses a format-1 file whose embedded file does not match its hash', async () => {
    const SQL = await sqlJs();
    const db = new SQL.Database();
    db.run(`PRAGMA application_id = ${STUDY_APPLICATION_ID}`);
    db.run('PRAGMA user_version = 1');
    db.run(SCHEMA_V1);
    db.run('INSERT INTO sections VALUES (?, ?, ?)', ['tga', 1, '{}']);
    db.run('INSERT INTO files VALUES (?, ?, ?, ?, ?)', ['tga', 0, 'a.csv', sha(new Uint8Array([1])), new Uint8Array([2])]);
    const v1 = db.export();
    db.close();
    await expect(decodeStudy(v1, 'old.rlab')).rejects.toThrow(/old\.rlab is damaged: .*a\.csv does not match its SHA-256/);
  });

  it('refuses a file from a newer version with a message saying so', async () => {
    const SQL = await sqlJs();
    const db = new SQL.Database(await encodeStudy(sample()));
    db.run(`PRAGMA user_version = ${STUDY_FORMAT_VERSION + 1}`);
    const newer = db.export();
    db.close();
    const error = await decodeStudy(newer, 'future.rlab').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudyFileError);
    expect((error as StudyFileError).reason).toBe('newer');
    expect((error as Error).message).toMatch(/future\.rlab was saved by a newer version of ReductionLab \(study file format 3; .*reads formats up to 2\)\. Update ReductionLab/);
  });
});

describe('integrity', () => {
  it('refuses truncated files with a clear message', async () => {
    const bytes = await encodeStudy(sample());
    for (const keep of [0, 10, 99, 100, 4096, 8192, Math.floor(bytes.length / 2), bytes.length - 8192, bytes.length - 1]) {
      const error = await decodeStudy(bytes.subarray(0, keep), 'cut.rlab').catch((e: unknown) => e);
      expect(error, `kept ${keep} bytes`).toBeInstanceOf(StudyFileError);
      expect((error as Error).message).toMatch(keep === 0 ? /cut\.rlab is not a ReductionLab study file \(the file is empty\)/ : /cut\.rlab (is damaged: it is cut short|is not a ReductionLab study file)/);
    }
  });

  it('refuses what is not a study: a CSV, random bytes, another SQLite database', async () => {
    await expect(decodeStudy(new TextEncoder().encode('time_s,mass_mg\n'.repeat(20)), 'x.csv')).rejects.toThrow(/x\.csv is not a ReductionLab study file/);
    await expect(decodeStudy(bytesOf(10_000, 11), 'y.bin')).rejects.toThrow(/y\.bin is not a ReductionLab study file/);
    const SQL = await sqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (a)');
    const other = db.export();
    db.close();
    await expect(decodeStudy(other, 'z.db')).rejects.toThrow(/z\.db is an SQLite database but not a ReductionLab study file/);
  });

  it('a flipped byte anywhere is either harmless (unused space) or refused: never a different study', async () => {
    const content = sample();
    const bytes = await encodeStudy(content);
    const reference = JSON.stringify(await decodeStudy(bytes, 'ok.rlab'), (_k, v: unknown) => (v instanceof Uint8Array ? sha(v) : v));
    let refused = 0;
    let x = 12345;
    for (let trial = 0; trial < 150; trial++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const at = x % bytes.length;
      const bad = bytes.slice();
      bad[at] ^= 1 << (x % 8);
      try {
        const back = await decodeStudy(bad, 'flip.rlab');
        const json = JSON.stringify(back, (_k, v: unknown) => (v instanceof Uint8Array ? sha(v) : v));
        expect(json, `flip at byte ${at} was read as a different study`).toBe(reference);
      } catch (error) {
        expect(error, `flip at byte ${at}: ${String(error)}`).toBeInstanceOf(StudyFileError);
        expect((error as Error).message).toMatch(/flip\.rlab/);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses a changed setting whose page is otherwise valid (content checksum)', async () => {
    const SQL = await sqlJs();
    const db = new SQL.Database(await encodeStudy(sample()));
    db.run("UPDATE sections SET state = replace(state, '2625.5', '2626.5') WHERE id = 'tga'");
    const edited = db.export();
    db.close();
    await expect(decodeStudy(edited, 'edited.rlab')).rejects.toThrow(/edited\.rlab is damaged: its content does not match its checksum/);
  });
});
