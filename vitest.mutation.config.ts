// The unit suite as mutation testing runs it (stryker.config.mjs): everything of vitest.config.ts except the tests
// that start other processes or worker threads (the CLI, the killed-save loop, the worker pool). A child process
// runs its own bundle, not the mutated code, so those tests could only slow the runs down.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * Quickest test files first. Stryker stops a mutant's run at its first failing test (bail 1), so a mutant that a
 * quick test kills should not first wait for the slow studies; vitest's own order is the opposite (longest first, to
 * balance workers, which a one-worker mutant run does not have). Files without a recorded duration go by size,
 * smallest first. The tests and their assertions are the same; only the order in which files run changes.
 */
class QuickFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (f: TestSpecification): string => `${f.project.name}:${f.moduleId.slice(this.ctx.config.root.length + 1)}`;
    const cost = (f: TestSpecification): number => cache.getFileTestResults(key(f))?.duration ?? 1e9 + (cache.getFileStats(key(f))?.size ?? 0);
    return [...files].sort((a, b) => cost(a) - cost(b));
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      // One worker, niced, on a shared machine: the studies' beforeAll hooks need more than vitest's 10 s default.
      hookTimeout: 300_000,
      testTimeout: 300_000,
      sequence: { sequencer: QuickFirstSequencer },
      exclude: [
        'test/cli.test.ts',
        'test/cli-xrd.test.ts',
        'test/cli-study.test.ts',
        'test/study/kill-save.test.ts',
        'src/main/worker-pool.test.ts',
        'src/main/workers/rietveld-worker.test.ts',
      ],
    },
  }),
);
