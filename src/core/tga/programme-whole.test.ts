/**
 * Whole header programmes placed on hand-built temperature logs, every segment pinned (index, label, times, kind,
 * gas, rate, target); every time is the programme's own arithmetic, worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { gasOnLine, parseProgrammeLine, parseProgrammeText, placeProgramme } from './programme';

const grid = (n: number, stepS: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i * stepS);

describe('a programme with every kind of step, placed on its measured temperature', () => {
  // Logged every 10 s, 0–6000 s: 25 + t/2 °C up to 100 °C at 150 s; +20 °C/min (1/3 °C/s) to 700 °C at 1950 s; held
  // to 3750 s; then the furnace cools more slowly than programmed, 0.5 °C/s, to 400 °C at 4350 s, and stays there.
  const timeS = grid(601, 10);
  const temperatureC = timeS.map((t) => (t <= 150 ? 25 + t / 2 : t <= 1950 ? 100 + (t - 150) / 3 : t <= 3750 ? 700 : Math.max(400, 700 - (t - 3750) / 2)));
  const lines = [
    'Select Gas: Argon',
    'Equilibrate at 100.00 °C',
    'Ramp 20.00 °C/min to 700.00 °C',
    'Switch the Gas to Hydrogen at  20.0 ml/min',
    'Isothermal for 30.00 min',
    'Cool from 700.00°C to 300.00°C at 50.00°C/min',
    '300.0 °C, 0.00 min',
    'Isothermal 29.5 min',
    'Ramp 10.00 °C/min to 900.00 °C',
  ];

  it('lays the steps end to end and keeps the gas named before them', () => {
    const placed = placeProgramme(parseProgrammeText(lines), timeS, temperatureC);
    expect(placed).toEqual({
      ok: true,
      note: '5 steps of the header programme laid end to end from 0 s and checked against the measured temperature',
      segments: [
        // 100 °C within max(2, 0.5 % of 100) = 2 °C first at 150 s (95 °C at 140 s); from the median of the first 10
        // points (25…70 °C: 47.5 °C) up to 100 °C, a heating step
        { index: 1, label: 'Equilibrate at 100.00 °C', startS: 0, endS: 150, kind: 'ramp', gas: 'Argon', targetC: 100 },
        // (700 − 100) / 20 °C/min = 30 min
        { index: 2, label: 'Ramp 20.00 °C/min to 700.00 °C', startS: 150, endS: 1950, kind: 'ramp', gas: 'Argon', rateCPerMin: 20, targetC: 700 },
        // 30 min at the ramp's target, under the gas switched to before it (two blanks before the flow)
        { index: 3, label: 'Isothermal for 30.00 min', startS: 1950, endS: 3750, kind: 'isothermal', gas: 'Hydrogen', targetC: 700 },
        // (700 − 300) / 50 °C/min = 8 min
        { index: 4, label: 'Cool from 700.00°C to 300.00°C at 50.00°C/min', startS: 3750, endS: 4230, kind: 'cool', gas: 'Hydrogen', rateCPerMin: 50, targetC: 300 },
        // the zero-length step only sets 300 °C; 29.5 min from 4230 s ends at the last point, 6000 s, where the
        // placing stops: the last ramp is not laid. The hold reads 400 °C, 100 °C off, but cooling led into it.
        { index: 5, label: 'Isothermal 29.5 min', startS: 4230, endS: 6000, kind: 'isothermal', gas: 'Hydrogen', targetC: 300 },
      ],
    });
  });

  it('without a measured temperature: a first hold has no temperature, a ramp from its own start', () => {
    const steps = parseProgrammeText(['Isothermal 5 min', 'Heat from 30.00°C to 700.00°C at 20.00°C/min', 'Hold for 30.0 min at 700.00°C']);
    expect(placeProgramme(steps, timeS, null)).toEqual({
      ok: true,
      note: '3 steps of the header programme laid end to end from 0 s and checked against the measured temperature',
      segments: [
        { index: 1, label: 'Isothermal 5 min', startS: 0, endS: 300, kind: 'isothermal' },
        // (700 − 30) / 20 °C/min = 33.5 min = 2010 s
        { index: 2, label: 'Heat from 30.00°C to 700.00°C at 20.00°C/min', startS: 300, endS: 2310, kind: 'ramp', rateCPerMin: 20, targetC: 700 },
        { index: 3, label: 'Hold for 30.0 min at 700.00°C', startS: 2310, endS: 4110, kind: 'isothermal', targetC: 700 },
      ],
    });
  });

  it('an equilibration the furnace never reaches is refused, its target rounded to 0.1 °C', () => {
    expect(placeProgramme(parseProgrammeText(['Equilibrate at 723.46 °C']), timeS, temperatureC)).toEqual({
      ok: false,
      reason: "'Equilibrate at 723.46 °C': the measured temperature never reaches 723.5 °C",
    });
  });

  it('an equilibration down to a lower temperature is a cooling step', () => {
    // from the median of the first 10 points (47.5 °C) down to 40 °C: within 2 °C first at 30 s (40 °C)
    const placed = placeProgramme(parseProgrammeText(['Equilibrate at 40 °C']), timeS, temperatureC);
    expect(placed.ok && placed.segments).toEqual([{ index: 1, label: 'Equilibrate at 40 °C', startS: 0, endS: 30, kind: 'cool', targetC: 40 }]);
  });
});

describe('programme lines: numbering of two or more digits, and blanks', () => {
  it('a purge line is skipped whatever its number', () => {
    // without its number each is 'Purge gas: N2 50 ml/min', a line of the skip list; left numbered it would be read
    // as a gas step ('gas:' names the gas)
    for (const line of ['12) Purge gas: N2 50 ml/min', '[12] Purge gas: N2 50 ml/min', 'Stage 12: Purge gas: N2 50 ml/min', 'Segment 12: Purge gas: N2 50 ml/min', 'SEG. 12: Purge gas: N2 50 ml/min', '12: Purge gas: N2 50 ml/min']) {
      expect(parseProgrammeLine(line), line).toBeNull();
    }
    expect(parseProgrammeLine('Purge gas: N2 50 ml/min')).toBeNull();
  });

  it('a gas switch with blanks of any width', () => {
    expect(gasOnLine('Switch the Gas to Hydrogen at  20.0 ml/min')).toBe('Hydrogen');
    expect(gasOnLine('Switch  gas  to  Argon at 3 l/h')).toBe('Argon');
    expect(gasOnLine('switch the gas to Air; then hold')).toBe('Air');
    expect(gasOnLine('Select  gas : 3')).toBe('Gas 3');
  });
});

describe('programme lines: more phrasings, each read whole', () => {
  it.each([
    // a word of the skip list later in the line does not skip it
    ['Ramp 10 °C/min to 700 °C, data every 1 s', { kind: 'ramp', text: 'Ramp 10 °C/min to 700 °C, data every 1 s', rateCPerMin: 10, targetC: 700 }],
    ['Ramp 10 C/min to 700 C', { kind: 'ramp', text: 'Ramp 10 C/min to 700 C', rateCPerMin: 10, targetC: 700 }],
    ['25..700 °C, 10 K/min', { kind: 'ramp', text: '25..700 °C, 10 K/min', rateCPerMin: 10, fromC: 25, targetC: 700 }],
    ['25 -> 700 °C at 10 K/min', { kind: 'ramp', text: '25 -> 700 °C at 10 K/min', rateCPerMin: 10, fromC: 25, targetC: 700 }],
    ['25…700°C 5 K/min', { kind: 'ramp', text: '25…700°C 5 K/min', rateCPerMin: 5, fromC: 25, targetC: 700 }],
    // a negative rate is a cooling rate: its size counts
    ['Ramp -10 °C/min to 25 °C', { kind: 'ramp', text: 'Ramp -10 °C/min to 25 °C', rateCPerMin: 10, targetC: 25 }],
    ['Hold 30 minutes at 700 °C', { kind: 'isothermal', text: 'Hold 30 minutes at 700 °C', minutes: 30, targetC: 700 }],
    ['Hold 1.5 hours', { kind: 'isothermal', text: 'Hold 1.5 hours', minutes: 90 }],
    ['Hold 45 sec', { kind: 'isothermal', text: 'Hold 45 sec', minutes: 0.75 }],
    ['Iso 30 min', { kind: 'isothermal', text: 'Iso 30 min', minutes: 30 }],
    ['Isothermal 30 min (60 min max)', { kind: 'isothermal', text: 'Isothermal 30 min (60 min max)', minutes: 30 }],
    ['Hold 10 min (N2)', { kind: 'isothermal', text: 'Hold 10 min (N2)', gas: 'N2', minutes: 10 }],
    ['Go to 300 °C', { kind: 'equilibrate', text: 'Go to 300 °C', targetC: 300 }],
    ['Switch  the  gas to Air', { kind: 'gas', text: 'Switch  the  gas to Air', gas: 'Air' }],
    ['Switch gas to N2 at 50ml/min', { kind: 'gas', text: 'Switch gas to N2 at 50ml/min', gas: 'N2' }],
    ['Heat at 5% H2/Ar 50 ml/min', { kind: 'gas', text: 'Heat at 5% H2/Ar 50 ml/min', gas: '5% H2/Ar' }],
    // a gas with its flow on a short line (39 characters) is a gas step; from 40 characters on it is a remark
    ['H2 10.0 l/h, flushing the balance chamb', { kind: 'gas', text: 'H2 10.0 l/h, flushing the balance chamb', gas: 'H2' }],
    ['H2 10.0 l/h, flushing the balance chambe', null],
    ['Ar 50 ml/min purge of the furnace chamber before the run', null],
    ['Wait 30 min', null],
    ['Final temperature 25 °C', null],
    ['Balance flow 20 ml/min', null],
    ['End condition: 700 °C for 5 min', null],
    ['Start the run', null],
    ['Action: hold 5 min', null],
  ])('%s', (line, expected) => {
    expect(parseProgrammeLine(line)).toEqual(expected);
  });
});
