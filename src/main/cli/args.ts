/**
 * Argument helpers shared by the CLI commands (tga, compare, xrd, map, radiography, kinetics): the command line
 * parsed one way, usage errors, lists and numeric options, file reading.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A mistake in the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/**
 * A command's arguments as every command reads them: its options by name plus `--help`/`-h`, positionals allowed,
 * an unknown option or a missing value refused — a UsageError in the parser's own words.
 */
export function parseCommandArgs<const O extends OptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as const });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--name a, b,c` as ['a', 'b', 'c'] (items trimmed, empty ones dropped); [] when the option is absent. */
export function listOption(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

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
