import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // hooks that run a whole analysis (beforeAll in pipeline tests) get the tests' time too: a loaded machine needs it
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
