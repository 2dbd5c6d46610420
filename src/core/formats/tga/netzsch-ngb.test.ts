import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { missingShared, readShared, readSharedText } from '../../../../test/fixtures/shared-fixtures';
import type { TgaRun } from '../../../shared/types';
import { FormatError } from '../types';
import { netzschNgb, readNgbRecords } from './netzsch-ngb';

const FOLDER = 'tga/GraysonBellamy-pyngb';
const SAMPLE = 'Douglas_Fir_STA_10K_250730_R13.ngb-ss3';
const BASELINE = 'Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3';
const read = (name: string): Uint8Array => readShared(`${FOLDER}/${name}`);

interface Parity {
  num_rows: number;
  column_sha256: Record<string, string>;
  column_stats: Record<string, { first: number; last: number; min: number; max: number }>;
  metadata: Record<string, unknown>;
}

/** SHA-256 of a column as little-endian float64 bytes, as pyngb's golden file computes it. */
const sha = (values: Float64Array): string => createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');

function stats(values: Float64Array): { first: number; last: number; min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { first: values[0], last: values[values.length - 1], min, max };
}

describe.skipIf(missingShared(FOLDER))('netzschNgb on the pyngb sample and baseline runs', () => {
  /** pyngb's golden output for the sample run (JSON beside it). */
  let parity: Parity;
  // Parsed inside each test, not in a beforeAll hook: mutation testing credits a mutant to the tests that reach it,
  // and code run by a hook reaches it in no test, so these assertions would never be run against a mutant.
  let run: TgaRun;
  beforeEach(() => {
    parity = JSON.parse(readSharedText(`${FOLDER}/${SAMPLE}.parity.json`)) as Parity;
    run = netzschNgb.parse({ fileName: SAMPLE, bytes: read(SAMPLE) });
  });
  const channel = (name: string): Float64Array => {
    const c = run.channels.find((ch) => ch.name === name);
    if (!c) throw new Error(`no channel ${name}`);
    return c.values;
  };

  it('detects the ZIP container by content, the extension only adds a little', () => {
    const bytes = read(SAMPLE);
    const head = bytes.subarray(0, 4096);
    expect(netzschNgb.detect({ fileName: SAMPLE, headText: '', headBytes: head })).toBeGreaterThan(0.95);
    expect(netzschNgb.detect({ fileName: 'renamed.bin', headText: '', headBytes: head })).toBe(0.95);
    const otherZip = zipSync({ 'a.txt': new Uint8Array([65]) });
    expect(netzschNgb.detect({ fileName: 'x.zip', headText: '', headBytes: otherZip })).toBe(0);
    expect(netzschNgb.detect({ fileName: 'x.txt', headText: '#EXPORTTYPE:DATA', headBytes: new TextEncoder().encode('#EXPORTTYPE') })).toBe(0);
  });

  it('decodes every channel of the sample run bit for bit as pyngb does', () => {
    expect(run.timeS.length).toBe(parity.num_rows);
    expect(run.timeS.length).toBe(9190);
    expect(sha(run.timeS)).toBe(parity.column_sha256.time);
    expect(sha(run.temperatureC ?? new Float64Array())).toBe(parity.column_sha256.sample_temperature);
    expect(sha(channel('DSC'))).toBe(parity.column_sha256.dsc_signal);
    expect(sha(channel('Purge 1 flow'))).toBe(parity.column_sha256.purge_flow_1);
    expect(sha(channel('Protective flow'))).toBe(parity.column_sha256.protective_flow);
    expect(sha(channel('Furnace'))).toBe(parity.column_sha256.furnace_temperature);
    expect(sha(channel('Cooling'))).toBe(parity.column_sha256['31']);
    expect(sha(channel('Furnace (2)'))).toBe(parity.column_sha256.furnace_power);
    expect(sha(channel('HFoilTemp'))).toBe(parity.column_sha256.h_foil_temperature);
    const { null_count: _nulls, ...timeStats } = parity.column_stats.time as { null_count?: number; first: number; last: number; min: number; max: number };
    expect(_nulls).toBe(0);
    expect(stats(run.timeS)).toEqual(timeStats);
    const { first, last, min, max } = parity.column_stats.sample_temperature;
    expect(stats(run.temperatureC ?? new Float64Array())).toEqual({ first, last, min, max });
  });

  it('adds the sample mass to the stored mass change', () => {
    expect(run.sample.initialMassMg).toBe(parity.metadata.sample_mass);
    expect(run.sample.initialMassMg).toBe(4.026);
    const change = (run.massMg ?? new Float64Array()).map((m) => m - 4.026);
    const ref = parity.column_stats.mass;
    const s = stats(change);
    for (const k of ['first', 'last', 'min', 'max'] as const) expect(s[k]).toBeCloseTo(ref[k], 12);
    expect(run.massMg?.[0]).toBe(4.026);
    expect(run.massMg?.[9189]).toBeCloseTo(4.026 - 3.06, 12);
    expect(run.massPercent).toBeNull();
    expect(run.massNote).toContain('4.026 mg');
  });

  it('reads the metadata pyngb reads', () => {
    const m = parity.metadata;
    expect(run.sample).toMatchObject({
      name: m.sample_name,
      operator: m.operator,
      crucible: m.crucible_type,
      date: '2025-07-30T14:42:18Z',
      instrument: 'NETZSCH STA 449F3 (STA449F3A-0333-M)',
    });
    expect(run.metadata).toMatchObject({
      lab: m.lab,
      project: m.project,
      comment: m.comment,
      material: m.material,
      crucible_mass: String(m.crucible_mass),
      instrument: m.instrument,
      application_version: m.application_version,
      correction_file_path: m.correction_file_path,
      purge_1_mfc_gas: m.purge_1_mfc_gas,
      purge_2_mfc_gas: m.purge_2_mfc_gas,
      protective_mfc_gas: m.protective_mfc_gas,
    });
    expect(run.source).toMatchObject({ formatId: 'netzsch-ngb', encoding: 'binary' });
    expect(run.warnings.some((w) => w.includes('NOT blank-corrected'))).toBe(true);
  });

  it('turns the temperature programme into segments at the stored stage boundaries', () => {
    const prog = parity.metadata.temperature_program as Record<string, { temperature: number; heating_rate: number; time: number }>;
    expect(run.programme).toHaveLength(Object.keys(prog).length);
    expect(run.segments.map((s) => [s.kind, s.targetC, s.rateCPerMin])).toEqual([
      ['isothermal', prog.stage_1.temperature, undefined],
      ['ramp', prog.stage_2.temperature, prog.stage_2.heating_rate],
      ['isothermal', prog.stage_3.temperature, undefined],
    ]);
    // 601 points at 20 /min in the first isotherm: it ends on the first point of the ramp.
    expect(run.segments[0].startS).toBe(0);
    expect(run.segments[1].startS).toBe(run.timeS[601]);
    expect(run.segments[1].startS / 60).toBeCloseTo(prog.stage_1.time / 60, 1);
    expect(run.segments[2].startS).toBe(run.timeS[601 + 7990]);
    expect(run.segments[2].endS).toBe(run.timeS[9189]);
    expect(run.segments[1].gas).toBe('Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min');
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: 'Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min', source: 'temperature programme, segment 1' }]);
  });

  it('reads the baseline run without using its placeholder sample mass', () => {
    const base = netzschNgb.parse({ fileName: BASELINE, bytes: read(BASELINE) });
    expect(base.timeS.length).toBe(601 + 7990 + 600);
    expect(base.sample.initialMassMg).toBeUndefined();
    expect(base.massMg?.[0]).toBe(0);
    expect(base.massMg?.[base.timeS.length - 1]).toBeCloseTo(0.303, 12);
    expect(base.massNote).toContain('no sample mass');
    expect(base.warnings.some((w) => w.startsWith('Baseline (correction) run'))).toBe(true);
    expect(base.metadata.correction_file_path).toMatch(/Baseline_10K_250729_R12\.ngb-bs3$/);
  });

  it('names the file when the archive is truncated or a stream is missing', () => {
    const bytes = read(SAMPLE);
    expect(() => netzschNgb.parse({ fileName: 'cut.ngb-ss3', bytes: bytes.subarray(0, 100000) })).toThrow(FormatError);
    expect(() => netzschNgb.parse({ fileName: 'cut.ngb-ss3', bytes: bytes.subarray(0, 100000) })).toThrow(/^cut\.ngb-ss3: expected a complete ZIP archive .*truncated/);
    const members = unzipSync(bytes);
    delete members['Streams/stream_2.table'];
    expect(() => netzschNgb.parse({ fileName: 'part.ngb-ss3', bytes: zipSync(members) })).toThrow(/^part\.ngb-ss3: expected the member Streams\/stream_2\.table/);
    expect(() => netzschNgb.parse({ fileName: 'text.ngb-ss3', bytes: new TextEncoder().encode('hello') })).toThrow(/^text\.ngb-ss3: expected a NETZSCH \.ngb file/);
  });
});

describe('netzschNgb records', () => {
  it('reads records: scalars, strings and arrays', () => {
    const rec = (field: number, type: number, flag: number[], payload: number[]): number[] => [
      0x03, 0x80, 0x01, field & 0xff, field >> 8, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x17, 0xfc, 0xff, 0xff, type, ...flag, ...payload,
    ];
    const f64 = (v: number): number[] => Array.from(new Uint8Array(new Float64Array([v]).buffer));
    const utf16 = (s: string): number[] => Array.from(s).flatMap((c) => [c.charCodeAt(0), 0]);
    const bytes = new Uint8Array([
      ...rec(0x0c9e, 0x05, [0x80, 0x01], f64(4.026)),
      ...rec(0x0840, 0x1f, [0x80, 0x01], [0xff, 0xfe, 0xff, 2, ...utf16('Fe')]),
      ...rec(0x0f40, 0x05, [0xa0, 0x01], [2, 0, 0, 0, ...f64(0.5), ...f64(1.5)]),
      ...new Array<number>(24).fill(0),
    ]);
    const records = readNgbRecords(bytes);
    expect(records.map((r) => [r.field, r.value instanceof Float64Array ? Array.from(r.value) : r.value])).toEqual([
      [0x0c9e, 4.026],
      [0x0840, 'Fe'],
      [0x0f40, [0.5, 1.5]],
    ]);
  });
});
