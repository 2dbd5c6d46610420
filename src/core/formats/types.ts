/**
 * The contract every instrument-format module implements. One module per format; the registries in
 * ./tga/index.ts and ./xrd/index.ts hold them in detection order, the generic table reader last.
 */
import type { ParseOptions } from '../../shared/types';

export interface DetectInput {
  fileName: string;
  /** The first 16 KiB of the file, decoded (see core/text/decode.ts). */
  headText: string;
  /** The first bytes, raw (for binary formats: zip, HDF5 magic numbers). */
  headBytes: Uint8Array;
}

export interface ParseInput {
  fileName: string;
  bytes: Uint8Array;
  options?: ParseOptions;
}

export interface FormatModule<R> {
  id: string;
  label: string;
  technique: 'tga' | 'xrd';
  /** Lower-case extensions without the dot, a hint only: content decides. */
  extensions: string[];
  /** Confidence 0..1 that this module reads the file (0 = not this format). Must never throw. */
  detect(input: DetectInput): number;
  /** Parse the whole file. Throws FormatError naming the file, the line and what was expected. */
  parse(input: ParseInput): R;
}

/** A parse failure that names the file, the 1-based line and what was expected there. */
export class FormatError extends Error {
  readonly fileName: string;
  readonly line: number | null;
  readonly expected: string;
  constructor(fileName: string, line: number | null, expected: string, found?: string) {
    const where = line === null ? fileName : `${fileName}, line ${line}`;
    const what = found === undefined ? `expected ${expected}` : `expected ${expected}, found ${JSON.stringify(found.slice(0, 80))}`;
    super(`${where}: ${what}`);
    this.name = 'FormatError';
    this.fileName = fileName;
    this.line = line;
    this.expected = expected;
  }
}
