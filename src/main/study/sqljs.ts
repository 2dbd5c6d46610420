/**
 * sql.js (SQLite compiled to WebAssembly) loaded once per process. The "inline" build carries its .wasm inside the
 * JavaScript, so the same import works in the Node bundles (CLI, browser-mode server), in Electron's main process
 * and in tests, with no file to locate and no native module to build.
 */
import initSqlJs from 'sql.js/dist/sql-wasm-inline.js';
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

export function sqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs();
  return loading;
}
