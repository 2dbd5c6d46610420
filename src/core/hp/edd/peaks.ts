/**
 * Fitting EDD peaks in energy: the spectrum is prepared (energy window, SNIP background, smoothed net counts),
 * predicted lines are grouped into regions of interest and fitted together with the project's pseudo-Voigt +
 * polynomial-background fitter (src/core/xrd/peaks/fitRoi, used here with x = energy in keV).
 */
import type { EddSpectrum } from '../../formats/edd';
import { fitRoi } from '../../xrd/peaks/fitRoi';
import { pseudoVoigt } from '../../xrd/peaks/pseudoVoigt';
import type { PeakSeed, RoiDefinition } from '../../xrd/peaks/types';
import { smooth, snipBackground } from './background';

export interface PreparedSpectrum {
  energyKeV: Float64Array;
  counts: Float64Array;
  background: Float64Array;
  net: Float64Array;
  /** keV per channel (median). */
  stepKeV: number;
}

/** Restricts to [fromKeV, toKeV] and computes the SNIP background over windowKeV. */
export function prepareSpectrum(s: EddSpectrum, rangeKeV: [number, number] | undefined, windowKeV: number): PreparedSpectrum {
  if (!s.energyKeV) throw new Error(`${s.fileName}${s.label ? ` ${s.label}` : ''}: no energy scale — give the detector's energy calibration (E = a + b·ch + c·ch²)`);
  const e = s.energyKeV;
  const [lo, hi] = rangeKeV ?? [Math.max(e[0], 10), e[e.length - 1]];
  let i0 = 0;
  while (i0 < e.length && e[i0] < lo) i0++;
  let i1 = e.length;
  while (i1 > i0 && e[i1 - 1] > hi) i1--;
  if (i1 - i0 < 32) throw new Error(`${s.fileName}: fewer than 32 channels between ${lo} and ${hi} keV`);
  const energyKeV = e.slice(i0, i1);
  const counts = s.counts.slice(i0, i1);
  const stepKeV = (energyKeV[energyKeV.length - 1] - energyKeV[0]) / (energyKeV.length - 1);
  const background = snipBackground(counts, Math.max(3, Math.round(windowKeV / stepKeV)));
  const net = smooth(Float64Array.from(counts, (y, i) => y - background[i]), 1);
  return { energyKeV, counts, background, net, stepKeV };
}

/** FWHM (keV) of the strongest net maximum outside the excluded zones, with its energy; null when flat. */
export function strongestPeakWidth(p: PreparedSpectrum, excluded: (e: number) => boolean): { energyKeV: number; fwhmKeV: number } | null {
  let iMax = -1;
  for (let i = 2; i < p.net.length - 2; i++) {
    if (excluded(p.energyKeV[i])) continue;
    if (iMax < 0 || p.net[i] > p.net[iMax]) iMax = i;
  }
  if (iMax < 0 || !(p.net[iMax] > 5 * Math.sqrt(p.background[iMax] + 1))) return null;
  const half = p.net[iMax] / 2;
  let l = iMax;
  while (l > 0 && p.net[l] > half) l--;
  let r = iMax;
  while (r < p.net.length - 1 && p.net[r] > half) r++;
  return { energyKeV: p.energyKeV[iMax], fwhmKeV: Math.max(p.energyKeV[r] - p.energyKeV[l], 3 * p.stepKeV) };
}

export interface LineToFit {
  /** Label, e.g. '200' or 'Au Kα1'. */
  label: string;
  energyKeV: number;
  /** True for the lines whose positions are wanted (calibrant reflections); false for nuisance lines. */
  wanted: boolean;
}

export interface FittedLine {
  label: string;
  wanted: boolean;
  predictedKeV: number;
  present: boolean;
  energyKeV: number;
  sigmaEnergyKeV: number;
  fwhmKeV: number;
  area: number;
  sigmaArea: number;
  atBound: string[];
  /** Labels of the other lines fitted in the same region. */
  neighbours: string[];
  /** Why it is absent: 'screen' | 'fit' | 'error: …' */
  reason: string | null;
}

export interface RoiCurve {
  fromKeV: number;
  toKeV: number;
  energyKeV: Float64Array;
  model: Float64Array;
  background: Float64Array;
}

/**
 * Fits lines (predicted energies) grouped into regions: lines closer than 3·FWHM share a region, which spans
 * ±3·FWHM around them. fwhmAt(E) seeds the widths. Returns one result per input line and the fitted curves.
 */
export function fitLines(p: PreparedSpectrum, lines: LineToFit[], fwhmAt: (e: number) => number): { lines: FittedLine[]; curves: RoiCurve[] } {
  const sorted = lines.map((l, i) => ({ ...l, i })).filter((l) => l.energyKeV > p.energyKeV[0] && l.energyKeV < p.energyKeV[p.energyKeV.length - 1]).sort((a, b) => a.energyKeV - b.energyKeV);
  const groups: (typeof sorted)[] = [];
  for (const l of sorted) {
    const g = groups[groups.length - 1];
    if (g && l.energyKeV - g[g.length - 1].energyKeV < 3 * fwhmAt(l.energyKeV)) g.push(l);
    else groups.push([l]);
  }
  const out: FittedLine[] = lines.map((l) => ({
    label: l.label, wanted: l.wanted, predictedKeV: l.energyKeV, present: false, energyKeV: NaN, sigmaEnergyKeV: NaN, fwhmKeV: NaN,
    area: NaN, sigmaArea: NaN, atBound: [], neighbours: [], reason: 'outside the energy range',
  }));
  const curves: RoiCurve[] = [];
  for (const g of groups) {
    if (!g.some((l) => l.wanted)) continue;
    const from = g[0].energyKeV - 3 * fwhmAt(g[0].energyKeV);
    const to = g[g.length - 1].energyKeV + 3 * fwhmAt(g[g.length - 1].energyKeV);
    const seeds: PeakSeed[] = g.map((l) => ({ label: l.label, centreDeg: l.energyKeV, fwhmDeg: fwhmAt(l.energyKeV), eta: 0.3 }));
    const roi: RoiDefinition = { id: `${from.toFixed(2)}:${to.toFixed(2)} keV`, fromDeg: from, toDeg: to, peaks: seeds, backgroundOrder: 1 };
    const names = g.map((l) => l.label);
    try {
      const r = fitRoi(p.energyKeV, p.counts, null, roi, { searchFwhm: 1.5, fwhmRange: [0.4, 2.5] });
      r.peaks.forEach((pk, j) => {
        const idx = g[j].i;
        const base = { ...out[idx], neighbours: names.filter((_, q) => q !== j) };
        if (pk.present) {
          out[idx] = {
            ...base, present: true, energyKeV: pk.centreDeg, sigmaEnergyKeV: pk.sigma.centreDeg, fwhmKeV: pk.fwhmDeg, area: pk.area, sigmaArea: pk.sigma.area,
            atBound: pk.atBound, reason: null,
          };
        } else {
          out[idx] = { ...base, reason: pk.reason === 'screen' ? 'not detected (net counts below 3σ)' : 'not significant in the fit (area below 3σ)' };
        }
      });
      // The fitted curve over the region.
      let i0 = 0;
      while (i0 < p.energyKeV.length && p.energyKeV[i0] < from) i0++;
      let i1 = i0;
      while (i1 < p.energyKeV.length && p.energyKeV[i1] <= to) i1++;
      const x = p.energyKeV.slice(i0, i1);
      const bgCurve = Float64Array.from(x, (e) => {
        let v = 0;
        for (let k = r.background.length - 1; k >= 0; k--) v = v * (e - r.xRefDeg) + r.background[k];
        return v;
      });
      const model = Float64Array.from(x, (e, q) => {
        let v = bgCurve[q];
        for (const pk of r.peaks) if (pk.present) v += pseudoVoigt(e, pk.centreDeg, pk.fwhmDeg, pk.eta, pk.area);
        return v;
      });
      curves.push({ fromKeV: from, toKeV: to, energyKeV: x, model, background: bgCurve });
    } catch (e) {
      for (const l of g) out[l.i] = { ...out[l.i], neighbours: names.filter((n) => n !== l.label), reason: `fit failed: ${(e as Error).message}` };
    }
  }
  return { lines: out, curves };
}
