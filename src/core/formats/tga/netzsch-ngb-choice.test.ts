/**
 * .ngb files built record by record (testkit.ts; layout in netzsch-ngb.ts after pyngb's docs/binary-format.md) for
 * which records and channels the reader takes: a record whose 20-byte head ends on the stream's last byte, a sample
 * mass stored as NaN, ±∞ or a string, no sample object at all, a stream-2 channel stored before time, and a
 * stream-3 channel with the temperature's field number. Expected values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { netzschNgb, readNgbRecords } from './netzsch-ngb';
import { ngbFile, ngbRecord, ngbStream } from './testkit';

const TIME = 0x178c;
const TEMPERATURE = 0x178d;
const MASS_CHANGE = 0x1790;
const parse = (bytes: Uint8Array) => netzschNgb.parse({ fileName: 'built.ngb-ss3', bytes });

describe('readNgbRecords: a record head with nothing after it', () => {
  it('a record needs more than its 20 head bytes: one ending on the stream’s last byte is not read', () => {
    const head = ngbRecord.f64(0x0002, 2.5).slice(0, 20);
    const b = new Uint8Array([...ngbRecord.f64(0x0001, 1.5), ...head]);
    // 28 + 20 bytes; the second record starts at 28 = length − 20.
    expect(b.length).toBe(48);
    expect(readNgbRecords(b)).toEqual([{ offset: 0, field: 0x0001, type: 0x05, value: 1.5 }]);
  });
});

describe('netzschNgb: the sample mass must be a finite number', () => {
  const withMass = (mass: number[]): Uint8Array =>
    ngbFile({ channels: { [TIME]: [[0, 5, 10]], [MASS_CHANGE]: [[0, -0.01, -0.02]] } }, {
      'Streams/stream_1.table': ngbStream([ngbRecord.object(0x0001, 0x2afb), ngbRecord.string(0x0840, 'NiO-9'), mass]),
    });
  it.each([
    ['NaN', ngbRecord.f64(0x0c9e, Number.NaN)],
    ['+∞', ngbRecord.f64(0x0c9e, Number.POSITIVE_INFINITY)],
    ['a string', ngbRecord.string(0x0c9e, '10')],
  ])('stored as %s, it is no initial mass and is recorded as empty', (_, mass) => {
    const run = parse(withMass(mass));
    expect(run.sample.initialMassMg).toBeUndefined();
    expect(run.metadata).toEqual({ sample_name: 'NiO-9', sample_mass_field: '' });
    expect(run.massNote).toBe('stored mass change (mg) since the start of the run; the file gives no sample mass');
    expect(Array.from(run.massMg ?? [])).toEqual([0, -0.01, -0.02]);
  });

  it('without a sample object there is no sample-mass field at all, and no crucible read from the next object', () => {
    const bytes = ngbFile({ channels: { [TIME]: [[0, 5, 10]], [MASS_CHANGE]: [[0, -0.01, -0.02]] } }, {
      // The first object is a crucible (class 0x2b08) with a name and a mass: it belongs to no sample here.
      'Streams/stream_1.table': ngbStream([ngbRecord.object(0x0001, 0x2b08), ngbRecord.string(0x0840, 'Al2O3 85 µl'), ngbRecord.f64(0x0c9e, 150)]),
    });
    const run = parse(bytes);
    expect(run.metadata).toEqual({});
    expect(run.sample.crucible).toBeUndefined();
    expect(run.sample.name).toBeUndefined();
  });
});

describe('netzschNgb: the crucible is the object right after the sample, and only of its class', () => {
  it('a gas object after the sample is no crucible (its name is a gas)', () => {
    const run = parse(ngbFile({ sample: { name: 'NiO-9', massMg: 10 }, gases: { 30: 'HYDROGEN' }, channels: { [TIME]: [[0, 5, 10]], [MASS_CHANGE]: [[0, -0.01, -0.02]] } }));
    expect(run.sample.crucible).toBeUndefined();
    expect(run.metadata).toEqual({ sample_name: 'NiO-9', sample_mass_field: '10', purge_1_mfc_gas: 'HYDROGEN' });
  });
});

describe('netzschNgb: time, temperature and mass by stream and field', () => {
  it('time and mass come from stream 2 only: in stream 3 under their field numbers they are not found', () => {
    const time3 = ngbStream([ngbRecord.object(TIME, 0x2b22), ngbRecord.array(0x0f40, [0, 5, 10])]);
    expect(() => parse(ngbFile({ channels: { [MASS_CHANGE]: [[0, -0.01, -0.02]] } }, { 'Streams/stream_3.table': time3 }))).toThrow(
      /^built\.ngb-ss3: expected a time channel \(field 0x178c\) in Streams\/stream_2\.table$/,
    );
    const mass3 = ngbStream([ngbRecord.object(MASS_CHANGE, 0x2b22), ngbRecord.array(0x0f40, [0, -0.01, -0.02])]);
    expect(() => parse(ngbFile({ channels: { [TIME]: [[0, 5, 10]] } }, { 'Streams/stream_3.table': mass3 }))).toThrow(
      /^built\.ngb-ss3: expected a mass channel \(field 0x1790\) in Streams\/stream_2\.table$/,
    );
  });

  it('a stream-2 channel stored before the time channel is a channel, not the time', () => {
    // Field 0x1780 is none of the known stream-2 channels: named by its field, no unit.
    const run = parse(ngbFile({ channels: { 0x1780: [[7, 8, 9]], [TIME]: [[0, 5, 10]], [TEMPERATURE]: [[25, 75, 125]], [MASS_CHANGE]: [[0, -0.01, -0.02]] } }));
    expect(Array.from(run.timeS)).toEqual([0, 300, 600]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 75, 125]);
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['Channel 0x1780', 'channel'],
      ['Time', 'time'],
      ['Sample temperature', 'temperature'],
      ['Mass change', 'mass'],
    ]);
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([['Channel 0x1780', '', [7, 8, 9]]]);
  });

  it('a stream-3 channel with the temperature’s field number is no temperature', () => {
    const stream3 = ngbStream([ngbRecord.object(TEMPERATURE, 0x2b22), ngbRecord.array(0x0f40, [25, 75, 125])]);
    const run = parse(ngbFile({ channels: { [TIME]: [[0, 5, 10]], [MASS_CHANGE]: [[0, -0.01, -0.02]] } }, { 'Streams/stream_3.table': stream3 }));
    expect(run.temperatureC).toBeNull();
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'mass', 'channel']);
    expect(run.channels.map((c) => Array.from(c.values))).toEqual([[25, 75, 125]]);
  });
});
