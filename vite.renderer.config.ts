// The renderer build shared by both hosts: electron-vite reuses `rendererConfig` for out/renderer, and
// `npm run build:web` builds the same app for browser mode into out/web.
import { resolve } from 'node:path';
import { defineConfig, type Rollup, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

export const rendererRoot = resolve(__dirname, 'src/renderer');

/**
 * Build warnings that are not about our code and say nothing actionable, dropped by name so that every other warning
 * still prints: zod 4.6 places explanatory comments containing "@__PURE__" where Rollup expects an annotation
 * (INVALID_ANNOTATION); Rollup drops the comment, which changes nothing in the output.
 */
export function quietKnownWarnings(warning: Rollup.RollupLog, warn: (w: Rollup.RollupLog) => void): void {
  if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
  warn(warning);
}

/** Libraries in chunks of their own: they change less often than the app, and no chunk carries all of them. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/.test(id)) return 'echarts';
  if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
  return 'vendor';
}

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // Minified in both hosts (electron-vite would otherwise leave the Electron renderer unminified, 3.9 MB).
    minify: 'esbuild',
    // The largest chunk is ECharts (~1 MB minified, every chart and component the views use); the app is loaded from
    // disk (Electron) or the loopback interface (browser mode), where a chunk's size costs parse time, not download.
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      input: resolve(rendererRoot, 'index.html'),
      output: { manualChunks: vendorChunk },
      onwarn: quietKnownWarnings,
    },
  },
};

export default defineConfig({
  ...rendererConfig,
  build: { ...rendererConfig.build, outDir: resolve(__dirname, 'out/web'), emptyOutDir: true },
});
