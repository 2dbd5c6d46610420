import { describe, expect, it } from 'vitest';
import { gasOnLine, parseProgrammeLine, parseProgrammeText, placeProgramme } from './programme';

// Header programmes placed on hand-built temperature logs: every expected time is the programme's own arithmetic.
const grid = (n: number, stepS: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i * stepS);

describe('parseProgrammeLine: durations and gas names', () => {
  it.each([
    ['Isothermal 90 s', 1.5],
    ['Hold 2 h at 700 °C', 120],
    ['SEG. 2:700°C/01:30/700°C', 90],
  ])('%s lasts %f min', (line, minutes) => {
    expect(parseProgrammeLine(line)).toMatchObject({ kind: 'isothermal', minutes });
  });

  it('takes any gas name after "gas:" or "gas to", not only the known gas words', () => {
    expect(gasOnLine('Gas: Methane')).toBe('Methane');
    expect(gasOnLine('Gas change to Synthetic air 2, 50 ml/min')).toBe('Synthetic air 2');
  });
});

describe('placeProgramme', () => {
  // 25 °C for the first 100 s (the programme starts from the median of the first 10 points: 25 °C), then
  // +10 °C/min (the sample lagging the programme by 100 s) up to a ceiling, to the end (6000 s).
  const timeS = grid(601, 10);
  const ramped = (ceilingC: number) => timeS.map((t) => Math.min(25 + (10 * Math.max(0, t - 100)) / 60, ceilingC));

  it('numbers the segments 1, 2, … in time order', () => {
    const steps = parseProgrammeText(['Ramp 10.00 °C/min to 700.00 °C', 'Isothermal 30.0 min']);
    const placed = placeProgramme(steps, timeS, ramped(700));
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    // ramp: (700 − 25) / 10 °C/min = 67.5 min = 4050 s; hold 30 min to 5850 s
    expect(placed.segments.map((s) => [s.index, s.kind, s.startS, s.endS])).toEqual([
      [1, 'ramp', 0, 4050],
      [2, 'isothermal', 4050, 5850],
    ]);
  });

  it('lets the sample lag a ramp by max(15 °C, 3 % of the target), not by the smaller of the two', () => {
    const steps = parseProgrammeText(['Ramp 10.00 °C/min to 700.00 °C', 'Isothermal 30.0 min']);
    // 3 % of 700 °C is 21 °C: a sample that reaches 682 °C (18 °C short) is within it, 675 °C (25 °C short) is not.
    expect(placeProgramme(steps, timeS, ramped(682)).ok).toBe(true);
    expect(placeProgramme(steps, timeS, ramped(675))).toEqual({
      ok: false,
      reason: "step 'Ramp 10.00 °C/min to 700.00 °C' heats to 700 °C but the measured temperature reaches only 675 °C by 10 min after its end",
    });
  });

  it('says why a programme cannot be placed', () => {
    expect(placeProgramme(parseProgrammeText(['Ramp 10.00 °C/min to 700.00 °C']), timeS, null)).toEqual({
      ok: false,
      reason: "'Ramp 10.00 °C/min to 700.00 °C': no start temperature to time the ramp from",
    });
    expect(placeProgramme(parseProgrammeText(['Equilibrate at 120.00 °C']), timeS, null)).toEqual({
      ok: false,
      reason: "'Equilibrate at 120.00 °C': its length depends on the measured temperature, which the file lacks",
    });
    expect(placeProgramme(parseProgrammeText(['Isothermal 0.0 min']), timeS, ramped(700))).toEqual({ ok: false, reason: 'no step falls inside the data' });
  });
});
