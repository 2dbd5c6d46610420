import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // beforeAll hooks that analyse a whole simulated sequence take more than the default 10 s on a loaded machine
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
