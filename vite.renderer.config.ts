// The renderer build shared by both hosts: electron-vite reuses `rendererConfig` for out/renderer, and
// `npm run build:web` builds the same app for browser mode into out/web.
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

export const rendererRoot = resolve(__dirname, 'src/renderer');

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: resolve(rendererRoot, 'index.html') },
  },
};

export default defineConfig({
  ...rendererConfig,
  build: { ...rendererConfig.build, outDir: resolve(__dirname, 'out/web'), emptyOutDir: true },
});
