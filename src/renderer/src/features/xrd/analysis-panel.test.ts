/**
 * The Analysis panel's option logic: Vegard end members and the instrument choice become the run options the Api
 * validates (src/shared/api xrdAnalysisOptionsSchema), with the analysis defaults left out.
 */
import { describe, expect, it } from 'vitest';
import { xrdAnalysisOptionsSchema } from '../../../../shared/api';
import { instrumentChoiceOf, parseVegardEnds, runOptions, tubeLabel, VEGARD_PRESETS, type InstrumentChoice } from './AnalysisPanel';

const ids = ['anatase', 'rutile', 'fcc-FeNi'];
const edited = { refine: new Set(['anatase', 'rutile']), detect: new Set<string>(), peaks: [], wavelengthA: undefined, backgroundOrder: 1 };
const synchrotron: InstrumentChoice = { radiation: null, geometry: 'debye-scherrer', profile: null, refineZero: null, refineDisplacement: null, monochromatorTwoThetaDeg: 0 };

describe('analysis panel: Vegard end members', () => {
  it('presets: the 700 °C law (the analysis default) and the library room-temperature ends', () => {
    expect(VEGARD_PRESETS['700C']).toEqual({ a0A: 3.66510449, a1A: 3.562764 });
    expect(VEGARD_PRESETS.rt).toEqual({ a0A: 3.578, a1A: 3.5238 });
  });

  it('sends vegardEndsA only when the ends differ from the default', () => {
    expect(runOptions({ phases: [] }, ids, { ...edited, vegardEndsA: { ...VEGARD_PRESETS['700C'] } })).not.toHaveProperty('vegardEndsA');
    // a previous run's option is dropped when the panel is back on the default
    expect(runOptions({ phases: [], vegardEndsA: { a0A: 3.6, a1A: 3.5 } }, ids, { ...edited, vegardEndsA: { ...VEGARD_PRESETS['700C'] } })).not.toHaveProperty('vegardEndsA');
    const rt = runOptions({ phases: [] }, ids, { ...edited, vegardEndsA: { ...VEGARD_PRESETS.rt } });
    expect(rt.vegardEndsA).toEqual({ a0A: 3.578, a1A: 3.5238 });
    expect(xrdAnalysisOptionsSchema.parse(rt).vegardEndsA).toEqual(rt.vegardEndsA);
  });

  it('reads the two fields or says what is wrong', () => {
    expect(parseVegardEnds(' 3.70 ', '3.55')).toEqual({ a0A: 3.7, a1A: 3.55 });
    expect(() => parseVegardEnds('', '3.55')).toThrow('lattice parameters in Å');
    expect(() => parseVegardEnds('36.6', '3.55')).toThrow('lattice parameters in Å');
    expect(() => parseVegardEnds('3.6', '3.6')).toThrow('must differ');
  });
});

describe('analysis panel: instrument', () => {
  it('synchrotron defaults add no instrument option', () => {
    const out = runOptions({ phases: [], geometry: 'bragg-brentano', radiation: 'CuKa' }, ids, { ...edited, instrument: synchrotron });
    expect(out).toEqual({ phases: ['anatase', 'rutile'], detectPhases: ['anatase', 'rutile'], peaks: [], refine: true, backgroundOrder: 1 });
  });

  it('a lab Bragg–Brentano setup becomes the options the Api accepts', () => {
    const lab: InstrumentChoice = { radiation: 'CuKa', geometry: 'bragg-brentano', profile: 'tch', refineZero: true, refineDisplacement: false, monochromatorTwoThetaDeg: 26.6 };
    const out = runOptions({ phases: [], debyeWaller: false }, ids, { ...edited, instrument: lab });
    expect(out).toMatchObject({ radiation: 'CuKa', geometry: 'bragg-brentano', profile: 'tch', refineZero: true, refineDisplacement: false, monochromatorTwoThetaDeg: 26.6, debyeWaller: false });
    expect(xrdAnalysisOptionsSchema.parse(out)).toEqual(out);
    // and back: a new panel starts from it
    expect(instrumentChoiceOf(out)).toEqual(lab);
    expect(instrumentChoiceOf({ phases: [] })).toEqual(synchrotron);
  });

  it('the schema rejects unknown tubes, bad angles and a tube with a .instprm', () => {
    expect(xrdAnalysisOptionsSchema.safeParse({ phases: ['rutile'], radiation: 'AgKa' }).success).toBe(false);
    expect(xrdAnalysisOptionsSchema.safeParse({ phases: ['rutile'], monochromatorTwoThetaDeg: 200 }).success).toBe(false);
    expect(xrdAnalysisOptionsSchema.safeParse({ phases: ['rutile'], geometry: 'transmission' }).success).toBe(false);
    expect(xrdAnalysisOptionsSchema.safeParse({ phases: ['rutile'], ratio21: 0.5 }).success).toBe(false);
    const both = xrdAnalysisOptionsSchema.safeParse({ phases: ['rutile'], radiation: 'CuKa', instprm: { name: 'a.instprm', bytes: new Uint8Array(1) } });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0].message).toContain('give one');
  });

  it('labels a tube with its lines (Hölzer et al. 1997)', () => {
    expect(tubeLabel('CuKa')).toBe('Cu Kα1 1.54059, Kα2 1.54443 Å (I₂/I₁ 0.5)');
    expect(tubeLabel('MoKa1')).toBe('Mo Kα1 0.70932 Å (monochromated)');
  });
});
