// Lint rules that keep the layers apart: core and shared are pure (no Electron, no React, no Node I/O);
// the renderer never imports Node or main-process code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeIo = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path', 'child_process', 'node:child_process', 'http', 'node:http', 'worker_threads', 'node:worker_threads'];

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/data/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom', ...nodeIo].map((name) => ({ name, message: 'core and shared are pure: no Electron, no DOM, no file system.' })),
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'core and shared do not depend on outer layers.' }],
      }],
    },
  },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeIo].map((name) => ({ name, message: 'The renderer never touches Electron or the file system: go through src/renderer/src/api.ts.' })),
        patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the Api.' }],
      }],
    },
  },
  {
    // Main and preload never reach into the renderer: shared computations live in core, shared types in shared.
    files: ['src/main/**', 'src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**'], message: 'main does not depend on the renderer: move the pure code to src/core and the types to src/shared.' }],
      }],
    },
  },
  {
    // Tests beside core modules read their fixtures from disk; the code under test stays pure.
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    // CommonJS scripts (electron-builder loads its hooks with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
