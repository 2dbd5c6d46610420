import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { decodeHead } from '../../text/decode';
import { setaramText } from './setaram';

describe('setaramText', () => {
  const file = 'tga/PPeitsch-pkynetics/sample_dsc_setaram.txt';

  it.skipIf(missingShared('tga/PPeitsch-pkynetics', 'tga/MaCFP-matl-db'))('detects the Calisto export (UTF-16LE) and not other tables', () => {
    const bytes = readShared(file);
    expect(setaramText.detect({ fileName: 'x.txt', headText: decodeHead(bytes), headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.9);
    const other = readShared('tga/MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv');
    expect(setaramText.detect({ fileName: 'x.csv', headText: decodeHead(other), headBytes: other.subarray(0, 64) })).toBe(0);
  });

  it.skipIf(missingShared('tga/PPeitsch-pkynetics'))('reads sample_dsc_setaram.txt (no units, constant TG, PROVENANCE 4)', () => {
    const run = setaramText.parse({ fileName: 'sample_dsc_setaram.txt', bytes: readShared(file) });
    expect(run.timeS.length).toBe(13002);
    expect(run.source).toMatchObject({ formatId: 'setaram', encoding: 'utf-16le', headerLine: 13, dataStartLine: 14, dataEndLine: 13015 });
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['Index', 'ignored'],
      ['Time', 'time'],
      ['Furnace', 'channel'],
      ['Sample', 'temperature'],
      ['TG', 'mass'],
      ['HeatFlow', 'channel'],
    ]);
    expect([run.timeS[0], run.timeS[1], run.timeS[13001]]).toEqual([0, 0.3, 3900.3]);
    expect(run.temperatureC?.[0]).toBe(53.444034);
    expect(run.temperatureC?.[13001]).toBe(202.007788);
    expect(run.massMg?.[0]).toBe(240.908142);
    expect(run.massMg?.[13001]).toBe(240.908142);
    expect(run.channels.map((c) => [c.name, c.unit, c.values[0]])).toEqual([
      ['Furnace', '°C', 50.06274],
      ['HeatFlow', 'mW', -11.195387],
    ]);
    expect(run.sample).toEqual({
      instrument: 'Setaram (Calisto)',
      name: 'Duran - MAC250-MS20',
      initialMassMg: 34.04,
      operator: 'admin',
      date: '26/07/2024 06:03:05 p.m.',
    });
    expect(run.metadata['HeatFlow: Initial Mass']).toBe('34.04 mg');
    expect(run.warnings.join(' ')).toMatch(/Calisto's defaults \(Time s, Furnace °C, Sample °C, TG mg, HeatFlow mW\)/);
    expect(run.warnings.join(' ')).toMatch(/TG column is constant/);
    // The sample heats to about 850 °C and cools again.
    const max = run.temperatureC?.reduce((a, b) => Math.max(a, b), -Infinity) ?? 0;
    expect(max).toBeGreaterThan(800);
    expect(max).toBeLessThan(900);
  });

  it('takes units from the column names when they are written, and names file and line for a short row', () => {
    const text = 'S1 5mg\nCreation Date : 01/01/2024\n\nTG :\n Initial Mass : 5 mg\n\nIndex\tTime(min)\tSample(K)\tTG(mg)\n1\t0\t300\t5\n2\t1\t310\t4.9\n';
    const run = setaramText.parse({ fileName: 's.txt', bytes: new TextEncoder().encode(text) });
    expect(Array.from(run.timeS)).toEqual([0, 60]);
    expect(run.temperatureC?.[1]).toBeCloseTo(36.85, 10);
    expect(run.sample.initialMassMg).toBe(5);
    expect(() => setaramText.parse({ fileName: 's.txt', bytes: new TextEncoder().encode(`${text}3\t2\n`) })).toThrow(/^s\.txt, line 10: expected 4 values/);
  });
});

describe('setaramText: a mass column without a unit', () => {
  const head = 'S2\nCreation Date : 02/02/2024\n\nTG :\n Initial Mass : 12.5 mg\n\n';
  const parse = (text: string) => setaramText.parse({ fileName: 'm.txt', bytes: new TextEncoder().encode(text) });

  it.each(['Mass', 'Weight', 'TG'])("reads a unit-less '%s' column in Calisto's default mg and says so", (name) => {
    const run = parse(`${head}Index Time ${name} Sample\n1 0 12.5 25\n2 60 12.25 35\n`);
    expect(run.massNote).toBe(`${name} [mg] (Calisto default unit)`);
    expect(Array.from(run.massMg ?? [])).toEqual([12.5, 12.25]);
    expect(run.warnings).toContain(`Calisto writes no units here: read with Calisto's defaults (Time s, ${name} mg, Sample °C).`);
  });

  it('names a unit-less sample-temperature column among the defaults, and a written unit wins', () => {
    const run = parse(`${head}Index\tTime(min)\tMass(g)\tSample temperature\n1\t0\t0.0125\t25\n2\t1\t0.0120\t35\n`);
    expect(run.massNote).toBe('Mass [g]');
    expect(run.massMg?.[1]).toBeCloseTo(12.0, 12);
    expect(Array.from(run.timeS)).toEqual([0, 60]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35]);
    expect(run.warnings).toContain("Calisto writes no units here: read with Calisto's defaults (Sample temperature °C).");
  });
});
