/**
 * Held-out-like exports of the simulated 700 °C study (../shared/fixtures/simulated/tga-700C-isothermal): the same
 * runs written as a Mettler-Toledo STARe text export and as a PerkinElmer Pyris CSV with no gas column and no
 * programme segments — the layouts on which the reducing window used to run to the end of the data. The numbers are
 * the simulation's, unchanged (time s → min for Pyris); only the layout changes:
 *
 * - mettlerLike: STARe SW 16 curve 'Index t Ts Value' — no Tr column, so the reader derives no segments; the Method
 *   block names the method only, or (withProgramme) also lists its segments as STARe prints a method
 *   ('25.0 ... 700.0 °C, 20.00 K/min, Ar 50.0 ml/min', '700.0 °C, 30.00 min, H2 10.0 l/h' …) — the header programme.
 * - pyrisLike: Pyris CSV 'Time,Unsubtracted Weight,Baseline Weight,Sample Temperature' (min, mg, °C), without the
 *   'Program Temperature' column, so no segments either.
 *
 * Used by core/tga/window-end.test.ts (in memory) and by scripts/make-heldout-tga.ts, which writes the files.
 */

/** The simulated study's programme (truth.json 'programme'), as STARe prints a method's segments. */
export const STARE_METHOD_SEGMENTS = [
  '[1] 25.0 °C, 0.00 min, Ar 50.0 ml/min',
  '[2] 25.0 ... 700.0 °C, 20.00 K/min, Ar 50.0 ml/min',
  '[3] 700.0 °C, 10.00 min, Ar 50.0 ml/min',
  '[4] 700.0 °C, 30.00 min, H2 10.0 l/h',
  '[5] 700.0 ... 25.0 °C, -20.00 K/min, Ar 50.0 ml/min',
];

interface SimRow {
  timeS: number;
  temperatureC: number;
  massMg: number;
}

/** Rows of a simulated CSV 'time_s,temperature_C,mass_mg,gas' (the gas column is dropped). */
export function simulatedRows(csv: string): SimRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0].trim() !== 'time_s,temperature_C,mass_mg,gas') throw new Error(`expected the simulated CSV header, found ${lines[0]}`);
  return lines.slice(1).map((l) => {
    const [t, T, m] = l.split(',').map(Number);
    return { timeS: t, temperatureC: T, massMg: m };
  });
}

const right = (s: string, w: number): string => s.padStart(w);

/** A STARe SW 16 text export of one run (CRLF, as the instrument PC writes it). */
export function mettlerLike(csv: string, sample: { name: string; massMg: number }, options: { withProgramme?: boolean } = {}): string {
  const rows = simulatedRows(csv);
  const out = [
    `Title${' '.repeat(59)}01.06.2026 09:00`,
    '_'.repeat(80),
    '',
    'Title',
    'Evaluation Categories:',
    '',
    'Curve Name:',
    `  =${sample.name}`,
    '  Sample Weight',
    'Curve Values:',
    `${right('Index', 15)}${right('t', 15)}${right('Ts', 15)}${right('Value', 15)}`,
    `${right('[s]', 30)}${right('[°C]', 15)}${right('[mg]', 15)}`,
    ...rows.map((r, i) => `${right(String(i), 15)}${right(r.timeS.toFixed(0), 15)}${right(r.temperatureC.toFixed(3), 15)}${right(r.massMg.toFixed(5), 15)}`),
    '',
    'Results:',
    'Sample:',
    sample.massMg > 0 ? `  ${sample.name}, ${sample.massMg.toFixed(4)} mg` : `  ${sample.name}`,
    'Method:',
    '  H2 reduction 700C',
    ...(options.withProgramme ? STARE_METHOD_SEGMENTS.map((s) => `    ${s}`) : []),
    'Sample Holder:',
    '  Alumina 70ul',
    'User:',
    '  lab',
    'TA Module:',
    '  TGA/DSC 3+ LF/1100/172',
    '',
    '_'.repeat(80),
    `Not signed${' '.repeat(56)}STARe SW 16.00`,
  ];
  return out.join('\r\n') + '\r\n';
}

/** A Pyris CSV export of one run: minutes, mg, °C; no programme temperature. */
export function pyrisLike(csv: string): string {
  const rows = simulatedRows(csv);
  const out = ['Time,Unsubtracted Weight,Baseline Weight,Sample Temperature'];
  for (const r of rows) out.push(`${(r.timeS / 60).toFixed(6)},${r.massMg.toFixed(6)},0,${r.temperatureC.toFixed(4)}`);
  return out.join('\n') + '\n';
}
