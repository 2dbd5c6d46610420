/**
 * Study files written and read in the import pool's workers (import-pool.ts, `study-encode`, `study-decode`), so
 * autosave, Save, download and Open of a big study (a 1,000,000-row log is 42 MB of raw bytes) never hold the host's
 * event loop: the browser-mode server keeps answering other sessions, Electron's main process keeps answering its
 * window. The digests of the
 * embedded files travel both ways: those this thread knows go along (the worker skips hashing them), those the
 * worker computed come back and are remembered on this thread's arrays for the next write.
 */
import type { ImportRunner } from '../import-read';
import type { DecodedStudy, StudyContent } from './format';
import { knownSha256, rememberSha256 } from './hash';

export type StudyEncoder = (content: StudyContent) => Promise<Uint8Array>;
/** Reads a study file's bytes; rejects with a message for the user that names `fileName`. */
export type StudyDecoder = (bytes: Uint8Array, fileName: string) => Promise<DecodedStudy>;

/** Open's reading (SQLite open, integrity check, migrations) in a worker; the embedded files come back moved. */
export function workerStudyDecoder(run: ImportRunner): StudyDecoder {
  return (bytes, fileName) => run({ kind: 'study-decode', name: fileName, bytes });
}

export function workerStudyEncoder(run: ImportRunner): StudyEncoder {
  return async (content) => {
    const files = content.sections.flatMap((s) => s.files);
    const sent: StudyContent = {
      ...content,
      sections: content.sections.map((s) => ({ ...s, files: s.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 ?? knownSha256(f.bytes) })) })),
    };
    const { bytes, sha256 } = await run({ kind: 'study-encode', name: content.meta.title ? `study "${content.meta.title}"` : 'the study file', content: sent });
    files.forEach((f, i) => rememberSha256(f.bytes, sha256[i]));
    return bytes;
  };
}
