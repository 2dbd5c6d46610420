/**
 * Sampled mutation testing (scripts/mutation-sample.mjs, `npm run test:mutation -- FOLDER --sample N --seed S`):
 * the draw is uniform and reproducible, the interval is Wilson's, the mutate ranges place the drawn mutants, and the
 * mutants nested inside a drawn range are left out of the tally.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without types
import { drawSample, estimate, listMutants, mutantKey, mutateRange, planSample, relocatePlan, sampleIgnorer, tallySample, wilsonInterval } from '../scripts/mutation-sample.mjs';

type Loc = { start: { line: number; column: number }; end: { line: number; column: number } };
type Listed = { fileName: string; mutatorName: string; replacement: string; location: Loc; key: string };

const dir = mkdtempSync(join(tmpdir(), 'rl-mutsample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the draw', () => {
  it('is reproducible from the seed, distinct, sorted, and differs between seeds', () => {
    const a = drawSample(2868, 300, 7);
    expect(drawSample(2868, 300, 7)).toEqual(a);
    expect(new Set(a).size).toBe(300);
    expect(a.every((v: number, i: number) => v >= 0 && v < 2868 && (i === 0 || v > a[i - 1]))).toBe(true);
    const b = drawSample(2868, 300, 8);
    // Two independent 300-of-2868 draws share ~31 indices on average; equal draws would share 300.
    expect(a.filter((v: number) => b.includes(v)).length).toBeLessThan(80);
    expect(drawSample(5, 9, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(() => drawSample(10, 0, 1)).toThrow();
  });

  it('gives every index and every subset the same chance (χ² over 30,000 seeds)', () => {
    const m = 6;
    const n = 2;
    const draws = 30_000;
    const perIndex = new Array(m).fill(0);
    const perSubset = new Map<string, number>();
    for (let seed = 0; seed < draws; seed++) {
      const s = drawSample(m, n, seed);
      for (const i of s) perIndex[i]++;
      perSubset.set(s.join(','), (perSubset.get(s.join(',')) ?? 0) + 1);
    }
    // Each index is drawn with probability n/m; each of the C(6,2) = 15 pairs with probability 1/15.
    const chi2 = (obs: number[], expected: number) => obs.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(perSubset.size).toBe(15);
    // χ² critical values at p = 0.001: 20.52 (5 degrees of freedom), 36.12 (14). Pair counts are multinomial, so
    // the subset χ² has 14 degrees of freedom; the index counts of a fixed-size draw have a smaller variance than
    // a multinomial's, so 5 degrees of freedom bound them generously.
    expect(chi2(perIndex, (draws * n) / m)).toBeLessThan(20.52);
    expect(chi2([...perSubset.values()], draws / 15)).toBeLessThan(36.12);
    // A draw biased towards low indices (the classic off-by-one in a Fisher–Yates shuffle) would fail here:
    // index 0 alone would be drawn far more than a third of the time.
    expect(Math.abs(perIndex[0] / draws - n / m)).toBeLessThan(0.02);
  });
});

describe('the 95 % Wilson interval', () => {
  it('matches the published intervals (Newcombe 1998, Table I, score method without correction)', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, low, high] of cases) {
      const w = wilsonInterval(k, n);
      expect(w.p).toBeCloseTo(k / n, 12);
      expect(w.low).toBeCloseTo(low, 4);
      expect(w.high).toBeCloseTo(high, 4);
    }
    // All detected: the upper end is 1, the lower end n/(n + z²).
    expect(wilsonInterval(29, 29).high).toBeCloseTo(1, 12);
    expect(wilsonInterval(29, 29).low).toBeCloseTo(29 / (29 + 1.959964 ** 2), 10);
  });

  it('estimates from a tally: (killed + timeout) over those plus survived and no coverage', () => {
    const e = estimate({ Killed: 70, Timeout: 11, Survived: 170, NoCoverage: 12, CompileError: 0, RuntimeError: 0, Ignored: 9 });
    expect(e.counted).toBe(263);
    expect(e.detected).toBe(81);
    expect(e.low).toBeCloseTo(25.53, 2);
    expect(e.high).toBeCloseTo(36.62, 2);
  });
});

describe('placing the drawn mutants and tallying only them', () => {
  const source = [
    'export function clamp(x: number, lo: number, hi: number): number {',
    '  if (x < lo) return lo;',
    '  return x > hi ? hi : x;',
    '}',
    "export const label = (ok: boolean) => (ok ? 'pass' : 'fail');",
    '',
  ].join('\n');
  writeFileSync(join(dir, 'clamp.ts'), source);

  /** The mutants Stryker places for one mutate pattern, the way its project reader turns the pattern into a range. */
  async function placed(patterns: string[], ignorers: unknown[] = []) {
    const ranges = patterns.map((pattern) => {
      const [, l1, c1, l2, c2] = /:(\d+):(\d+)-(\d+):(\d+)$/.exec(pattern)!.map(Number);
      return { start: { line: l1 - 1, column: c1 }, end: { line: l2 - 1, column: c2 } };
    });
    const quiet = () => undefined;
    const logger = { isDebugEnabled: () => false, isTraceEnabled: () => false, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet, fatal: quiet };
    // @ts-expect-error -- a minimal logger, enough for the instrumenter
    const r = await new Instrumenter(logger).instrument([{ name: 'clamp.ts', mutate: ranges, content: source }], { plugins: null, excludedMutations: [], ignorers });
    return r.mutants.filter((m: { status?: string }) => m.status !== 'Ignored');
  }

  it('lists the mutants in a canonical order with keys, and the range of each places it', async () => {
    const listed: Listed[] = await listMutants(dir, ['clamp.ts']);
    expect(listed.length).toBeGreaterThan(10);
    for (let i = 1; i < listed.length; i++) {
      const [a, b] = [listed[i - 1].location.start, listed[i].location.start];
      expect(a.line < b.line || (a.line === b.line && a.column <= b.column)).toBe(true);
    }
    const ternary = listed.find((m) => m.mutatorName === 'StringLiteral' && m.replacement === '""' && m.location.start.line === 4)!;
    // 'pass' on line 5 (0-based 4), columns 44–50 from 0: Stryker's pattern counts lines from 1, columns from 0.
    expect(mutateRange(ternary)).toBe('clamp.ts:5:44-5:50');
    const only = await placed([mutateRange(ternary)]);
    expect(only.map((m) => mutantKey(m.fileName, m))).toEqual([ternary.key]);
  });

  it('a drawn block also places the mutants nested in it: they are counted apart, not in the score', async () => {
    const listed: Listed[] = await listMutants(dir, ['clamp.ts']);
    const body = listed.find((m) => m.mutatorName === 'BlockStatement' && m.location.start.line === 0)!;
    const run = await placed([mutateRange(body)]);
    const nestedCount = listed.filter((m) => m !== body && m.location.start.line >= 1 && m.location.end.line <= 3).length;
    expect(run.length).toBe(1 + nestedCount);
    // A report (mutation.json) counts lines and columns from 1: the block killed, everything nested survived.
    const report = {
      files: {
        'clamp.ts': {
          mutants: run.map((m: Omit<Listed, 'key'>) => {
            const k = mutantKey(m.fileName, m) === body.key;
            const { start, end } = m.location;
            return {
              mutatorName: m.mutatorName,
              replacement: m.replacement,
              status: k ? 'Killed' : 'Survived',
              location: { start: { line: start.line + 1, column: start.column + 1 }, end: { line: end.line + 1, column: end.column + 1 } },
            };
          }),
        },
      },
    };
    const c = tallySample(report, [body.key], dir);
    expect(c).toMatchObject({ Killed: 1, Survived: 0, nested: nestedCount, missing: 0 });
    // Had the nested survivors been tallied, the estimate would be 1 of 1 + nestedCount instead of 1 of 1.
    expect(estimate(c).percent).toBe(100);
    // A drawn mutant the report lacks (the sources changed after the draw) is reported missing, not dropped silently.
    expect(tallySample(report, [body.key, 'clamp.ts|9:0-9:1|X|y'], dir).missing).toBe(1);
  });

  it('with the sample ignorer, a drawn block places only its own mutant; a drawn mutant inside it still runs', async () => {
    const listed: Listed[] = await listMutants(dir, ['clamp.ts']);
    const body = listed.find((m) => m.mutatorName === 'BlockStatement' && m.location.start.line === 0)!;
    const inner = listed.find((m) => m.mutatorName === 'EqualityOperator' && m.replacement === 'x <= lo')!;
    const alone = await placed([mutateRange(body)], [sampleIgnorer([mutateRange(body)])]);
    expect(alone.map((m: Omit<Listed, "key">) => mutantKey(m.fileName, m))).toEqual([body.key]);
    const both = [mutateRange(body), mutateRange(inner)];
    const keys = (await placed(both, [sampleIgnorer(both)])).map((m: Omit<Listed, "key">) => mutantKey(m.fileName, m));
    // The inner node `x < lo` keeps its other mutants (`x >= lo`, `false`, …): they run and are tallied as nested.
    expect(keys).toContain(body.key);
    expect(keys).toContain(inner.key);
    expect(keys.every((k: string) => k === body.key || k.includes('|1:')) ).toBe(true);
    expect(keys.length).toBeLessThan(listed.filter((m) => m.location.start.line <= 3).length);
  });

  it('plans a sample: n keys and n patterns, the same for the same seed', async () => {
    const listed: Listed[] = await listMutants(dir, ['clamp.ts']);
    const p = planSample(listed, 5, 42);
    expect(p).toMatchObject({ total: listed.length, n: 5, seed: 42 });
    expect(p.mutate).toHaveLength(5);
    expect(new Set(p.keys).size).toBe(5);
    expect(planSample(listed, 5, 42)).toEqual(p);
  });
});

describe('re-running a sample after the sources changed', () => {
  const before = ['export function sign(x: number): string {', "  if (x < 0) return 'minus';", "  return x > 0 ? 'plus' : 'zero';", '}', ''].join('\n');
  // Two lines added above, and the 'plus' line edited: its mutants cannot be found again.
  const after = ['// a new comment', '// and another', 'export function sign(x: number): string {', "  if (x < 0) return 'minus';", "  return x > 0 ? 'positive' : 'zero';", '}', ''].join('\n');

  it('finds the drawn mutants again two lines down; one whose line was edited is left to be reported missing', async () => {
    writeFileSync(join(dir, 'sign.ts'), before);
    const old: Listed[] = await listMutants(dir, ['sign.ts']);
    const minus = old.find((m) => m.mutatorName === 'StringLiteral' && m.location.start.line === 1)!;
    const less = old.find((m) => m.mutatorName === 'EqualityOperator' && m.replacement === 'x <= 0')!;
    const plus = old.find((m) => m.mutatorName === 'StringLiteral' && m.location.start.line === 2)!;
    const body = old.find((m) => m.mutatorName === 'BlockStatement' && m.location.start.line === 0)!;
    const plan = planSample(old, 1, 1);
    Object.assign(plan, { keys: [minus.key, less.key, plus.key, body.key], mutate: [minus, less, plus, body].map(mutateRange), n: 4 });
    // The previous run's report: lines and columns from 1, with the file's source as it was run.
    const report = {
      files: {
        'sign.ts': {
          source: before,
          mutants: old.map((m) => {
            const { start, end } = m.location;
            return { ...m, location: { start: { line: start.line + 1, column: start.column + 1 }, end: { line: end.line + 1, column: end.column + 1 } } };
          }),
        },
      },
    };
    writeFileSync(join(dir, 'sign.ts'), after);
    const now: Listed[] = await listMutants(dir, ['sign.ts']);
    const moved = relocatePlan(plan, now, report, dir);
    // 'minus' (0-based line 1, columns 20–27) is now on line 3; `x < 0` likewise; the function's body is the same
    // node with an edited inside (first and last lines unchanged): found too. 'plus' was rewritten: not found.
    expect(moved.keys[0]).toBe(`sign.ts|3:20-3:27|StringLiteral|""`);
    expect(moved.keys[1]).toBe(`sign.ts|3:6-3:11|EqualityOperator|x <= 0`);
    expect(moved.keys[2]).toBe(plus.key);
    expect(moved.keys[3]).toBe(`sign.ts|2:40-5:1|BlockStatement|{}`);
    expect(moved.relocated).toBe(3);
    expect(moved.mutate).toEqual(['sign.ts:4:20-4:27', 'sign.ts:4:6-4:11', 'sign.ts:3:40-6:1']);
    expect(moved).toMatchObject({ total: plan.total, n: 4, seed: 1 });
    // Unchanged sources keep the draw as it was.
    expect(relocatePlan(plan, old, report, dir).keys).toEqual(plan.keys);
    expect(relocatePlan(plan, old, report, dir).relocated).toBeUndefined();
  });
});
