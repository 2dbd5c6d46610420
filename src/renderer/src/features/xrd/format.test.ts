import { describe, expect, it } from 'vitest';
import { formatWeightPercent, formatWithSigma, sigmaDecimals } from './format';

describe('values with their σ', () => {
  it('rounds σ to one significant figure (two from a leading 1) and the value to the same place', () => {
    expect(sigmaDecimals(0.34)).toBe(1);
    expect(sigmaDecimals(0.014)).toBe(3);
    expect(sigmaDecimals(0.00023)).toBe(4);
    expect(formatWithSigma(3.591234, 0.00023)).toBe('3.5912 ± 0.0002');
    expect(formatWithSigma(3.591234, 0.00014)).toBe('3.59123 ± 0.00014');
    expect(formatWithSigma(72.345, 12)).toBe('72 ± 12');
  });

  it('writes weight fractions in wt.% with one decimal and never "± 0.0"', () => {
    expect(formatWeightPercent(0.99734, 0.0031)).toBe('99.7 ± 0.3 %');
    expect(formatWeightPercent(1, 0.0003)).toBe('100.0 ± <0.1 %');
    expect(formatWeightPercent(0.5, 0.0005)).toBe('50.0 ± 0.1 %'); // 0.05 rounds up to the last place shown
    expect(formatWeightPercent(0.4, 0.0216)).toBe('40.0 ± 2.2 %');
    expect(formatWeightPercent(0, 0)).toBe('0.0 %'); // dropped phase: no σ
    expect(formatWeightPercent(null, 0.1)).toBe('—');
  });
});
