/** Argument helpers shared by the CLI commands (tga, compare, xrd): usage errors, numeric options, file reading. */
import { readFileSync } from 'node:fs';

/** A mistake in the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/** `--name VALUE` as a number that passes `check`; undefined when the option is absent. */
export function numberOption(name: string, raw: string | undefined, check: (x: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`--${name} ${raw}: expected ${what}`);
  return x;
}

/** A file's bytes, or an error that names the file and says why it cannot be read. */
export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message})`);
  }
}
