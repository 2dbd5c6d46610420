/**
 * STARe exports written by hand in the layout of the real ones (mettlerToledoWeight.txt: title line, 'Curve Name:'
 * label, 'Curve Values:', the 'Index t Ts Tr Value' column line, the units line, blocks 'Name:' with indented lines),
 * for what no real file shows: a curve in µg, an operator indented deeper than STARe's two spaces.
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { mettlerStare } from './mettler-stare';

/** Windows-1252 bytes (STARe's encoding) for text below U+0100 (° = 0xB0, µ = 0xB5). */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const pad = (v: string): string => v.padStart(15);
const stare = (massUnit: string, masses: string[], extra: string[] = [], before: string[] = []): Uint8Array =>
  latin1(
    [
      `Title${' '.repeat(59)}04.12.2026 09:30`,
      '_'.repeat(80),
      '',
      ...before,
      'Curve Name:',
      '  =NiO-1',
      '  Sample Weight',
      'Curve Values:',
      ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
      ['', '[s]', '[°C]', '[°C]', `[${massUnit}]`].map(pad).join(''),
      ...masses.map((m, i) => [String(i), String(60 * i), (25 + 10 * i).toFixed(3), (25 + 10 * i).toFixed(3), m].map(pad).join('')),
      '',
      '',
      'Sample:',
      '  NiO-1, 10.0000 mg',
      ...extra,
      '',
    ].join('\r\n'),
  );

describe('mettlerStare on hand-written exports', () => {
  it('converts a curve in µg to mg (× 0.001) and says so', () => {
    const run = mettlerStare.parse({ fileName: 'ug.txt', bytes: stare('µg', ['10000.0', '9990.0', '9980.0']) });
    expect(Array.from(run.massMg ?? []).map((m) => Number(m.toPrecision(12)))).toEqual([10, 9.99, 9.98]);
    expect(run.massNote).toBe('Value [µg] × 0.001 → mg');
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(run.sample.initialMassMg).toBe(10);
  });

  it('reads the operator without the blanks of a deeper indent', () => {
    const run = mettlerStare.parse({ fileName: 'user.txt', bytes: stare('mg', ['10.0', '9.99', '9.98'], ['User:', '    A. Lab', 'Method:', '  650 TGA/DSC']) });
    expect(run.sample.operator).toBe('A. Lab');
    expect(run.sample.method).toBe('650 TGA/DSC');
  });

  it('a column line without a units line under it is not a curve', () => {
    const quoted = ['Experiment Comments:', '  exported as', ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''), '  from STARe', ''];
    const run = mettlerStare.parse({ fileName: 'q.txt', bytes: stare('mg', ['10.0', '9.99', '9.98'], [], quoted) });
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.99, 9.98]);
  });

  it("keeps a second curve's own Results apart from the mass curve's", () => {
    const heatFlow = [
      '',
      'Curve Name:',
      '  =NiO-1',
      '  Heat Flow',
      'Curve Values:',
      ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
      ['', '[s]', '[°C]', '[°C]', '[mW]'].map(pad).join(''),
      ...['0.5', '0.7', '0.4'].map((v, i) => [String(i), String(60 * i), (25 + 10 * i).toFixed(3), (25 + 10 * i).toFixed(3), v].map(pad).join('')),
      '',
      'Results:',
      '  Peak\t35.00 °C',
      '',
    ];
    const run = mettlerStare.parse({ fileName: 'two.txt', bytes: stare('mg', ['10.0', '9.99', '9.98'], heatFlow) });
    expect(run.channels.map((c) => c.name)).toEqual(['Reference temperature', 'Heat Flow']);
    expect(run.metadata['Results (Heat Flow)']).toBe('Peak\t35.00 °C');
    expect(run.metadata['Results']).toBeUndefined();
  });

  it('claims a column line only where it starts a line: "… Index t Ts" inside a sentence is not one', () => {
    const units = ['', '[s]', '[°C]', '[mg]'].map(pad).join('');
    const detect = (line: string): number => mettlerStare.detect({ fileName: 'x.txt', headText: `${line}\n${units}\n`, headBytes: new Uint8Array() });
    expect(detect(['Index', 't', 'Ts', 'Value'].map(pad).join(''))).toBe(0.95);
    expect(detect('Sorted by Index t Ts Value')).toBe(0);
  });
});

describe.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('mettlerStare: results belong to their own curve', () => {
  it('gives the heat-flow and DTG curves no results: their Results blocks are empty in the file', () => {
    // mettlerToledoWeight.txt: 'Results:' on line 2266 holds the mass curve's steps; those on 4617 and 6939 (the
    // heat-flow and DTG curves) are followed directly by 'Texts:'.
    const run = mettlerStare.parse({ fileName: 'mettlerToledoWeight.txt', bytes: readShared('tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt') });
    expect(run.metadata['Results']).toContain('Step\t-66.9395 %');
    expect(Object.keys(run.metadata).filter((k) => k.startsWith('Results ('))).toEqual([]);
    // Its 22 lines (11 per step) without the blank line between the steps.
    expect(run.metadata['Results'].split('\n')).toHaveLength(22);
  });
});

describe('mettlerStare: mass units, sample masses and channel names on hand-written exports', () => {
  const masses = ['10.0', '9.99', '9.98'];
  /** A further curve on the mass curve's times, with its own title lines and value unit. */
  const curve = (titles: string[], unit: string, values: string[]): string[] => [
    '',
    'Curve Name:',
    ...titles.map((t) => `  ${t}`),
    'Curve Values:',
    ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
    ['', '[s]', '[°C]', '[°C]', `[${unit}]`].map(pad).join(''),
    ...values.map((v, i) => [String(i), String(60 * i), (25 + 10 * i).toFixed(3), (25 + 10 * i).toFixed(3), v].map(pad).join('')),
    '',
  ];

  it('a curve in % is scaled by the Sample block mass: p × 10 mg / 100', () => {
    const run = mettlerStare.parse({ fileName: 'pct.txt', bytes: stare('%', ['100.0', '99.0', '98.0']) });
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
    expect(run.massNote).toBe('Value [%] × 10 mg / 100 (sample mass from the Sample block)');
    expect(run.source.columns.map((c) => [c.name, c.unit, c.role])).toEqual([
      ['Index', '', 'ignored'],
      ['t', 's', 'time'],
      ['Ts', '°C', 'temperature'],
      ['Tr', '°C', 'channel'],
      ['Value', '%', 'mass'],
    ]);
  });

  it('a curve in % without a usable sample mass stays in %, and a zero mass is said to be one', () => {
    // SampleID (read before Sample) gives 0 mg, as a blank run's export does.
    const run = mettlerStare.parse({ fileName: 'blank.txt', bytes: stare('%', ['100.0', '99.0', '98.0'], [], ['SampleID:', '  blank , 0.0000 mg', '']) });
    expect(run.massMg).toBeNull();
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98]);
    expect(run.massNote).toBe('Value [%] of the initial mass; the file gives no sample mass');
    expect(run.sample.name).toBe('blank');
    expect(run.sample.initialMassMg).toBeUndefined();
    expect(run.warnings).toEqual(['The sample mass is given as 0.0000 mg (a blank run?); no initial mass is set.']);
  });

  it('a curve in g is × 1000; sample masses in g, mg, µg and ug are converted to mg', () => {
    const run = mettlerStare.parse({ fileName: 'g.txt', bytes: stare('g', ['0.0100', '0.0099', '0.0098']) });
    expect(run.massNote).toBe('Value [g] × 1000 → mg');
    expect(Array.from(run.massMg ?? []).map((m) => Number(m.toPrecision(12)))).toEqual([10, 9.9, 9.8]);
    for (const [line, mg] of [['S, 0.0125 g', 12.5], ['S, 12.5 mg', 12.5], ['S, 12500 µg', 12.5], ['S, 12500 ug', 12.5]] as const) {
      const r = mettlerStare.parse({ fileName: 's.txt', bytes: stare('mg', masses, [], ['SampleID:', `  ${line}`, '']) });
      expect(r.sample.initialMassMg, line).toBeCloseTo(mg, 12);
      expect(r.sample.name, line).toBe('S');
    }
  });

  it('names further curves: DTG by a per-time unit, else the last title line, else Heat flow for mW, else the column', () => {
    const extra = [
      ...curve(['=NiO-1', 'Sample Weight'], 'mg/min', ['0', '-0.01', '-0.01']),
      ...curve(['=NiO-1'], 'mW', ['0.5', '0.7', '0.4']),
      ...curve(['=NiO-1', 'Performed 04.12.2026 09:30'], 'mW', ['1.5', '1.7', '1.4']),
      ...curve(['=NiO-1', 'DTA signal'], 'µV', ['5', '7', '4']),
      ...curve(['=NiO-1'], 'µV', ['6', '8', '5']),
    ];
    const run = mettlerStare.parse({ fileName: 'names.txt', bytes: stare('mg', masses, extra) });
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([
      ['Reference temperature', '°C', [25, 35, 45]],
      ['DTG', 'mg/min', [0, -0.01, -0.01]],
      ['Heat flow', 'mW', [0.5, 0.7, 0.4]],
      ['Heat flow', 'mW', [1.5, 1.7, 1.4]],
      ['DTA signal', 'µV', [5, 7, 4]],
      ['Value', 'µV', [6, 8, 5]],
    ]);
    expect(run.source.columns.slice(5).map((c) => c.name)).toEqual(['Value (DTG)', 'Value (Heat flow)', 'Value (Heat flow)', 'Value (DTA signal)', 'Value (Value)']);
    expect(run.warnings).toEqual([]);
  });

  it('metadata and sample from the blocks: a module without a Type line, a holder without a weight, the first of two blocks, the footer', () => {
    const extra = [
      'Method:',
      '  Reduce 10 K/min',
      'TA Module:',
      '  TGA 2, 01.02.2020 10:00:00',
      '  Identification : 7',
      'Sample Holder:',
      '  Alumina 30ul',
      'Empty:',
      'Method:',
      '  a second method block',
      '',
      'STARe SW 15.10',
    ];
    const run = mettlerStare.parse({ fileName: 'blocks.txt', bytes: stare('mg', masses, extra) });
    expect(run.metadata).toEqual({
      'Title date': '04.12.2026 09:30',
      'Curve Name': '=NiO-1\nSample Weight',
      Sample: 'NiO-1, 10.0000 mg',
      Method: 'Reduce 10 K/min',
      'TA Module': 'TGA 2, 01.02.2020 10:00:00\nIdentification : 7',
      'Sample Holder': 'Alumina 30ul',
      Software: 'STARe SW 15.10',
    });
    // No 'Performed' title line: the date is the title line's; no 'Type :' line: the module's first line up to ','.
    expect(run.sample).toEqual({
      name: 'NiO-1',
      initialMassMg: 10,
      instrument: 'Mettler-Toledo TGA 2',
      method: 'Reduce 10 K/min',
      crucible: 'Alumina 30ul',
      date: '04.12.2026 09:30',
    });
    // Title, rule, blank, 'Curve Name:', two title lines, 'Curve Values:': the column line is line 8, rows 10–12.
    expect(run.source).toMatchObject({ encoding: 'windows-1252', headerLine: 8, dataStartLine: 10, dataEndLine: 12 });
  });

  it('without a TA Module block the instrument names the software, or STARe when there is no footer either', () => {
    const run = mettlerStare.parse({ fileName: 'bare.txt', bytes: stare('mg', masses) });
    expect(run.sample.instrument).toBe('Mettler-Toledo (STARe)');
    expect(run.metadata.Software).toBeUndefined();
    const sw = mettlerStare.parse({ fileName: 'sw.txt', bytes: stare('mg', masses, ['', 'STARe SW 9.01', '']) });
    expect(sw.sample.instrument).toBe('Mettler-Toledo (STARe SW 9.01)');
  });

  it("copies a curve on the mass curve's times (within 1e-9 relative), and interpolates one on its own times with a warning", () => {
    const timed = (times: string[], values: string[]): string[] => [
      '',
      'Curve Name:',
      '  =NiO-1',
      'Curve Values:',
      ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
      ['', '[s]', '[°C]', '[°C]', '[mW]'].map(pad).join(''),
      ...values.map((v, i) => [String(i), times[i], '25.000', '25.000', v].map(pad).join('')),
      '',
    ];
    // 60.00000001 s differs from 60 s by 1.7e-10 relative: the same axis. 60.001 s does not.
    const same = mettlerStare.parse({ fileName: 'same.txt', bytes: stare('mg', masses, timed(['0', '60.00000001', '120'], ['0.5', '0.7', '0.4'])) });
    expect(Array.from(same.channels[1].values)).toEqual([0.5, 0.7, 0.4]);
    expect(same.warnings).toEqual([]);
    const own = mettlerStare.parse({ fileName: 'own.txt', bytes: stare('mg', masses, timed(['0', '60.001', '120'], ['0.5', '0.7', '0.4'])) });
    const hf = Array.from(own.channels[1].values);
    // At 60 s: 0.5 + (0.7 − 0.5) × 60 / 60.001.
    expect(hf[0]).toBe(0.5);
    expect(hf[1]).toBeCloseTo(0.5 + (0.2 * 60) / 60.001, 12);
    expect(hf[2]).toBe(0.4);
    expect(own.warnings).toEqual(["Curve 'Heat flow' has its own time axis (3 points): interpolated onto the mass curve's 3 times."]);
    // A shorter curve (0 and 60 s): NaN beyond its last time.
    const short = mettlerStare.parse({ fileName: 'short.txt', bytes: stare('mg', masses, timed(['0', '60'], ['0.5', '0.7'])) });
    expect(Array.from(short.channels[1].values)).toEqual([0.5, 0.7, NaN]);
    expect(short.warnings).toEqual(["Curve 'Heat flow' has its own time axis (2 points): interpolated onto the mass curve's 3 times."]);
  });
});

