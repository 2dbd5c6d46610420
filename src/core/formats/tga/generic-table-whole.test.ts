/**
 * Whole results of the generic table reader on small hand-written tables: every field of the run (source, columns,
 * sample, metadata, mass note, warnings, segments, gas events) pinned at once, with the numbers converted by hand
 * (min → s × 60, h → s × 3600, K → °C − 273.15, µg → mg × 0.001, g → mg × 1000, % × stated mass / 100).
 */
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../../shared/types';
import { genericTable } from './generic-table';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (fileName: string, lines: string[], options?: Parameters<typeof genericTable.parse>[0]['options']): TgaRun =>
  genericTable.parse({ fileName, bytes: utf8(`${lines.join('\n')}\n`), options });
const LABEL = 'Delimited table (CSV, TSV, semicolon, whitespace)';

/** Every value within 1e-9 of the hand-computed one (conversions by a factor or an offset are not exact in binary). */
function near(actual: Float64Array | null, expected: number[]): void {
  expect(actual).not.toBeNull();
  expect(Array.from(actual ?? []).length).toBe(expected.length);
  expected.forEach((x, i) => expect(Math.abs((actual as Float64Array)[i] - x), `index ${i}`).toBeLessThan(1e-9));
}

/** The run without its arrays, for one toEqual on everything else. */
function facts(run: TgaRun): Omit<TgaRun, 'timeS' | 'temperatureC' | 'massMg' | 'massPercent' | 'channels'> & { channels: { name: string; unit: string }[] } {
  const { timeS: _t, temperatureC: _c, massMg: _m, massPercent: _p, channels, ...rest } = run;
  return { ...rest, channels: channels.map((c) => ({ name: c.name, unit: c.unit })) };
}

describe('genericTable: whole runs, every field', () => {
  it('a German semicolon table with decimal commas, K, µg and minutes, under a preamble of sample facts', () => {
    const run = parse('de.csv', [
      'Probe: NiO-7',
      'Gerät: STA 449',
      'Bediener: kb',
      'Datum: 04.12.2026',
      'Einwaage: 10,2 mg',
      'Probe: zweite',
      'Zeit/min;Temperatur/K;Masse/µg;DSC/mW',
      '0;373,15;10200;0,5',
      '0,5;383,15;10100;0,6',
      '1;393,15;10000;0,7',
    ]);
    expect(facts(run)).toEqual({
      technique: 'tga',
      source: {
        fileName: 'de.csv',
        formatId: 'generic-table',
        formatLabel: LABEL,
        encoding: 'utf-8',
        delimiter: ';',
        decimal: ',',
        headerLine: 7,
        dataStartLine: 8,
        dataEndLine: 10,
        columns: [
          { name: 'Zeit/min', unit: 'min', role: 'time' },
          { name: 'Temperatur/K', unit: 'K', role: 'temperature' },
          { name: 'Masse/µg', unit: 'µg', role: 'mass' },
          { name: 'DSC/mW', unit: 'mW', role: 'channel' },
        ],
      },
      // The first 'Probe' names the sample; the second neither renames it nor replaces the metadata entry.
      sample: { name: 'NiO-7', instrument: 'STA 449', operator: 'kb', date: '04.12.2026', initialMassMg: 10.2 },
      massNote: "'Masse/µg' [µg] × 0.001 → mg",
      segments: [],
      gasEvents: [],
      programme: [],
      metadata: { Probe: 'NiO-7', Gerät: 'STA 449', Bediener: 'kb', Datum: '04.12.2026', Einwaage: '10,2 mg' },
      warnings: [],
      channels: [{ name: 'DSC', unit: 'mW' }],
    });
    near(run.timeS, [0, 30, 60]); // 0, 0.5, 1 min × 60
    near(run.temperatureC, [100, 110, 120]); // 373.15, 383.15, 393.15 K − 273.15
    near(run.massMg, [10.2, 10.1, 10]); // 10200, 10100, 10000 µg × 0.001
    expect(run.massPercent).toBeNull();
    near(run.channels[0].values, [0.5, 0.6, 0.7]);
  });

  it('a whitespace table without any unit: every assumption is a warning, and a gas column gives events and segments', () => {
    const run = parse('ws.txt', ['Time   Temperature   Mass   Gas', '0   25   10   N2', '60  35  9.9  N2', '120 45 9.8 H2', '180 55 9.7 H2']);
    expect(facts(run)).toEqual({
      technique: 'tga',
      source: {
        fileName: 'ws.txt',
        formatId: 'generic-table',
        formatLabel: LABEL,
        encoding: 'utf-8',
        delimiter: ' ',
        decimal: '.',
        headerLine: 1,
        dataStartLine: 2,
        dataEndLine: 5,
        columns: [
          { name: 'Time', unit: '', role: 'time' },
          { name: 'Temperature', unit: '', role: 'temperature' },
          { name: 'Mass', unit: '', role: 'mass' },
          { name: 'Gas', unit: '', role: 'ignored' },
        ],
      },
      sample: {},
      massNote: "'Mass' [mg, assumed]",
      segments: [
        { index: 1, label: "N2 (column 'Gas')", startS: 0, endS: 120, kind: 'gas', gas: 'N2' },
        { index: 2, label: "H2 (column 'Gas')", startS: 120, endS: 180, kind: 'gas', gas: 'H2' },
      ],
      gasEvents: [{ timeS: 120, gas: 'H2', source: "column 'Gas', line 4" }],
      programme: [],
      metadata: { 'Initial gas': 'N2' },
      warnings: [
        "No time unit for column 'Time': read as seconds (set a column mapping if not).",
        "No temperature unit for column 'Temperature': read as °C.",
        "No mass unit for column 'Mass': read as mg.",
        'The file states no sample mass.',
      ],
      channels: [],
    });
    expect(Array.from(run.timeS)).toEqual([0, 60, 120, 180]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45, 55]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8, 9.7]);
  });

  it('names over a separate units row, hours and a mass in % with no stated sample mass', () => {
    const run = parse('pct.csv', ['Sample: Fe2O3 lot 4', 'Operator = ab', 'Time,Temperature,TG', '[h],[°C],[%]', '0,25,100', '0.5,300,99.5', '1,600,97']);
    expect(facts(run)).toEqual({
      technique: 'tga',
      source: {
        fileName: 'pct.csv',
        formatId: 'generic-table',
        formatLabel: LABEL,
        encoding: 'utf-8',
        delimiter: ',',
        decimal: '.',
        headerLine: 3,
        dataStartLine: 5,
        dataEndLine: 7,
        columns: [
          { name: 'Time', unit: 'h', role: 'time' },
          { name: 'Temperature', unit: '°C', role: 'temperature' },
          { name: 'TG', unit: '%', role: 'mass' },
        ],
      },
      sample: { name: 'Fe2O3 lot 4', operator: 'ab' },
      massNote: "'TG' in % of the initial mass; the file gives no sample mass",
      segments: [],
      gasEvents: [],
      programme: [],
      metadata: { Sample: 'Fe2O3 lot 4', Operator: 'ab' },
      // a mass in % needs no stated sample mass to be analysed: no warning about it
      warnings: [],
      channels: [],
    });
    expect(Array.from(run.timeS)).toEqual([0, 1800, 3600]); // 0, 0.5, 1 h × 3600
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 300, 600]);
    expect(run.massMg).toBeNull();
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99.5, 97]);
  });

  it('a tab table in g with a mass-% column beside it, an empty column, time running back once and no temperature', () => {
    const run = parse('g.tsv', [
      'Sample weight: 12.5 mg',
      'Instrument\tQ500',
      'Time (s)\tWeight (g)\tWeight (%)\tComment',
      '0\t0.0125\t100\t',
      '60\t0.0124\t99.2\t',
      '30\t0.0123\t98.4\t',
      '90\t0.0122\t97.6\t',
    ]);
    expect(facts(run)).toEqual({
      technique: 'tga',
      source: {
        fileName: 'g.tsv',
        formatId: 'generic-table',
        formatLabel: LABEL,
        encoding: 'utf-8',
        delimiter: '\t',
        decimal: '.',
        headerLine: 3,
        dataStartLine: 4,
        dataEndLine: 7,
        columns: [
          { name: 'Time (s)', unit: 's', role: 'time' },
          { name: 'Weight (g)', unit: 'g', role: 'mass' },
          { name: 'Weight (%)', unit: '%', role: 'channel' },
          // no number in any row: not offered as a channel
          { name: 'Comment', unit: '', role: 'ignored' },
        ],
      },
      sample: { initialMassMg: 12.5, instrument: 'Q500' },
      massNote: "'Weight (g)' [g] × 1000 → mg",
      segments: [],
      gasEvents: [],
      programme: [],
      metadata: { 'Sample weight': '12.5 mg', Instrument: 'Q500' },
      warnings: ['No temperature column found.', 'Time runs backwards 1 time(s): the file may hold several runs one after another.'],
      channels: [{ name: 'Weight', unit: '%' }],
    });
    expect(Array.from(run.timeS)).toEqual([0, 60, 30, 90]);
    expect(run.temperatureC).toBeNull();
    near(run.massMg, [12.5, 12.4, 12.3, 12.2]); // g × 1000
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99.2, 98.4, 97.6]);
  });

  it('a column mapping names roles and units: the assumed units become the mapped ones, without warnings', () => {
    const run = parse('map.csv', ['a,b,c', '0,300,5', '1,310,4.9', '2,320,4.8'], { columnMapping: { time: 'a', temperature: 1, mass: 'c', timeUnit: 'min', temperatureUnit: 'K', massUnit: 'g' } });
    expect(run.source.columns).toEqual([
      { name: 'a', unit: '', role: 'time' },
      { name: 'b', unit: '', role: 'temperature' },
      { name: 'c', unit: '', role: 'mass' },
    ]);
    expect(run.massNote).toBe("'c' [g] × 1000 → mg");
    expect(run.warnings).toEqual(['The file states no sample mass.']);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    near(run.temperatureC, [26.85, 36.85, 46.85]); // 300 K − 273.15
    near(run.massMg, [5000, 4900, 4800]);
  });

  it('a mapped mass unit of % with a stated sample mass in µg', () => {
    const run = parse('mp.csv', ['Initial mass: 2500 µg', 'a,b', '0,100', '1,90', '2,80'], { columnMapping: { time: 'a', mass: 'b', massUnit: '%' } });
    expect(run.sample.initialMassMg).toBe(2.5); // 2500 µg × 0.001
    near(run.massMg, [2.5, 2.25, 2]); // 100 %, 90 %, 80 % of 2.5 mg
    expect(run.massNote).toBe("'b' [%] × 2.5 mg / 100 (sample mass from the preamble)");
    expect(run.warnings).toEqual(["No time unit for column 'a': read as seconds (set a column mapping if not).", 'No temperature column found.']);
  });
});

describe('genericTable: a programme column in K beside a gas column', () => {
  it('programme segments in °C, each with the gas that flows at its start', () => {
    // 10 K/min from 298.15 K (25 °C) to 398.15 K (125 °C) in 600 s, then a hold to 1200 s; N2, then H2 from 600 s
    const rows = ['Time (s),Program Temperature (K),Sample Temperature (°C),Mass (mg),Gas'];
    for (let t = 0; t <= 1200; t += 60) {
      const progC = t <= 600 ? 25 + (10 * t) / 60 : 125;
      rows.push(`${t},${(progC + 273.15).toFixed(2)},${(progC - 1).toFixed(2)},${(10 - t / 1000).toFixed(3)},${t < 600 ? 'N2' : 'H2'}`);
    }
    const run = parse('prog-k.csv', rows);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'temperature', 'mass', 'ignored']);
    expect(run.segments.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin, s.targetC, s.gas])).toEqual([
      ['ramp', 0, 600, 10, 125, 'N2'],
      ['isothermal', 600, 1200, 0, 125, 'H2'],
    ]);
    expect(run.gasEvents).toEqual([{ timeS: 600, gas: 'H2', source: "column 'Gas', line 12" }]);
    expect(run.metadata).toEqual({ 'Initial gas': 'N2' });
  });
});

describe('genericTable: a mass column written in wt.%', () => {
  // Found 4 Dec 2026: 'Weight (wt.%)' was read as milligrams (100, 99, 98 mg, with "No mass unit … read as mg"),
  // since the unit parser knew wt% but not wt.%, which the header scanner already splits off.
  it.each([['Weight (wt.%)'], ['Weight wt.%'], ['Weight (wt%)']])('%s with a stated mass of 20 mg is mass per cent, × 20 / 100 in mg', (header) => {
    const run = parse('wt.csv', ['Sample mass: 20 mg', `Time (s),Temperature (°C),${header}`, '0,25,100', '60,35,99', '120,45,98']);
    expect(run.source.columns[2]).toMatchObject({ name: header, role: 'mass' }); // the header and its unit kept as written
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98]);
    near(run.massMg, [20, 19.8, 19.6]); // % × 20 mg / 100
    expect(run.warnings.filter((w) => /read as mg/.test(w))).toEqual([]);
  });
});

describe('genericTable: the temperature as the first column', () => {
  it('is read, and its missing unit is warned about, as in any other column (index 0 is a column too)', () => {
    // written by hand: three unitless columns, temperature first; the values are the file's own
    const run = parse('first.csv', ['Temperature,Time,Mass', '25,0,10', '35,60,9.9', '45,120,9.8']);
    expect(run.source.columns).toEqual([
      { name: 'Temperature', unit: '', role: 'temperature' },
      { name: 'Time', unit: '', role: 'time' },
      { name: 'Mass', unit: '', role: 'mass' },
    ]);
    expect(run.warnings).toEqual([
      "No time unit for column 'Time': read as seconds (set a column mapping if not).",
      "No temperature unit for column 'Temperature': read as °C.",
      "No mass unit for column 'Mass': read as mg.",
      'The file states no sample mass.',
    ]);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
  });
});
