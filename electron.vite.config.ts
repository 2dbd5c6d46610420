// electron-vite: main (ESM, with the import worker as its own chunk via ?modulePath), preload (CommonJS, as a
// sandboxed preload must be) and the renderer (the same config as the browser build, see vite.renderer.config.ts).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { quietKnownWarnings, rendererConfig } from './vite.renderer.config';

/**
 * Build targets of Electron 45 (Chromium 154, Node 24). electron-vite 6.0.0 derives them from the installed Electron's
 * major and knows majors up to 44; for a newer one it falls back to its oldest entry (Chromium 108, Node 16), which
 * still runs but transpiles for nothing. Stated here, they follow the Electron in package.json.
 */
const ELECTRON_NODE = 'node24';
const ELECTRON_CHROME = 'chrome154';

export default defineConfig({
  main: {
    build: {
      target: ELECTRON_NODE,
      outDir: resolve(__dirname, 'out/main'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') }, onwarn: quietKnownWarnings },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle everything else (the contract imports zod).
      externalizeDeps: false,
      target: ELECTRON_NODE,
      outDir: resolve(__dirname, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        onwarn: quietKnownWarnings,
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, target: ELECTRON_CHROME, outDir: resolve(__dirname, 'out/renderer') },
  },
});
