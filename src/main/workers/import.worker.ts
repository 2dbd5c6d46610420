/**
 * Import worker (see import-pool.ts): reads one file per message off the main thread — a TGA run, the frames of a
 * diffraction file, a CIF phase or a temperature log (import-read.ts). In: { id, request }; out: { id, ok: true,
 * result } with the typed arrays transferred, or { id, ok: false, message, recycle? }. `recycle` asks the pool to
 * replace this worker after a reader failed with something other than a FormatError or a plain Error.
 */
import { parentPort } from 'node:worker_threads';
import { FormatError } from '../../core/formats/types';
import { StudyFileError } from '../study/format';
import { newSequenceHint } from '../../core/xrd/sequence';
import type { ImportReply, ImportRequest } from '../import-pool';
import { namedMessage, readImport } from '../import-read';

const port = parentPort;
if (!port) throw new Error('import.worker must run in a worker thread');

/** The reader of the previous diffraction file, tried first on the next one (a sequence of one format). */
const hint = newSequenceHint();

port.on('message', (message: { id: number; request: ImportRequest }) => {
  const { id, request } = message;
  const progress = (rowsRead: number): void => port.postMessage({ id, progress: rowsRead } satisfies ImportReply);
  readImport(request, hint, progress).then(
    ({ result, transfer }) => port.postMessage({ id, ok: true, result } satisfies ImportReply, transfer),
    (error: unknown) => {
      const expected = error instanceof FormatError || error instanceof StudyFileError || (error instanceof Error && error.constructor === Error);
      port.postMessage({ id, ok: false, message: namedMessage(request.name, error), recycle: !expected } satisfies ImportReply);
    },
  );
});
