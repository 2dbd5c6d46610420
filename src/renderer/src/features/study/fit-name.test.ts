import { describe, expect, it } from 'vitest';
import { fitMiddle, middleEllipsis } from './fit-name';

describe('a long study name in a narrow toolbar', () => {
  const name = 'Example study: H2 reduction of Fe2O3 with Ni and NiO additions (SIMULATED)';
  it('is cut in the middle so its start and end stay', () => {
    expect(middleEllipsis(name, 200)).toBe(name);
    const short = middleEllipsis(name, 21);
    expect(Array.from(short)).toHaveLength(21);
    expect(short).toBe('Example st…SIMULATED)');
    expect(middleEllipsis('abc', 1)).toBe('…');
    expect(middleEllipsis('abcdef', 2)).toBe('a…');
  });
  it('fits the widest cut into the room (one unit per character here)', () => {
    const measure = (s: string) => Array.from(s).length;
    expect(fitMiddle(name, 1000, measure)).toBe(name);
    const fit = fitMiddle(name, 30, measure);
    expect(measure(fit)).toBe(30);
    expect(fit.startsWith('Example study: ')).toBe(true);
    expect(fit.endsWith('(SIMULATED)')).toBe(true);
  });
});
