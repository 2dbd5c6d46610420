import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // beforeAll hooks that analyse whole simulated sequences take > 10 s (the default) on a loaded shared machine
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
