/**
 * Migrations of the study file's container schema (PRAGMA user_version), applied in memory on open, oldest first.
 * A workspace's own state has its own version and migrations (StudySection.migrate in sections.ts).
 *
 * Format 1 (the first layout): meta(key, value); sections(id, version, state); files(section, position, name,
 *   sha256, bytes) with each file's bytes stored in its row; no derived results; no content checksum.
 * Format 2 (current): blobs stored once per SHA-256 and referenced from section_files; sections keep their order
 *   (position); a derived table for re-derivable results; a content checksum in meta (format.ts).
 */
import type { Database } from 'sql.js';
import { sha256Hex } from './hash';

export interface ContainerMigration {
  from: number;
  to: number;
  /** What the migration does, in words (reported on open). */
  describe: string;
  up(db: Database): void;
}

/** The format-1 schema, kept to write test files and to document the layout migrated from. */
export const SCHEMA_V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sections (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL);
CREATE TABLE files (section TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (section, position));
`;

export const CONTAINER_MIGRATIONS: ContainerMigration[] = [
  {
    from: 1,
    to: 2,
    describe: 'study file format 1 → 2: files stored once by SHA-256, ordered sections, a table for derived results',
    up(db) {
      // Check every file against its recorded hash before the bytes are de-duplicated by that hash.
      const stmt = db.prepare('SELECT name, sha256, bytes FROM files');
      try {
        while (stmt.step()) {
          const [name, hash, bytes] = stmt.get() as [string, string, Uint8Array];
          if (sha256Hex(new Uint8Array(bytes)) !== hash) throw new Error(`the embedded file ${name} does not match its SHA-256`);
        }
      } finally {
        stmt.free();
      }
      db.run(`
        ALTER TABLE sections ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        UPDATE sections SET position = (SELECT COUNT(*) FROM sections AS s2 WHERE s2.rowid < sections.rowid);
        CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL);
        INSERT OR IGNORE INTO blobs (sha256, size, bytes) SELECT sha256, length(bytes), bytes FROM files;
        CREATE TABLE section_files (
          section TEXT NOT NULL REFERENCES sections(id),
          position INTEGER NOT NULL,
          name TEXT NOT NULL,
          sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          PRIMARY KEY (section, position)
        ) WITHOUT ROWID;
        INSERT INTO section_files (section, position, name, sha256) SELECT section, position, name, sha256 FROM files;
        DROP TABLE files;
        CREATE TABLE derived (section TEXT NOT NULL, key TEXT NOT NULL, engine TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (section, key)) WITHOUT ROWID;
      `);
    },
  },
];
