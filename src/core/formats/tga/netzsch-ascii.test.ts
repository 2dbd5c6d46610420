import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { decodeHead } from '../../text/decode';
import { FormatError } from '../types';
import { netzschAscii, parseNetzschSegment, splitNetzschHeader } from './netzsch-ascii';
import { netzschNgb } from './netzsch-ngb';
import { taTrios } from './ta-trios';
import { taUniversal } from './ta-universal';

const read = (rel: string): Uint8Array => readShared(`tga/${rel}`);
const baseName = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);
const headOf = (bytes: Uint8Array): string => new TextDecoder('windows-1252').decode(bytes.subarray(0, 16384));

const FOLDERS = ['cheminfo-tga-spectrum', 'MyonicS-pyTGA', 'GraysonBellamy-pyngb', 'mpecchi-tga_data_analysis'].map((f) => `tga/${f}`);

describe.skipIf(missingShared(...FOLDERS))('detection across the NETZSCH and TA modules', () => {
  const modules = [netzschAscii, netzschNgb, taUniversal, taTrios];
  it.each([
    ['cheminfo-tga-spectrum/netzsch.txt', 'netzsch-ascii'],
    ['MyonicS-pyTGA/netzsch_example3.txt', 'netzsch-ascii'],
    ['GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3', 'netzsch-ngb'],
    ['GraysonBellamy-pyngb/Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3', 'netzsch-ngb'],
    ['cheminfo-tga-spectrum/TAInstruments.txt', 'ta-universal'],
    ['cheminfo-tga-spectrum/mof.txt', 'ta-universal'],
    ['mpecchi-tga_data_analysis/CLSOx5_1.txt', 'ta-trios'],
    ['mpecchi-tga_data_analysis/CLSOx10_2.txt', 'ta-trios'],
    ['mpecchi-tga_data_analysis/CLSOx50_4.txt', 'ta-trios'],
    ['mpecchi-tga_data_analysis/CLSOx100_4.txt', 'ta-trios'],
  ])('%s is claimed by %s alone', (rel, id) => {
    const bytes = read(rel);
    const input = { fileName: baseName(rel), headText: decodeHead(bytes), headBytes: bytes.subarray(0, 4096) };
    const scores = Object.fromEntries(modules.map((m) => [m.id, m.detect(input)]));
    for (const m of modules) expect(scores[m.id], m.id).toSatisfy((s: number) => (m.id === id ? s >= 0.85 : s === 0));
  });
});

describe('netzschAscii', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum', 'tga/mpecchi-tga_data_analysis'))('detects Proteus exports by content and nothing else', () => {
    const bytes = read('cheminfo-tga-spectrum/netzsch.txt');
    expect(netzschAscii.detect({ fileName: 'x.dat', headText: headOf(bytes), headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    const other = read('mpecchi-tga_data_analysis/CLSOx10_2.txt');
    expect(netzschAscii.detect({ fileName: 'a.txt', headText: headOf(other), headBytes: other.subarray(0, 64) })).toBe(0);
    expect(netzschAscii.detect({ fileName: 'a.txt', headText: '', headBytes: new Uint8Array() })).toBe(0);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('reads netzsch.txt (TG 209F1, Latin-1, mass in % of 8.91 mg)', () => {
    const run = netzschAscii.parse({ fileName: 'netzsch.txt', bytes: read('cheminfo-tga-spectrum/netzsch.txt') });
    expect(run.timeS.length).toBe(270);
    expect(run.source).toMatchObject({ headerLine: 29, dataStartLine: 30, dataEndLine: 299, delimiter: ';', decimal: '.', encoding: 'windows-1252' });
    expect(run.source.columns.map((c) => [c.unit, c.role])).toEqual([
      ['°C', 'temperature'],
      ['min', 'time'],
      ['%', 'mass'],
    ]);
    expect(run.temperatureC?.[0]).toBeCloseTo(27.141, 6);
    expect(run.timeS[0]).toBe(0);
    expect(run.timeS[269]).toBeCloseTo(133.95164 * 60, 6);
    expect(run.temperatureC?.[269]).toBeCloseTo(699.641, 6);
    expect(run.massPercent?.[0]).toBeCloseTo(99.98948, 8);
    expect(run.massMg?.[0]).toBeCloseTo((99.98948 * 8.91) / 100, 8);
    expect(run.massMg?.[269]).toBeCloseTo((19.39108 * 8.91) / 100, 8);
    expect(run.massNote).toContain('8.91 mg');
    expect(run.sample).toMatchObject({ name: 'AlPyr', initialMassMg: 8.91, instrument: 'NETZSCH TG 209F1 Libra', operator: 'Nency', crucible: 'Al2O3 85 µl, open' });
    expect(run.metadata['SAMPLE MASS /mg']).toBe('8.91');
    expect(run.metadata.FILE).toBe('AlPyr.ngb-st9');
    expect(run.programme).toContain('SEG. 1:30°C/5.0(K/min)/700°C');
    expect(run.segments).toEqual([
      { index: 1, label: '30°C/5.0(K/min)/700°C', startS: 0, endS: run.timeS[269], kind: 'ramp', rateCPerMin: 5, targetC: 700 },
    ]);
    expect(run.gasEvents).toEqual([]);
  });

  it.skipIf(missingShared('tga/MyonicS-pyTGA'))('reads netzsch_example3.txt (STA 449F3, 0x9B degree sign, Segment and gas-flow columns)', () => {
    const run = netzschAscii.parse({ fileName: 'netzsch_example3.txt', bytes: read('MyonicS-pyTGA/netzsch_example3.txt') });
    expect(run.timeS.length).toBe(7022);
    expect(run.source).toMatchObject({ headerLine: 35, dataStartLine: 36, dataEndLine: 7057 });
    expect(run.source.columns.map((c) => c.name)).toEqual(['Temp./°C', 'Time/min', 'Mass/%', 'Gas Flow(purge2)', 'Gas Flow(protective)', 'Segment']);
    expect(run.warnings.some((w) => w.includes('0x9B'))).toBe(true);
    expect(run.timeS[7021]).toBeCloseTo(94.20083 * 60, 6);
    expect(run.temperatureC?.[7021]).toBeCloseTo(1000.02002, 6);
    expect(run.massMg?.[0]).toBeCloseTo(4.28, 8);
    expect(run.massMg?.[7021]).toBeCloseTo((2.03271 * 4.28) / 100, 8);
    expect(run.sample).toMatchObject({ name: 'CF-A_1000-ash', initialMassMg: 4.28, instrument: 'NETZSCH STA 449F3' });
    expect(run.channels.map((c) => `${c.name} [${c.unit}]`)).toEqual(['Gas Flow(purge2) [ml/min]', 'Gas Flow(protective) [ml/min]', 'Segment []']);
    expect(run.channels[0].values[100]).toBe(50);
    expect(run.segments).toHaveLength(2);
    expect(run.segments[0]).toMatchObject({ index: 1, kind: 'ramp', rateCPerMin: 15, targetC: 1000, startS: 0 });
    expect(run.segments[0].endS).toBeCloseTo(64.2475 * 60, 6);
    expect(run.segments[1]).toMatchObject({ index: 2, kind: 'isothermal', targetC: 1000, label: '1000°C/00:30/1000°C' });
    expect(run.segments[1].startS).toBeCloseTo(64.2475 * 60, 6);
    expect(run.gasEvents.map((e) => e.gas)).toEqual(['Gas Flow(purge2) 50 ml/min', 'Gas Flow(protective) 40 ml/min']);
    expect(run.metadata['CORR. FILE']).toBe('blanc_1000_air.ngb-bs3');
    expect(run.warnings.some((w) => w.includes('blank-corrected'))).toBe(true);
  });

  it('honours #DECIMAL:COMMA and #SEPARATOR:TAB, and mass in mg', () => {
    const text = [
      '#EXPORTTYPE:DATA SINGLE',
      '#DECIMAL:COMMA',
      '#SEPARATOR:TAB',
      '#SAMPLE MASS /mg:10,5',
      '#PURGE 2 MFC:HYDROGEN',
      '',
      '##Time/s\tTemp./K\tMass/mg\tGas Flow(purge2)/(ml/min)',
      '0,0\t300,15\t10,5\t0',
      '1,5\t301,15\t10,4\t0',
      '3,0\t302,15\t10,2\t20,0',
    ].join('\r\n');
    const run = netzschAscii.parse({ fileName: 'synthetic.txt', bytes: new TextEncoder().encode(text) });
    expect(Array.from(run.timeS)).toEqual([0, 1.5, 3]);
    expect(run.temperatureC?.[0]).toBeCloseTo(27, 10);
    expect(Array.from(run.massMg ?? [])).toEqual([10.5, 10.4, 10.2]);
    expect(run.massPercent).toBeNull();
    expect(run.sample.initialMassMg).toBe(10.5);
    expect(run.gasEvents).toEqual([{ timeS: 3, gas: 'Gas Flow(purge2) 20 ml/min (PURGE 2 MFC: HYDROGEN)', source: 'column Gas Flow(purge2), data row 3' }]);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('names the file and line of a truncated or corrupted row', () => {
    const bytes = read('cheminfo-tga-spectrum/netzsch.txt');
    const text = new TextDecoder('windows-1252').decode(bytes);
    const cut = text.slice(0, text.indexOf('133.45164') + 4);
    expect(() => netzschAscii.parse({ fileName: 'cut.txt', bytes: new TextEncoder().encode(cut) })).toThrow(/^cut\.txt, line 298: expected 3 fields/);
    const bad = text.replace(' 39.64100;  1.91030;99.71474', ' 39.64100;  1.9x030;99.71474');
    try {
      netzschAscii.parse({ fileName: 'bad.txt', bytes: new TextEncoder().encode(bad) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).line).toBe(35);
      expect((e as Error).message).toContain('bad.txt, line 35: expected a number in column 2 (Time)');
    }
    expect(() => netzschAscii.parse({ fileName: 'h.txt', bytes: new TextEncoder().encode('#EXPORTTYPE:DATA\n#SAMPLE:x\n') })).toThrow(
      /^h\.txt: expected a '##' column line/,
    );
  });

  it('splits headers and programme segments', () => {
    expect(splitNetzschHeader('Gas Flow(purge2)/(ml/min)')).toEqual({ name: 'Gas Flow(purge2)', unit: 'ml/min' });
    expect(splitNetzschHeader('DSC/(mW/mg)')).toEqual({ name: 'DSC', unit: 'mW/mg' });
    expect(splitNetzschHeader('Temp./°C')).toEqual({ name: 'Temp.', unit: '°C' });
    expect(parseNetzschSegment('37°C/15,0(K/min)/1000°C')).toEqual({ startC: 37, endC: 1000, rateKPerMin: 15 });
    expect(parseNetzschSegment('1000°C/01:30/1000°C')).toEqual({ startC: 1000, endC: 1000, durationMin: 90 });
    expect(parseNetzschSegment('S1/2')).toBeNull();
  });
});
