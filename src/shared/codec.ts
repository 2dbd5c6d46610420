/**
 * JSON codec for the browser host: JSON.stringify/parse that round-trip Float64Array and Uint8Array.
 * Typed arrays travel as `{ "$typed": "f64" | "u8", "b64": "<base64 of the little-endian bytes>" }`, which keeps
 * every bit (NaN, −0, subnormals) and costs 4/3 of the binary size; NaN and ±Infinity outside arrays are tagged too. Electron IPC needs none of this: structured
 * clone carries typed arrays as they are.
 */

const TAG = '$typed';
/** NaN and ±Infinity, which JSON cannot write, travel as `{ "$num": "NaN" }`. */
const NUM = '$num';

interface TypedTag {
  [TAG]: 'f64' | 'u8';
  b64: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = (() => {
  const index = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) index[B64.charCodeAt(i)] = i;
  return index;
})();

/** Node's Buffer when present (the server), found without importing Node: shared code stays host-neutral. */
interface NodeBuffer {
  from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
  from(data: string, encoding: 'base64'): Uint8Array;
}
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const hasBtoa = typeof globalThis.btoa === 'function' && typeof globalThis.atob === 'function';

export function bytesToBase64(bytes: Uint8Array): string {
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  if (hasBtoa) {
    // Native btoa over a binary string, built in chunks small enough for String.fromCharCode's argument list.
    const parts: string[] = [];
    const chunk = 0x8000;
    for (let i = 0; i < bytes.length; i += chunk) parts.push(String.fromCharCode(...bytes.subarray(i, i + chunk)));
    return btoa(parts.join(''));
  }
  return bytesToBase64Js(bytes);
}

/** Plain-JavaScript base64 (RFC 4648), for hosts with neither Buffer nor btoa. */
export function bytesToBase64Js(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 4096;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    let out = '';
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i];
      const b1 = i + 1 < end ? bytes[i + 1] : 0;
      const b2 = i + 2 < end ? bytes[i + 2] : 0;
      const n = (b0 << 16) | (b1 << 8) | b2;
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      out += i + 1 < end ? B64[(n >> 6) & 63] : '=';
      out += i + 2 < end ? B64[n & 63] : '=';
    }
    parts.push(out);
  }
  return parts.join('');
}

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('codec: base64 length is not a multiple of 4');
  if (!B64_RE.test(text)) throw new Error('codec: invalid base64 text');
  if (nodeBuffer) {
    const b = nodeBuffer.from(text, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
  }
  if (hasBtoa) {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return base64ToBytesJs(text);
}

export function base64ToBytesJs(text: string): Uint8Array {
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const v = c === 61 /* = */ ? 0 : c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) throw new Error(`codec: invalid base64 character at ${i + k}`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function float64ToBytes(values: Float64Array): Uint8Array {
  const copy = new Float64Array(values);
  const bytes = new Uint8Array(copy.buffer);
  if (!littleEndian) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return bytes;
}

function bytesToFloat64(bytes: Uint8Array): Float64Array {
  if (bytes.length % 8 !== 0) throw new Error('codec: Float64Array payload length is not a multiple of 8');
  const copy = new Uint8Array(bytes);
  if (!littleEndian) for (let i = 0; i < copy.length; i += 8) copy.subarray(i, i + 8).reverse();
  return new Float64Array(copy.buffer);
}

function isTypedTag(value: unknown): value is TypedTag {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (record[TAG] === 'f64' || record[TAG] === 'u8') && typeof record.b64 === 'string' && Object.keys(record).length === 2;
}

function isNumberTag(value: unknown): value is Record<typeof NUM, string> {
  if (typeof value !== 'object' || value === null) return false;
  const tag = (value as Record<string, unknown>)[NUM];
  return (tag === 'NaN' || tag === 'Infinity' || tag === '-Infinity') && Object.keys(value).length === 1;
}

/** JSON text of any payload of the Api (plain objects, arrays, numbers, strings, null, typed arrays). */
export function encode(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown) {
    // Read the holder's own value: typed arrays have no toJSON, and numbers must be seen before JSON nulls them.
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Float64Array) return { [TAG]: 'f64', b64: bytesToBase64(float64ToBytes(original)) };
    if (original instanceof Uint8Array) return { [TAG]: 'u8', b64: bytesToBase64(original) };
    if (typeof original === 'number' && !Number.isFinite(original)) return { [NUM]: String(original) };
    return v;
  });
}

/** A browser-mode upload named by id where the Api wants bytes (src/main/uploads.ts): `{ "$upload": "<id>" }`. */
export const UPLOAD = '$upload';

export function uploadRef(id: string): { [UPLOAD]: string } {
  return { [UPLOAD]: id };
}

function isUploadTag(value: unknown): value is Record<typeof UPLOAD, string> {
  if (typeof value !== 'object' || value === null) return false;
  const id = (value as Record<string, unknown>)[UPLOAD];
  return typeof id === 'string' && Object.keys(value).length === 1;
}

/**
 * Parse an Api payload. `resolveUpload` turns upload references into their bytes (the server passes its store);
 * without it a reference is an error.
 */
export function decode<T = unknown>(text: string, resolveUpload?: (id: string) => Uint8Array): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (isUploadTag(v)) {
      if (!resolveUpload) throw new Error('codec: an upload reference where none is accepted');
      return resolveUpload(v[UPLOAD]);
    }
    if (isNumberTag(v)) return Number(v[NUM]);
    if (isTypedTag(v)) {
      const bytes = base64ToBytes(v.b64);
      return v[TAG] === 'f64' ? bytesToFloat64(bytes) : bytes;
    }
    return v;
  }) as T;
}
