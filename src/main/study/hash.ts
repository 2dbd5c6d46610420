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

/** The digest of these bytes if it is known already (never computes it). */
export function knownSha256(bytes: Uint8Array): string | undefined {
  return cache.get(bytes);
}

/** Record a digest computed elsewhere (a worker hashed the same bytes while writing the study file). */
export function rememberSha256(bytes: Uint8Array, hex: string): void {
  if (/^[0-9a-f]{64}$/.test(hex)) cache.set(bytes, hex);
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
