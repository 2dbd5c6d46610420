import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { decodeHead } from '../../text/decode';
import { FormatError } from '../types';
import { mettlerStare } from './mettler-stare';

const read = (rel: string) => mettlerStare.parse({ fileName: rel.split('/').pop() as string, bytes: readShared(`tga/${rel}`) });
const detectOf = (rel: string): number => {
  const bytes = readShared(`tga/${rel}`);
  return mettlerStare.detect({ fileName: rel, headText: decodeHead(bytes), headBytes: bytes.subarray(0, 64) });
};

describe('mettlerStare', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum', 'tga/datalab-org-datalab', 'tga/MyonicS-pyTGA', 'tga/MaCFP-matl-db'))('detects STARe exports and nothing else', () => {
    expect(detectOf('cheminfo-tga-spectrum/mettlerToledoWeight.txt')).toBeGreaterThanOrEqual(0.9);
    expect(detectOf('datalab-org-datalab/mp2028_281122_LNO+C.txt')).toBeGreaterThanOrEqual(0.9);
    expect(detectOf('MyonicS-pyTGA/MettlerToledo_example_file.txt')).toBeGreaterThanOrEqual(0.9);
    expect(detectOf('cheminfo-tga-spectrum/perkinElmer_tga4000.txt')).toBe(0);
    expect(detectOf('MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv')).toBe(0);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('reads mettlerToledoWeight.txt (SW 16, three curves, Latin-1, PROVENANCE 1b)', () => {
    const run = read('cheminfo-tga-spectrum/mettlerToledoWeight.txt');
    expect(run.timeS.length).toBe(2251);
    expect(run.source).toMatchObject({ formatId: 'mettler-stare', encoding: 'windows-1252', headerLine: 11, dataStartLine: 13, dataEndLine: 2263 });
    expect(run.source.columns.map((c) => [c.name, c.unit, c.role])).toEqual([
      ['Index', '', 'ignored'],
      ['t', 's', 'time'],
      ['Ts', '°C', 'temperature'],
      ['Tr', '°C', 'channel'],
      ['Value', 'mg', 'mass'],
      ['Value (Heatflow)', 'mW', 'channel'],
      ['y value (DTG)', 'mgs^-1', 'channel'],
    ]);
    expect([run.timeS[0], run.timeS[2250]]).toEqual([0, 2250]);
    expect(run.temperatureC?.[0]).toBe(36.625);
    expect(run.temperatureC?.[2250]).toBe(649.233);
    expect(run.massMg?.[0]).toBe(12.8009);
    expect(run.massMg?.[2250]).toBe(2.304);
    expect(run.massPercent).toBeNull();
    // The heat-flow curve must not be read as mass; DTG with three-digit exponents becomes a channel.
    const names = run.channels.map((c) => c.name);
    expect(names).toEqual(['Reference temperature', 'Heatflow', 'DTG']);
    const hf = run.channels[1];
    expect([hf.unit, hf.values[0], hf.values[2250]]).toEqual(['mW', -0.115901, -2.84412]);
    expect(run.channels[2].values[0]).toBeCloseTo(-0.000112104, 12);
    expect(run.channels[0].values[2250]).toBe(650);
    expect(run.sample).toEqual({
      name: 'TEST TGA',
      initialMassMg: 12.802,
      instrument: 'Mettler-Toledo TGA/DSC 3+ LF/1100',
      operator: 'METTLER',
      method: '650 TGA/DSC',
      crucible: 'Alumina 70ul, 179.215 mg',
      date: '09.08.2018 14:55',
    });
    // STARe's own step evaluation is kept verbatim.
    expect(run.metadata['Results']).toContain('Step\t-66.9395 %');
    expect(run.metadata['Results']).toContain('Inflect. Pt.\t397.19 °C');
    expect(run.metadata['Results']).toContain('Midpoint\t401.27 °C');
    expect(run.metadata['Results']).toContain('Step\t-15.0494 %');
    expect(run.metadata['Software']).toBe('STARe SW 16.00');
    // Programme from Tr: 30 K/min to 650 °C reached at 1230 s, then a hold.
    expect(run.segments.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin, s.targetC])).toEqual([
      ['ramp', 0, 1230, 30, 650],
      ['isothermal', 1230, 2250, 0, 650],
    ]);
    expect(run.gasEvents).toEqual([]);
  });

  it.skipIf(missingShared('tga/MyonicS-pyTGA'))('reads MettlerToledo_example_file.txt (SW 17, UTF-8 with U+FFFD degree signs, PROVENANCE 2a)', () => {
    const run = read('MyonicS-pyTGA/MettlerToledo_example_file.txt');
    expect(run.timeS.length).toBe(12661);
    expect(run.source).toMatchObject({ encoding: 'utf-8', headerLine: 28, dataStartLine: 30, dataEndLine: 12690 });
    expect(run.massMg?.[0]).toBe(4.92915);
    expect(run.massMg?.[12660]).toBe(0.0286858);
    expect(run.temperatureC?.[0]).toBe(45.647);
    expect(run.temperatureC?.[12660]).toBe(805.934);
    expect(run.channels.map((c) => [c.name, c.unit])).toEqual([
      ['Reference temperature', '°C'],
      ['Heat Flow', 'mW'],
    ]);
    expect(run.channels[1].values[12660]).toBe(-10.6218);
    expect(run.sample).toMatchObject({ name: 'TGA_PP', initialMassMg: 4.9292, method: 'PP_cracking', operator: 'thermo', crucible: 'Alumina 150ul, 280.453 mg' });
    expect(run.sample.instrument).toBe('Mettler-Toledo (STARe SW 17.00)');
    expect(run.warnings.some((w) => w.includes('U+FFFD'))).toBe(true);
    // The eight programme stages of PROVENANCE 2a, read from Tr.
    expect(run.segments.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin])).toEqual([
      ['ramp', 0, 960, 5],
      ['isothermal', 960, 2160, 0],
      ['ramp', 2160, 7800, 5],
      ['isothermal', 7800, 8100, 0],
      ['cool', 8100, 9060, -25],
      ['isothermal', 9060, 10260, 0],
      ['ramp', 10260, 12060, 20],
      ['isothermal', 12060, 12660, 0],
    ]);
    expect(run.segments.map((s) => s.targetC)).toEqual([130, 130, 600, 600, 200, 200, 800, 800]);
  });

  it.skipIf(missingShared('tga/MyonicS-pyTGA'))('reads blank_test_MT.txt (Latin-1 CRLF, zero sample mass, PROVENANCE 2b)', () => {
    const run = read('MyonicS-pyTGA/blank_test_MT.txt');
    expect(run.timeS.length).toBe(12661);
    expect(run.source.encoding).toBe('windows-1252');
    expect(run.sample.name).toBe('blank');
    expect(run.sample.initialMassMg).toBeUndefined();
    expect(run.sample.method).toBe('MT1a SR_PP_cracking');
    expect(run.warnings.join(' ')).toMatch(/0\.0000 mg/);
    expect(run.massMg?.[0]).toBe(0.0307862);
    expect(run.massMg?.[12660]).toBe(0.170989);
    expect(run.segments).toHaveLength(8);
  });

  it.skipIf(missingShared('tga/datalab-org-datalab'))('reads mp2028_281122_LNO+C.txt (SW 13, mass only in the trailer, PROVENANCE 7a)', () => {
    const run = read('datalab-org-datalab/mp2028_281122_LNO+C.txt');
    expect(run.timeS.length).toBe(4051);
    expect(run.source).toMatchObject({ headerLine: 12, dataStartLine: 14, dataEndLine: 4064 });
    expect(run.sample).toMatchObject({ name: 'mp2028_281122_LNO', initialMassMg: 4.1752, date: '28.11.2022 14:59:26' });
    expect(run.sample.instrument).toBe('Mettler-Toledo (STARe SW 13.00)');
    expect(run.massMg?.[0]).toBe(4.17537);
    expect(run.massMg?.[4050]).toBe(4.18524);
    expect(run.temperatureC?.[4050]).toBe(691.76);
    expect(run.channels[0].values[1]).toBe(25.1667);
    expect(run.segments.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin, s.targetC])).toEqual([['ramp', 0, 4050, 10, 700]]);
  });

  const tiny = (body: string): Uint8Array =>
    new TextEncoder().encode(
      ['Curve Name:', '  =X', '  Sample Weight', 'Curve Values:', '          Index              t             Ts             Tr          Value', '                           [s]           [°C]           [°C]           [mg]', body].join('\r\n'),
    );

  it('interpolates a curve with its own time axis onto the mass times', () => {
    const text = [
      'Curve Name:', '  =X', '  Sample Weight', 'Curve Values:',
      '  Index  t  Ts  Tr  Value', '  [s]  [°C]  [°C]  [mg]',
      '  0  0  25  25  10', '  1  2  26  26  9', '  2  4  27  27  8', '', '',
      'Results:', 'Sample:', '  X, 10.0000 mg', '', '',
      'Curve Name:', '  =X', '  Heatflow', 'Curve Values:',
      '  Index  t  Ts  Tr  Value', '  [s]  [°C]  [°C]  [mW]',
      '  0  0  25  25  1', '  1  4  27  27  3', '',
    ].join('\n');
    const run = mettlerStare.parse({ fileName: 'x.txt', bytes: new TextEncoder().encode(text) });
    expect(Array.from(run.channels[1].values)).toEqual([1, 2, 3]);
    expect(run.warnings.join(' ')).toMatch(/interpolated/);
    expect(run.sample.initialMassMg).toBe(10);
  });

  it('reads a curve without Ts and Tr columns', () => {
    const text = 'SampleID:\n  S, 2.0000 mg\nCurve:\n   Index   t   Value\n   [s]   [mg]\n   0   0   2.0\n   1   1   1.9\n';
    const run = mettlerStare.parse({ fileName: 'x.txt', bytes: new TextEncoder().encode(text) });
    expect(Array.from(run.massMg ?? [])).toEqual([2, 1.9]);
    expect(run.temperatureC).toBeNull();
    expect(run.segments).toEqual([]);
    expect(run.sample).toMatchObject({ name: 'S', initialMassMg: 2 });
  });

  it('names file and line for a damaged row and refuses files without a mass curve', () => {
    expect(() => mettlerStare.parse({ fileName: 'bad.txt', bytes: tiny('              0              0         36.625         35.000        12.8009\r\n              1              1         36.622\r\n') })).toThrow(
      /bad\.txt, line 8: expected 5 numbers/,
    );
    const hf = new TextEncoder().encode('Curve Values:\n  Index  t  Ts  Tr  Value\n  [s]  [°C]  [°C]  [mW]\n  0  0  25  25  1\n');
    expect(() => mettlerStare.parse({ fileName: 'hf.txt', bytes: hf })).toThrow(FormatError);
    expect(() => mettlerStare.parse({ fileName: 'hf.txt', bytes: hf })).toThrow(/hf\.txt, line 3: expected a curve whose value unit is a mass/);
  });
});
