import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { decodeHead } from '../../text/decode';
import { pyrisCsv, pyrisText } from './pyris';

const headOf = (rel: string) => {
  const bytes = readShared(`tga/${rel}`);
  return { fileName: rel, headText: decodeHead(bytes), headBytes: bytes.subarray(0, 64) };
};

describe('pyrisText', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum', 'tga/MyonicS-pyTGA'))('detects Pyris ASCII exports only', () => {
    expect(pyrisText.detect(headOf('cheminfo-tga-spectrum/perkinElmer_tga4000.txt'))).toBeGreaterThanOrEqual(0.9);
    expect(pyrisText.detect(headOf('MyonicS-pyTGA/Methane_Pyrolysis.txt'))).toBeGreaterThanOrEqual(0.9);
    expect(pyrisText.detect(headOf('cheminfo-tga-spectrum/perkinElmer.csv'))).toBe(0);
    expect(pyrisText.detect(headOf('cheminfo-tga-spectrum/mettlerToledoWeight.txt'))).toBe(0);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('reads perkinElmer_tga4000.txt (U+FFFD degree signs, three sections, PROVENANCE 1d)', () => {
    const run = pyrisText.parse({ fileName: 'perkinElmer_tga4000.txt', bytes: readShared('tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt') });
    // 'Total Points in Run: 1155' and no warning about a mismatch.
    expect(run.timeS.length).toBe(1155);
    expect(run.warnings.some((w) => w.includes('points but'))).toBe(false);
    expect(run.source).toMatchObject({ formatId: 'pyris-text', encoding: 'utf-8', delimiter: '\t', headerLine: 34, dataStartLine: 36, dataEndLine: 1192 });
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['Time', 'time'],
      ['Unsubtracted Weight', 'mass'],
      ['Baseline Weight', 'channel'],
      ['Program Temperature', 'channel'],
      ['Sample Temperature', 'temperature'],
      ['Approx. Gas Flow', 'channel'],
      ['R25 Diagnostic Temperature', 'channel'],
    ]);
    expect(run.timeS[0]).toBe(0);
    expect(run.timeS[1154]).toBeCloseTo(19.233333 * 60, 6);
    expect(run.massMg?.[0]).toBe(12.409264);
    expect(run.massMg?.[1154]).toBe(7.604116);
    expect(run.temperatureC?.[0]).toBe(47.24);
    expect(run.temperatureC?.[1154]).toBe(696.23);
    expect(run.massNote).toMatch(/Unsubtracted Weight − Baseline Weight/);
    expect(run.warnings[0]).toMatch(/no units.*min.*mg.*°C/);
    expect(run.sample).toMatchObject({ name: 'HMm-1130', initialMassMg: 12.492, date: '06.12.2019 12:19:21' });
    expect(run.sample.instrument).toBe('PerkinElmer TGA (serial 002042001)');
    expect(run.segments.map((s) => [s.index, s.kind, s.startS, Math.round(s.endS), s.rateCPerMin, s.targetC, s.gas])).toEqual([
      [1, 'isothermal', 0, 60, 0, 50, 'Nitrogen'],
      [2, 'ramp', 60, 1035, 40, 700, 'Nitrogen'],
      [3, 'isothermal', 1035, 1154, 0, 700, 'Nitrogen'],
    ]);
    expect(run.segments[1].label).toBe('Heat from 50.00°C to 700.00°C at 40.00°C/min');
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: 'Nitrogen', source: 'Pre-Run Actions: Switch the Gas to Nitrogen at 20.0 ml/min' }]);
    expect(run.programme).toContain('2)\tHeat from 50.00\uFFFDC to 700.00\uFFFDC at 40.00\uFFFDC/min');
  });

  it.skipIf(missingShared('tga/MyonicS-pyTGA'))('reads Methane_Pyrolysis.txt (TGA 8000, nine sections, gas switches, PROVENANCE 2d)', () => {
    const run = pyrisText.parse({ fileName: 'Methane_Pyrolysis.txt', bytes: readShared('tga/MyonicS-pyTGA/Methane_Pyrolysis.txt') });
    expect(run.timeS.length).toBe(16077);
    expect(run.source).toMatchObject({ encoding: 'windows-1252', headerLine: 60, dataStartLine: 62, dataEndLine: 16146 });
    expect(run.massMg?.[0]).toBe(5.866467);
    // The mass rises in step 6 (carbon build-up): the last mass is well above the first.
    expect(run.massMg?.[16076]).toBe(11.551933);
    expect(run.temperatureC?.[0]).toBe(30.27);
    expect(run.sample).toMatchObject({ name: 'HS006_600C', initialMassMg: 5.881, date: '6-3-2025 13:24:30', instrument: 'PerkinElmer TGA 8000' });
    expect(run.metadata['Software Version']).toBe('13.3.3.0032');
    expect(run.metadata['Instrument Serial Number']).toBe('526B17062606');
    expect(run.channels.map((c) => [c.name, c.unit])).toEqual([
      ['Baseline Weight', 'mg'],
      ['Program Temperature', '°C'],
      ['Sample Purge Flow', 'ml/min'],
      ['Balance Purge Flow', 'ml/min'],
    ]);
    expect(run.segments.map((s) => [s.index, s.kind, s.rateCPerMin, s.targetC])).toEqual([
      [1, 'isothermal', 0, 30],
      [2, 'ramp', 10, 300],
      [3, 'ramp', 10, 600],
      [4, 'isothermal', 0, 600],
      [5, 'isothermal', 0, 600],
      [6, 'isothermal', 0, 600],
      [7, 'isothermal', 0, 600],
      [8, 'cool', -50, 50],
      [9, 'isothermal', 0, 50],
    ]);
    // Section boundaries: step 1 is 20 min (1190 s of rows at 1 s), step 6 starts where step 5's 30 min end.
    expect(run.segments[1].startS).toBeCloseTo(1190, 3);
    expect(run.segments[5].startS).toBeCloseTo(10010, 3);
    expect(run.segments[5].endS - run.segments[5].startS).toBeCloseTo(3600, 3);
    expect(run.segments.map((s) => s.gas)).toEqual([
      undefined,
      'ext. channel 6',
      'Nitrogen + ext. channel 6',
      'Nitrogen + ext. channel 6',
      'Argon + ext. channel 6',
      'Argon + ext. channel 5 + ext. channel 6',
      'Argon + ext. channel 6',
      'Argon',
      'Argon',
    ]);
    expect(run.gasEvents.map((e) => [Math.round(e.timeS), e.gas])).toEqual([
      [1190, 'external channel 6 on'],
      [2810, 'Nitrogen'],
      [8210, 'Argon'],
      [10010, 'external channel 5 on'],
      [10010, 'Argon'],
      [13610, 'Argon'],
      [13610, 'external channel 5 off'],
      [14210, 'external channel 6 off'],
    ]);
    expect(run.gasEvents[1].source).toBe('method step 3: Switch the Gas to Nitrogen at 25.0 ml/min');
    expect(run.warnings.join(' ')).toMatch(/external gas channels/);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('names file and line for a damaged row inside the data', () => {
    const text = new TextDecoder('windows-1252').decode(readShared('tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt'));
    const lines = text.split('\n');
    lines[99] = '\t1.0\tbroken\r';
    const bytes = new TextEncoder().encode(lines.join('\n'));
    expect(() => pyrisText.parse({ fileName: 'cut.txt', bytes })).toThrow(/^cut\.txt, line 100: expected a data row of 7 tab-separated numbers/);
  });
});

describe('pyrisCsv', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum', 'tga/MaCFP-matl-db'))('detects the Pyris CSV header only', () => {
    expect(pyrisCsv.detect(headOf('cheminfo-tga-spectrum/perkinElmer.csv'))).toBeGreaterThanOrEqual(0.9);
    expect(pyrisCsv.detect(headOf('MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv'))).toBe(0);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('reads perkinElmer.csv (ten fields, three unnamed, PROVENANCE 1f)', () => {
    const run = pyrisCsv.parse({ fileName: 'perkinElmer.csv', bytes: readShared('tga/cheminfo-tga-spectrum/perkinElmer.csv') });
    expect(run.timeS.length).toBe(8637);
    expect(run.source).toMatchObject({ formatId: 'pyris-csv', delimiter: ',', headerLine: 1, dataStartLine: 2, dataEndLine: 8638 });
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['Time', 'time'],
      ['Unsubtracted Weight', 'mass'],
      ['Baseline Weight', 'channel'],
      ['Program Temperature', 'channel'],
      ['Sample Temperature', 'temperature'],
      ['Sample Purge Flow', 'channel'],
      ['Balance Purge Flow', 'channel'],
      ['Column 8', 'ignored'],
      ['Column 9', 'channel'],
      ['Column 10', 'channel'],
    ]);
    expect(run.massMg?.[0]).toBe(2.92929);
    expect(run.massMg?.[8636]).toBe(0.365161);
    expect(run.timeS[8636]).toBeCloseTo(143.933333 * 60, 5);
    expect(run.temperatureC?.[8636]).toBe(648.8);
    expect(run.channels.find((c) => c.name === 'Column 10')?.values[0]).toBe(100);
    // Programme from 'Program Temperature': 5 min hold, 5 °C/min to 700 °C (about 139 min), hold.
    expect(run.segments.map((s) => s.kind)).toEqual(['isothermal', 'ramp', 'isothermal']);
    expect(run.segments[1].rateCPerMin).toBeCloseTo(5, 1);
    expect(run.segments[0].endS).toBeCloseTo(300, -1);
    expect(run.segments[1].endS / 60).toBeCloseTo(139, 0);
    expect(run.segments[2].targetC).toBe(700);
  });

  it('names file and line for a row with a missing field', () => {
    const bytes = new TextEncoder().encode('Time,Unsubtracted Weight,Baseline Weight,Program Temperature,Sample Temperature\n0,2.9,0,30,30\n0.1,2.8,0\n');
    expect(() => pyrisCsv.parse({ fileName: 'short.csv', bytes })).toThrow(/^short\.csv, line 3: expected 5 comma-separated fields/);
  });
});
