/**
 * Programme lines and their placement at the limits the other programme tests leave open: a range beside another
 * temperature, hh:mm durations with blanks or at the end of a line, a gas switch with two blanks before "the", steps
 * handed in without a target, and the middle half of a hold that does not start at the first point.
 */
import { describe, expect, it } from 'vitest';
import { gasOnLine, parseProgrammeLine, placeProgramme, parseProgrammeText, type ProgrammeStep } from './programme';

describe('programme lines: ranges and hh:mm durations', () => {
  it('a range gives both ends even when the line names another temperature (a limit, the furnace)', () => {
    // before 4 Dec evening the other temperature won: 700 → 705 °C instead of 25 → 700 °C
    expect(parseProgrammeLine('25 -> 700 °C at 10 K/min (furnace 705 °C)')).toStrictEqual({
      kind: 'ramp',
      text: '25 -> 700 °C at 10 K/min (furnace 705 °C)',
      rateCPerMin: 10,
      targetC: 700,
      fromC: 25,
    });
    expect(parseProgrammeLine('Ramp 25..700 °C at 10 K/min, max 720 °C')).toStrictEqual({
      kind: 'ramp',
      text: 'Ramp 25..700 °C at 10 K/min, max 720 °C',
      rateCPerMin: 10,
      targetC: 700,
      fromC: 25,
    });
  });

  it('hh:mm between slashes with blanks around it, or at the end of the line, is the hold time', () => {
    expect(parseProgrammeLine('SEG. 2: 1000 °C / 00:30 / 1000 °C')).toStrictEqual({ kind: 'isothermal', text: 'SEG. 2: 1000 °C / 00:30 / 1000 °C', minutes: 30, targetC: 1000 });
    expect(parseProgrammeLine('SEG. 3:1000°C/01:45')).toStrictEqual({ kind: 'isothermal', text: 'SEG. 3:1000°C/01:45', minutes: 105, targetC: 1000 });
  });

  it('"switch  the gas" with two blanks still strips the flow after the gas', () => {
    // the fallback ('gas to …') would keep the flow: 'Hydrogen at 20 ml/min'
    expect(gasOnLine('Switch  the gas to Hydrogen at 20 ml/min')).toBe('Hydrogen');
  });
});

describe('placeProgramme: steps handed in without a target', () => {
  const timeS = Float64Array.from({ length: 61 }, (_, i) => 60 * i);
  const temperatureC = timeS.map(() => 25);

  it('a ramp without a target cannot be timed', () => {
    const ramp: ProgrammeStep = { kind: 'ramp', text: 'Ramp 10 °C/min', rateCPerMin: 10 };
    expect(placeProgramme([ramp], timeS, temperatureC)).toStrictEqual({ ok: false, reason: "'Ramp 10 °C/min': no start temperature to time the ramp from" });
  });

  it('an equilibration without a target has no length', () => {
    const step: ProgrammeStep = { kind: 'equilibrate', text: 'Equilibrate' };
    expect(placeProgramme([step], timeS, temperatureC)).toStrictEqual({ ok: false, reason: "'Equilibrate': its length depends on the measured temperature, which the file lacks" });
  });
});

describe('placeProgramme: the measured temperature is read in the middle half of each hold', () => {
  // 10 min at 25 °C (0–600 s), then 60 min at 700 °C (600–4200 s): the second hold's middle half is 1500–3300 s
  // (a quarter is 900 s), ends included. Logged at 0, 600, 1500, 2400, 3300, 3900 and 4200 s.
  const steps = parseProgrammeText(['Isothermal 10 min at 25 °C', 'Isothermal 60 min at 700 °C']);
  const timeS = Float64Array.from([0, 600, 1500, 2400, 3300, 3900, 4200]);

  it('700, 600, 700 °C there: median 700 °C, the hold fits (600 °C in its last quarter does not count)', () => {
    const temperatureC = Float64Array.from([25, 700, 700, 600, 700, 600, 600]);
    expect(placeProgramme(steps, timeS, temperatureC)).toStrictEqual({
      ok: true,
      segments: [
        { index: 1, label: 'Isothermal 10 min at 25 °C', startS: 0, endS: 600, kind: 'isothermal', targetC: 25 },
        { index: 2, label: 'Isothermal 60 min at 700 °C', startS: 600, endS: 4200, kind: 'isothermal', targetC: 700 },
      ],
      note: '2 steps of the header programme laid end to end from 0 s and checked against the measured temperature',
    });
  });

  it('600, 600, 700 °C there: median 600 °C, 100 °C off (more than max(30, 5 %)): refused', () => {
    const temperatureC = Float64Array.from([25, 700, 600, 600, 700, 700, 700]);
    expect(placeProgramme(steps, timeS, temperatureC)).toStrictEqual({
      ok: false,
      reason: "step 'Isothermal 60 min at 700 °C' holds 700 °C but the measured temperature there is 600 °C",
    });
  });
});
