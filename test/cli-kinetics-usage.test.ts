/**
 * `reductionlab kinetics` on a mistaken command line, in process: the help text, and for every usage mistake the
 * exact message, the CLI's usage after it and exit code 2 — what a user sees, pinned so that the option parsing can
 * change underneath (it reads its options through src/main/cli/args.ts like the other commands).
 */
import { describe, expect, it } from 'vitest';
import { main, USAGE } from '../src/main/cli';
import { KINETICS_USAGE } from '../src/main/cli-kinetics';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const files = ['a.txt', 'b.txt', 'c.txt'];
const METHODS = 'friedman, kas, ofw, starink, vyazovkin, advanced-vyazovkin, kissinger';

describe('reductionlab kinetics: help and usage errors', () => {
  it('--help and -h print the kinetics usage and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run('kinetics', flag);
      expect(r).toEqual({ code: 0, out: KINETICS_USAGE, err: '' });
    }
    expect(KINETICS_USAGE).toMatch(/^Usage:\n {2}reductionlab kinetics FILE\.\.\. \[--methods friedman,kas,ofw,starink,vyazovkin,advanced-vyazovkin,kissinger\]\n/);
    expect(KINETICS_USAGE).toMatch(/\nExit codes: 0 ok, 1 error, 2 usage\.$/);
  });

  const mistakes: [string[], string][] = [
    [[], 'kinetics: give the runs of the series (FILE...)'],
    [[...files, '--methods', 'friedman,magic'], `--methods friedman,magic: unknown magic; choose from ${METHODS}`],
    [[...files, '--methods', ' , '], `--methods  , : unknown (empty); choose from ${METHODS}`],
    [[...files, '--alpha', '0.9:0.1:0.05'], '--alpha 0.9:0.1:0.05: expected from:to:step, e.g. 0.1:0.9:0.05 with 0 < from ≤ to < 1'],
    [[...files, '--alpha', '0.1:0.9'], '--alpha 0.1:0.9: expected from:to:step, e.g. 0.1:0.9:0.05 with 0 < from ≤ to < 1'],
    [[...files, '--avrami', '0:0.5'], '--avrami 0:0.5: expected from:to, e.g. 0.15:0.85 with 0 < from ≤ to < 1'],
    [[...files, '--mode', 'fast'], '--mode fast: expected auto, nonisothermal or isothermal'],
    [[...files, '--start-s', '0,1'], '--start-s 0,1: 2 values for 3 files (give one, or one per file)'],
    [[...files, '--end-s', '10,,30'], '--end-s 10,,30: expected seconds, one value or one per file'],
    [[...files, '--blank', 'x.txt', '--blank', 'y.txt'], '--blank given 2 times for 3 files: give one blank, or one per file'],
    [[...files, '--predict-c=-300'], '--predict-c -300: expected a temperature in °C'],
    [[...files, '--predict-c', ''], '--predict-c : expected a temperature in °C'],
    [[...files, '--target', 'Fe-36Ni'], '--target needs --precursors'],
  ];
  for (const [args, message] of mistakes) {
    it(`kinetics ${args.join(' ') || '(no arguments)'}`, async () => {
      expect(await run('kinetics', ...args)).toEqual({ code: 2, out: '', err: `reductionlab: ${message}\n\n${USAGE}` });
    });
  }

  it('an unknown option, a missing value, a bad recipe: the parser’s or the recipe’s own words, exit 2', async () => {
    const unknown = await run('kinetics', ...files, '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^reductionlab: Unknown option '--frobnicate'/);
    expect(unknown.err.endsWith(`\n\n${USAGE}`)).toBe(true);
    const missing = await run('kinetics', ...files, '--alpha');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^reductionlab: Option '--alpha <value>' argument missing/);
    const recipe = await run('kinetics', ...files, '--precursors', 'Fe2O3', '--target', 'Unobtainium-5Xx');
    expect(recipe.code).toBe(2);
    expect(recipe.err).toMatch(/^reductionlab: \S/);
    expect(recipe.err.endsWith(`\n\n${USAGE}`)).toBe(true);
  });

  it('a well-formed command line with a file that is not there: exit 1, naming the file', async () => {
    expect(await run('kinetics', ...files, '--methods', 'friedman', '--alpha', '0.2:0.8:0.1', '--json')).toEqual({
      code: 1,
      out: '',
      err: 'reductionlab: error: a.txt: cannot read the file (no such file)',
    });
  });
});
