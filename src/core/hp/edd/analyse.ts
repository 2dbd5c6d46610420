/**
 * Energy-dispersive diffraction → lattice → pressure (issue 7 §2).
 *
 *   d = hc/(2E·sin θ),  hc = 12.398 419 843 keV·Å (CODATA 2018)
 *
 * calibrateTwoTheta: a known phase at 1 bar (e.g. Au 111 and 200, as in the LVP paper) → 2θ: the reflections are
 *   located by a comb search over 2θ, fitted in energy, and each gives sin θ = hc/(2 d E); 2θ is their weighted
 *   mean, σ from the fits (scaled by the scatter when χ²_red > 1).
 * analyseEdd: at a known 2θ, the calibrant's cell is located by a comb search over a (and c/a for hcp), every
 *   reflection in the window is fitted, d from E, and the cell refined by weighted least squares
 *   (cubic: 1/d² = (h²+k²+l²)/a²; hexagonal: 1/d² = 4/3(h²+hk+k²)·A + l²·C, A = 1/a², C = 1/c²). σ(cell) from the
 *   peak σ (× √χ²_red when > 1) and, systematically, from σ(2θ): δd/d = −cot θ·δθ. Then P ± σ at the
 *   thermocouple's temperature by the chosen scale (src/core/hp/eos).
 * Reflections near a fluorescence line (fluorescence.ts) or unresolved from a neighbour are fitted but not used
 * for the cell unless listed explicitly; reflections whose d disagrees with the refined cell by more than 4σ and
 * 0.1 % are dropped as misassigned, one at a time.
 */
import type { EddSpectrum } from '../../formats/edd';
import { HC_KEV_A, cellParts, latticeSystem, pressureWithSigma, type PressureResult, type ScaleDefinition } from '../eos';
import { calibrantElements, fluorescenceLines, type FluorescenceLine } from './fluorescence';
import { fitLines, prepareSpectrum, strongestPeakWidth, type FittedLine, type PreparedSpectrum, type RoiCurve } from './peaks';
import { allowedReflections, dSpacingA, isAllowed, parseHkl, type Cell, type Hkl } from './reflections';
import { combSearch } from './search';

const DEG = Math.PI / 180;

export interface EddPeak {
  hkl: string;
  h: number;
  k: number;
  l: number;
  predictedKeV: number;
  present: boolean;
  energyKeV: number;
  sigmaEnergyKeV: number;
  fwhmKeV: number;
  area: number;
  dA: number;
  sigmaDA: number;
  /** 2θ from this reflection (calibration only). */
  twoThetaDeg?: number;
  used: boolean;
  note: string | null;
}

export interface CommonOptions {
  /** Energy window (keV); default from 10 keV to the end of the spectrum. */
  energyRangeKeV?: [number, number];
  /** Only these reflections ('111', '200', …); default every allowed reflection in the window. */
  hkl?: string[];
  /** Elements whose K lines are avoided; default the calibrant's heavy elements, W and Pb. */
  fluorescenceElements?: string[];
  /** Peak FWHM (keV) at 60 keV as a seed; default measured on the strongest peak. */
  fwhmKeVAt60?: number;
}

export interface CalibrationOptions extends CommonOptions {
  /** Name of the known phase ('Au', …): its heavy elements' fluorescence lines are avoided. */
  calibrant?: string;
  /** The phase at 1 bar: its lattice and cell. */
  lattice: ScaleDefinition['structure']['lattice'];
  cell: Cell;
  /** 2θ search range (°); default 2–20°. */
  searchTwoThetaDeg?: [number, number];
}

export interface CalibrationResult {
  twoThetaDeg: number;
  sigmaTwoThetaDeg: number;
  peaks: EddPeak[];
  cell: Cell;
  reducedChi2: number;
  curves: RoiCurve[];
  fluorescence: FluorescenceLine[];
  warnings: string[];
}

export interface AnalysisOptions extends CommonOptions {
  twoThetaDeg: number;
  sigmaTwoThetaDeg?: number;
  scale: ScaleDefinition;
  temperatureK?: number;
  sigmaTemperatureK?: number;
  /** V₀ override for the scale (Å³). */
  v0A3?: number;
  /** Range of V/V₀ searched for the cell; default [0.55, 1.04]. */
  searchVOverV0?: [number, number];
}

export interface EddAnalysis {
  calibrant: string;
  twoThetaDeg: number;
  peaks: EddPeak[];
  latticeA: number;
  sigmaLatticeA: number;
  /** hcp only */
  latticeCA: number | null;
  sigmaLatticeCA: number | null;
  volumeA3: number;
  sigmaVolumeA3: number;
  /** χ²/(n − p) of the cell refinement. */
  reducedChi2: number;
  pressure: PressureResult;
  /** σ(P)'s parts from σ(a) and σ(c) (c: hcp only; σ(2θ)'s common part included), beside pressure's V and T parts. */
  sigmaFromAGPa: number;
  sigmaFromCGPa: number | null;
  pressureGPa: number;
  sigmaGPa: number;
  temperatureK: number;
  curves: RoiCurve[];
  fluorescence: FluorescenceLine[];
  warnings: string[];
}

/** E of a d-spacing at 2θ: E = hc/(2 d sin θ). */
export function energyKeVFromD(dA: number, twoThetaDeg: number): number {
  return HC_KEV_A / (2 * dA * Math.sin((twoThetaDeg * DEG) / 2));
}

/** d of an energy at 2θ. */
export function dFromEnergyA(energyKeV: number, twoThetaDeg: number): number {
  return HC_KEV_A / (2 * energyKeV * Math.sin((twoThetaDeg * DEG) / 2));
}

function chosenReflections(lattice: CalibrationOptions['lattice'], hkl: string[] | undefined): Hkl[] {
  if (!hkl || hkl.length === 0) return allowedReflections(lattice, 8);
  return hkl.map((t) => {
    const [h, k, l] = parseHkl(t);
    if (!isAllowed(lattice, [h, k, l])) throw new Error(`${t} is not a reflection of a ${lattice} lattice`);
    return { h, k, l, label: t.trim(), multiplicity: 1 };
  });
}

function fluorescenceFor(calibrant: string | null, opts: CommonOptions): FluorescenceLine[] {
  const els = opts.fluorescenceElements ?? [...new Set([...(calibrant ? calibrantElements(calibrant) : []), 'W', 'Pb'])];
  return fluorescenceLines(els);
}

interface Setup {
  prepared: PreparedSpectrum;
  fwhmAt: (e: number) => number;
  excluded: (e: number) => boolean;
  nearFluorescence: (e: number) => FluorescenceLine | null;
  warnings: string[];
}

function setup(spectrum: EddSpectrum, opts: CommonOptions, fluor: FluorescenceLine[]): Setup {
  const warnings: string[] = [];
  const seedFwhm60 = opts.fwhmKeVAt60;
  // First background pass with a generous window, then measure the width on the strongest non-fluorescence peak.
  let prepared = prepareSpectrum(spectrum, opts.energyRangeKeV, 1.5 * (seedFwhm60 ?? 0.6));
  let fw60 = seedFwhm60;
  const nearF0 = (e: number, w: number): boolean => fluor.some((f) => Math.abs(f.energyKeV - e) < 2 * w);
  if (fw60 === undefined) {
    const s = strongestPeakWidth(prepared, (e) => nearF0(e, 0.6));
    fw60 = s ? Math.min(Math.max(s.fwhmKeV * Math.sqrt(60 / s.energyKeV), 0.05), 3) : 0.6;
    if (!s) warnings.push('no clear peak to measure the detector resolution: FWHM 0.6 keV at 60 keV assumed');
    prepared = prepareSpectrum(spectrum, opts.energyRangeKeV, 2 * fw60);
  }
  const w60 = fw60;
  const fwhmAt = (e: number): number => w60 * Math.sqrt(Math.max(e, 5) / 60);
  const nearFluorescence = (e: number): FluorescenceLine | null => fluor.find((f) => Math.abs(f.energyKeV - e) < 1.5 * fwhmAt(e)) ?? null;
  return { prepared, fwhmAt, excluded: (e) => nearFluorescence(e) !== null, nearFluorescence, warnings };
}

function linesFor(refl: Hkl[], cell: Cell, twoThetaDeg: number, fluor: FluorescenceLine[], range: [number, number]) {
  const lines = refl.map((r) => ({ label: r.label, energyKeV: energyKeVFromD(dSpacingA(r, cell), twoThetaDeg), wanted: true }));
  const inRange = (e: number): boolean => e >= range[0] && e <= range[1];
  const nuisance = fluor.filter((f) => inRange(f.energyKeV)).map((f) => ({ label: `${f.element} ${f.line}`, energyKeV: f.energyKeV, wanted: false }));
  return { lines: [...lines, ...nuisance], nRefl: lines.length };
}

function toPeak(r: Hkl, f: FittedLine, twoThetaDeg: number, explicit: boolean, setupX: Setup, resolvedOthers: FittedLine[]): EddPeak {
  const d = f.present ? dFromEnergyA(f.energyKeV, twoThetaDeg) : NaN;
  let note: string | null = f.reason;
  let used = f.present;
  if (!f.present) {
    const fl = setupX.nearFluorescence(f.predictedKeV);
    if (fl) note = `${f.reason ?? 'not fitted'} — overlaps ${fl.element} ${fl.line} fluorescence (${fl.energyKeV.toFixed(2)} keV)`;
  } else {
    const fl = setupX.nearFluorescence(f.energyKeV);
    const clash = resolvedOthers.find((o) => o.present && o.wanted && o.label !== f.label && Math.abs(o.energyKeV - f.energyKeV) < 0.8 * Math.max(f.fwhmKeV, o.fwhmKeV));
    if (fl && !explicit) {
      used = false;
      note = `overlaps ${fl.element} ${fl.line} fluorescence (${fl.energyKeV.toFixed(2)} keV)`;
    } else if (clash && !explicit) {
      used = false;
      note = `not resolved from ${clash.label}`;
    } else if (f.atBound.includes('centreDeg')) {
      used = false;
      note = 'centre at the edge of its search window';
    } else if (!(f.sigmaEnergyKeV > 0)) {
      used = false;
      note = 'no uncertainty on the centre';
    }
  }
  return {
    hkl: r.label, h: r.h, k: r.k, l: r.l, predictedKeV: f.predictedKeV, present: f.present, energyKeV: f.energyKeV,
    sigmaEnergyKeV: f.sigmaEnergyKeV, fwhmKeV: f.fwhmKeV, area: f.area, dA: d, sigmaDA: f.present ? (d * f.sigmaEnergyKeV) / f.energyKeV : NaN,
    used, note,
  };
}

/** 2θ from a known phase at 1 bar. */
export function calibrateTwoTheta(spectrum: EddSpectrum, opts: CalibrationOptions): CalibrationResult {
  const fluor = fluorescenceFor(opts.calibrant ?? null, opts);
  const s = setup(spectrum, opts, fluor);
  const refl = chosenReflections(opts.lattice, opts.hkl);
  const p = s.prepared;
  const range: [number, number] = [p.energyKeV[0], p.energyKeV[p.energyKeV.length - 1]];
  // Comb over sin θ: E = hc/(2 d sin θ) = E_ref/s with s = sin θ / sin θ_ref, θ_ref = 1° (2θ = 2°).
  const [tLo, tHi] = opts.searchTwoThetaDeg ?? [2, 20];
  const sinRef = Math.sin(1 * DEG);
  const base = refl.map((r) => energyKeVFromD(dSpacingA(r, opts.cell), 2)).sort((x, y) => x - y);
  // the 12 lowest-energy (largest-d) reflections: the strongest ones of a white-beam spectrum
  const strong = opts.hkl && opts.hkl.length ? base : base.slice(0, 12);
  const best = combSearch({ energyKeV: p.energyKeV, net: p.net, background: p.background }, strong,
    Math.sin((tLo / 2) * DEG) / sinRef, Math.sin((tHi / 2) * DEG) / sinRef, 0.25 * s.fwhmAt(100), s.excluded);
  if (!Number.isFinite(best.scale)) throw new Error('calibration: none of the reflections falls inside the energy window at 2θ = 2–20°');
  const tt0 = (2 * Math.asin(best.scale * sinRef)) / DEG;
  const { lines, nRefl } = linesFor(refl, opts.cell, tt0, fluor, range);
  const fit = fitLines(p, lines, s.fwhmAt);
  const fitted = fit.lines.slice(0, nRefl);
  const peaks = refl.map((r, i) => toPeak(r, fitted[i], tt0, !!opts.hkl?.length, s, fitted));
  // Each reflection's own 2θ and its σ: sin θ = hc/(2dE), σ_θ = tan θ·σ_E/E.
  let sw = 0;
  let swx = 0;
  for (const pk of peaks) {
    if (!pk.present) continue;
    const d = dSpacingA(pk, opts.cell);
    const sinT = HC_KEV_A / (2 * d * pk.energyKeV);
    pk.twoThetaDeg = (2 * Math.asin(sinT)) / DEG;
    pk.dA = d;
    if (!pk.used) continue;
    const sigmaTT = (2 * Math.tan(Math.asin(sinT)) * (pk.sigmaEnergyKeV / pk.energyKeV)) / DEG;
    const w = 1 / (sigmaTT * sigmaTT);
    sw += w;
    swx += w * pk.twoThetaDeg;
  }
  const used = peaks.filter((pk) => pk.used);
  if (used.length === 0) throw new Error('calibration: no reflection of the known phase could be fitted');
  const tt = swx / sw;
  let chi2 = 0;
  for (const pk of used) {
    const sinT = Math.sin((pk.twoThetaDeg! * DEG) / 2);
    const sigmaTT = (2 * Math.tan(Math.asin(sinT)) * (pk.sigmaEnergyKeV / pk.energyKeV)) / DEG;
    chi2 += ((pk.twoThetaDeg! - tt) / sigmaTT) ** 2;
  }
  const red = used.length > 1 ? chi2 / (used.length - 1) : NaN;
  const sigma = Math.sqrt(1 / sw) * (used.length > 1 ? Math.sqrt(Math.max(1, red)) : 1);
  const warnings = [...s.warnings, ...spectrum.warnings];
  if (used.length === 1) warnings.push(`2θ from one reflection (${used[0].hkl}) only: its σ does not include any scatter between reflections`);
  return { twoThetaDeg: tt, sigmaTwoThetaDeg: sigma, peaks, cell: opts.cell, reducedChi2: red, curves: fit.curves, fluorescence: fluor, warnings };
}

interface CellFit {
  cell: Cell;
  sigmaA: number;
  sigmaC: number | null;
  volumeA3: number;
  sigmaVolumeA3: number;
  reducedChi2: number;
}

/** Weighted least squares of 1/d² on the used peaks (σ of 1/d² = 2σ_d/d³). */
function refineCell(peaks: EddPeak[], hexagonal: boolean): CellFit | null {
  const used = peaks.filter((p) => p.used);
  if (hexagonal) {
    if (used.length < 2) return null;
    // y = 1/d² = x1·A + x2·C
    let s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0;
    for (const p of used) {
      const y = 1 / (p.dA * p.dA);
      const sy = (2 * p.sigmaDA) / (p.dA * p.dA * p.dA);
      const w = 1 / (sy * sy);
      const x1 = (4 / 3) * (p.h * p.h + p.h * p.k + p.k * p.k);
      const x2 = p.l * p.l;
      s11 += w * x1 * x1;
      s12 += w * x1 * x2;
      s22 += w * x2 * x2;
      b1 += w * x1 * y;
      b2 += w * x2 * y;
    }
    const det = s11 * s22 - s12 * s12;
    if (!(Math.abs(det) > 1e-12 * s11 * s22) || !(s11 > 0) || !(s22 > 0)) return null;
    const A = (s22 * b1 - s12 * b2) / det;
    const C = (s11 * b2 - s12 * b1) / det;
    if (!(A > 0 && C > 0)) return null;
    let chi2 = 0;
    for (const p of used) {
      const y = 1 / (p.dA * p.dA);
      const sy = (2 * p.sigmaDA) / (p.dA * p.dA * p.dA);
      const x1 = (4 / 3) * (p.h * p.h + p.h * p.k + p.k * p.k);
      chi2 += ((y - x1 * A - p.l * p.l * C) / sy) ** 2;
    }
    const dof = used.length - 2;
    const red = dof > 0 ? chi2 / dof : NaN;
    const f = dof > 0 ? Math.max(1, red) : 1;
    const cAA = (s22 / det) * f;
    const cCC = (s11 / det) * f;
    const cAC = (-s12 / det) * f;
    const a = 1 / Math.sqrt(A);
    const c = 1 / Math.sqrt(C);
    const v = (Math.sqrt(3) / 2) * a * a * c;
    // V = √3/2 · A^(-1) · C^(-1/2): ∂V/∂A = −V/A, ∂V/∂C = −V/(2C)
    const gA = -v / A;
    const gC = -v / (2 * C);
    const varV = gA * gA * cAA + 2 * gA * gC * cAC + gC * gC * cCC;
    return {
      cell: { aA: a, cA: c }, sigmaA: (a / (2 * A)) * Math.sqrt(cAA), sigmaC: (c / (2 * C)) * Math.sqrt(cCC),
      volumeA3: v, sigmaVolumeA3: Math.sqrt(Math.max(varV, 0)), reducedChi2: red,
    };
  }
  if (used.length < 1) return null;
  let sw = 0;
  let swa = 0;
  const as = used.map((p) => {
    const m = Math.sqrt(p.h * p.h + p.k * p.k + p.l * p.l);
    return { a: p.dA * m, s: p.sigmaDA * m };
  });
  for (const x of as) {
    sw += 1 / (x.s * x.s);
    swa += x.a / (x.s * x.s);
  }
  const a = swa / sw;
  let chi2 = 0;
  for (const x of as) chi2 += ((x.a - a) / x.s) ** 2;
  const dof = used.length - 1;
  const red = dof > 0 ? chi2 / dof : NaN;
  const sigmaA = Math.sqrt(1 / sw) * (dof > 0 ? Math.sqrt(Math.max(1, red)) : 1);
  return { cell: { aA: a }, sigmaA, sigmaC: null, volumeA3: a * a * a, sigmaVolumeA3: 3 * a * a * sigmaA, reducedChi2: red };
}

/** Residual of a peak against a cell, in σ. */
function residualSigma(p: EddPeak, cell: Cell): number {
  return (p.dA - dSpacingA(p, cell)) / p.sigmaDA;
}

/** Spectrum → cell → P ± σ at 2θ with the chosen scale. */
export function analyseEdd(spectrum: EddSpectrum, opts: AnalysisOptions): EddAnalysis {
  if (!(opts.twoThetaDeg > 0 && opts.twoThetaDeg < 90)) throw new Error(`2θ must be between 0 and 90° (got ${opts.twoThetaDeg})`);
  const scale = opts.scale;
  const lattice = scale.structure.lattice;
  const hexagonal = latticeSystem(lattice) === 'hexagonal';
  const fluor = fluorescenceFor(scale.calibrant, opts);
  const s = setup(spectrum, opts, fluor);
  const p = s.prepared;
  const range: [number, number] = [p.energyKeV[0], p.energyKeV[p.energyKeV.length - 1]];
  const refl = chosenReflections(lattice, opts.hkl);
  const v0 = opts.v0A3 ?? scale.v0A3;
  const coa0 = scale.structure.cOverA ?? 1.62;
  const a0 = hexagonal ? Math.cbrt((2 * v0) / (Math.sqrt(3) * coa0)) : Math.cbrt(v0);
  const [vLo, vHi] = opts.searchVOverV0 ?? [0.55, 1.04];
  const spec = { energyKeV: p.energyKeV, net: p.net, background: p.background };
  const strongCount = opts.hkl?.length ? refl.length : hexagonal ? 14 : 10;
  // Comb search: s = a/a₀ (and c/a for hcp). Energies at s = 1 for the ambient cell.
  let bestCell: Cell = { aA: a0 };
  let bestScore = -Infinity;
  const coaGrid = hexagonal ? Array.from({ length: 31 }, (_, i) => coa0 - 0.03 + 0.002 * i) : [NaN];
  for (const coa of coaGrid) {
    const cell0: Cell = hexagonal ? { aA: a0, cA: a0 * coa } : { aA: a0 };
    const base = refl.map((r) => energyKeVFromD(dSpacingA(r, cell0), opts.twoThetaDeg)).filter((e) => e < range[1] * 1.5);
    const teeth = base.sort((x, y) => x - y).slice(0, strongCount);
    if (teeth.length === 0) continue;
    // V ∝ s³ (c/a fixed here)
    const r = combSearch(spec, teeth, Math.cbrt(vLo), Math.cbrt(vHi), 0.25 * s.fwhmAt(80), s.excluded, 1);
    if (r.score > bestScore) {
      bestScore = r.score;
      bestCell = hexagonal ? { aA: a0 * r.scale, cA: a0 * coa * r.scale } : { aA: a0 * r.scale };
    }
  }
  if (!(bestScore > 0)) throw new Error(`no ${scale.calibrant} reflections found in ${spectrum.fileName}${spectrum.label ? ` ${spectrum.label}` : ''} at 2θ = ${opts.twoThetaDeg}° for V/V0 ${vLo}–${vHi}`);
  const { lines, nRefl } = linesFor(refl, bestCell, opts.twoThetaDeg, fluor, range);
  const fit = fitLines(p, lines, s.fwhmAt);
  const fitted = fit.lines.slice(0, nRefl);
  const explicit = !!opts.hkl?.length;
  let peaks = refl.map((r, i) => toPeak(r, fitted[i], opts.twoThetaDeg, explicit, s, fitted)).filter((pk) => pk.present || (pk.predictedKeV >= range[0] && pk.predictedKeV <= range[1]));
  let cf = refineCell(peaks, hexagonal);
  if (!cf) throw new Error(`${scale.calibrant}: too few fitted reflections to refine the cell (${peaks.filter((x) => x.used).length} usable${hexagonal ? '; hcp needs reflections with different l' : ''})`);
  // Drop misassigned reflections one at a time.
  for (let guard = 0; guard < 10; guard++) {
    const used = peaks.filter((x) => x.used);
    if (used.length <= (hexagonal ? 3 : 2)) break;
    let worst: EddPeak | null = null;
    let worstR = 0;
    for (const pk of used) {
      const r = Math.abs(residualSigma(pk, cf.cell));
      const rel = Math.abs(pk.dA / dSpacingA(pk, cf.cell) - 1);
      if (r > 4 && rel > 1e-3 && r > worstR) {
        worst = pk;
        worstR = r;
      }
    }
    if (!worst) break;
    peaks = peaks.map((x) => (x === worst ? { ...x, used: false, note: `d differs from the refined cell by ${worstR.toFixed(1)}σ: left out (misassigned or overlapped?)` } : x));
    const next = refineCell(peaks, hexagonal);
    if (!next) break;
    cf = next;
  }
  const warnings = [...s.warnings, ...spectrum.warnings];
  // σ(2θ) → σ(d)/d = cot θ·σ_θ, common to every reflection: adds to σ(a), σ(c) and σ(V) in full correlation.
  const theta = (opts.twoThetaDeg * DEG) / 2;
  const relSys = opts.sigmaTwoThetaDeg ? (Math.abs(opts.sigmaTwoThetaDeg) * DEG) / 2 / Math.tan(theta) : 0;
  const sigmaA = Math.hypot(cf.sigmaA, relSys * cf.cell.aA);
  const sigmaC = cf.sigmaC !== null && cf.cell.cA !== undefined ? Math.hypot(cf.sigmaC, relSys * cf.cell.cA) : null;
  const sigmaV = Math.hypot(cf.sigmaVolumeA3, 3 * relSys * cf.volumeA3);
  const nUsed = peaks.filter((x) => x.used).length;
  if (nUsed === 1) warnings.push(`the cell rests on one reflection (${peaks.find((x) => x.used)!.hkl}): σ has no check from other reflections`);
  const pressure = pressureWithSigma(scale, { volumeA3: cf.volumeA3, sigmaVolumeA3: sigmaV }, { temperatureK: opts.temperatureK, sigmaTemperatureK: opts.sigmaTemperatureK, v0A3: opts.v0A3 });
  // |∂P/∂V| = K_T/V at (V, T): the same slope that gives pressure.sigmaFromVolumeGPa
  const parts = cellParts({ cell: { ...cf.cell, sigmaAA: sigmaA, ...(sigmaC !== null ? { sigmaCA: sigmaC } : {}) } }, pressure.bulkModulusGPa / pressure.volumeA3);
  return {
    calibrant: scale.calibrant, twoThetaDeg: opts.twoThetaDeg, peaks,
    sigmaFromAGPa: parts.sigmaFromAGPa ?? 0, sigmaFromCGPa: parts.sigmaFromCGPa,
    latticeA: cf.cell.aA, sigmaLatticeA: sigmaA, latticeCA: cf.cell.cA ?? null, sigmaLatticeCA: sigmaC,
    volumeA3: cf.volumeA3, sigmaVolumeA3: sigmaV, reducedChi2: cf.reducedChi2,
    pressure, pressureGPa: pressure.pressureGPa, sigmaGPa: pressure.sigmaGPa, temperatureK: pressure.temperatureK,
    curves: fit.curves, fluorescence: fluor, warnings: [...warnings, ...pressure.warnings],
  };
}
