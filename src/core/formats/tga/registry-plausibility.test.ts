/**
 * importTga adds the plausibility warnings of core/tga/plausibility.ts to what the reader said: a table whose mass
 * column is in g but labelled mg (2 kg "mg" values) is imported with the warning a user reads, a plausible one
 * without it. Values by construction: 2,000,000 mg is beyond the 1 kg bound.
 */
import { describe, expect, it } from 'vitest';
import { importTga } from './index';

const csv = (rows: string[]): Uint8Array => new TextEncoder().encode(['time_s,mass_mg', ...rows].join('\n') + '\n');

describe('importTga: plausibility warnings', () => {
  it('masses beyond 1 kg are imported with the warning naming the first point', () => {
    const run = importTga('heavy.csv', csv(['0,1000', '60,2000000', '120,2000000']));
    expect(run.warnings).toContain(
      'Mass values up to 2.000e+6 mg (first at data point 2) are not masses a TGA records (> 1 kg): check the mass column and its unit, or the file is damaged.',
    );
  });

  it('a plausible run gets no such warning', () => {
    const run = importTga('ok.csv', csv(['0,10', '60,9.9', '120,9.8']));
    expect(run.warnings.some((w) => w.includes('not masses a TGA records'))).toBe(false);
  });
});
