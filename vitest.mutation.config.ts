// The unit suite as mutation testing runs it (stryker.config.mjs): everything of vitest.config.ts except the tests
// that start other processes or worker threads (the CLI, the killed-save loop, the worker pool). A child process
// runs its own bundle, not the mutated code, so those tests could only slow the runs down.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      // One worker, niced, on a shared machine: the studies' beforeAll hooks need more than vitest's 10 s default.
      hookTimeout: 300_000,
      testTimeout: 300_000,
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
