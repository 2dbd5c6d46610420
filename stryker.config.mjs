// Mutation testing of src/core (npm run test:mutation; not part of npm test). scripts/mutation.mjs runs this
// configuration once per folder: it sets MUTATION_FOLDER (e.g. "core/tga") and the shared-fixture path, so the
// folder's mutants, its incremental file and its reports stay apart (reports/mutation/<folder>/).
// Documented in test/README.md ("Mutation testing").
import { readFileSync } from 'node:fs';

const folder = process.env.MUTATION_FOLDER ?? 'core/chem';
// A slice (MUTATION_FILES=metrics+tg): only those files of the folder are mutated, judged by the same tests.
const files = process.env.MUTATION_FILES ? process.env.MUTATION_FILES.split('+') : null;
const slug = folder.replaceAll('/', '-');
// A sample (MUTATION_SAMPLE=path of sample.json written by scripts/mutation.mjs --sample N): only the drawn mutants'
// exact source ranges are mutated; the run keeps its own report and incremental record beside sample.json.
const sample = process.env.MUTATION_SAMPLE ? JSON.parse(readFileSync(process.env.MUTATION_SAMPLE, 'utf8')) : null;
const dir = sample
  ? `reports/mutation/${slug}/sampled/${sample.name}`
  : files
    ? `reports/mutation/${slug}/slices/${files.join('+')}`
    : `reports/mutation/${slug}`;

// The tests that measure a folder: its own (tests sit beside the behaviour they pin), plus the cross-module tests
// written for it. Mutants in a folder are not credited to tests of other layers (handlers, CLI, study files) that
// happen to run the code: a score here says how well the folder's own tests pin it, and keeps a run to hours, not days.
const extraTests = {
  'core/text': ['src/core/formats/tga/*.test.ts', 'src/core/formats/xrd/*.test.ts'],
  'core/formats': ['src/core/formats/tga/*.test.ts', 'src/core/formats/xrd/*.test.ts'],
  'core/xrd/peaks': ['test/xrd-peaks/*.test.ts'],
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner', ...(sample ? ['./scripts/stryker-sample-plugin.mjs'] : [])],
  ...(sample ? { ignorers: ['drawn-only'] } : {}),
  // The folder's own sources, not its subfolders (core/xrd is xrd/*.ts; core/xrd/peaks is measured on its own).
  mutate: sample ? sample.mutate : files ? files.map((f) => `src/${folder}/${f}.ts`) : [`src/${folder}/*.ts`, `!src/${folder}/*.test.ts`],
  testFiles: [`src/${folder}/*.test.ts`, ...(extraTests[folder] ?? [])],
  coverageAnalysis: 'perTest',
  checkers: [],
  // Static mutants (module-level constants, evaluated once when a module loads) are not re-evaluated by the vitest
  // runner between mutants: they survived tests that fail outright on them. They are reported as Ignored, out of the
  // score, and counted in the summary ("not measured", not "killed").
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `${dir}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${dir}/index.html` },
  jsonReporter: { fileName: `${dir}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  // The instrumented dry run of a whole folder (every mutant placed, with coverage counters, in hot numeric loops) can
  // pass Stryker's default 5 minutes on the loaded machine (core/tga): allow 30.
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 2.5,
  tempDirName: `.stryker-tmp/${slug}${sample ? `-sample-${sample.name}` : files ? `-${files.join('+')}` : ''}`,
  cleanTempDir: true,
  ignorePatterns: ['out', 'dist', 'reports', 'test-results', 'playwright-report', 'bench/data', 'coverage', '.stryker-tmp'],
  thresholds: { high: 85, low: 70, break: null },
};
