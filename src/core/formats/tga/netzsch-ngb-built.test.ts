/**
 * NETZSCH .ngb layouts the real files in ../shared do not have (a cooling stage, stored data parts that disagree
 * with the programme, a temperature channel shorter than time, float32 arrays, long strings), built record by record
 * (testkit.ts) so every expected value is known by construction.
 */
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../../test/robustness/zip-bomb';
import { crc32 } from '../archive';
import { netzschNgb, readNgbRecords } from './netzsch-ngb';
import { ngbFile, ngbRecord, ngbStream, type NgbSpec } from './testkit';

const TIME = 0x178c;
const TEMPERATURE = 0x178d;
const MASS_CHANGE = 0x1790;
const range = (from: number, to: number, step: number): number[] => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, k) => from + k * step);

/** 0…50 min every 5 min; heating 25 → 325 °C at 10 K/min (30 min), cooling back to 25 °C at 20 K/min (15 min). */
const timeMin = range(0, 50, 5);
const spec = (channels: NgbSpec['channels']): NgbSpec => ({
  sample: { name: 'NiO-7', massMg: 10 },
  header: { operator: 'A. Lab', dateUnixS: 1_700_000_000 },
  gases: { 30: 'HYDROGEN' },
  stages: [
    { type: 0, temperatureC: 25, flows: { 30: 50 } },
    { type: 1, temperatureC: 325, rateKPerMin: 10, durationMin: 30, acquisitionPerMin: 12, flows: { 30: 50 } },
    { type: 1, temperatureC: 25, rateKPerMin: 20, durationMin: 15, acquisitionPerMin: 12, flows: { 30: 50 } },
    { type: 2, temperatureC: 25 },
  ],
  instrumentModel: 'NETZSCH TG 209F1 Libra',
  instrumentSerial: 'TG209F1-0123-L',
  channels,
});
const massChange = timeMin.map((t) => -0.01 * t);
const temperature = timeMin.map((t) => (t <= 30 ? 25 + 10 * t : Math.max(25, 325 - 20 * (t - 30))));
const GAS = 'Purge 1 HYDROGEN 50 ml/min';
const parse = (bytes: Uint8Array, fileName = 'built.ngb-ss3') => netzschNgb.parse({ fileName, bytes });

describe('netzschNgb on constructed files', () => {
  it('a heating and a cooling stage, stored as one data part: nominal segment times from the stage durations, and a warning', () => {
    const run = parse(ngbFile(spec({ [TIME]: [timeMin], [TEMPERATURE]: [temperature], [MASS_CHANGE]: [massChange] })));
    expect(Array.from(run.timeS)).toEqual(timeMin.map((t) => t * 60));
    expect(Array.from(run.massMg ?? [])).toEqual(massChange.map((d) => d + 10));
    expect(run.massNote).toBe('stored mass change (mg) + sample mass 10 mg');
    expect(run.programme).toEqual([
      `Initial: 25 °C; ${GAS}`,
      `Stage 1: 25 °C → 325 °C at 10 K/min; 12 pts/min; ${GAS}`,
      `Stage 2: 325 °C → 25 °C at 20 K/min; 12 pts/min; ${GAS}`,
      'Final: 25 °C',
    ]);
    // 30 min of heating, then 15 min of cooling: 0–1800 s and 1800–2700 s.
    expect(run.segments).toEqual([
      { index: 1, label: '25 °C → 325 °C at 10 K/min', startS: 0, endS: 1800, kind: 'ramp', targetC: 325, rateCPerMin: 10, gas: GAS },
      { index: 2, label: '325 °C → 25 °C at 20 K/min', startS: 1800, endS: 2700, kind: 'cool', targetC: 25, rateCPerMin: 20, gas: GAS },
    ]);
    expect(run.warnings).toContain('The file stores 1 data segments for 2 programme stages: segment times are nominal.');
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: GAS, source: 'temperature programme, segment 1' }]);
    expect(run.metadata.purge_1_mfc_gas).toBe('HYDROGEN');
    expect(run.sample).toMatchObject({ name: 'NiO-7', initialMassMg: 10, operator: 'A. Lab', date: '2023-11-14T22:13:20Z', instrument: 'NETZSCH TG 209F1 Libra (TG209F1-0123-L)' });
    expect(run.sample.method).toBe(run.programme.join('; '));
    expect(run.source).toMatchObject({ formatId: 'netzsch-ngb', formatLabel: 'NETZSCH Proteus binary (.ngb)', encoding: 'binary' });
  });

  it('names the stream-2 channels and their units by field id (0x178c time min, 0x178d °C, 0x1790 mg, 0x178e DSC µV)', () => {
    const dsc = timeMin.map((t) => 0.5 * t);
    const run = parse(ngbFile(spec({ [TIME]: [timeMin], [TEMPERATURE]: [temperature], [MASS_CHANGE]: [massChange], [0x178e]: [dsc] })));
    // In file order (the builder writes the channels by ascending field id).
    expect(run.source.columns).toEqual([
      { name: 'Time', unit: 'min', role: 'time' },
      { name: 'Sample temperature', unit: '°C', role: 'temperature' },
      { name: 'DSC', unit: 'µV', role: 'channel' },
      { name: 'Mass change', unit: 'mg', role: 'mass' },
    ]);
    expect(run.channels).toEqual([{ name: 'DSC', unit: 'µV', values: Float64Array.from(dsc) }]);
  });

  it('a file without a temperature programme has no method, no programme and no segments', () => {
    const run = parse(ngbFile({ ...spec({ [TIME]: [timeMin], [MASS_CHANGE]: [massChange] }), stages: [] }));
    expect(run.programme).toEqual([]);
    expect(run.sample.method).toBeUndefined();
    expect(run.segments).toEqual([]);
  });

  it('one stored part per stage: the segments start and end on the stored boundaries', () => {
    const [first, second] = [timeMin.slice(0, 7), timeMin.slice(7)];
    const run = parse(ngbFile(spec({ [TIME]: [first, second], [TEMPERATURE]: [temperature], [MASS_CHANGE]: [massChange] })));
    // The second part starts at 35 min: 2100 s; the last point is at 50 min.
    expect(run.segments.map((s) => [s.startS, s.endS, s.kind])).toEqual([
      [0, 2100, 'ramp'],
      [2100, 3000, 'cool'],
    ]);
    expect(run.warnings.some((w) => w.includes('segment times are nominal'))).toBe(false);
  });

  it('drops a temperature channel shorter than time, saying so', () => {
    const run = parse(ngbFile(spec({ [TIME]: [timeMin], [TEMPERATURE]: [temperature.slice(0, 10)], [MASS_CHANGE]: [massChange] })));
    expect(run.temperatureC).toBeNull();
    expect(run.warnings).toContain('The sample-temperature channel has 10 points, not 11; it was dropped.');
    const whole = parse(ngbFile(spec({ [TIME]: [timeMin], [TEMPERATURE]: [temperature], [MASS_CHANGE]: [massChange] })));
    expect(Array.from(whole.temperatureC ?? [])).toEqual(temperature);
    expect(whole.warnings.some((w) => w.includes('sample-temperature channel'))).toBe(false);
  });

  it('names the instrument from the model and the serial, whichever the file has', () => {
    const channels = { [TIME]: [timeMin], [MASS_CHANGE]: [massChange] };
    const instrument = (model?: string, serial?: string) => parse(ngbFile({ ...spec(channels), instrumentModel: model, instrumentSerial: serial })).sample.instrument;
    expect(instrument('NETZSCH TG 209F1 Libra', undefined)).toBe('NETZSCH TG 209F1 Libra');
    expect(instrument(undefined, 'TG209F1-0123-L')).toBe('(TG209F1-0123-L)');
    expect(instrument(undefined, undefined)).toBeUndefined();
    // An empty sample name is no name.
    expect(parse(ngbFile({ ...spec(channels), sample: { name: '', massMg: 10 } })).sample.name).toBeUndefined();
  });

  it('reads only the Streams/ members: a damaged copy elsewhere in the archive is never opened', () => {
    const plain = ngbFile(spec({ [TIME]: [timeMin], [MASS_CHANGE]: [massChange] }));
    const stored = (name: string, data: Uint8Array) => ({ name, data, method: 0 as const, crc32: crc32(data), declaredBytes: data.length });
    const meta = ngbStream([ngbRecord.object(0x0001, 0x2afb), ngbRecord.f64(0x0c9e, 10)]);
    const data = ngbStream([ngbRecord.object(TIME, 0x2b22), ngbRecord.array(0x0f40, [0, 1]), ngbRecord.object(MASS_CHANGE, 0x2b22), ngbRecord.array(0x0f40, [0, -0.5])]);
    // A backup copy whose header declares 300 MiB: reading it would be refused as a zip bomb.
    const bytes = writeZip([
      stored('Streams/stream_1.table', meta),
      stored('Streams/stream_2.table', data),
      stored('Streams/stream_3.table', ngbStream([])),
      { name: 'Backup/Streams/stream_2.table', data: new Uint8Array(16), method: 0, declaredBytes: 300 * 1024 * 1024 },
    ]);
    const run = parse(bytes);
    expect(Array.from(run.timeS)).toEqual([0, 60]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.5]);
    expect(parse(plain).timeS.length).toBe(11);
  });
});

describe('readNgbRecords on constructed records', () => {
  it('reads float32 arrays and strings of 255 characters or more (u16 count)', () => {
    const long = 'Reduction of NiO in 5 % H2/Ar, '.repeat(10).trim();
    expect(long.length).toBeGreaterThanOrEqual(255);
    const records = readNgbRecords(
      ngbStream([ngbRecord.array(0x0f40, [0.5, 1.5, -2.25], 'f32'), ngbRecord.string(0x083d, long), ngbRecord.string(0x0840, 'Fe'), ngbRecord.f32(0x0e17, 0.25)]),
    );
    expect(records.map((r) => [r.field, r.type, r.value instanceof Float64Array ? Array.from(r.value) : r.value])).toEqual([
      [0x0f40, 0x04, [0.5, 1.5, -2.25]],
      [0x083d, 0x1f, long],
      [0x0840, 0x1f, 'Fe'],
      [0x0e17, 0x04, 0.25],
    ]);
  });
});
