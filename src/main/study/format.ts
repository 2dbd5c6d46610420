/**
 * The `.rlab` study file: one SQLite database (SQLite as an application file format, through sql.js) holding the raw
 * bytes of every imported file with their SHA-256, every workspace's settings as JSON, and re-derivable results.
 * docs/study-file.md describes the tables; this module encodes and decodes them and owns the integrity checks and
 * the container migrations (migrations.ts). Workspace state is opaque here: the study document (document.ts) gives
 * and takes `SectionContent`s and runs each section's own state migrations.
 *
 * Integrity on open, in order: SQLite header and application id; file length = page size × page count from the
 * header (a truncated file fails here); PRAGMA integrity_check; the schema version (a newer one is refused with a
 * message saying so); every blob's SHA-256; and a content digest over all sections, file references, derived
 * results and metadata, so a flipped byte anywhere in the content is refused rather than read as a wrong setting.
 */
import type { Database } from 'sql.js';
import packageJson from '../../../package.json';
import { sha256Hex, sha256Text } from './hash';
import { CONTAINER_MIGRATIONS } from './migrations';
import { sqlJs } from './sqljs';

/** The schema version this build writes (PRAGMA user_version). */
export const STUDY_FORMAT_VERSION = 2;
/** PRAGMA application_id: 'RLAB'. */
export const STUDY_APPLICATION_ID = 0x524c4142;
export const STUDY_EXTENSION = 'rlab';
export const APP_VERSION: string = packageJson.version;

export interface StudyFile {
  name: string;
  bytes: Uint8Array;
  /** SHA-256 of `bytes` when the caller knows it already (writing only; a file read is always hashed). */
  sha256?: string;
}

/** One workspace's part of a study: its JSON state (with its own version) and its raw files in order. */
export interface SectionContent {
  id: string;
  version: number;
  state: unknown;
  files: StudyFile[];
}

/** A derived result: recomputable from the sections; `engine` names what computed it (reused only when equal). */
export interface DerivedEntry {
  section: string;
  key: string;
  engine: string;
  /** JSON text (the shared codec's, so Float64Array values survive). */
  json: string;
}

export interface StudyMeta {
  title: string | null;
  label: string | null;
  description: string | null;
  /** Version of the app that wrote the file. */
  appVersion: string;
  created: string;
  modified: string;
}

export interface StudyContent {
  meta: StudyMeta;
  sections: SectionContent[];
  derived: DerivedEntry[];
}

export interface DecodedStudy extends StudyContent {
  /** The schema version the file was written with (before migration). */
  formatVersion: number;
  /** Container migrations applied on open, in words (empty for a current file). */
  migrations: string[];
}

/** A study file that cannot be read: the message is for the user and names the file. */
export class StudyFileError extends Error {
  override name = 'StudyFileError';
  constructor(
    message: string,
    readonly reason: 'not-a-study' | 'corrupt' | 'newer' | 'invalid',
  ) {
    super(message);
  }
}

const SCHEMA_V2 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sections (id TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL);
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE section_files (
  section TEXT NOT NULL REFERENCES sections(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  PRIMARY KEY (section, position)
) WITHOUT ROWID;
CREATE TABLE derived (section TEXT NOT NULL, key TEXT NOT NULL, engine TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (section, key)) WITHOUT ROWID;
`;

export const SCHEMA_SQL = SCHEMA_V2;

/** The content digest: SHA-256 over a canonical listing of everything but the digest itself. */
function contentDigest(meta: Record<string, string>, sections: { id: string; position: number; version: number; state: string }[], files: { section: string; position: number; name: string; sha256: string }[], derived: { section: string; key: string; engine: string; value: string }[]): string {
  const parts: unknown[] = [];
  for (const key of Object.keys(meta).filter((k) => k !== 'content_sha256').sort()) parts.push(['m', key, meta[key]]);
  for (const s of [...sections].sort((a, b) => a.position - b.position)) parts.push(['s', s.id, s.position, s.version, s.state]);
  for (const f of [...files].sort((a, b) => (a.section === b.section ? a.position - b.position : a.section < b.section ? -1 : 1))) parts.push(['f', f.section, f.position, f.name, f.sha256]);
  for (const d of [...derived].sort((a, b) => (a.section === b.section ? (a.key < b.key ? -1 : 1) : a.section < b.section ? -1 : 1))) parts.push(['d', d.section, d.key, d.engine, d.value]);
  return sha256Text(JSON.stringify(parts));
}

function metaRows(meta: StudyMeta): Record<string, string> {
  const rows: Record<string, string> = {
    format: 'ReductionLab study',
    app_version: meta.appVersion,
    created: meta.created,
    modified: meta.modified,
  };
  if (meta.title !== null) rows.title = meta.title;
  if (meta.label !== null) rows.label = meta.label;
  if (meta.description !== null) rows.description = meta.description;
  return rows;
}

/** Write a study to SQLite bytes (the current schema). Files with the same bytes are stored once. */
export async function encodeStudy(content: StudyContent): Promise<Uint8Array> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA page_size = 8192');
    // freed cell space is zeroed: no stale copies of data in the file (b-tree page splits leave them otherwise)
    db.run('PRAGMA secure_delete = ON');
    db.run(`PRAGMA application_id = ${STUDY_APPLICATION_ID}`);
    db.run(`PRAGMA user_version = ${STUDY_FORMAT_VERSION}`);
    db.run('BEGIN');
    db.run(SCHEMA_V2);
    const sectionRows = content.sections.map((s, position) => ({ id: s.id, position, version: s.version, state: JSON.stringify(s.state) }));
    const fileRows: { section: string; position: number; name: string; sha256: string }[] = [];
    const insertSection = db.prepare('INSERT INTO sections (id, position, version, state) VALUES (?, ?, ?, ?)');
    for (const s of sectionRows) insertSection.run([s.id, s.position, s.version, s.state]);
    insertSection.free();
    const insertBlob = db.prepare('INSERT OR IGNORE INTO blobs (sha256, size, bytes) VALUES (?, ?, ?)');
    const insertFile = db.prepare('INSERT INTO section_files (section, position, name, sha256) VALUES (?, ?, ?, ?)');
    const stored = new Set<string>();
    for (const s of content.sections) {
      s.files.forEach((f, position) => {
        const hash = f.sha256 ?? sha256Hex(f.bytes);
        if (!stored.has(hash)) {
          insertBlob.run([hash, f.bytes.length, f.bytes]);
          stored.add(hash);
        }
        insertFile.run([s.id, position, f.name, hash]);
        fileRows.push({ section: s.id, position, name: f.name, sha256: hash });
      });
    }
    insertBlob.free();
    insertFile.free();
    const derivedRows = content.derived.map((d) => ({ section: d.section, key: d.key, engine: d.engine, value: d.json }));
    const insertDerived = db.prepare('INSERT INTO derived (section, key, engine, value) VALUES (?, ?, ?, ?)');
    for (const d of derivedRows) insertDerived.run([d.section, d.key, d.engine, d.value]);
    insertDerived.free();
    const meta = metaRows(content.meta);
    meta.content_sha256 = contentDigest(meta, sectionRows, fileRows, derivedRows);
    const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const [k, v] of Object.entries(meta)) insertMeta.run([k, v]);
    insertMeta.free();
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Header checks that need no database: magic, page size, and the length the header promises. */
function checkHeader(bytes: Uint8Array, fileName: string): void {
  const notStudy = `${fileName} is not a ReductionLab study file`;
  if (bytes.length < 100) {
    if (bytes.length > 0 && new TextDecoder().decode(bytes.subarray(0, Math.min(16, bytes.length))) === SQLITE_MAGIC.slice(0, Math.min(16, bytes.length))) {
      throw new StudyFileError(`${fileName} is damaged: it is cut short (${bytes.length} bytes). Open an earlier copy or the recovery file.`, 'corrupt');
    }
    throw new StudyFileError(`${notStudy} (${bytes.length === 0 ? 'the file is empty' : 'it is too short to be one'}).`, bytes.length === 0 ? 'corrupt' : 'not-a-study');
  }
  if (new TextDecoder().decode(bytes.subarray(0, 16)) !== SQLITE_MAGIC) throw new StudyFileError(`${notStudy} (it does not start like one).`, 'not-a-study');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw new StudyFileError(`${fileName} is damaged: its header is corrupt (page size ${rawPageSize}).`, 'corrupt');
  const changeCounter = view.getUint32(24);
  const pageCount = view.getUint32(28);
  const validFor = view.getUint32(92);
  if (validFor === changeCounter && pageCount > 0) {
    const expected = pageSize * pageCount;
    if (bytes.length < expected) {
      throw new StudyFileError(`${fileName} is damaged: it is cut short (${bytes.length.toLocaleString('en')} of ${expected.toLocaleString('en')} bytes). Open an earlier copy or the recovery file.`, 'corrupt');
    }
    if (bytes.length !== expected) throw new StudyFileError(`${fileName} is damaged: its length (${bytes.length} bytes) does not match its header (${expected} bytes).`, 'corrupt');
  }
}

function rows<T extends Record<string, unknown>>(db: Database, sql: string): T[] {
  const out: T[] = [];
  const stmt = db.prepare(sql);
  try {
    while (stmt.step()) out.push(stmt.getAsObject() as T);
  } finally {
    stmt.free();
  }
  return out;
}

function pragmaNumber(db: Database, name: string): number {
  const result = db.exec(`PRAGMA ${name}`);
  return Number(result[0]?.values[0]?.[0] ?? 0);
}

/**
 * Read a study file. Throws StudyFileError (message for the user, naming `fileName`) when the bytes are not a
 * study, are damaged, or come from a newer version of the app. Older schema versions are migrated in memory.
 */
export async function decodeStudy(bytes: Uint8Array, fileName: string): Promise<DecodedStudy> {
  checkHeader(bytes, fileName);
  const SQL = await sqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new StudyFileError(`${fileName} is damaged: SQLite cannot open it (${error instanceof Error ? error.message : String(error)}).`, 'corrupt');
  }
  try {
    return readDatabase(db, fileName);
  } catch (error) {
    if (error instanceof StudyFileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new StudyFileError(`${fileName} is damaged: ${/malformed|corrupt|not a database/i.test(message) ? 'the database is corrupt' : message}. Open an earlier copy or the recovery file.`, 'corrupt');
  } finally {
    db.close();
  }
}

function readDatabase(db: Database, fileName: string): DecodedStudy {
  const appId = pragmaNumber(db, 'application_id');
  if (appId !== STUDY_APPLICATION_ID) throw new StudyFileError(`${fileName} is an SQLite database but not a ReductionLab study file.`, 'not-a-study');
  const check = db.exec('PRAGMA integrity_check');
  const verdict = check[0]?.values.map((v) => String(v[0])) ?? [];
  if (verdict.length !== 1 || verdict[0] !== 'ok') {
    throw new StudyFileError(`${fileName} is damaged (SQLite integrity check: ${verdict.slice(0, 3).join('; ')}). Open an earlier copy or the recovery file.`, 'corrupt');
  }
  const formatVersion = pragmaNumber(db, 'user_version');
  if (formatVersion > STUDY_FORMAT_VERSION) {
    throw new StudyFileError(
      `${fileName} was saved by a newer version of ReductionLab (study file format ${formatVersion}; this version ${APP_VERSION} reads formats up to ${STUDY_FORMAT_VERSION}). Update ReductionLab to open it.`,
      'newer',
    );
  }
  if (formatVersion < 1) throw new StudyFileError(`${fileName} has no study format version: it is not a ReductionLab study file.`, 'not-a-study');
  const migrations: string[] = [];
  for (const m of CONTAINER_MIGRATIONS) {
    if (m.from >= formatVersion && m.to <= STUDY_FORMAT_VERSION && pragmaNumber(db, 'user_version') === m.from) {
      db.run('BEGIN');
      m.up(db);
      db.run(`PRAGMA user_version = ${m.to}`);
      db.run('COMMIT');
      migrations.push(m.describe);
    }
  }
  if (pragmaNumber(db, 'user_version') !== STUDY_FORMAT_VERSION) throw new StudyFileError(`${fileName}: no migration from study file format ${formatVersion}.`, 'invalid');

  const meta = Object.fromEntries(rows<{ key: string; value: string }>(db, 'SELECT key, value FROM meta').map((r) => [r.key, r.value]));
  const sectionRows = rows<{ id: string; position: number; version: number; state: string }>(db, 'SELECT id, position, version, state FROM sections ORDER BY position');
  const fileRows = rows<{ section: string; position: number; name: string; sha256: string }>(db, 'SELECT section, position, name, sha256 FROM section_files ORDER BY section, position');
  const derivedRows = rows<{ section: string; key: string; engine: string; value: string }>(db, 'SELECT section, key, engine, value FROM derived');
  const damaged = (what: string) => new StudyFileError(`${fileName} is damaged: ${what}. Open an earlier copy or the recovery file.`, 'corrupt');

  // Every blob must still hash to its key.
  const blobs = new Map<string, Uint8Array>();
  const blobStmt = db.prepare('SELECT sha256, size, bytes FROM blobs');
  try {
    while (blobStmt.step()) {
      const [hash, size, data] = blobStmt.get() as [string, number, Uint8Array];
      const copy = new Uint8Array(data);
      if (copy.length !== size || sha256Hex(copy) !== hash) throw damaged(`an embedded file does not match its SHA-256 (${String(hash).slice(0, 12)}…)`);
      blobs.set(hash, copy);
    }
  } finally {
    blobStmt.free();
  }
  if (meta.content_sha256 !== undefined) {
    const digest = contentDigest(meta, sectionRows, fileRows, derivedRows);
    if (digest !== meta.content_sha256) throw damaged('its content does not match its checksum');
  } else if (migrations.length === 0) {
    throw damaged('its checksum is missing');
  }

  const sections: SectionContent[] = sectionRows.map((s) => {
    let state: unknown;
    try {
      state = JSON.parse(s.state);
    } catch {
      throw damaged(`the settings of its ${s.id} section are not valid JSON`);
    }
    const files = fileRows
      .filter((f) => f.section === s.id)
      .map((f) => {
        const data = blobs.get(f.sha256);
        if (!data) throw damaged(`the file ${f.name} is missing`);
        return { name: f.name, bytes: data };
      });
    return { id: s.id, version: Number(s.version), state, files };
  });
  return {
    meta: {
      title: meta.title ?? null,
      label: meta.label ?? null,
      description: meta.description ?? null,
      appVersion: meta.app_version ?? 'unknown',
      created: meta.created ?? '',
      modified: meta.modified ?? '',
    },
    sections,
    derived: derivedRows.map((d) => ({ section: d.section, key: d.key, engine: d.engine, json: d.value })),
    formatVersion,
    migrations,
  };
}

/** SHA-256 of every embedded file, for reports (`study info`). */
export function fileHashes(content: StudyContent): { section: string; name: string; size: number; sha256: string }[] {
  return content.sections.flatMap((s) => s.files.map((f) => ({ section: s.id, name: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) })));
}
