import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../test/fixtures/shared-fixtures';
import { importTga } from '../formats/tga/index';
import { gasOnLine, parseProgrammeLine, parseProgrammeText, placeProgramme } from './programme';

describe('programme lines in the vendors’ phrasings', () => {
  it.each([
    ['Ramp 20.00 °C/min to 700.00 °C', { kind: 'ramp', rateCPerMin: 20, targetC: 700 }],
    ['2: Ramp 10.00 °C/min to 25.00 °C', { kind: 'ramp', rateCPerMin: 10, targetC: 25 }],
    ['Isothermal for 30.00 min', { kind: 'isothermal', minutes: 30 }],
    ['Isothermal 30.0 min', { kind: 'isothermal', minutes: 30 }],
    ['Equilibrate at 120.00 °C', { kind: 'equilibrate', targetC: 120 }],
    ['Jump 30.00 °C', { kind: 'equilibrate', targetC: 30 }],
    ['Select gas 2', { kind: 'gas', gas: 'Gas 2' }],
    ['Select Gas: Hydrogen', { kind: 'gas', gas: 'Hydrogen' }],
    ['2)\tHeat from 30.00°C to 300.00°C at 10.00°C/min', { kind: 'ramp', fromC: 30, targetC: 300, rateCPerMin: 10 }],
    ['8)\tCool from 600.00°C to 50.00°C at 50.00°C/min', { kind: 'ramp', fromC: 600, targetC: 50, rateCPerMin: 50 }],
    ['1)\tHold for 20.0 min at 30.00\uFFFDC', { kind: 'isothermal', minutes: 20, targetC: 30 }],
    ['Switch the Gas to Hydrogen at 20.0 ml/min', { kind: 'gas', gas: 'Hydrogen' }],
    ['Stage 2: 26 °C → 825 °C at 10 K/min; 100 pts/min', { kind: 'ramp', fromC: 26, targetC: 825, rateCPerMin: 10 }],
    ['Stage 3: Isothermal 30 min at 825 °C', { kind: 'isothermal', minutes: 30, targetC: 825 }],
    ['SEG. 1:37°C/15,0(K/min)/1000°C', { kind: 'ramp', fromC: 37, targetC: 1000, rateCPerMin: 15 }],
    ['SEG. 2:1000°C/00:30/1000°C', { kind: 'isothermal', minutes: 30, targetC: 1000 }],
    ['[2] 25.0 ... 700.0 °C, 20.00 K/min, Ar 50.0 ml/min', { kind: 'ramp', fromC: 25, targetC: 700, rateCPerMin: 20, gas: 'Ar' }],
    ['[4] 700.0 °C, 30.00 min, H2 10.0 l/h', { kind: 'isothermal', minutes: 30, targetC: 700, gas: 'H2' }],
    ['Gas switch to 5 % H2/Ar', { kind: 'gas', gas: '5 % H2/Ar' }],
    ['[3] H2 10.0 l/h', { kind: 'gas', gas: 'H2' }],
  ])('%s', (line, expected) => {
    expect(parseProgrammeLine(line)).toMatchObject(expected);
  });

  it('skips lines that are not steps', () => {
    for (const line of ['Mass Flow  25.00 mL/min', 'Data storage Off', 'Event1 On', 'Initial: 26 °C; Purge 1 NITROGEN 50 ml/min', 'Pre-Run Actions', 'H2 reduction 700C', 'Fe2O3 sample, 50 mg']) {
      expect(parseProgrammeLine(line), line).toBeNull();
    }
    expect(gasOnLine('700.0 °C, 30.00 min')).toBeUndefined();
    expect(parseProgrammeText(['Select Gas: Gas 2 ; Ramp 10.00 °C/min to 110.00 °C; Isothermal 30.0 min']).map((s) => s.kind)).toEqual(['gas', 'ramp', 'isothermal']);
  });

  it('reads the temperature of a hold in its middle half: a furnace 5 min behind its programme still fits', () => {
    // programme from 100 °C: ramp to 700 °C in (700 − 100)/20 = 30 min (0–1800 s), hold 1800–2400 s.
    // The measured temperature is the programme 300 s late: 100 + (t − 300)/3 °C up to 700 °C at 2100 s.
    const timeS = Float64Array.from({ length: 3000 }, (_, i) => i);
    const temperatureC = timeS.map((t) => Math.min(700, 100 + Math.max(0, t - 300) / 3));
    const placed = placeProgramme(parseProgrammeText(['Ramp 20 °C/min to 700 °C', 'Isothermal 10 min']), timeS, temperatureC);
    // the hold's middle half, 1950–2250 s, has 45 of its 301 points below 665 °C (t < 1995 s): median 700 °C, within
    // max(30, 5 % of 700) = 35 °C; the window shifted a quarter earlier, 1650–2250 s, would give 650 °C (345 of its
    // 601 points below 665 °C) and refuse the programme.
    expect(placed.ok).toBe(true);
    if (placed.ok) expect(placed.segments.map((s) => [s.kind, s.startS, s.endS])).toEqual([['ramp', 0, 1800], ['isothermal', 1800, 2400]]);
    expect(placed.ok && placed.note).toBe('2 steps of the header programme laid end to end from 0 s and checked against the measured temperature');
  });

  it('refuses a hold the furnace did not keep: programmed 700 °C, measured 525 °C', () => {
    const timeS = Float64Array.from({ length: 1000 }, (_, i) => i);
    const at525 = timeS.map(() => 525);
    expect(placeProgramme(parseProgrammeText(['Isothermal 10 min at 700 °C']), timeS, at525)).toEqual({
      ok: false,
      reason: "step 'Isothermal 10 min at 700 °C' holds 700 °C but the measured temperature there is 525 °C",
    });
    const one = placeProgramme(parseProgrammeText(['Isothermal 10 min at 525 °C']), timeS, at525);
    expect(one.ok && one.note).toBe('1 step of the header programme laid end to end from 0 s and checked against the measured temperature');
  });

  it('refuses a programme that does not describe the measured temperature', () => {
    const timeS = Float64Array.from({ length: 4000 }, (_, i) => i);
    const temperatureC = timeS.map((t) => (t < 1500 ? 25 + t / 3 : 525)); // the run held at 525 °C
    const steps = parseProgrammeText(['Ramp 20 °C/min to 700 °C', 'Isothermal 30 min']);
    const placed = placeProgramme(steps, timeS, temperatureC);
    expect(placed).toEqual({ ok: false, reason: "step 'Ramp 20 °C/min to 700 °C' heats to 700 °C but the measured temperature reaches only 525 °C by 10 min after its end" });
    expect(placeProgramme(parseProgrammeText(['Select gas 1']), timeS, temperatureC)).toEqual({ ok: false, reason: 'the header names no ramp or hold' });
  });
});

/**
 * The programme texts of real exports, placed on their own data, land where the files' own segments (read from
 * their sections, step blocks or programme temperature) are — an independent check of the timing.
 */
describe.skipIf(missingShared('tga/cheminfo-tga-spectrum', 'tga/MyonicS-pyTGA', 'tga/GraysonBellamy-pyngb'))('header programmes of real files', () => {
  // How close the placed programme comes to the files' own boundaries (s): a Pyris run whose data start 10 s into
  // the method; 'Equilibrate' steps, which end by TA's own criterion and ours by the measured temperature, put the
  // later TA steps up to ~3.5 min off — which is why the file's own segments always win over a header programme.
  it.each([
    ['cheminfo-tga-spectrum/perkinElmer_tga4000.txt', 2],
    ['MyonicS-pyTGA/Methane_Pyrolysis.txt', 15],
    ['GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3', 5],
    ['cheminfo-tga-spectrum/mof.txt', 2],
    ['cheminfo-tga-spectrum/TAInstruments.txt', 240],
  ])('%s', (rel, toleranceS) => {
    const run = importTga(rel.split('/').pop() as string, readShared(`tga/${rel}`));
    const placed = placeProgramme(parseProgrammeText(run.programme), run.timeS, run.temperatureC);
    if (!placed.ok) throw new Error(placed.reason);
    const own = run.segments.map((s) => s.endS).filter((t) => t < run.timeS[run.timeS.length - 1] - 1);
    const ours = placed.segments.map((s) => s.endS);
    for (const t of own) expect(Math.min(...ours.map((o) => Math.abs(o - t))), `${rel}: a boundary near ${t} s`).toBeLessThanOrEqual(toleranceS);
  });
});
