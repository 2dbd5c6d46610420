import { describe, expect, it } from 'vitest';
import { decodeHead } from '../../text/decode';
import { FormatError } from '../types';
import { parseUaStep, taUniversal } from './ta-universal';
import { utf16le } from './testkit';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';

const FOLDER = 'tga/cheminfo-tga-spectrum';
const MISSING = missingShared(FOLDER);
const read = (name: string): Uint8Array => readShared(`${FOLDER}/${name}`);

const textOf = (bytes: Uint8Array): string => new TextDecoder('utf-16le').decode(bytes.subarray(2));

describe('taUniversal', () => {
  it.skipIf(MISSING)('detects UA exports by their Nsig/Sig lines', () => {
    const bytes = read('TAInstruments.txt');
    expect(taUniversal.detect({ fileName: 'a.001', headText: decodeHead(bytes), headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    const netzsch = read('netzsch.txt');
    expect(taUniversal.detect({ fileName: 'n.txt', headText: decodeHead(netzsch), headBytes: netzsch.subarray(0, 64) })).toBe(0);
  });

  it.skipIf(MISSING)('reads TAInstruments.txt (Q500, StartOfData, -3/-1 sentinel rows, gas switch)', () => {
    const run = taUniversal.parse({ fileName: 'TAInstruments.txt', bytes: read('TAInstruments.txt') });
    const n = run.timeS.length;
    // Lines 52–15629 minus the segment-2 marker on line 10229; markers on 51 and 15630 are not data.
    expect(n).toBe(15577);
    expect(run.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headerLine: 50, dataStartLine: 52, dataEndLine: 15629 });
    expect(run.source.columns.map((c) => [c.name, c.unit, c.role])).toEqual([
      ['Time (min)', 'min', 'time'],
      ['Temperature (°C)', '°C', 'temperature'],
      ['Weight (mg)', 'mg', 'mass'],
      ['Balance Purge Flow (mL/min)', 'mL/min', 'channel'],
      ['Sample Purge Flow (mL/min)', 'mL/min', 'channel'],
    ]);
    expect(run.timeS[0]).toBeCloseTo(6.66667e-4 * 60, 9);
    expect(run.timeS[1]).toBeCloseTo(0.004166667 * 60, 9);
    expect(run.temperatureC?.[0]).toBe(22.70189);
    expect(run.massMg?.[0]).toBe(20.8216);
    expect(run.timeS[n - 1]).toBeCloseTo(129.7958 * 60, 6);
    expect(run.temperatureC?.[n - 1]).toBe(25.00298);
    expect(run.massMg?.[n - 1]).toBe(19.18695);
    expect(run.channels[1].values[n - 1]).toBe(90.01922);
    expect(run.sample).toMatchObject({
      name: 'Cryo1-1_N1-2@25C',
      initialMassMg: 20.821,
      instrument: 'TGA Q500 V20.13 Build 39',
      operator: 'EG',
      date: '2018-12-17 19:36:37',
      crucible: 'Platinum',
    });
    expect(run.metadata.InstSerial).toBe('0500-1450');
    expect(run.metadata.TempCal).toBe('5\tpts\t22.00\t22.00,144.66\t152.60,356.59\t358.20,562.83\t554.40,755.45\t746.40');
    expect(run.programme).toHaveLength(10);
    expect(run.programme[7]).toBe('8: Select gas 2');
    // Gas events: what the method says, placed on the instrument's segment-2 marker (84.80418 min).
    expect(run.gasEvents.map((e) => e.gas)).toEqual(['Gas 1 (Nitrogen)', 'Gas 2 (Nitrogen)']);
    expect(run.gasEvents[0].timeS).toBe(run.timeS[0]);
    expect(run.gasEvents[1].timeS).toBeCloseTo(84.80418 * 60, 6);
    expect(run.gasEvents[1].source).toContain('OrgMethod step 8');
    expect(run.warnings.some((w) => w.includes('may be wrong'))).toBe(true);
    expect(run.warnings.some((w) => w.includes('at least one label is wrong'))).toBe(true);
    expect(run.segments.map((s) => [s.index, s.kind, s.targetC])).toEqual([
      [2, 'ramp', 120],
      [3, 'ramp', 120],
      [4, 'isothermal', 120],
      [5, 'cool', 25],
      [6, 'cool', 25],
      [7, 'isothermal', 25],
      [9, 'isothermal', 25],
    ]);
    // Contiguous segments, the last one (45 min under gas 2) ending with the data, 45 min after the marker.
    for (let k = 1; k < run.segments.length; k++) expect(run.segments[k].startS).toBe(run.segments[k - 1].endS);
    const last = run.segments[6];
    expect(last.gas).toBe('Gas 2 (Nitrogen)');
    expect(last.endS).toBe(run.timeS[n - 1]);
    expect((last.endS - last.startS) / 60).toBeCloseTo(45, 1);
  });

  it.skipIf(MISSING)('reads mof.txt (no StartOfData, form feed, space-separated rows, no sentinels)', () => {
    const run = taUniversal.parse({ fileName: 'mof.txt', bytes: read('mof.txt') });
    const n = run.timeS.length;
    expect(n).toBe(19037 - 43 + 1);
    expect(run.source).toMatchObject({ delimiter: ' ', dataStartLine: 43, dataEndLine: 19037 });
    expect(run.timeS[0]).toBeCloseTo(0.003733334 * 60, 9);
    expect(run.temperatureC?.[0]).toBe(46.87907);
    expect(run.massMg?.[0]).toBe(7.49054);
    expect(run.timeS[n - 1]).toBeCloseTo(270.6084 * 60, 6);
    expect(run.temperatureC?.[n - 1]).toBe(797.8466);
    expect(run.massMg?.[n - 1]).toBe(2.19622);
    expect(run.sample).toMatchObject({ name: 'Fe-BTC Grade A act', initialMassMg: 7.492, operator: 'Till', date: '2020-10-27 19:28:35' });
    expect(run.metadata.InstSerial).toBe('0500-2338');
    expect(run.segments.map((s) => [s.kind, s.rateCPerMin, s.targetC, s.gas])).toEqual([
      ['ramp', 5, 125, 'Gas 2 (Air)'],
      ['isothermal', undefined, 125, 'Gas 2 (Air)'],
      ['ramp', 5, 800, 'Gas 2 (Air)'],
    ]);
    // Ramp from 46.9 °C to 125 °C at 5 °C/min ≈ 15.6 min, then 120 min isothermal.
    expect(run.segments[1].startS / 60).toBeCloseTo((125 - 46.87907) / 5 + 0.003733334, 3);
    expect((run.segments[1].endS - run.segments[1].startS) / 60).toBeCloseTo(120, 6);
    expect(run.gasEvents).toEqual([{ timeS: run.timeS[0], gas: 'Gas 2 (Air)', source: 'Controls line (gas selected at the start)' }]);
    // one gas throughout: nothing switches, so no label can contradict another
    expect(run.warnings.some((w) => w.includes('at least one label is wrong'))).toBe(false);
  });

  it.skipIf(MISSING)('names the file and line of a truncated or corrupted row', () => {
    const text = textOf(read('mof.txt'));
    const cut = text.slice(0, text.lastIndexOf('797.8466') + 5);
    expect(() => taUniversal.parse({ fileName: 'mof-cut.txt', bytes: utf16le(cut) })).toThrow(/^mof-cut\.txt, line 19037: expected 5 values/);
    const bad = textOf(read('TAInstruments.txt')).replace('0.02083334\t22.73601', '0.02083334\t22.7#601');
    try {
      taUniversal.parse({ fileName: 'bad.txt', bytes: utf16le(bad) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as Error).message).toMatch(/^bad\.txt, line 55: expected a number for Temperature \(°C\)/);
    }
    expect(() => taUniversal.parse({ fileName: 'h.txt', bytes: utf16le('CLOSED\r\nSample\tx\r\n') })).toThrow(/^h\.txt: expected an 'Nsig/);
  });

  it('reads method steps', () => {
    expect(parseUaStep('2: Ramp 10.00 °C/min to 120.00 °C')).toEqual({ kind: 'ramp', text: 'Ramp 10.00 °C/min to 120.00 °C', rateCPerMin: 10, targetC: 120 });
    expect(parseUaStep('8: Select gas 2')).toMatchObject({ kind: 'gas', gas: 2 });
    expect(parseUaStep('4: Isothermal for 30.00 min')).toMatchObject({ kind: 'isothermal', minutes: 30 });
    expect(parseUaStep('3: Equilibrate at 120.00 °C')).toMatchObject({ kind: 'equilibrate', targetC: 120 });
    expect(parseUaStep('10: Data storage Off')).toMatchObject({ kind: 'storage', on: false });
    expect(parseUaStep('5: Mark end of cycle 0')).toMatchObject({ kind: 'other' });
  });
});
