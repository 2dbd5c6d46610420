// The unit suite as mutation testing runs it (stryker.config.mjs): everything of vitest.config.ts except the tests
// that start other processes or worker threads (the CLI, the killed-save loop, the worker pool). A child process
// runs its own bundle, not the mutated code, so those tests could only slow the runs down.
import path from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config';

/**
 * Quick test files first. Each mutant reruns the tests that reach it and stops at the first failure (bail 1), but
 * vitest's default order runs the slowest files first: a mutant the parser's own 1-second test kills waited for the
 * 30-second damaged-fixtures sweep. Here a file that failed last time runs first (it killed the last mutant), then
 * files by their last duration, shortest first (by size, smallest first, until every file has one). Changes only how
 * soon a mutant is killed, never whether.
 */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const key = (f: TestSpecification) => `${f.project.name}:${path.relative(config.root, f.moduleId)}`;
    return [...files].sort((a, b) => {
      const ra = cache.getFileTestResults(key(a));
      const rb = cache.getFileTestResults(key(b));
      if (Boolean(ra?.failed) !== Boolean(rb?.failed)) return ra?.failed ? -1 : 1;
      if (ra && rb) return ra.duration - rb.duration;
      return (cache.getFileStats(key(a))?.size ?? 0) - (cache.getFileStats(key(b))?.size ?? 0);
    });
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      // One worker, niced, on a shared machine: the studies' beforeAll hooks need more than vitest's 10 s default.
      hookTimeout: 300_000,
      testTimeout: 300_000,
      sequence: { sequencer: QuickFirst },
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
