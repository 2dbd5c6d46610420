/**
 * A TA Universal Analysis export written by hand (layout of TAInstruments.txt / mof.txt) with what the real files do
 * not have: ten signals (Sig10), gas comments spelled 'Gas 1 : …' and 'gas2:…', a step the parser does not know, a
 * segment marker on the first row and one that matches no step. Every expected value is set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { taUniversal } from './ta-universal';
import { utf16le } from './testkit';

const FLOWS = [4, 5, 6, 7, 8, 9];
const HEAD = [
  'CLOSED',
  'Instrument\tTGA Q5000 V3.17 Build 265',
  'Operator\tKM',
  'Sample\tCuO-7',
  'Size\t10.0000\tmg',
  'Xcomment\tPan: Alumina',
  'Xcomment\tGas 1 : Hydrogen',
  'Xcomment\tgas2:Argon',
  'ProcName\tC:\\TA\\reduce.prc',
  'Date\t2026-12-04',
  'Time\t09:30:00',
  'OrgMethod\t1: Select gas 1',
  'OrgMethod\t2: Ramp 10.00 °C/min to 65.00 °C',
  'OrgMethod\t3: Select gas 2',
  'OrgMethod\t4: Mystery step',
  'Nsig\t10',
  'Sig1\tTime (min)',
  'Sig2\tTemperature (°C)',
  'Sig3\tWeight (mg)',
  ...FLOWS.map((k) => `Sig${k}\tFlow ${k} (mL/min)`),
  'Sig10\tDeriv. Weight (%/min)',
  'StartOfData',
];
/** Minute t: 25 + 10 t °C, 10 − 0.1 t mg, flows k, derivative t. */
const row = (t: number): string => [t, 25 + 10 * t, 10 - 0.1 * t, ...FLOWS, t].join('\t');
const MARKER_1 = '-3\t1\t0\t0\t0\t0\t0\t0\t0\t0';
const MARKER_7 = '-3\t7\t0\t0\t0\t0\t0\t0\t0\t0';
const LINES = [...HEAD, MARKER_1, ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map(row), MARKER_7, row(9), row(10)];

describe('taUniversal: ten signals, spelled gas comments, an unknown step, unused markers', () => {
  it('pins the whole run', () => {
    const run = taUniversal.parse({ fileName: 'ten.txt', bytes: utf16le(LINES.join('\r\n') + '\r\n') });
    const minutes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(Array.from(run.timeS)).toEqual(minutes.map((t) => t * 60));
    expect(Array.from(run.temperatureC ?? [])).toEqual(minutes.map((t) => 25 + 10 * t));
    expect(Array.from(run.massMg ?? [])).toEqual(minutes.map((t) => 10 - 0.1 * t));
    expect(run.massPercent).toBeNull();
    expect(run.massNote).toBe('Weight (mg) as written');
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([
      ...FLOWS.map((k) => [`Flow ${k}`, 'mL/min', minutes.map(() => k)]),
      ['Deriv. Weight', '%/min', minutes],
    ]);
    const line = (text: string): number => LINES.indexOf(text) + 1;
    expect(run.source).toEqual({
      fileName: 'ten.txt',
      formatId: 'ta-universal',
      formatLabel: 'TA Instruments Universal Analysis text export',
      encoding: 'utf-16le',
      delimiter: '\t',
      decimal: '.',
      headerLine: line('StartOfData'),
      dataStartLine: line(row(0)),
      dataEndLine: line(row(10)),
      columns: [
        { name: 'Time (min)', unit: 'min', role: 'time' },
        { name: 'Temperature (°C)', unit: '°C', role: 'temperature' },
        { name: 'Weight (mg)', unit: 'mg', role: 'mass' },
        ...FLOWS.map((k) => ({ name: `Flow ${k} (mL/min)`, unit: 'mL/min', role: 'channel' })),
        { name: 'Deriv. Weight (%/min)', unit: '%/min', role: 'channel' },
      ],
    });
    expect(run.sample).toEqual({
      name: 'CuO-7',
      initialMassMg: 10,
      instrument: 'TGA Q5000 V3.17 Build 265',
      operator: 'KM',
      date: '2026-12-04 09:30:00',
      crucible: 'Alumina',
      method: 'C:\\TA\\reduce.prc',
    });
    // Ramp from 25 °C (the first row) to 65 °C at 10 °C/min: 4 min = 240 s. Gas 2 is selected there; the unknown
    // step starts there and, last, ends with the data (600 s). Marker 1 sits on the first row (not a boundary to
    // place); marker 7 is at 9 min, 300 s from every step start, so it matches none.
    expect(run.segments).toEqual([
      { index: 2, label: 'Ramp 10.00 °C/min to 65.00 °C', startS: 0, endS: 240, kind: 'ramp', rateCPerMin: 10, targetC: 65, gas: 'Gas 1 (Hydrogen)' },
      { index: 4, label: 'Mystery step', startS: 240, endS: 600, kind: 'unknown', gas: 'Gas 2 (Argon)' },
    ]);
    expect(run.gasEvents).toEqual([
      { timeS: 0, gas: 'Gas 1 (Hydrogen)', source: 'OrgMethod step 1 "Select gas 1"' },
      { timeS: 240, gas: 'Gas 2 (Argon)', source: 'OrgMethod step 3 "Select gas 2"' },
    ]);
    expect(run.programme).toEqual(['1: Select gas 1', '2: Ramp 10.00 °C/min to 65.00 °C', '3: Select gas 2', '4: Mystery step']);
    expect(run.warnings).toEqual([
      `Skipped 2 segment-marker row(s) (time -3, lines ${line(MARKER_1)}, ${line(MARKER_7)}): they are not measurements.`,
      'Some method steps were not understood; the segment times after them are approximate.',
      'Segment marker(s) 7 matched no method step within 3 min.',
      "Gas names come from the operator's header comments (Gas1: Hydrogen, Gas2: Argon); the instrument does not check them, so they may be wrong. Gas events give the gas number the method selects.",
    ]);
    expect(run.metadata.Xcomment).toBe('Pan: Alumina\nGas 1 : Hydrogen\ngas2:Argon');
    expect(run.metadata.Sig10).toBe('Deriv. Weight (%/min)');
  });

  it('stops at the end-of-data marker (time -1): a row after it is not read, and both are said', () => {
    const sigs = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)', 'StartOfData'];
    const lines = ['Sample\tS', ...sigs, '0\t25\t10', '1\t35\t9.9', '-1\t0\t0', '', '2\t45\t9.8', '3\t55\t9.7'];
    const run = taUniversal.parse({ fileName: 'end.txt', bytes: utf16le(lines.join('\r\n') + '\r\n') });
    expect(Array.from(run.timeS)).toEqual([0, 60]);
    // Lines 9 (the -1 row) and 11 (the first row after it; the blank line 10 is passed over). The row after the
    // marker is met while reading, before the summary of skipped rows is written.
    expect(run.warnings).toEqual([
      'Line 11 follows the end-of-data marker on line 9 and was not read.',
      'Skipped 0 segment-marker row(s) (time -3) and the end-of-data marker (time -1, line 9): they are not measurements.',
    ]);
    expect(run.source).toMatchObject({ delimiter: '\t', headerLine: 6, dataStartLine: 7, dataEndLine: 8 });
  });

  it('without method steps the markers give the segments; a marker after the last row starts at the last time', () => {
    const sigs = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)', 'StartOfData'];
    const lines = [...sigs, '-3\t1\t0', '0\t25\t10', '1\t35\t9.9', '-3\t2\t0', '2\t45\t9.8', '-3\t3\t0'];
    const run = taUniversal.parse({ fileName: 'marks.txt', bytes: utf16le(lines.join('\r\n') + '\r\n') });
    expect(run.segments).toEqual([
      { index: 1, label: 'Segment 1', startS: 0, endS: 120, kind: 'unknown' },
      { index: 2, label: 'Segment 2', startS: 120, endS: 120, kind: 'unknown' },
      { index: 3, label: 'Segment 3', startS: 120, endS: 120, kind: 'unknown' },
    ]);
  });

  it("'Data storage On' does not stop the placing; 'Jump to' is an equilibrate step that ends within 1 °C of its target", () => {
    const sigs = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)'];
    const method = ['OrgMethod\t1: Data storage On', 'OrgMethod\t2: Jump to 60.00 °C', 'OrgMethod\t3: Isothermal for 1.00 min'];
    // 25, 40, 59.5, 60, 60, 60 °C a minute apart: within 1 °C of 60 from minute 2.
    const rows = [25, 40, 59.5, 60, 60, 60].map((c, t) => `${t}\t${c}\t10`);
    const run = taUniversal.parse({ fileName: 'jump.txt', bytes: utf16le([...method, ...sigs, 'StartOfData', ...rows].join('\r\n') + '\r\n') });
    expect(run.segments).toEqual([
      { index: 2, label: 'Jump to 60.00 °C', startS: 0, endS: 120, kind: 'ramp', targetC: 60 },
      { index: 3, label: 'Isothermal for 1.00 min', startS: 120, endS: 300, kind: 'isothermal', targetC: 60 },
    ]);
  });
});

