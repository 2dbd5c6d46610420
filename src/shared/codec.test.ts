import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToBytesJs, bytesToBase64, bytesToBase64Js, decode, encode } from './codec';

describe('codec', () => {
  it('round-trips Float64Array bit for bit, inside nested objects', () => {
    const values = new Float64Array([0, -0, 1.5, -2.25e-310, Math.PI, NaN, Infinity, -Infinity, 1e308]);
    const payload = { runs: [{ id: 'a', series: { x: values, y: new Float64Array(0) } }], n: 3, s: 'α', z: null };
    const back = decode<typeof payload>(encode(payload));
    const x = back.runs[0].series.x;
    expect(x).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(values.length);
    expect(new Uint8Array(x.buffer)).toEqual(new Uint8Array(values.buffer));
    expect(Object.is(x[1], -0)).toBe(true);
    expect(back.runs[0].series.y).toBeInstanceOf(Float64Array);
    expect(back.runs[0].series.y.length).toBe(0);
    expect(back.n).toBe(3);
    expect(back.s).toBe('α');
    expect(back.z).toBeNull();
  });

  it('round-trips Uint8Array of every length modulo 3', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 256]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
      const back = decode<{ b: Uint8Array }>(encode({ b: bytes })).b;
      expect(back).toBeInstanceOf(Uint8Array);
      expect(Array.from(back)).toEqual(Array.from(bytes));
    }
  });

  it('agrees with Node base64', () => {
    const bytes = new Uint8Array([0, 255, 128, 7, 9]);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(Array.from(base64ToBytes('AP+ABwk='))).toEqual([0, 255, 128, 7, 9]);
    expect(() => base64ToBytes('abc')).toThrow(/multiple of 4/);
    expect(() => base64ToBytes('ab!=')).toThrow(/invalid base64/);
  });

  it('has a plain-JavaScript path that agrees with the native one', () => {
    for (const n of [0, 1, 2, 3, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 91 + 7) & 255);
      const b64 = bytesToBase64Js(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytesJs(b64))).toEqual(Array.from(bytes));
    }
    // A view into a larger buffer encodes only its own bytes.
    const big = new Uint8Array([9, 1, 2, 3, 9]);
    expect(bytesToBase64(big.subarray(1, 4))).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });

  it('keeps non-finite scalars and leaves look-alike objects alone', () => {
    const back = decode<{ a: number; b: number; c: { $typed: string } }>(encode({ a: NaN, b: -Infinity, c: { $typed: 'f64' } }));
    expect(Number.isNaN(back.a)).toBe(true);
    expect(back.b).toBe(-Infinity);
    expect(back.c).toEqual({ $typed: 'f64' });
  });
});
