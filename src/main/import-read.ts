/**
 * What an import does with one file, whatever thread it runs on: the import worker (workers/import.worker.ts) calls
 * readImport for each message, and `inProcessImports` runs the same code on the calling thread (unit tests, the CLI).
 */
import { isHdf5 } from '../core/formats/xrd/common';
import { detectXrdFormat, loadHdf5 } from '../core/formats/xrd/index';
import { parseCif } from '../core/xrd/crystal/cif';
import { newSequenceHint, readSequenceFrames, type SequenceHint } from '../core/xrd/sequence';
import { parseTemperatureLog } from '../core/xrd/temperature-log';
import { decodeBytes } from '../core/text/decode';
import { readEddFile } from '../core/formats/edd';
import { parseScaleDefinitions } from '../core/hp/eos/schema';
import type { Pattern } from '../shared/xrd';
import type { ImportOptions, ImportRequest, ImportResultOf } from './import-pool';
import { ImportCancelled } from './import-pool';
import { parsedBuffers, parseTgaSync } from './tga-import';
import { decodeStudy, encodeStudy } from './study/format';
import { sha256Hex } from './study/hash';

function patternBuffers(patterns: Pattern[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const p of patterns) for (const a of [p.x, p.intensity, p.sigma]) if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** Read one file; `transfer` lists the result's buffers (moved, not copied, out of a worker). */
export async function readImport(request: ImportRequest, hint: SequenceHint, onProgress?: (rowsRead: number) => void): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  if (request.kind === 'study-encode') {
    const bytes = await encodeStudy(request.content);
    // encodeStudy hashed each file (or was given its hash): the caller remembers them for the next write
    const sha256 = request.content.sections.flatMap((s) => s.files.map((f) => f.sha256 ?? sha256Hex(f.bytes)));
    return { result: { bytes, sha256 }, transfer: bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [] };
  }
  if (request.kind === 'study-decode') {
    const decoded = await decodeStudy(request.bytes, request.name);
    // the embedded files move out of the worker (each its own buffer, copied out of SQLite's memory)
    const buffers = new Set<ArrayBuffer>();
    for (const s of decoded.sections) for (const f of s.files) if (f.bytes.buffer instanceof ArrayBuffer && f.bytes.byteLength === f.bytes.buffer.byteLength) buffers.add(f.bytes.buffer);
    return { result: decoded, transfer: [...buffers] };
  }
  const { name, bytes } = request;
  switch (request.kind) {
    case 'tga': {
      const parsed = parseTgaSync(name, bytes, { prepare: request.prepare, formatId: request.formatId, onProgress });
      return { result: parsed, transfer: parsedBuffers(parsed) };
    }
    case 'xrd': {
      if (request.onlyRecognised && detectXrdFormat(name, bytes) === null) return { result: null, transfer: [] };
      if (isHdf5(bytes)) await loadHdf5();
      const frames = readSequenceFrames({ name, bytes }, hint);
      return { result: frames, transfer: patternBuffers(frames) };
    }
    case 'cif':
      return { result: parseCif(decodeBytes(bytes).text, name), transfer: [] };
    case 'edd': {
      const spectra = readEddFile(name, bytes);
      const buffers = new Set<ArrayBuffer>();
      for (const sp of spectra) for (const a of [sp.channel, sp.counts, sp.energyKeV]) if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
      return { result: spectra, transfer: [...buffers] };
    }
    case 'scale': {
      let value: unknown;
      try {
        value = JSON.parse(decodeBytes(bytes).text);
      } catch (e) {
        throw new Error(`${name}: not valid JSON (${(e as Error).message})`);
      }
      return { result: parseScaleDefinitions(value, name), transfer: [] };
    }
    case 'templog': {
      const log = parseTemperatureLog(name, bytes);
      return { result: log, transfer: [log.timeS.buffer as ArrayBuffer, log.temperatureC.buffer as ArrayBuffer] };
    }
  }
}

/** An error message that names the file (every reader's does; an internal error gets the name in front). */
export function namedMessage(name: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.includes(name) ? text : `${name}: ${text}`;
}

export type ImportRunner = <K extends ImportRequest['kind']>(request: Extract<ImportRequest, { kind: K }>, options?: ImportOptions) => Promise<ImportResultOf<K>>;

/** The importer on the calling thread: no memory or time limit (for unit tests and the one-shot CLI). */
export function inProcessImports(): ImportRunner {
  const hint = newSequenceHint();
  return async (request, options) => {
    if (options?.signal?.aborted) throw new ImportCancelled(`${request.name}: import cancelled`);
    try {
      return (await readImport(request, hint, options?.onProgress)).result as never;
    } catch (error) {
      throw new Error(namedMessage(request.name, error));
    }
  };
}
