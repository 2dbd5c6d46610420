/**
 * The one assertion of the fuzz tests: an import either returns something consistent or throws a FormatError whose
 * message starts with the file's name, and never a reader's internal error passed through (a RangeError or TypeError
 * wrapped by the registry still counts as a failure: the reader should have said what it expected).
 */
import { FormatError } from '../../src/core/formats/types';

const INTERNAL = /\b(RangeError|TypeError|ReferenceError|SyntaxError|InternalError)\b/;

export type Outcome = 'read' | 'refused';

export async function outcome(name: string, label: string, run: () => unknown): Promise<Outcome> {
  try {
    await run();
    return 'read';
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!(e instanceof FormatError)) throw new Error(`${name} [${label}]: ${(e as Error)?.constructor?.name ?? typeof e} escaped instead of a FormatError: ${message}`);
    if (!message.startsWith(name)) throw new Error(`${name} [${label}]: the message does not start with the file's name: ${message}`);
    if (INTERNAL.test(message)) throw new Error(`${name} [${label}]: a reader's internal error passed through: ${message}`);
    return 'refused';
  }
}
