/**
 * High-pressure commands (issue 7 §5; docs/cli.md#high-pressure):
 *   reductionlab pressure --calibrant Re --scale anzellini2014 (--a Å [--c Å] | --volume Å³ | --v-over-v0 x) …
 *   reductionlab scales [--calibrant Au] [--json]
 *   reductionlab edd FILE… --two-theta DEG --calibrant Au --scale tsuchiya2003 [--temperature-k K] …
 *   reductionlab edd FILE --calibrate --calibrant Au [--a0 Å | --scale ID] [--hkl 111,200] …
 * Exit codes: 0 ok; 1 error — an unknown scale or calibrant, a number that is not one, a file that cannot be read
 * (the message says which); 2 usage (unknown option, missing or conflicting options).
 */
import { writeFileAtomicSync } from './atomic-write';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readBytes, UsageError } from './cli/args';
import { readEddFile, type EddSpectrum } from '../core/formats/edd';
import {
  createRegistry, latticeSystem, listScales, parseScaleDefinitions, pressureWithSigma, scaleById,
  type PressureResult, type ScaleDefinition, type ScaleRegistry, type VolumeInput,
} from '../core/hp/eos';
import { analyseSequence, calibrateTwoTheta, frameTimes, type CalibrationResult, type EddAnalysis, type EddPeak, type SequenceResult } from '../core/hp/edd';

export interface HpCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export const HP_USAGE = `Usage:
  reductionlab pressure --calibrant NAME --scale ID (--a Å [--c Å] | --volume Å³ | --v-over-v0 X)
                   [--temperature-k K] [--sigma-a Å] [--sigma-c Å] [--cov-ac Å²] [--sigma-volume Å³] [--sigma-t K]
                   [--v0 Å³] [--scale-file FILE.json]... [--json]
  reductionlab scales [--calibrant NAME] [--scale-file FILE.json]... [--json]
  reductionlab edd FILE... --two-theta DEG [--sigma-two-theta DEG] --calibrant NAME --scale ID
                   [--temperature-k K | --temperature-log T.csv] [--sigma-t K] [--hkl 111,200,...]
                   [--energy-range 20:140] [--calibration a,b,c] [--interval S] [--v0 Å³]
                   [--scale-file FILE.json]... [--json] [--csv OUT.csv]
  reductionlab edd FILE --calibrate --calibrant NAME (--a0 Å [--c0 Å] | --scale ID) [--hkl 111,200]
                   [--energy-range 20:140] [--calibration a,b,c] [--json]

pressure  P ± σ of a calibrant from its cell (a; a and c for hcp), unit-cell volume or V/V0 by a pressure scale
scales    the calibrants and their pressure scales, with the thermal model and the citation of each
edd       energy-dispersive diffraction: calibrant peaks in energy → cell → P ± σ; several spectra give P(t);
          --calibrate: 2θ from a known phase at 1 bar
Scale ids are per calibrant (run 'reductionlab scales'); --scale-file adds your own scales (JSON, docs/high-pressure.md).
Exit codes: 0 ok, 1 error (unknown scale, a bad number, unreadable file), 2 usage.`;

/** A number given on the command line; a bad value is an error (exit 1), not a usage mistake. */
function num(name: string, raw: string | undefined, check: (x: number) => boolean = Number.isFinite, what = 'a number'): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) throw new Error(`--${name} ${raw}: not ${what}`);
  return x;
}

const positive = (x: number): boolean => x > 0;

function registryFrom(files: string[] | undefined, cwd: string): ScaleRegistry {
  const custom: unknown[] = [];
  for (const f of files ?? []) {
    const path = resolve(cwd, f);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(readBytes(path)));
    } catch (e) {
      throw new Error(e instanceof SyntaxError ? `${f}: not valid JSON (${e.message})` : (e as Error).message);
    }
    custom.push(...parseScaleDefinitions(value, f));
  }
  return createRegistry(custom);
}

function requireScale(values: { calibrant?: string; scale?: string }, registry: ScaleRegistry): ScaleDefinition {
  if (!values.calibrant) throw new UsageError('give --calibrant (e.g. Au, Pt, MgO, Re)');
  if (!values.scale) throw new UsageError(`give --scale: the pressure scale for ${values.calibrant} (run 'reductionlab scales --calibrant ${values.calibrant}')`);
  return scaleById(values.scale, values.calibrant, registry);
}

const clean = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v);

function pressureJson(r: PressureResult): Record<string, unknown> {
  return {
    pressureGPa: r.pressureGPa, sigmaGPa: r.sigmaGPa, volumeA3: r.volumeA3, sigmaVolumeA3: r.sigmaVolumeA3, vOverV0: r.vOverV0, v0A3: r.v0A3,
    temperatureK: r.temperatureK, bulkModulusGPa: r.bulkModulusGPa, sigmaFromVolumeGPa: r.sigmaFromVolumeGPa, sigmaFromTemperatureGPa: r.sigmaFromTemperatureGPa,
    ...(r.sigmaFromAGPa !== null ? { sigmaFromAGPa: r.sigmaFromAGPa } : {}), ...(r.sigmaFromCGPa !== null ? { sigmaFromCGPa: r.sigmaFromCGPa } : {}),
    calibrant: r.calibrant, scale: r.scale, scaleName: r.scaleName, citation: r.citation, doi: r.doi, warnings: r.warnings,
  };
}

function pressureCommand(argv: string[], io: HpCliIo): number {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: {
      calibrant: { type: 'string' }, scale: { type: 'string' }, a: { type: 'string' }, c: { type: 'string' }, volume: { type: 'string' },
      'v-over-v0': { type: 'string' }, 'temperature-k': { type: 'string' }, 'sigma-a': { type: 'string' }, 'sigma-c': { type: 'string' },
      'cov-ac': { type: 'string' }, 'sigma-volume': { type: 'string' }, 'sigma-t': { type: 'string' }, v0: { type: 'string' }, 'scale-file': { type: 'string', multiple: true },
      json: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout(HP_USAGE);
    return 0;
  }
  const registry = registryFrom(values['scale-file'], io.cwd);
  const scale = requireScale(values, registry);
  const given = [values.a !== undefined, values.volume !== undefined, values['v-over-v0'] !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one of --a (with --c for hcp), --volume or --v-over-v0');
  if (values.c !== undefined && values.a === undefined) throw new UsageError('--c goes with --a');
  if (values['cov-ac'] !== undefined && values.c === undefined) throw new UsageError('--cov-ac (the covariance of a and c, Å²) goes with --a and --c');
  let input: VolumeInput;
  if (values.a !== undefined) {
    input = {
      cell: {
        aA: num('a', values.a, positive, 'a lattice parameter in Å')!, cA: num('c', values.c, positive, 'a lattice parameter in Å'),
        sigmaAA: num('sigma-a', values['sigma-a'], (x) => x >= 0, 'a σ in Å ≥ 0'), sigmaCA: num('sigma-c', values['sigma-c'], (x) => x >= 0, 'a σ in Å ≥ 0'),
        covarianceACA2: num('cov-ac', values['cov-ac'], Number.isFinite, 'a covariance in Å²'),
      },
    };
  } else if (values.volume !== undefined) {
    input = { volumeA3: num('volume', values.volume, positive, 'a unit-cell volume in Å³')!, sigmaVolumeA3: num('sigma-volume', values['sigma-volume'], (x) => x >= 0, 'a σ in Å³ ≥ 0') };
  } else {
    input = { vOverV0: num('v-over-v0', values['v-over-v0'], positive, 'a positive V/V0')! };
  }
  const r = pressureWithSigma(scale, input, {
    temperatureK: num('temperature-k', values['temperature-k'], positive, 'a temperature in K'),
    sigmaTemperatureK: num('sigma-t', values['sigma-t'], (x) => x >= 0, 'a σ in K ≥ 0'),
    v0A3: num('v0', values.v0, positive, 'a volume in Å³'),
  });
  if (values.json) {
    io.stdout(JSON.stringify(pressureJson(r), clean, 2));
    for (const w of r.warnings) io.stderr(`warning: ${w}`);
    return 0;
  }
  const lines = [
    `${r.calibrant}, ${r.scaleName}`,
    `  P = ${r.pressureGPa.toFixed(3)} ± ${r.sigmaGPa.toFixed(3)} GPa at ${r.temperatureK} K`,
    ...(r.sigmaGPa > 0 ? [`  σ(P) parts: ${[r.sigmaFromAGPa !== null ? `a ${r.sigmaFromAGPa.toFixed(3)}` : `V ${r.sigmaFromVolumeGPa.toFixed(3)}`, ...(r.sigmaFromCGPa !== null ? [`c ${r.sigmaFromCGPa.toFixed(3)}`] : []), `T ${r.sigmaFromTemperatureGPa.toFixed(3)}`].join(', ')} GPa${input && 'cell' in input && input.cell.covarianceACA2 ? ' (with cov(a, c))' : ''}`] : []),
    `  V = ${r.volumeA3.toFixed(4)} ± ${r.sigmaVolumeA3.toFixed(4)} Å³, V/V0 = ${r.vOverV0.toFixed(5)} (V0 = ${r.v0A3.toFixed(4)} Å³), K_T = ${r.bulkModulusGPa.toFixed(1)} GPa`,
    `  ${r.citation}${r.doi ? `, doi:${r.doi}` : ''}`,
    ...r.warnings.map((w) => `  warning: ${w}`),
  ];
  io.stdout(lines.join('\n'));
  return 0;
}

function scalesCommand(argv: string[], io: HpCliIo): number {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: { calibrant: { type: 'string' }, 'scale-file': { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    io.stdout(HP_USAGE);
    return 0;
  }
  const registry = registryFrom(values['scale-file'], io.cwd);
  let list = listScales(registry);
  if (values.calibrant) {
    const want = values.calibrant.toLowerCase();
    list = list.filter((s) => s.calibrant.toLowerCase() === want);
    if (list.length === 0) throw new Error(`unknown calibrant "${values.calibrant}"; calibrants: ${[...new Set(listScales(registry).map((s) => s.calibrant))].join(', ')}`);
  }
  if (values.json) {
    io.stdout(JSON.stringify({ calibrants: [...new Set(list.map((s) => s.calibrant))], scales: list }, clean, 2));
    return 0;
  }
  const lines: string[] = [];
  let last = '';
  for (const s of list) {
    if (s.calibrant !== last) {
      lines.push('', `${s.calibrant}`);
      last = s.calibrant;
    }
    lines.push(`  ${s.id}${s.aliases.length ? ` (= ${s.aliases.join(', ')})` : ''}${s.custom ? '  [your scale]' : ''}`);
    lines.push(`      ${s.name}`);
    lines.push(`      isotherm: ${s.isotherm}; thermal: ${s.thermalModel}; V0 = ${s.v0A3.toFixed(4)} Å³`);
    lines.push(`      range: ${s.validity}`);
    lines.push(`      ${s.citation}${s.doi ? `, doi:${s.doi}` : ''}`);
  }
  io.stdout(lines.slice(1).join('\n'));
  return 0;
}

function rangeOption(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*([\d.eE+-]+)\s*[:,]\s*([\d.eE+-]+)\s*$/.exec(raw);
  const a = m ? Number(m[1]) : NaN;
  const b = m ? Number(m[2]) : NaN;
  if (!(a >= 0 && b > a)) throw new Error(`--energy-range ${raw}: not a range FROM:TO in keV (e.g. 20:140)`);
  return [a, b];
}

function calibrationOption(raw: string | undefined): { a: number; b: number; c: number } | undefined {
  if (raw === undefined) return undefined;
  const v = raw.split(',').map((s) => Number(s.trim()));
  if (v.length < 2 || v.length > 3 || v.some((x) => !Number.isFinite(x)) || !(v[1] > 0)) {
    throw new Error(`--calibration ${raw}: not an energy calibration a,b[,c] (keV, keV/channel, keV/channel²) with b > 0`);
  }
  return { a: v[0], b: v[1], c: v[2] ?? 0 };
}

/** Two columns time (s), temperature (K) with an optional header; linear interpolation. */
function temperatureLog(path: string): (t: number) => number {
  const text = new TextDecoder().decode(readBytes(path));
  const rows: [number, number][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (!s || s.startsWith('#')) return;
    const p = s.split(/[\s,;\t]+/).map(Number);
    if (p.length < 2 || p.slice(0, 2).some((x) => !Number.isFinite(x))) {
      if (rows.length === 0) return; // header
      throw new Error(`${path}, line ${i + 1}: expected time (s) and temperature (K)`);
    }
    rows.push([p[0], p[1]]);
  });
  if (rows.length < 1) throw new Error(`${path}: no (time, temperature) rows`);
  rows.sort((a, b) => a[0] - b[0]);
  return (t) => {
    if (t < rows[0][0] || t > rows[rows.length - 1][0]) throw new Error(`${path}: frame time ${t} s lies outside the log (${rows[0][0]}–${rows[rows.length - 1][0]} s)`);
    let i = 0;
    while (i < rows.length - 1 && rows[i + 1][0] < t) i++;
    if (i === rows.length - 1) return rows[i][1];
    const [t0, y0] = rows[i];
    const [t1, y1] = rows[i + 1];
    return t1 === t0 ? y0 : y0 + ((t - t0) / (t1 - t0)) * (y1 - y0);
  };
}

function peakJson(p: EddPeak): Record<string, unknown> {
  return {
    hkl: p.hkl, energyKeV: p.energyKeV, sigmaEnergyKeV: p.sigmaEnergyKeV, dA: p.dA, sigmaDA: p.sigmaDA, fwhmKeV: p.fwhmKeV, area: p.area,
    predictedKeV: p.predictedKeV, ...(p.twoThetaDeg !== undefined ? { twoThetaDeg: p.twoThetaDeg } : {}), used: p.used, note: p.note,
  };
}

function analysisJson(r: EddAnalysis, s: EddSpectrum): Record<string, unknown> {
  return {
    file: s.fileName, label: s.label, peaks: r.peaks.filter((p) => p.present).map(peakJson),
    notFound: r.peaks.filter((p) => !p.present).map((p) => ({ hkl: p.hkl, predictedKeV: p.predictedKeV, note: p.note })),
    latticeA: r.latticeA, sigmaLatticeA: r.sigmaLatticeA, ...(r.latticeCA !== null ? { latticeCA: r.latticeCA, sigmaLatticeCA: r.sigmaLatticeCA } : {}),
    volumeA3: r.volumeA3, sigmaVolumeA3: r.sigmaVolumeA3, reducedChi2: r.reducedChi2,
    pressureGPa: r.pressureGPa, sigmaGPa: r.sigmaGPa, temperatureK: r.temperatureK, twoThetaDeg: r.twoThetaDeg,
    calibrant: r.calibrant, scale: r.pressure.scale, citation: r.pressure.citation, warnings: r.warnings,
  };
}

function peaksText(peaks: EddPeak[]): string[] {
  const out = ['  hkl    E (keV)           d (Å)      used'];
  for (const p of peaks) {
    if (!p.present && !p.note) continue;
    const e = p.present ? `${p.energyKeV.toFixed(3)} ± ${p.sigmaEnergyKeV.toFixed(4)}` : `(${p.predictedKeV.toFixed(2)})`;
    const d = p.present ? p.dA.toFixed(5) : '–';
    out.push(`  ${p.hkl.padEnd(5)}  ${e.padEnd(17)}  ${d.padEnd(9)}  ${p.used ? 'yes' : 'no'}${p.note ? `  ${p.note}` : ''}`);
  }
  return out;
}

function sequenceCsv(r: SequenceResult, hex: boolean): string {
  const head = ['file', 'label', 'time_s', 'temperature_K', 'a_A', 'sigma_a_A', ...(hex ? ['c_A', 'sigma_c_A'] : []), 'volume_A3', 'pressure_GPa', 'sigma_GPa', 'reflections_used', 'error'];
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const f = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));
  const rows = r.frames.map((fr) => {
    const a = fr.result;
    return [q(fr.fileName), q(fr.label), f(fr.timeS), f(fr.temperatureK), f(a?.latticeA), f(a?.sigmaLatticeA), ...(hex ? [f(a?.latticeCA), f(a?.sigmaLatticeCA)] : []),
      f(a?.volumeA3), f(a?.pressureGPa), f(a?.sigmaGPa), a ? String(a.peaks.filter((p) => p.used).length) : '', q(fr.error ?? '')].join(',');
  });
  return [head.join(','), ...rows].join('\n') + '\n';
}

function eddCommand(argv: string[], io: HpCliIo): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      'two-theta': { type: 'string' }, 'sigma-two-theta': { type: 'string' }, calibrant: { type: 'string' }, scale: { type: 'string' },
      'temperature-k': { type: 'string' }, 'temperature-log': { type: 'string' }, 'sigma-t': { type: 'string' }, hkl: { type: 'string' },
      'energy-range': { type: 'string' }, calibration: { type: 'string' }, interval: { type: 'string' }, v0: { type: 'string' },
      calibrate: { type: 'boolean' }, a0: { type: 'string' }, c0: { type: 'string' }, 'scale-file': { type: 'string', multiple: true },
      json: { type: 'boolean' }, csv: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout(HP_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('edd: give at least one spectrum FILE');
  const calibration = calibrationOption(values.calibration);
  const spectra = positionals.flatMap((p) => readEddFile(p, readBytes(resolve(io.cwd, p)), calibration));
  const hkl = values.hkl ? values.hkl.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const energyRangeKeV = rangeOption(values['energy-range']);
  const registry = registryFrom(values['scale-file'], io.cwd);
  if (values.calibrate) {
    if (!values.calibrant) throw new UsageError('--calibrate needs --calibrant (the known phase) and its cell: --a0 (and --c0 for hcp) or --scale');
    if (spectra.length !== 1) throw new UsageError(`--calibrate takes one spectrum (got ${spectra.length})`);
    let a0 = num('a0', values.a0, positive, 'a lattice parameter in Å');
    let c0 = num('c0', values.c0, positive, 'a lattice parameter in Å');
    let lattice: ScaleDefinition['structure']['lattice'];
    let source: string;
    if (values.scale) {
      const sc = scaleById(values.scale, values.calibrant, registry);
      lattice = sc.structure.lattice;
      if (a0 === undefined) {
        if (latticeSystem(lattice) === 'hexagonal') {
          const coa = sc.structure.cOverA ?? 1.62;
          a0 = Math.cbrt((2 * sc.v0A3) / (Math.sqrt(3) * coa));
          c0 = c0 ?? a0 * coa;
        } else a0 = Math.cbrt(sc.v0A3);
        source = `from V0 = ${sc.v0A3.toFixed(4)} Å³ of ${sc.id}`;
      } else source = 'given';
    } else {
      if (a0 === undefined) throw new UsageError('--calibrate: give --a0 (Å, the known phase at 1 bar) or --scale to take it from the scale\'s V0');
      const any = listScales(registry).find((s) => s.calibrant.toLowerCase() === values.calibrant!.toLowerCase());
      if (!any) throw new Error(`unknown calibrant "${values.calibrant}"`);
      lattice = scaleById(any.id, any.calibrant, registry).structure.lattice;
      source = 'given';
    }
    if (latticeSystem(lattice) === 'hexagonal' && c0 === undefined) throw new UsageError('an hcp phase needs --c0 as well');
    const r: CalibrationResult = calibrateTwoTheta(spectra[0], { calibrant: values.calibrant, lattice, cell: { aA: a0!, cA: latticeSystem(lattice) === 'hexagonal' ? c0 : undefined }, hkl, energyRangeKeV });
    if (values.json) {
      io.stdout(JSON.stringify({ file: spectra[0].fileName, calibrant: values.calibrant, a0A: a0, c0A: c0 ?? null, cellSource: source, twoThetaDeg: r.twoThetaDeg, sigmaTwoThetaDeg: r.sigmaTwoThetaDeg, reducedChi2: r.reducedChi2, peaks: r.peaks.filter((p) => p.present).map(peakJson), notFound: r.peaks.filter((p) => !p.present).map((p) => ({ hkl: p.hkl, predictedKeV: p.predictedKeV, note: p.note })), warnings: r.warnings }, clean, 2));
    } else {
      io.stdout([`${spectra[0].fileName}: ${values.calibrant} at 1 bar, a0 = ${a0!.toFixed(5)} Å${c0 ? `, c0 = ${c0.toFixed(5)} Å` : ''} (${source})`,
        `  2θ = ${r.twoThetaDeg.toFixed(4)} ± ${r.sigmaTwoThetaDeg.toFixed(4)}°`, ...peaksText(r.peaks), ...r.warnings.map((w) => `  warning: ${w}`)].join('\n'));
    }
    return 0;
  }
  const scale = requireScale(values, registry);
  const twoThetaDeg = num('two-theta', values['two-theta'], (x) => x > 0 && x < 90, 'an angle 2θ in degrees (0–90)');
  if (twoThetaDeg === undefined) throw new UsageError('edd: give --two-theta (degrees; find it with --calibrate on a known phase at 1 bar)');
  if (values['temperature-k'] !== undefined && values['temperature-log'] !== undefined) throw new UsageError('give --temperature-k or --temperature-log, not both');
  const tLog = values['temperature-log'] ? temperatureLog(resolve(io.cwd, values['temperature-log'])) : null;
  const intervalS = num('interval', values.interval, positive, 'seconds between spectra');
  const opts = {
    twoThetaDeg, sigmaTwoThetaDeg: num('sigma-two-theta', values['sigma-two-theta'], (x) => x >= 0, 'a σ(2θ) in degrees ≥ 0'), scale,
    temperatureK: num('temperature-k', values['temperature-k'], positive, 'a temperature in K'), sigmaTemperatureK: num('sigma-t', values['sigma-t'], (x) => x >= 0, 'a σ in K ≥ 0'),
    v0A3: num('v0', values.v0, positive, 'a volume in Å³'), hkl, energyRangeKeV, intervalS,
  };
  // Times first (the temperature log is read at them), then the analysis.
  const times = frameTimes(spectra.map((s) => ({ spectrum: s })), intervalS);
  const seq = analyseSequence(spectra.map((s, i) => ({ spectrum: s, timeS: times[i].timeS, temperatureK: tLog ? tLog(times[i].timeS) : undefined })), opts);
  seq.frames.forEach((f, i) => (f.timeSource = times[i].timeSource));
  const hex = latticeSystem(scale.structure.lattice) === 'hexagonal';
  if (values.csv) writeFileAtomicSync(resolve(io.cwd, values.csv), sequenceCsv(seq, hex));
  const failed = seq.frames.filter((f) => f.error);
  if (seq.frames.length === 1) {
    const f = seq.frames[0];
    if (f.error || !f.result) throw new Error(`${f.fileName}${f.label ? ` ${f.label}` : ''}: ${f.error}`);
    const r = f.result;
    if (values.json) {
      io.stdout(JSON.stringify(analysisJson(r, spectra[0]), clean, 2));
      for (const w of r.warnings) io.stderr(`warning: ${w}`);
    } else {
      const cell = r.latticeCA !== null ? `a = ${r.latticeA.toFixed(5)} ± ${r.sigmaLatticeA.toFixed(5)} Å, c = ${r.latticeCA.toFixed(5)} ± ${r.sigmaLatticeCA!.toFixed(5)} Å` : `a = ${r.latticeA.toFixed(5)} ± ${r.sigmaLatticeA.toFixed(5)} Å`;
      io.stdout([`${f.fileName}${f.label ? ` ${f.label}` : ''}: ${r.calibrant} at 2θ = ${r.twoThetaDeg}°`, ...peaksText(r.peaks),
        `  ${cell}, V = ${r.volumeA3.toFixed(4)} ± ${r.sigmaVolumeA3.toFixed(4)} Å³`,
        `  P = ${r.pressureGPa.toFixed(3)} ± ${r.sigmaGPa.toFixed(3)} GPa at ${r.temperatureK} K (${r.pressure.scaleName})`,
        `  ${r.pressure.citation}`, ...r.warnings.map((w) => `  warning: ${w}`), ...(values.csv ? [`CSV written to ${values.csv}`] : [])].join('\n'));
    }
    return 0;
  }
  if (values.json) {
    io.stdout(JSON.stringify({
      calibrant: scale.calibrant, scale: scale.id, citation: scale.citation, twoThetaDeg,
      frames: seq.frames.map((f, i) => ({ timeS: f.timeS, timeSource: f.timeSource, temperatureK: f.temperatureK, error: f.error, ...(f.result ? analysisJson(f.result, spectra[i]) : { file: f.fileName, label: f.label }) })),
    }, clean, 2));
  } else {
    const lines = [`${scale.calibrant}, ${scale.name}, 2θ = ${twoThetaDeg}°`, '  time (s)   T (K)   a (Å)        P (GPa)          file'];
    for (const f of seq.frames) {
      const r = f.result;
      lines.push(`  ${f.timeS.toFixed(1).padStart(8)}  ${(f.temperatureK ?? NaN).toFixed(0).padStart(6)}   ${r ? r.latticeA.toFixed(5) : '–'.padEnd(7)}   ${r ? `${r.pressureGPa.toFixed(3)} ± ${r.sigmaGPa.toFixed(3)}` : `error: ${f.error}`}   ${f.fileName}${f.label ? ` ${f.label}` : ''}`);
    }
    if (values.csv) lines.push(`CSV written to ${values.csv}`);
    io.stdout(lines.join('\n'));
  }
  for (const f of failed) io.stderr(`warning: ${f.fileName}${f.label ? ` ${f.label}` : ''}: ${f.error}`);
  if (failed.length === seq.frames.length) throw new Error('no spectrum could be analysed');
  return 0;
}

/** Runs `pressure`, `scales` or `edd`; returns the exit code. */
export function runHpCommand(command: 'pressure' | 'scales' | 'edd', argv: string[], io: HpCliIo): number {
  try {
    if (command === 'pressure') return pressureCommand(argv, io);
    if (command === 'scales') return scalesCommand(argv, io);
    return eddCommand(argv, io);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`reductionlab ${command}: ${(e as Error).message}\n\n${HP_USAGE}`);
      return 2;
    }
    io.stderr(`reductionlab ${command}: error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

