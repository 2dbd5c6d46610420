/**
 * .ngb records built byte by byte (layout: netzsch-ngb.ts header, after pyngb's docs/binary-format.md) for the
 * reader's edges: an array that ends exactly at the end of the stream, an array whose payload happens to hold the
 * bytes of a record (it must be skipped, never scanned), a scalar with fewer than 8 bytes left, length-prefixed UTF-8
 * strings, scalar kinds u16/i32/u8, and the ZIP signature the claim needs.
 */
import { describe, expect, it } from 'vitest';
import { netzschNgb, readNgbRecords } from './netzsch-ngb';
import { ngbFile, ngbRecord, ngbStream } from './testkit';

const le16 = (v: number): number[] => [v & 0xff, v >> 8];
const le32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const f64 = (v: number): number[] => Array.from(new Uint8Array(new Float64Array([v]).buffer));
/** 03 80 01 <field> 00 00 01 00 00 00 0c 00 17 fc ff ff <type> <flag> <payload> */
const rec = (field: number, type: number, flag: number[], payload: number[]): number[] => [
  0x03, 0x80, 0x01, ...le16(field), 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x17, 0xfc, 0xff, 0xff, type, ...flag, ...payload,
];
const SCALAR = [0x80, 0x01];
const ARRAY = [0xa0, 0x01];
const values = (b: Uint8Array) => readNgbRecords(b).map((r) => [r.offset, r.field, r.type, r.value instanceof Float64Array ? Array.from(r.value) : r.value]);

describe('readNgbRecords: edges of the record reader', () => {
  it('reads an array that ends on the stream’s last byte', () => {
    // 20 header bytes, a u32 count of 2, 16 bytes of values: 40 bytes, nothing after.
    const b = new Uint8Array(rec(0x0f40, 0x05, ARRAY, [...le32(2), ...f64(0.5), ...f64(-1.25)]));
    expect(b.length).toBe(40);
    expect(values(b)).toEqual([[0, 0x0f40, 0x05, [0.5, -1.25]]]);
    // One byte short, the array cannot be read: the record is kept without a value.
    expect(values(b.subarray(0, 39))).toEqual([[0, 0x0f40, 0x05, null]]);
  });

  it('skips an array’s whole payload (count × element size), even when its bytes look like a record', () => {
    // The payload: a complete f64 record (28 bytes) and 4 zero bytes = 32 bytes, read as 4 float64 or 8 float32.
    const inner = [...ngbRecord.f64(0x1234, 7.5), 0, 0, 0, 0];
    expect(inner.length).toBe(32);
    for (const [type, count] of [
      [0x05, 4],
      [0x04, 8],
    ]) {
      const b = new Uint8Array([...rec(0x0f40, type, ARRAY, [...le32(count), ...inner]), ...ngbRecord.f64(0x0c9e, 10), ...new Array<number>(24).fill(0)]);
      const found = values(b);
      expect(found.map((r) => [r[0], r[1]]), `type ${type}`).toEqual([
        [0, 0x0f40],
        [56, 0x0c9e],
      ]);
      expect(found[1][3]).toBe(10);
      expect((found[0][3] as number[]).length).toBe(count);
    }
  });

  it('reads u16, i32, u8 and length-prefixed UTF-8 scalars; a scalar with fewer than 8 bytes after it has no value', () => {
    const utf8 = Array.from(new TextEncoder().encode('Ni–O'));
    const b = new Uint8Array([
      ...rec(0x0001, 0x02, SCALAR, [...le16(513), 0, 0, 0, 0, 0, 0]),
      ...rec(0x0002, 0x03, SCALAR, [...le32(-5 >>> 0), 0, 0, 0, 0]),
      ...rec(0x0003, 0x10, SCALAR, [200, 0, 0, 0, 0, 0, 0, 0]),
      ...rec(0x0004, 0x1f, SCALAR, [...le32(utf8.length), ...utf8]),
      ...rec(0x0005, 0x1f, SCALAR, [...le32(1 << 20), 0x41, 0x42, 0x43, 0x44]),
      ...rec(0x0006, 0x07, SCALAR, [0, 0, 0, 0, 0, 0, 0, 0]),
      ...rec(0x0007, 0x05, SCALAR, [0, 0, 0, 0]),
      ...new Array<number>(3).fill(0),
    ]);
    expect(values(b).map((r) => [r[1], r[3]])).toEqual([
      [0x0001, 513],
      [0x0002, -5],
      [0x0003, 200],
      [0x0004, 'Ni–O'],
      // 2^20 bytes or more is not a string length.
      [0x0005, null],
      // An unknown scalar type.
      [0x0006, null],
      // 4 + 3 bytes after the record head: fewer than 8.
      [0x0007, null],
    ]);
  });

  it('claims only a ZIP archive (PK 03 04) that holds Proteus streams; the extension alone gives 0.6', () => {
    const claim = (head: number[], fileName = 'run.ngb-ss3', headText = ''): number =>
      netzschNgb.detect({ fileName, headText, headBytes: new Uint8Array(head) });
    const streams = Array.from(new TextEncoder().encode('Streams/stream_1.table'));
    const pk = [0x50, 0x4b, 0x03, 0x04];
    expect(claim([...pk, ...streams])).toBe(0.99);
    expect(claim([...pk, ...streams], 'run.zip')).toBe(0.95);
    expect(claim([...pk], 'run.zip', 'Streams/stream_2.table')).toBe(0.95);
    expect(claim([...pk, 0, 0])).toBe(0.6);
    expect(claim([...pk, 0, 0], 'run.zip')).toBe(0);
    for (const k of [0, 1, 2, 3]) {
      const wrong = [...pk];
      wrong[k] ^= 0xff;
      expect(claim([...wrong, ...streams]), `byte ${k}`).toBe(0);
    }
    expect(claim([0x50, 0x4b, 0x03])).toBe(0);
  });
});

describe('netzschNgb: channels that do not fit', () => {
  it('drops a channel shorter than time with a warning, names an unknown field by its id, joins stored parts', () => {
    const t = [0, 1, 2];
    const bytes = ngbFile({
      sample: { name: 'S', massMg: 5 },
      channels: { 0x178c: [t], 0x1790: [[0, -0.1, -0.2]], 0x178e: [[1, 2]], 0x17aa: [[7, 8, 9]], 0x179c: [[50], [50, 50]] },
    });
    const run = netzschNgb.parse({ fileName: 'fit.ngb-ss3', bytes });
    expect(run.source.columns).toEqual([
      { name: 'Time', unit: 'min', role: 'time' },
      { name: 'DSC', unit: 'µV', role: 'ignored' },
      { name: 'Mass change', unit: 'mg', role: 'mass' },
      { name: 'Purge 1 flow', unit: 'ml/min', role: 'channel' },
      { name: 'Channel 0x17aa', unit: '', role: 'channel' },
    ]);
    // Purge 1 flow is stored in two parts (1 + 2 points): joined, it fits.
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([
      ['Purge 1 flow', 'ml/min', [50, 50, 50]],
      ['Channel 0x17aa', '', [7, 8, 9]],
    ]);
    expect(run.warnings).toContain('Channel "DSC" has 2 points, not 3; it was dropped.');
    expect(Array.from(run.massMg ?? [])).toEqual([5, 4.9, 4.8]);
  });
});

describe('netzschNgb: gases of unknown and unnamed controllers, a zero sample mass, a header without its fields', () => {
  it('pins programme, gas, metadata and mass for a constructed isothermal run', () => {
    const bytes = ngbFile({
      sample: { name: 'Blank', massMg: 0 },
      header: { dateUnixS: 1_700_000_000 },
      gases: { 30: 'ARGON', 33: 'HYDROGEN' },
      stages: [
        { type: 0, temperatureC: 25, flows: { 30: 20, 33: 0 } },
        { type: 1, temperatureC: 25, rateKPerMin: 0, durationMin: 10, acquisitionPerMin: 6, flows: { 30: 20, 31: 10, 33: 50 } },
        { type: 2, temperatureC: 25 },
      ],
      channels: { 0x178c: [[0, 5, 10]], 0x1790: [[0, 0.01, 0.02]] },
    });
    const run = netzschNgb.parse({ fileName: 'blank.ngb-bs3', bytes });
    // Purge 2 (MFC 31) has no gas object: '?'; MFC 33 is none of Purge 1/2 or Protective: named by its id.
    const flows = 'Purge 1 ARGON 20 ml/min, Purge 2 ? 10 ml/min, MFC 33 HYDROGEN 50 ml/min';
    expect(run.programme).toEqual(['Initial: 25 °C; Purge 1 ARGON 20 ml/min', `Stage 1: Isothermal 10 min at 25 °C; 6 pts/min; ${flows}`, 'Final: 25 °C']);
    expect(run.segments).toEqual([{ index: 1, label: 'Isothermal 10 min at 25 °C', startS: 0, endS: 600, kind: 'isothermal', targetC: 25, gas: flows }]);
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: flows, source: 'temperature programme, segment 1' }]);
    // A sample mass of 0 is recorded as written but is no initial mass; the header object has neither operator nor
    // project, so its date is not taken.
    expect(run.metadata).toEqual({ sample_name: 'Blank', sample_mass_field: '0', purge_1_mfc_gas: 'ARGON', mfc_33_mfc_gas: 'HYDROGEN' });
    expect(run.sample.initialMassMg).toBeUndefined();
    expect(run.sample.date).toBeUndefined();
    expect(run.massNote).toBe('stored mass change (mg) since the start of the run; the file gives no sample mass');
    expect(Array.from(run.massMg ?? [])).toEqual([0, 0.01, 0.02]);
    expect(run.temperatureC).toBeNull();
  });
});

describe('netzschNgb: stream-3 channels named by the channel list of stream 1', () => {
  it('takes names from the channel-info objects in order, "channel n" for one without a name, the field id (− 0x7529) past the list', () => {
    const stream1 = ngbStream([
      ngbRecord.object(0x0001, 0x2ba8),
      ngbRecord.object(0x0002, 0x2ba9),
      ngbRecord.string(0x10c3, 'Furnace'),
      ngbRecord.object(0x0003, 0x2ba9),
      ngbRecord.f64(0x0e17, 1),
      // Another kind of object ends the list: its name is not a channel's.
      ngbRecord.object(0x0004, 0x2afb),
      ngbRecord.string(0x10c3, 'not a channel'),
    ]);
    const stream3 = ngbStream([0x7530, 0x7531, 0x7532].flatMap((field, k) => [ngbRecord.object(field, 0x2b22), ngbRecord.array(0x0f40, [k, k + 0.5])]));
    const bytes = ngbFile({ channels: { 0x178c: [[0, 1]], 0x1790: [[0, -0.1]] } }, { 'Streams/stream_1.table': stream1, 'Streams/stream_3.table': stream3 });
    const run = netzschNgb.parse({ fileName: 's3.ngb-ss3', bytes });
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([
      ['Furnace', '', [0, 0.5]],
      ['channel 2', '', [1, 1.5]],
      ['Stream 3 channel 9', '', [2, 2.5]],
    ]);
    expect(run.warnings).toContain('Units of Furnace, channel 2, Stream 3 channel 9 are not stored in a way we can read; they are left blank.');
  });
});

