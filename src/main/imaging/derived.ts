/**
 * The radiography and map analyses as derived results of the study (study/sections.ts): each finished analysis is
 * kept under the key of its inputs — SHA-256 of the settings and of the input files' bytes (a stack on disk: its
 * paths, sizes and modification times; 8 GB are not hashed) — with the engine that computed it. Opening a saved
 * study shows a stored result whose engine and inputs are this build's and the study's, without re-analysing; undo
 * and redo find the few most recent results in memory by the same key, without re-measuring.
 */
import { statSync } from 'node:fs';
import { sha256Hex } from '../study/hash';
import type { DerivedValue } from '../study/sections';

/** Engines of the stored results: raise a version when the analysis changes what it computes. */
export const RADIOGRAPHY_ENGINE = 'radiography/1';
/** 2: σ(P) from σ(a), σ(c) and σ(T) with its parts; cSigma per phase. 3: cov(a, c) per phase, in σ(P). */
export const MAP_ENGINE = 'xrdmap/3';
/** Recent results kept for undo/redo per analysis kind. */
export const RECENT_RESULTS = 4;

const hashMemo = new WeakMap<Uint8Array, string>();
/** SHA-256 of a file's bytes, computed once per byte array. */
export function bytesHash(bytes: Uint8Array): string {
  let h = hashMemo.get(bytes);
  if (h === undefined) {
    h = sha256Hex(bytes);
    hashMemo.set(bytes, h);
  }
  return h;
}

/** The inputs key: SHA-256 of the JSON of the inputs (hashes in place of bytes). */
export function inputsKey(inputs: unknown): string {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(inputs)));
}

/** Files on disk by path, size and modification time (null when gone). */
export function diskIdentity(paths: string[]): unknown[] {
  return paths.map((p) => {
    try {
      const st = statSync(p);
      return [p, st.size, st.mtimeMs];
    } catch {
      return [p, null, null];
    }
  });
}

/** A small most-recently-used cache of results by inputs key. */
export class RecentResults<T> {
  private readonly items = new Map<string, T>();
  constructor(private readonly size = RECENT_RESULTS) {}
  get(key: string): T | undefined {
    const v = this.items.get(key);
    if (v !== undefined) {
      this.items.delete(key);
      this.items.set(key, v);
    }
    return v;
  }
  set(key: string, value: T): void {
    this.items.delete(key);
    this.items.set(key, value);
    while (this.items.size > this.size) this.items.delete(this.items.keys().next().value as string);
  }
  clear(): void {
    this.items.clear();
  }
}

/** The stored value of `key` by `engine` for these inputs, or null (another engine, other inputs, or none). */
export function storedResult(derived: DerivedValue[] | undefined, key: string, engine: string, inputs: string, check: (value: unknown) => boolean): unknown | null {
  const d = derived?.find((x) => x.key === key);
  if (!d || d.engine !== engine) return null;
  const v = d.value as { inputs?: unknown; result?: unknown } | null;
  if (!v || typeof v !== 'object' || v.inputs !== inputs || !check(v.result)) return null;
  return v.result;
}
