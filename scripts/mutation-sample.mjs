// Sampled mutation testing (npm run test:mutation -- FOLDER --sample N [--seed S]), used by scripts/mutation.mjs.
//
// A folder too big to run whole in a sitting is estimated from a uniform random sample of its mutants:
// 1. every mutant of the folder is listed with Stryker's own instrumenter (the same code and version that places
//    them in a run, so the list is exactly the run's mutants, with no test run);
// 2. N of the M mutants are drawn uniformly without replacement, reproducibly from the seed (the list is put in a
//    canonical order first, so the draw depends only on the sources and the seed);
// 3. Stryker mutates only the drawn mutants' exact source ranges (`file:line:col-line:col`). A range also holds the
//    mutants nested inside it (the body of a mutated block, say): the ignorer below (scripts/stryker-sample-plugin.mjs)
//    switches off every node that is not a drawn range and holds none, so most of them are not even run; those that
//    remain (other mutants of the same node, a node between two drawn ranges) are dropped from the tally, or the
//    mutants of big blocks would be over-represented;
// 4. the score among the sampled mutants that count (killed + timed out over those plus survived and no coverage;
//    a sampled static mutant is ignored, as in a full run) estimates the folder's score, with a 95 % Wilson interval.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A 32-bit seeded generator (mulberry32): uniform in [0, 1), the same sequence for the same seed everywhere. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n distinct indices of 0…m−1, drawn uniformly without replacement (a partial Fisher–Yates shuffle: every n-subset
 * is equally likely), sorted ascending. n ≥ m returns every index.
 */
export function drawSample(m, n, seed) {
  if (!Number.isInteger(m) || m < 0 || !Number.isInteger(n) || n < 1) throw new Error(`cannot draw ${n} of ${m}`);
  const idx = Array.from({ length: m }, (_, i) => i);
  const k = Math.min(n, m);
  const rand = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (m - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, k).sort((a, b) => a - b);
}

/**
 * 95 % Wilson score interval of a binomial proportion k/n (Wilson 1927; Agresti & Coull 1998):
 * centre (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), z = 1.959964.
 * It stays inside [0, 1] and keeps its coverage near 0 and 1, where the normal interval fails. Sampling without
 * replacement from a finite folder makes it slightly conservative (the finite-population factor √((M−n)/(M−1)) is
 * not applied).
 */
export function wilsonInterval(k, n, z = 1.959964) {
  if (n <= 0) return { p: NaN, low: 0, high: 1 };
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * A mutant's identity in the instrumenter's terms (lines from 0, columns from 0) or a report's (mutation.json: lines
 * and columns from 1): file relative to the repository, mutator, replacement and exact location.
 */
export function mutantKey(file, m, base = 0) {
  const { start, end } = m.location;
  const loc = `${start.line - base}:${start.column - base}-${end.line - base}:${end.column - base}`;
  return `${file}|${loc}|${m.mutatorName}|${m.replacement}`;
}

/** Stryker's mutate pattern for exactly a listed mutant's range: lines from 1, columns from 0, end column included. */
export function mutateRange(m) {
  const { start, end } = m.location;
  return `${m.fileName}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`;
}

/**
 * A Stryker ignorer (`shouldIgnore(path)`) for a sampled run: a syntax node is ignored — its mutants and those of its
 * subtree are not placed, not run, reported as Ignored — unless its location is exactly one of the drawn ranges or
 * encloses one. A drawn mutant's own node is never ignored nor inside an ignored node, so no drawn mutant is lost;
 * the ranges are compared across files (a node's file is not known here), which can only keep a node, never drop a
 * drawn one. Ranges are the mutate patterns (lines from 1, columns from 0), as Babel counts them.
 */
export function sampleIgnorer(patterns) {
  const ranges = patterns.map((p) => {
    const m = /:(\d+):(\d+)-(\d+):(\d+)$/.exec(p);
    if (!m) throw new Error(`not a mutate range: ${p}`);
    const [l1, c1, l2, c2] = m.slice(1).map(Number);
    return { start: { line: l1, column: c1 }, end: { line: l2, column: c2 } };
  });
  const exact = new Set(ranges.map((r) => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`));
  const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return {
    shouldIgnore(path) {
      const loc = path.node.loc;
      if (!loc) return undefined;
      if (exact.has(`${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`)) return undefined;
      if (ranges.some((r) => before(loc.start, r.start) && before(r.end, loc.end))) return undefined;
      return 'not drawn in this sample';
    },
  };
}

/** Canonical order of listed mutants: file, start, end, mutator, replacement (independent of placement order). */
function compareMutants(a, b) {
  return (
    a.fileName.localeCompare(b.fileName) ||
    a.location.start.line - b.location.start.line ||
    a.location.start.column - b.location.start.column ||
    a.location.end.line - b.location.end.line ||
    a.location.end.column - b.location.end.column ||
    a.mutatorName.localeCompare(b.mutatorName) ||
    a.replacement.localeCompare(b.replacement)
  );
}

/**
 * Every mutant Stryker places in the given files (paths relative to root), in canonical order, each with its key.
 * Mutants a `// Stryker disable` comment switches off are left out, as a run leaves them out of the score.
 */
export async function listMutants(root, files) {
  const { Instrumenter } = await import('@stryker-mutator/instrumenter');
  const quiet = () => undefined;
  const logger = { isDebugEnabled: () => false, isTraceEnabled: () => false, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error, fatal: console.error };
  const input = files.map((name) => ({ name, mutate: true, content: readFileSync(path.join(root, name), 'utf8') }));
  const { mutants } = await new Instrumenter(logger).instrument(input, { plugins: null, excludedMutations: [], ignorers: [] });
  return mutants
    .filter((m) => m.status !== 'Ignored')
    .map((m) => ({ fileName: m.fileName, mutatorName: m.mutatorName, replacement: m.replacement, location: m.location }))
    .sort(compareMutants)
    .map((m) => ({ ...m, key: mutantKey(m.fileName, m) }));
}

/** The sample a run measures: which of the listed mutants were drawn and the mutate patterns that place them. */
export function planSample(listed, n, seed) {
  const drawn = drawSample(listed.length, n, seed).map((i) => listed[i]);
  return { total: listed.length, n: drawn.length, seed, keys: drawn.map((m) => m.key), mutate: drawn.map(mutateRange) };
}

/** The source text of a range (lines and columns from 0, end column excluded) in a file's lines. */
function rangeText(lines, loc) {
  const { start, end } = loc;
  if (start.line === end.line) return (lines[start.line] ?? '').slice(start.column, end.column);
  return [(lines[start.line] ?? '').slice(start.column), ...lines.slice(start.line + 1, end.line), (lines[end.line] ?? '').slice(0, end.column)].join('\n');
}

/**
 * A previous draw carried onto changed sources, so that re-running a sample after an edit re-tests the same mutants.
 * A drawn key still listed is kept. One that is not (code above it moved) is found again from the previous run's
 * report (mutation.json, which holds each file's source as it was run): the listed mutant of the same file, mutator,
 * replacement and columns whose first and last lines read as before, the same text in between preferred, nearest to
 * the old line. A drawn mutant whose own lines changed is not found and stays in the plan under its old key, so the
 * tally reports it missing.
 * The draw's total (M) and seed are kept: it is still the same uniform draw, located in today's sources.
 */
export function relocatePlan(plan, listed, report, root) {
  const byKey = new Map(listed.map((m) => [m.key, m]));
  if (plan.keys.every((k) => byKey.has(k))) return { ...plan, mutate: plan.keys.map((k) => mutateRange(byKey.get(k))) };
  const old = new Map();
  for (const [file, f] of Object.entries(report?.files ?? {})) {
    const rel = (path.isAbsolute(file) ? path.relative(root, file) : file).split(path.sep).join('/');
    const lines = (f.source ?? '').split('\n');
    for (const m of f.mutants) old.set(mutantKey(rel, m, 1), { m, lines });
  }
  const sources = new Map();
  const linesOf = (file) => {
    if (!sources.has(file)) sources.set(file, readFileSync(path.join(root, file), 'utf8').split('\n'));
    return sources.get(file);
  };
  const taken = new Set(plan.keys.filter((k) => byKey.has(k)));
  let relocated = 0;
  const keys = plan.keys.map((k) => {
    if (byKey.has(k) || !old.has(k)) return k;
    const { m, lines } = old.get(k);
    const file = k.split('|')[0];
    const loc = { start: { line: m.location.start.line - 1, column: m.location.start.column - 1 }, end: { line: m.location.end.line - 1, column: m.location.end.column - 1 } };
    const text = rangeText(lines, loc);
    const cur = linesOf(file);
    // Rank: the same text in the range (2), else the same first and last lines (1: a block whose inside was edited,
    // the same node, re-tested anyway); then the nearest line.
    let best = null;
    let bestRank = 0;
    for (const c of listed) {
      if (c.fileName !== file || c.mutatorName !== m.mutatorName || c.replacement !== m.replacement || taken.has(c.key)) continue;
      const { start, end } = c.location;
      if (start.column !== loc.start.column || end.column !== loc.end.column) continue;
      if (cur[start.line] !== lines[loc.start.line] || cur[end.line] !== lines[loc.end.line]) continue;
      const rank = rangeText(cur, c.location) === text ? 2 : 1;
      const nearer = best && Math.abs(start.line - loc.start.line) < Math.abs(best.location.start.line - loc.start.line);
      if (rank > bestRank || (rank === bestRank && nearer)) [best, bestRank] = [c, rank];
    }
    if (!best) return k;
    taken.add(best.key);
    relocated++;
    return best.key;
  });
  const mutate = keys.filter((k) => byKey.has(k)).map((k) => mutateRange(byKey.get(k)));
  return { ...plan, keys, mutate, relocated };
}

const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];

/**
 * Tallies a sampled run's report (mutation.json) over the drawn mutants only: a mutant run because it lies inside a
 * drawn range (nested) is counted apart in `nested` and left out of every other column; the mutants the sample's
 * ignorer switched off (reported Ignored, not run) are not counted at all. `missing` counts drawn
 * mutants absent from the report (the sources changed since the draw); a sound run has none.
 */
export function tallySample(report, keys, root) {
  const wanted = new Set(keys);
  const c = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  let nested = 0;
  const seen = new Set();
  for (const [file, f] of Object.entries(report.files)) {
    const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
    for (const m of f.mutants) {
      const key = mutantKey(rel.split(path.sep).join('/'), m, 1);
      if (!wanted.has(key) || seen.has(key)) {
        if (m.status !== 'Ignored') nested++;
        continue;
      }
      seen.add(key);
      c[m.status] = (c[m.status] ?? 0) + 1;
    }
  }
  return { ...c, nested, missing: wanted.size - seen.size };
}

/** The estimate a sampled tally gives: detected / counted with its Wilson interval, in percent. */
export function estimate(c) {
  const detected = c.Killed + c.Timeout;
  const counted = detected + c.Survived + c.NoCoverage;
  const w = wilsonInterval(detected, counted);
  return { detected, counted, percent: 100 * w.p, low: 100 * w.low, high: 100 * w.high };
}
