/**
 * Looks of the SXRD views: axis titles typeset as papers set them (quantity symbols italic, units upright, ISO
 * 80000), one colour per phase (Okabe–Ito, the app's run palette), and viridis for time and intensity (perceptually
 * uniform and colour-blind safe: van der Walt & Smith, matplotlib 2015).
 */
import { OKABE_ITO } from '../../charts/style';

/** Axis and colour-bar titles as rich-text fragments (`{i|…}` italic), the same markup as charts/style AXIS_TITLES. */
export const XRD_TITLES = {
  twoTheta: '2{i|θ} (°)',
  q: '{i|q} (Å⁻¹)',
  d: '{i|d} (Å)',
  timeS: '{i|t} (s)',
  timeMin: '{i|t} (min)',
  intensity: '{i|I} (counts)',
  logIntensity: 'log₁₀({i|I} / counts)',
  weight: '{i|w} (wt.%)',
  latticeA: '{i|a} (Å)',
  xNi: '{i|x}{s|Ni}',
  centre: '2{i|θ}{s|c} (°)',
  fwhm: 'FWHM (°)',
  area: '{i|A} (counts·°)',
  rwp: '{i|R}{s|wp} (%)',
  alpha: '{i|α}',
  offset: '{i|I} + offset (counts)',
  difference: 'Δ{i|I} (counts)',
} as const;

/**
 * Counts axes in 10³ counts once values reach 10⁴ (five-digit tick labels crowd a 7 pt figure): the factor to
 * multiply the data by and the unit for the title.
 */
export function countsScale(maxAbs: number): { factor: number; unit: string } {
  return maxAbs >= 1e4 ? { factor: 1e-3, unit: '10³ counts' } : { factor: 1, unit: 'counts' };
}

import type { XrdAxis } from '../../../../shared/xrd-display';

export type { XrdAxis } from '../../../../shared/xrd-display';

export const XRD_AXES: { id: XrdAxis; label: string }[] = [
  { id: '2th_deg', label: '2θ (°)' },
  { id: 'q_A^-1', label: 'q (Å⁻¹)' },
  { id: 'd_A', label: 'd (Å)' },
];

export function axisTitle(axis: XrdAxis): string {
  return axis === '2th_deg' ? XRD_TITLES.twoTheta : axis === 'q_A^-1' ? XRD_TITLES.q : XRD_TITLES.d;
}

export type TimeUnit = 's' | 'min';

export function timeTitle(unit: TimeUnit): string {
  return unit === 's' ? XRD_TITLES.timeS : XRD_TITLES.timeMin;
}

export function timeScale(unit: TimeUnit): number {
  return unit === 's' ? 1 : 1 / 60;
}

/**
 * Phase colours: fixed per library phase, so a phase keeps its colour in every view and figure; other phases
 * (CIF imports) take the remaining palette entries in order. Yellow (#F0E442) is left out: too pale on white.
 */
const PHASE_ORDER = ['magnetite', 'wustite', 'fcc-FeNi', 'bcc-Fe', 'NiO', 'hematite', 'fcc-Ni'];
const PHASE_PALETTE = [OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[6]];

export function phaseColor(phaseId: string, allIds: readonly string[] = []): string {
  const fixed = PHASE_ORDER.indexOf(phaseId);
  if (fixed >= 0) return PHASE_PALETTE[fixed];
  // other phases: the palette colours no fixed phase of this set uses, in order
  const taken = new Set(allIds.map((id) => PHASE_ORDER.indexOf(id)).filter((i) => i >= 0));
  const free = PHASE_PALETTE.filter((_, i) => !taken.has(i));
  const others = allIds.filter((id) => !PHASE_ORDER.includes(id));
  const i = Math.max(0, others.indexOf(phaseId));
  return (free.length ? free : PHASE_PALETTE)[i % (free.length || PHASE_PALETTE.length)];
}

/** Short labels for figures and lists (library names are long: 'fcc Fe0.00Ni1.00 (taenite/γ-(Fe,Ni))'). */
const PHASE_LABELS: Record<string, string> = {
  wustite: 'wüstite',
  magnetite: 'magnetite',
  hematite: 'hematite',
  'fcc-FeNi': 'fcc-(Fe,Ni)',
  'fcc-Ni': 'fcc-Ni',
  'bcc-Fe': 'bcc-Fe',
};

export function phaseLabel(id: string): string {
  return PHASE_LABELS[id] ?? id;
}

/** Viridis at 10 evenly spaced stops (matplotlib's _viridis_data at 0, 1/9, …, 1). */
export const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] as const;

function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Colour at u ∈ [0, 1] on viridis (linear between stops), as #rrggbb. */
export function viridis(u: number): string {
  const v = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(v));
  const f = v - i;
  const a = hexRgb(VIRIDIS[i]);
  const b = hexRgb(VIRIDIS[i + 1]);
  const c = a.map((x, k) => Math.round(x + (b[k] - x) * f));
  return '#' + c.map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Colour of a frame by its time: viridis from 0 to 0.9 (the last tenth is too pale for lines on white). */
export function timeColor(timeS: number, t0S: number, t1S: number): string {
  return viridis(t1S > t0S ? (0.9 * (timeS - t0S)) / (t1S - t0S) : 0);
}
