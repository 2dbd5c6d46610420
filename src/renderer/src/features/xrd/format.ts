/**
 * A value with its standard uncertainty, rounded as measurement results are written (GUM §7.2.6; ISO 80000-1):
 * σ to one significant figure (two when its first digit is 1), the value to the same decimal place — "72.3 ± 0.4",
 * "3.5912 ± 0.0002". The decimals are kept within [minDecimals, maxDecimals]; a σ that would round to zero there is
 * written as an upper bound ("100.0 ± <0.1"), never as "± 0.0". σ of exactly 0 (a parameter not refined in that
 * frame) or not finite shows the value alone.
 */
export interface SigmaFormat {
  minDecimals?: number;
  maxDecimals?: number;
}

/** Decimal places that give σ one significant figure (two when it starts with 1). */
export function sigmaDecimals(sigma: number): number {
  const e = Math.floor(Math.log10(sigma));
  const lead = sigma / 10 ** e;
  // 9.5… rounds up to the next decade: one figure there
  const figures = lead < 1.95 ? 2 : 1;
  return figures - 1 - e;
}

export function formatWithSigma(value: number | null | undefined, sigma: number | null | undefined, format: SigmaFormat = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const minD = format.minDecimals ?? 0;
  const maxD = format.maxDecimals ?? 6;
  if (sigma === null || sigma === undefined || !Number.isFinite(sigma) || sigma <= 0) return value.toFixed(minD);
  const d = Math.min(maxD, Math.max(minD, sigmaDecimals(sigma)));
  const step = 10 ** -d;
  if (sigma < step / 2) return `${value.toFixed(d)} ± <${step.toFixed(d)}`;
  return `${value.toFixed(d)} ± ${sigma.toFixed(d)}`;
}

/** A weight fraction (0…1) and its σ in wt.%, one decimal: "99.7 ± 0.3 %", "100.0 ± <0.1 %". */
export function formatWeightPercent(fraction: number | null | undefined, sigma: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${formatWithSigma(100 * fraction, sigma === null || sigma === undefined ? sigma : 100 * sigma, { minDecimals: 1, maxDecimals: 1 })} %`;
}
