import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { chiAxisUnit, fit2dChi, parseFit2dChi } from './fit2d-chi';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

const enc = new TextEncoder();

describe('Fit2D .chi', () => {
  it('maps the Fit2D axis labels', () => {
    expect(chiAxisUnit('2-Theta Angle (Degrees)')).toEqual({ unit: '2th_deg', scale: 1 });
    expect(chiAxisUnit('Q (1/nm)')?.unit).toBe('q_nm^-1');
    expect(chiAxisUnit('Q (Angstroms^-1)')?.unit).toBe('q_A^-1');
    expect(chiAxisUnit('Intensity')).toBeNull();
  });
  it('reads a q-axis file and rejects a file without the count line', () => {
    const text = 'image.tif: Q\nQ (1/nm)\nIntensity\n   3\n 1.0 10\n 2.0 20\n 3.0 30\n';
    expect(fit2dChi.detect({ fileName: 'a.chi', headText: text, headBytes: enc.encode(text) })).toBeGreaterThan(0.9);
    const p = parseFit2dChi('a.chi', enc.encode(text));
    expect(p.xUnit).toBe('q_nm^-1');
    expect(Array.from(p.intensity)).toEqual([10, 20, 30]);
    expect(p.warnings).toEqual([]);
    expect(() => parseFit2dChi('b.chi', enc.encode('t\n2-Theta Angle (Degrees)\n\nabc\n1 2\n'))).toThrow(FormatError);
    expect(fit2dChi.detect({ fileName: 'c.xy', headText: '1 2\n3 4\n', headBytes: new Uint8Array() })).toBe(0);
  });
});

describe.skipIf(missingXrd('dioptas-pattern-xy-chi'))('Dioptas pattern_001.chi (GPL, read in place)', () => {
  it('reads the 75 rows present, keeps the declared 1455 and warns', () => {
    const bytes = readXrd('dioptas-pattern-xy-chi/pattern_001.chi');
    const head = new TextDecoder().decode(bytes);
    expect(fit2dChi.detect({ fileName: 'pattern_001.chi', headText: head, headBytes: bytes })).toBeGreaterThanOrEqual(0.95);
    const p = parseFit2dChi('pattern_001.chi', bytes);
    expect(p.x.length).toBe(75);
    expect(p.x[0]).toBeCloseTo(0.010486433, 9);
    expect(p.x[74]).toBeCloseTo(28.3448, 4);
    expect(p.intensity[0]).toBeCloseTo(27.862846, 6);
    expect(p.xUnit).toBe('2th_deg');
    expect(p.wavelengthA).toBeNull();
    expect(p.metadata.declaredPoints).toBe('1455');
    expect(p.metadata.title).toMatch(/LaB6_p49_001\.tif: 2-thet$/);
    expect(p.warnings).toContain('header declares 1455 points, the file holds 75');
  });
});
