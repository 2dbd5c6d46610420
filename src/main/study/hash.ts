/**
 * SHA-256 of raw file bytes, cached per Uint8Array: imported bytes are never modified, so a study that keeps the same
 * arrays (undo history, autosave, saving again) hashes each file once.
 */
import { createHash } from 'node:crypto';

const cache = new WeakMap<Uint8Array, string>();

export function sha256Hex(bytes: Uint8Array): string {
  let hex = cache.get(bytes);
  if (hex === undefined) {
    hex = createHash('sha256').update(bytes).digest('hex');
    cache.set(bytes, hex);
  }
  return hex;
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
