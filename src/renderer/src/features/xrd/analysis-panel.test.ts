/**
 * The Analysis panel's option logic: Vegard end members and the instrument choice become the run options the Api
 * validates (src/shared/api xrdAnalysisOptionsSchema), with the analysis defaults left out.
 */
import { describe, expect, it } from 'vitest';
import { xrdAnalysisOptionsSchema } from '../../../../shared/api';
import {
  instrumentChoiceOf, parseInstrumentProfile, parseOptionalNumber, parseVegardEnds, runOptions, sampleChoiceOf, tubeLabel, type InstrumentChoice, type SampleChoice,
} from './AnalysisPanel';

const ids = ['anatase', 'rutile', 'fcc-FeNi'];
const edited = { refine: new Set(['anatase', 'rutile']), detect: new Set<string>(), peaks: [], wavelengthA: undefined, backgroundOrder: 1 };
const synchrotron: InstrumentChoice = { radiation: null, geometry: 'debye-scherrer', profile: null, refineZero: null, refineDisplacement: null, monochromatorTwoThetaDeg: 0 };

describe('analysis panel: sample settings', () => {
  const none: SampleChoice = { refineB: null, vegardEndsA: null, refineProfile: null, instrumentProfile: null };

  it('leaves the analysis defaults alone: the literature Vegard law at the run temperature, B by geometry', () => {
    const out = runOptions({ phases: [], vegardEndsA: { a0A: 3.6, a1A: 3.5 }, refineB: false, temperatureC: 650 }, ids, { ...edited, sample: none });
    expect(out).not.toHaveProperty('vegardEndsA');
    expect(out).not.toHaveProperty('refineB');
    expect(out).not.toHaveProperty('temperatureC');
  });

  it('sends what the panel sets: temperature, B, own end members, profile terms, instrument profile, zero, K, range, drop', () => {
    const sample: SampleChoice = {
      temperatureC: 700, refineB: true, refineBMinWt: 0.05, vegardEndsA: { a0A: 3.668, a1A: 3.5656 }, refineProfile: ['size', 'strain'],
      instrumentProfile: { U: 0.05, V: -0.002, W: 0.0004, X: 0, Y: 0 }, zeroShiftDeg: 0.01, polarisationK: 0.95, twoThetaMinDeg: 2.5, twoThetaMaxDeg: 15.5,
      backgroundTerms: 9, dropBelowWt: 0.003,
    };
    const out = runOptions({ phases: [] }, ids, { ...edited, sample });
    expect(out).toMatchObject({
      temperatureC: 700, refineB: true, refineBMinWt: 0.05, vegardEndsA: { a0A: 3.668, a1A: 3.5656 }, refineProfile: ['size', 'strain'],
      instrumentProfile: { U: 0.05, V: -0.002, W: 0.0004, X: 0, Y: 0 }, zeroShiftDeg: 0.01, polarisationK: 0.95, twoThetaMinDeg: 2.5, twoThetaMaxDeg: 15.5,
      backgroundTerms: 9, dropBelowWt: 0.003,
    });
    expect(xrdAnalysisOptionsSchema.parse(out)).toEqual(out);
    // and back: a new panel starts from it
    expect(sampleChoiceOf(out)).toEqual(sample);
  });

  it('reads the number fields or says what is wrong', () => {
    expect(parseOptionalNumber(' ', 'x', 0, 1)).toBeUndefined();
    expect(parseOptionalNumber('700', 'the run temperature (°C)', -273, 2999)).toBe(700);
    expect(() => parseOptionalNumber('hot', 'the run temperature (°C)', -273, 2999)).toThrow('the run temperature (°C) must be a number between -273 and 2999');
    expect(parseInstrumentProfile({ U: '', V: '', W: '', X: '', Y: '' })).toBeNull();
    expect(parseInstrumentProfile({ U: '0.05', V: '-0.002', W: '0.0004', X: '0', Y: '0' })).toEqual({ U: 0.05, V: -0.002, W: 0.0004, X: 0, Y: 0 });
    expect(() => parseInstrumentProfile({ U: '0.05', V: '', W: '0.0004', X: '0', Y: '0' })).toThrow('all five terms');
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
