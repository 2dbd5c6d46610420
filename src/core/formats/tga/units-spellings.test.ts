// Every unit spelling the TGA readers accept (as exports write them in English and German), the numbers they
// refuse, and the programme-segment and interpolation rules with hand-built inputs whose answers follow by hand.
import { describe, expect, it } from 'vitest';
import {
  interpolateLinear, parseMassUnit, parseNumber, parseTemperatureUnit, parseTimeUnit, scaleColumn, segmentsFromProgramme, splitNameUnit, toCelsius,
  toSeconds,
} from './units';

describe('unit spellings', () => {
  it('time: s, min, h in their written forms (German Sek/Std), any case, in brackets', () => {
    for (const u of ['s', 'sec', 'secs', 'second', 'seconds', 'sek', 'S', '(Sec)', '[SECONDS]', ' s ']) expect(parseTimeUnit(u), u).toBe('s');
    for (const u of ['min', 'mins', 'minute', 'minutes', 'm', 'Min', '[min]']) expect(parseTimeUnit(u), u).toBe('min');
    for (const u of ['h', 'hr', 'hrs', 'hour', 'hours', 'std', 'Std', '(h)']) expect(parseTimeUnit(u), u).toBe('h');
    for (const u of ['', 'ms', 'd', 'day', 'mg', '°C', 'minute s2']) expect(parseTimeUnit(u), u).toBeNull();
  });

  it('temperature: °C (also º, the broken U+FFFD degree, degC, Celsius) and K', () => {
    for (const u of ['C', '°C', 'ºC', '\uFFFDC', '(°C)', '[° C]', 'degC', 'DegC', 'celsius', 'Celsius']) expect(parseTemperatureUnit(u), u).toBe('C');
    for (const u of ['K', 'k', '[K]', 'kelvin', 'Kelvin']) expect(parseTemperatureUnit(u), u).toBe('K');
    for (const u of ['', 'F', '°F', 'degK', 'cc', 'min']) expect(parseTemperatureUnit(u), u).toBeNull();
  });

  it('mass: µg (micro sign or Greek mu, or u), mg, g, % and their words', () => {
    for (const u of ['ug', 'µg', 'μg', '[µg]', 'microgram', 'micrograms', 'UG']) expect(parseMassUnit(u), u).toBe('ug');
    for (const u of ['mg', 'MG', '(mg)', 'milligram', 'milligrams']) expect(parseMassUnit(u), u).toBe('mg');
    for (const u of ['g', 'G', 'gram', 'grams']) expect(parseMassUnit(u), u).toBe('g');
    for (const u of ['%', 'wt%', 'wt %', 'wt.%', 'WT.%', '(wt.%)', 'percent', '(%)']) expect(parseMassUnit(u), u).toBe('%');
    for (const u of ['', 'kg', 'ng', 'mg/min', '%/min', 's']) expect(parseMassUnit(u), u).toBeNull();
  });

  it('converts to s and °C (0 °C = 273.15 K); °C values pass unchanged', () => {
    expect(toSeconds(3, 's')).toBe(3);
    expect(toSeconds(0.5, 'min')).toBe(30);
    expect(toSeconds(0.25, 'h')).toBe(900);
    expect(toCelsius(273.15, 'K')).toBe(0);
    expect(toCelsius(1000, 'K')).toBeCloseTo(726.85, 10);
    expect(toCelsius(700, 'C')).toBe(700);
  });

  it('scales a column into a new array with factor and offset, leaving the input alone', () => {
    const k = Float64Array.of(273.15, 373.15, 1000);
    const c = scaleColumn(k, 1, -273.15);
    expect(Array.from(c).map((x) => Math.round(x * 100) / 100)).toEqual([0, 100, 726.85]);
    expect(Array.from(scaleColumn(Float64Array.of(1, 2.5), 60))).toEqual([60, 150]);
    expect(Array.from(k)).toEqual([273.15, 373.15, 1000]);
    expect(scaleColumn(k, 2)).not.toBe(k);
  });
});

describe('header names and units', () => {
  it('bracketed and slashed units, surrounding space trimmed; long slash tails are part of the name', () => {
    expect(splitNameUnit('  Time (min) ')).toEqual({ name: 'Time', unit: 'min' });
    expect(splitNameUnit('Masse [ µg ]')).toEqual({ name: 'Masse', unit: 'µg' });
    expect(splitNameUnit('Temperatur/K')).toEqual({ name: 'Temperatur', unit: 'K' });
    expect(splitNameUnit('Time / s')).toEqual({ name: 'Time', unit: 's' });
    // the last '/' separates: 'DTG/(mg/min)' reads as a bracketed unit
    expect(splitNameUnit('DTG (mg/min)')).toEqual({ name: 'DTG', unit: 'mg/min' });
    // up to 12 characters after '/' is a unit; longer is a name ('Weight/Sample holder assembly')
    expect(splitNameUnit('Flow/ml per minute')).toEqual({ name: 'Flow/ml per minute', unit: '' });
    expect(splitNameUnit('Flow/123456789012')).toEqual({ name: 'Flow', unit: '123456789012' });
    expect(splitNameUnit('Flow/1234567890123')).toEqual({ name: 'Flow/1234567890123', unit: '' });
    expect(splitNameUnit('Time')).toEqual({ name: 'Time', unit: '' });
  });
});

describe('numbers as instruments write them', () => {
  it('accepts signs, leading or trailing decimal points and exponents; decimal comma only when asked', () => {
    expect(parseNumber('+12')).toBe(12);
    expect(parseNumber('-0.5')).toBe(-0.5);
    expect(parseNumber('7.')).toBe(7);
    expect(parseNumber('-.25')).toBe(-0.25);
    expect(parseNumber('1E+03')).toBe(1000);
    expect(parseNumber('2.5e-3')).toBe(0.0025);
    expect(parseNumber('  42  ')).toBe(42);
    expect(parseNumber('-1,5E-2', ',')).toBe(-0.015);
    expect(parseNumber('3.25', ',')).toBe(3.25);
  });

  it('refuses what is not one number', () => {
    for (const s of ['', '   ', '.', 'e5', '1e', '1.2.3', '1,5', '12 3', '0x10', 'NaN', 'Infinity', '--1', '1-', '5%', '1,000.5']) {
      expect(parseNumber(s), s).toBeNaN();
    }
    // with a decimal comma, only the first comma is the decimal mark
    expect(parseNumber('1,000,5', ',')).toBeNaN();
    expect(parseNumber('1.000,5', ',')).toBeNaN();
  });
});

describe('segmentsFromProgramme: tolerances', () => {
  const build = (pieces: [durationS: number, rateCPerMin: number][], startC = 25) => {
    const t: number[] = [0];
    const T: number[] = [startC];
    for (const [d, r] of pieces) {
      for (let s = 1; s <= d; s++) {
        t.push(t[t.length - 1] + 1);
        T.push(T[T.length - 1] + r / 60);
      }
    }
    return { t: Float64Array.from(t), T: Float64Array.from(T) };
  };
  const kinds = (segs: ReturnType<typeof segmentsFromProgramme>) => segs.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin]);

  it('ramps within 0.5 °C/min of each other are one segment; 1 °C/min apart are two', () => {
    const same = build([[600, 10], [600, 10.4]]);
    expect(kinds(segmentsFromProgramme(same.t, same.T))).toEqual([['ramp', 0, 1200, 10.2]]);
    const two = build([[600, 10], [600, 11]]);
    expect(kinds(segmentsFromProgramme(two.t, two.T))).toEqual([['ramp', 0, 600, 10], ['ramp', 600, 1200, 11]]);
    // a looser rate tolerance joins them
    expect(kinds(segmentsFromProgramme(two.t, two.T, { rateToleranceCPerMin: 1.5 }))).toEqual([['ramp', 0, 1200, 10.5]]);
  });

  it('fast ramps join within 5 % of the rate (100 and 104 °C/min), not beyond (100 and 106)', () => {
    const close = build([[120, 100], [120, 104]]);
    expect(kinds(segmentsFromProgramme(close.t, close.T))).toEqual([['ramp', 0, 240, 102]]);
    const apart = build([[120, 100], [120, 106]]);
    expect(kinds(segmentsFromProgramme(apart.t, apart.T))).toEqual([['ramp', 0, 120, 100], ['ramp', 120, 240, 106]]);
    // a cooling ramp is never joined to a heating one, whatever the tolerance
    const updown = build([[300, 0.3], [300, -0.3]]);
    expect(kinds(segmentsFromProgramme(updown.t, updown.T, { toleranceC: 0.1, rateToleranceCPerMin: 10 }))).toEqual([['ramp', 0, 300, 0.3], ['cool', 300, 600, -0.3]]);
  });

  it('|rate| below 0.2 °C/min is a hold at the middle value; the threshold can be set', () => {
    const slow = build([[3000, 0.1]], 700);
    const hold = segmentsFromProgramme(slow.t, slow.T, { toleranceC: 0.01 });
    expect(kinds(hold)).toEqual([['isothermal', 0, 3000, 0]]);
    expect(hold[0].targetC).toBeCloseTo(702.5, 10);
    expect(hold[0].label).toBe('hold at 702.5 °C');
    expect(kinds(segmentsFromProgramme(slow.t, slow.T, { toleranceC: 0.01, isothermalCPerMin: 0.05 }))).toEqual([['ramp', 0, 3000, 0.1]]);
    const cool = build([[600, -5]], 700);
    const c = segmentsFromProgramme(cool.t, cool.T);
    expect(kinds(c)).toEqual([['cool', 0, 600, -5]]);
    expect(c[0].label).toBe('700 → 650 °C at -5 °C/min');
    expect(c[0].targetC).toBeCloseTo(650, 9);
  });

  it('a 0.4 °C bump stays within the 0.5 °C tolerance; a 2 °C step is a corner (1 °C would stay within 0.5 °C of the chord)', () => {
    const t = Float64Array.from({ length: 601 }, (_, i) => i);
    const bump = t.map((s) => 500 + (s >= 290 && s <= 310 ? 0.4 : 0));
    expect(kinds(segmentsFromProgramme(t, bump))).toEqual([['isothermal', 0, 600, 0]]);
    const step = t.map((s) => 500 + (s >= 300 ? 2 : 0));
    const segs = segmentsFromProgramme(t, step);
    expect(segs.length).toBeGreaterThan(1);
    expect(segs[0]).toMatchObject({ index: 1, kind: 'isothermal', startS: 0, targetC: 500 });
    expect(segs[segs.length - 1]).toMatchObject({ index: segs.length, kind: 'isothermal', endS: 600, targetC: 502 });
    // a finer tolerance turns the bump into corners
    expect(segmentsFromProgramme(t, bump, { toleranceC: 0.2 }).length).toBeGreaterThan(1);
  });

  it('rates are rounded to 0.01 °C/min in the segment and the label', () => {
    const r = build([[600, 10 / 3]]);
    const s = segmentsFromProgramme(r.t, r.T)[0];
    expect(s.rateCPerMin).toBe(3.33);
    expect(s.label).toBe('25 → 58.33 °C at 3.33 °C/min');
  });
});

describe('interpolateLinear: query order, repeated times, short inputs', () => {
  it('queries in any order give the same values as in order', () => {
    const xs = Float64Array.of(0, 1, 2, 3, 4);
    const ys = Float64Array.of(0, 10, 40, 90, 160);
    expect(Array.from(interpolateLinear(xs, ys, Float64Array.of(3.5, 0.5, 2.25, 1, 4)))).toEqual([125, 5, 52.5, 10, 160]);
  });

  it('a repeated time takes the first value; one point answers only at itself; none gives NaN', () => {
    expect(Array.from(interpolateLinear(Float64Array.of(0, 1, 1, 2), Float64Array.of(0, 1, 5, 6), Float64Array.of(0.5, 1.5)))).toEqual([0.5, 5.5]);
    expect(Array.from(interpolateLinear(Float64Array.of(3), Float64Array.of(7), Float64Array.of(3, 2.9, 3.1)))).toEqual([7, NaN, NaN]);
    expect(Array.from(interpolateLinear(new Float64Array(0), new Float64Array(0), Float64Array.of(0)))).toEqual([NaN]);
    // ys shorter than xs: the common length counts
    expect(Array.from(interpolateLinear(Float64Array.of(0, 1, 2), Float64Array.of(0, 2), Float64Array.of(0.5, 1.5)))).toEqual([1, NaN]);
  });
});
