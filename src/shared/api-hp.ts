/**
 * The high-pressure group of the IPC contract (issue 7: pressure scales, EDD), spread into `Api`, `apiMethods` and
 * `apiArgs` by api.ts. Every argument is validated with these zod schemas in main before use.
 * Kept in its own module so the other high-pressure views (radiography, maps) can add their groups beside it.
 */
import { z } from 'zod';
import type { PressureResult, ScaleSummary } from '../core/hp/eos';

// ───────────────────────────── payloads ─────────────────────────────

export interface HpFile {
  name: string;
  bytes: Uint8Array;
}

/** What the pressure calculator asks for (also kept in the session as the last calculation). */
export interface HpCalculatorInput {
  calibrant: string;
  scale: string;
  input: 'cell' | 'volume' | 'vOverV0';
  aA?: number;
  cA?: number;
  sigmaAA?: number;
  sigmaCA?: number;
  volumeA3?: number;
  sigmaVolumeA3?: number;
  vOverV0?: number;
  temperatureK?: number;
  sigmaTemperatureK?: number;
  /** Use this V0 (Å³) instead of the scale's. */
  v0A3?: number;
}

export type HpPressureView = PressureResult;

export interface HpEddOptions {
  calibrant: string;
  scale: string;
  /** Null until calibrated or typed in. */
  twoThetaDeg: number | null;
  sigmaTwoThetaDeg: number;
  /** Thermocouple temperature for every spectrum (a temperature log overrides it); null = the scale's reference. */
  temperatureK: number | null;
  sigmaTemperatureK: number;
  /** Reflections to use ('111', '200'); null = every reflection in the window. */
  hkl: string[] | null;
  energyRangeKeV: [number, number] | null;
  /** E = a + b·ch + c·ch² (keV) for files without one (or to replace theirs); null = the files'. */
  energyCalibration: { a: number; b: number; c: number } | null;
  /** Seconds between spectra when the files carry no start times. */
  intervalS: number;
  /** Use this V0 (Å³) instead of the scale's (e.g. the calibrant's own volume measured at 1 bar); null = the scale's. */
  v0A3: number | null;
}

export interface HpEddFileView {
  name: string;
  format: string;
  labels: string[];
  hasEnergy: boolean;
  warnings: string[];
}

export interface HpPeakView {
  hkl: string;
  predictedKeV: number;
  present: boolean;
  energyKeV: number | null;
  sigmaEnergyKeV: number | null;
  fwhmKeV: number | null;
  dA: number | null;
  sigmaDA: number | null;
  twoThetaDeg: number | null;
  used: boolean;
  note: string | null;
}

export interface HpCalibrationRequest {
  /** Index of the spectrum (over all loaded files, in order). */
  spectrum: number;
  calibrant: string;
  /** The known phase's cell at 1 bar; default from `scale`'s V0. */
  a0A?: number;
  c0A?: number;
  scale?: string;
  hkl?: string[];
  /** Set the EDD options' 2θ (and σ) to the result. */
  apply: boolean;
}

export interface HpCalibrationView {
  spectrum: number;
  fileName: string;
  label: string;
  calibrant: string;
  a0A: number;
  c0A: number | null;
  twoThetaDeg: number;
  sigmaTwoThetaDeg: number;
  reducedChi2: number | null;
  peaks: HpPeakView[];
  warnings: string[];
}

export interface HpEddFrameView {
  index: number;
  fileName: string;
  label: string;
  timeS: number;
  timeSource: 'given' | 'file' | 'interval';
  temperatureK: number | null;
  pressureGPa: number | null;
  sigmaGPa: number | null;
  /** σ(P)'s parts (GPa): from σ(a), σ(c) (hcp), σ(V) and σ(T); with a/c correlated, a and c need not add to V. */
  sigmaParts: { aGPa: number; cGPa: number | null; volumeGPa: number; temperatureGPa: number } | null;
  latticeA: number | null;
  sigmaLatticeA: number | null;
  latticeCA: number | null;
  sigmaLatticeCA: number | null;
  volumeA3: number | null;
  reducedChi2: number | null;
  peaksUsed: number;
  error: string | null;
  warnings: string[];
}

export interface HpEddView {
  files: HpEddFileView[];
  /** Number of spectra over all files. */
  spectra: number;
  options: HpEddOptions;
  temperatureLog: string | null;
  calibration: HpCalibrationView | null;
  /** Null until analysed (and again after any change of files or options). */
  frames: HpEddFrameView[] | null;
}

export interface HpStateView {
  revision: number;
  calibrants: string[];
  scales: ScaleSummary[];
  /** Names of the imported scale files. */
  scaleFiles: string[];
  calculator: HpCalculatorInput | null;
  edd: HpEddView;
}

export interface HpImportResult {
  state: HpStateView;
  failures: { fileName: string; message: string }[];
}

/** One spectrum for the plot: display-sized counts, the fitted regions, peaks with hkl and nuisance lines. */
export interface HpSpectrumView {
  index: number;
  fileName: string;
  label: string;
  energyKeV: Float64Array;
  counts: Float64Array;
  curves: { energyKeV: Float64Array; model: Float64Array }[];
  peaks: HpPeakView[];
  fluorescence: { label: string; energyKeV: number }[];
  /** From the latest analysis (or calibration for that spectrum), else null. */
  pressureGPa: number | null;
  sigmaGPa: number | null;
  source: 'analysis' | 'calibration' | null;
}

// ───────────────────────────── methods ─────────────────────────────

export interface HpApi {
  hpGetState(): Promise<HpStateView>;
  /** P ± σ of a calibrant by a scale; the input is kept as the session's last calculation. */
  hpComputePressure(input: HpCalculatorInput): Promise<HpPressureView>;
  /** Add pressure scales from JSON files (one scale, an array, or { scales: [...] } per file). */
  hpImportScales(files: HpFile[]): Promise<HpImportResult>;
  hpRemoveScaleFile(name: string): Promise<HpStateView>;
  /** Add EDD spectrum files (Amptek .mca, SPEC, columns); unreadable files are reported by name. */
  hpEddImport(files: HpFile[]): Promise<HpImportResult>;
  hpEddRemoveFile(name: string): Promise<HpStateView>;
  hpEddSetOptions(options: Partial<HpEddOptions>): Promise<HpStateView>;
  /** Thermocouple log: two columns, time (s on the spectra's clock) and temperature (K); null removes it. */
  hpEddSetTemperatureLog(file: HpFile | null): Promise<HpStateView>;
  hpEddCalibrate(request: HpCalibrationRequest): Promise<HpStateView>;
  /** Analyse every spectrum (progress in getTasks); the results are in the returned state's edd.frames. */
  hpEddAnalyse(): Promise<HpStateView>;
  hpEddSpectrum(index: number): Promise<HpSpectrumView>;
  /** One row per spectrum: time, T, cell, V, P, σ. */
  hpEddResultsCsv(): Promise<string>;
  /** Drop the EDD files, the scale files and the calculator input. */
  hpClear(): Promise<HpStateView>;
}

export const hpMethods = [
  'hpGetState', 'hpComputePressure', 'hpImportScales', 'hpRemoveScaleFile', 'hpEddImport', 'hpEddRemoveFile', 'hpEddSetOptions',
  'hpEddSetTemperatureLog', 'hpEddCalibrate', 'hpEddAnalyse', 'hpEddSpectrum', 'hpEddResultsCsv', 'hpClear',
] as const;

// ───────────────────────────── schemas ─────────────────────────────

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.gt(0, 'must be > 0');
const nonNegative = finite.min(0, 'must be ≥ 0');
const name = z.string().min(1).max(200);
const fileSchema = z.object({ name: z.string().min(1, 'a file has no name').max(500), bytes: z.instanceof(Uint8Array, { message: 'file bytes must be a Uint8Array' }) });
const hklSchema = z.string().regex(/^\s*-?\d+[\s,]*-?\d+[\s,]*-?\d+\s*$|^\d{3}$/, 'an hkl such as 111 or 2,0,0');

export const hpCalculatorInputSchema = z
  .object({
    calibrant: name, scale: name, input: z.enum(['cell', 'volume', 'vOverV0']),
    aA: positive.optional(), cA: positive.optional(), sigmaAA: nonNegative.optional(), sigmaCA: nonNegative.optional(),
    volumeA3: positive.optional(), sigmaVolumeA3: nonNegative.optional(), vOverV0: positive.optional(),
    temperatureK: positive.optional(), sigmaTemperatureK: nonNegative.optional(), v0A3: positive.optional(),
  })
  .strict()
  .refine((v) => v.input !== 'cell' || v.aA !== undefined, { message: 'give a (Å)', path: ['aA'] })
  .refine((v) => v.input !== 'volume' || v.volumeA3 !== undefined, { message: 'give the unit-cell volume (Å³)', path: ['volumeA3'] })
  .refine((v) => v.input !== 'vOverV0' || v.vOverV0 !== undefined, { message: 'give V/V0', path: ['vOverV0'] });

export const hpEddOptionsSchema = z
  .object({
    calibrant: name, scale: name,
    twoThetaDeg: finite.gt(0, '2θ must be > 0°').lt(90, '2θ must be < 90°').nullable(),
    sigmaTwoThetaDeg: nonNegative, temperatureK: positive.nullable(), sigmaTemperatureK: nonNegative,
    hkl: z.array(hklSchema).min(1).max(60).nullable(),
    energyRangeKeV: z.tuple([nonNegative, positive]).refine(([a, b]) => b > a, 'the energy range must go from low to high').nullable(),
    energyCalibration: z.object({ a: finite, b: positive, c: finite }).strict().nullable(),
    intervalS: positive,
    v0A3: positive.nullable(),
  })
  .strict()
  .partial();

export const hpCalibrationRequestSchema = z
  .object({
    spectrum: z.number().int().min(0), calibrant: name, a0A: positive.optional(), c0A: positive.optional(), scale: name.optional(),
    hkl: z.array(hklSchema).min(1).max(60).optional(), apply: z.boolean(),
  })
  .strict()
  .refine((r) => r.a0A !== undefined || r.scale !== undefined, { message: 'give the known phase\'s a0 or a scale to take V0 from', path: ['a0A'] });

export const hpArgs = {
  hpGetState: z.tuple([]),
  hpComputePressure: z.tuple([hpCalculatorInputSchema]),
  hpImportScales: z.tuple([z.array(fileSchema).min(1, 'no files').max(100)]),
  hpRemoveScaleFile: z.tuple([z.string().min(1)]),
  hpEddImport: z.tuple([z.array(fileSchema).min(1, 'no files').max(5000)]),
  hpEddRemoveFile: z.tuple([z.string().min(1)]),
  hpEddSetOptions: z.tuple([hpEddOptionsSchema]),
  hpEddSetTemperatureLog: z.tuple([fileSchema.nullable()]),
  hpEddCalibrate: z.tuple([hpCalibrationRequestSchema]),
  hpEddAnalyse: z.tuple([]),
  hpEddSpectrum: z.tuple([z.number().int('a spectrum index is a whole number').min(0)]),
  hpEddResultsCsv: z.tuple([]),
  hpClear: z.tuple([]),
} satisfies Record<(typeof hpMethods)[number], z.ZodTuple>;
