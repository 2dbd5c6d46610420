/**
 * `reductionlab map PATH --grid NXxNY --phases … [options]`: a 2D XRD map (a folder of one pattern per point named
 * map_{iy}_{ix}.xy, a map index file, or one multi-frame file) → per point weight fractions, cells, presence, peak
 * metrics and pressure (core/xrdmap). docs/cli.md#map. Exit codes: 0 ok, 1 error (missing points without
 * --allow-missing, unknown scale, unreadable files), 2 usage.
 */
import { writeFileAtomicSync } from './atomic-write';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';
import type { Pattern } from '../shared/xrd';
import type { MapAnalysisOptions, MapLayout, MapResult } from '../shared/xrd-map';
import { importPatterns } from '../core/formats/xrd/index';
import { mapPatternReader } from '../core/xrdmap/read';
import { loadHdf5 } from '../core/formats/xrd/hdf5-nexus';
import { analyseMap, checkMapOptions } from '../core/xrdmap/analyse';
import { describeMissing, layoutFromFrames, layoutFromIndex, layoutFromNames } from '../core/xrdmap/grid';
import { mapCsv } from '../core/xrdmap/export';
import { analyseMapInBands, PARALLEL_MIN_POINTS } from './imaging/map-parallel';
import { listOption as list, numberOption, parseCommandArgs, readBytes, UsageError } from './cli/args';

export interface MapCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  progress?: boolean;
}

export const MAP_USAGE = `Usage:
  reductionlab map PATH --grid NXxNY --phases Re,cif-myphase [--cif FILE]... [--pressure PHASE:SCALE]
                   [--temperature-k K] [--sigma-t K] [--peaks "Re:101,7.9-8.4"] [--step-um 0.5] [--step-y-um S] [--wavelength Å]
                   [--two-theta-min DEG] [--two-theta-max DEG] [--order yx|xy] [--serpentine] [--allow-missing]
                   [--zero-shift DEG] [--threads N] [--json] [--csv OUT.csv]

PATH         a folder of one pattern per point (grid position in the name: map_{iy}_{ix}.xy, or x12_y3), a map index
             (CSV: file, ix, iy[, x_um, y_um]) or one multi-frame file (frames row by row, ix fastest)
--grid       NX columns × NY rows, e.g. 100x100
--phases     library ids or CIF phases 'cif-<block>' as in the xrd command; --cif adds a structure of your own
--pressure   PHASE:SCALE, the phase's refined cell through a pressure scale (reductionlab scales), e.g. Re:anzellini2014
--sigma-t    σ of the temperature (K): its part of σ(P) (∂P/∂T·σT) joins those of σ(a) and σ(c)
--peaks      windows per point: 'phase:hkl' (±3 FWHM around the line) or 'lo-hi' in °2θ → sum, area, centroid, FWHM
--order      the two numbers in the names are iy then ix (yx, default: map_{iy}_{ix}) or ix then iy (xy)
--allow-missing  analyse the points that exist when some have no pattern (otherwise: exit 1 listing them)
--zero-shift the detector's 2θ zero (°) held at every point (default: refined on 36 points spread over the map)
--threads    worker threads refining bands of rows (default: the cores, at most 4; maps under 200 points: 1)
Exit codes: 0 ok, 1 error, 2 usage.`;

function parse(argv: string[]) {
  return parseCommandArgs(argv, {
    grid: { type: 'string' },
    phases: { type: 'string' },
    cif: { type: 'string', multiple: true },
    pressure: { type: 'string' },
    'temperature-k': { type: 'string' },
    'sigma-t': { type: 'string' },
    peaks: { type: 'string' },
    'step-um': { type: 'string' },
    'step-y-um': { type: 'string' },
    wavelength: { type: 'string' },
    'two-theta-min': { type: 'string' },
    'two-theta-max': { type: 'string' },
    order: { type: 'string' },
    serpentine: { type: 'boolean' },
    'allow-missing': { type: 'boolean' },
    'zero-shift': { type: 'string' },
    threads: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
  });
}

/** `NXxNY`. */
export function parseMapGrid(raw: string | undefined): { nx: number; ny: number } {
  const m = /^\s*(\d+)\s*[x×X]\s*(\d+)\s*$/.exec(raw ?? '');
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--grid ${raw ?? ''}: expected NXxNY (columns × rows), e.g. 100x100`);
  return { nx: Number(m[1]), ny: Number(m[2]) };
}

/** A map index: a CSV whose header names file, ix and iy. */
function looksLikeIndex(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 2000)).split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const cells = head.toLowerCase().split(/[,;\t]/).map((c) => c.trim());
  return cells.some((c) => /^(file|filename|name|path)$/.test(c)) && cells.includes('ix') && cells.includes('iy');
}

/** The layout and the patterns of every point (null where missing) from PATH. */
export async function loadMap(path: string, nx: number, ny: number, options: { order?: 'yx' | 'xy'; serpentine?: boolean }): Promise<{ layout: MapLayout; patterns: (Pattern | null)[] }> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new Error(`${path}: no such file or folder`);
  }
  const readPattern = mapPatternReader();
  const readPoint = (file: string): Pattern => {
    const name = basename(file);
    try {
      return readPattern(name, readBytes(file));
    } catch (e) {
      throw new Error(`${name}: ${e instanceof Error ? e.message.replace(`${name}: `, '') : String(e)}`);
    }
  };
  if (isDir) {
    const names = readdirSync(path).filter((n) => !n.startsWith('.') && statSync(join(path, n)).isFile() && !/\.(json|md|txt|csv|cif|png|svg)$/i.test(n));
    const layout = layoutFromNames(names, nx, ny, options.order ?? 'yx');
    return { layout, patterns: layout.points.map((p) => (p ? readPoint(join(path, p.fileName)) : null)) };
  }
  const bytes = readBytes(path);
  if (looksLikeIndex(bytes)) {
    const layout = layoutFromIndex(basename(path), bytes, nx, ny);
    const base = dirname(path);
    return { layout, patterns: layout.points.map((p) => (p ? readPoint(resolve(base, p.fileName)) : null)) };
  }
  await loadHdf5();
  const frames = importPatterns(basename(path), bytes);
  const layout = layoutFromFrames(basename(path), frames.length, nx, ny, { serpentine: options.serpentine, labels: frames.map((f) => f.label ?? '') });
  return { layout, patterns: layout.points.map((p) => (p ? frames[p.frame] : null)) };
}

const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** The JSON document of docs/cli.md#map. */
export function mapJson(r: MapResult): unknown {
  return {
    nx: r.nx,
    ny: r.ny,
    stepUm: r.stepUm,
    wavelengthA: r.wavelengthA,
    twoThetaRangeDeg: r.twoThetaRangeDeg,
    phases: r.phases,
    pressure: r.pressure,
    points: r.points
      .filter((p): p is NonNullable<typeof p> => p !== null)
      .map((p) => ({
        ix: p.ix,
        iy: p.iy,
        xUm: p.xUm,
        yUm: p.yUm,
        file: p.fileName,
        phases: Object.fromEntries(
          Object.entries(p.phases).map(([id, ph]) => [id, { weightFraction: finite(ph.weightFraction), weightFractionSigma: finite(ph.weightFractionSigma), a: ph.a, c: ph.c, aSigma: ph.aSigma, cSigma: ph.cSigma ?? null, acCovarianceA2: ph.acCovarianceA2 ?? null, volumeA3: ph.volumeA3, detected: ph.detected }]),
        ),
        ...(Object.keys(p.peaks).length ? { peaks: p.peaks } : {}),
        pressureGPa: finite(p.pressureGPa),
        pressureSigmaGPa: finite(p.pressureSigmaGPa),
        ...(p.pressureSigmaParts ? { pressureSigmaParts: p.pressureSigmaParts } : {}),
        rwp: finite(p.rwp),
        gof: finite(p.gof),
        flags: p.flags,
      })),
    zeroShiftDeg: r.plan.zeroShiftDeg,
    medianGof: r.medianGof,
    missing: r.missing,
    layout: r.layoutNote,
    warnings: r.warnings,
  };
}

function summary(r: MapResult): string {
  const pts = r.points.filter((p): p is NonNullable<typeof p> => p !== null);
  const lines = [
    `${r.nx} × ${r.ny} map, ${pts.length} points analysed (${r.layoutNote}); λ = ${r.wavelengthA} Å; 2θ ${r.twoThetaRangeDeg[0].toFixed(2)}–${r.twoThetaRangeDeg[1].toFixed(2)}°`,
    `zero shift ${r.plan.zeroShiftDeg.toFixed(4)}° (held at every point); median goodness of fit ${r.medianGof === null ? '–' : r.medianGof.toFixed(2)}`,
    `starting cells: ${r.phases.map((p) => `${p.id} a = ${p.startA.toFixed(4)} Å${p.startC ? `, c = ${p.startC.toFixed(4)} Å` : ''}`).join('; ')}`,
  ];
  for (const ph of r.phases) {
    const det = pts.filter((p) => p.phases[ph.id]?.detected);
    const a = det.map((p) => p.phases[ph.id].a!).filter(Number.isFinite);
    lines.push(`${ph.id}: detected at ${det.length} of ${pts.length} points${a.length ? `; a ${Math.min(...a).toFixed(4)}–${Math.max(...a).toFixed(4)} Å` : ''}`);
  }
  if (r.pressure) {
    const ps = pts.map((p) => p.pressureGPa).filter((x): x is number => x !== null);
    lines.push(`pressure (${r.pressure.phase}, ${r.pressure.scale}: ${r.pressure.scaleName}): ${ps.length ? `${Math.min(...ps).toFixed(1)}–${Math.max(...ps).toFixed(1)} GPa at ${ps.length} points` : 'nowhere (the phase is not detected)'}`);
  }
  for (const w of r.warnings) lines.push(`note: ${w}`);
  return lines.join('\n');
}

export async function runMapCommand(argv: string[], io: MapCliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(MAP_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('map: give one PATH (a folder of patterns, a map index or a multi-frame file)');
    const { nx, ny } = parseMapGrid(values.grid);
    const phases = list(values.phases);
    if (phases.length === 0) throw new UsageError('map: name the phases with --phases (e.g. Re,Fe3N)');
    let pressure: MapAnalysisOptions['pressure'] = null;
    if (values.pressure !== undefined) {
      const m = /^\s*([^:]+):([^:]+)\s*$/.exec(values.pressure);
      if (!m) throw new UsageError(`--pressure ${values.pressure}: expected PHASE:SCALE, e.g. Re:anzellini2014`);
      pressure = { phase: m[1].trim(), scale: m[2].trim(), temperatureK: numberOption('temperature-k', values['temperature-k'], (x) => x > 0, 'a temperature in K'), sigmaTemperatureK: numberOption('sigma-t', values['sigma-t'], (x) => x >= 0, 'a σ in K ≥ 0') };
    }
    const order = values.order === undefined ? 'yx' : values.order.toLowerCase();
    if (order !== 'yx' && order !== 'xy') throw new UsageError(`--order ${values.order}: expected yx (map_{iy}_{ix}) or xy`);
    const options: MapAnalysisOptions = {
      phases,
      cifs: (values.cif ?? []).map((p) => ({ fileName: basename(p), text: new TextDecoder().decode(readBytes(resolve(io.cwd, p))) })),
      pressure,
      peaks: list(values.peaks),
      stepUm: numberOption('step-um', values['step-um'], (x) => x > 0, 'a step in µm > 0'),
      stepYUm: numberOption('step-y-um', values['step-y-um'], (x) => x > 0, 'a step in µm > 0'),
      wavelengthA: numberOption('wavelength', values.wavelength, (x) => x > 0 && x < 10, 'a wavelength in Å'),
      twoThetaMinDeg: numberOption('two-theta-min', values['two-theta-min'], (x) => x >= 0 && x < 180, 'a 2θ in degrees'),
      twoThetaMaxDeg: numberOption('two-theta-max', values['two-theta-max'], (x) => x > 0 && x <= 180, 'a 2θ in degrees'),
      zeroShiftDeg: numberOption('zero-shift', values['zero-shift'], (x) => Math.abs(x) < 5, 'a zero shift in ° 2θ'),
    };
    const threads = numberOption('threads', values.threads, (x) => Number.isInteger(x) && x >= 1 && x <= 64, 'a whole number of threads ≥ 1') ?? Math.min(4, availableParallelism());
    checkMapOptions(options);
    const { layout, patterns } = await loadMap(resolve(io.cwd, positionals[0]), nx, ny, { order, serpentine: values.serpentine });
    if (layout.missing.length > 0 && !values['allow-missing']) {
      throw new Error(`${layout.missing.length} of ${nx * ny} points have no pattern: ${describeMissing(layout.missing)} (${layout.note}); pass --allow-missing to analyse the others`);
    }
    const t0 = Date.now();
    let last = 0;
    const report = (done: number, total: number) => {
      const now = Date.now();
      if (io.progress && (now - last > 1000 || done === total)) {
        last = now;
        io.stderr(`map: point ${done} of ${total} (${((now - t0) / 1000).toFixed(1)} s)`);
      }
    };
    const workerUrl = new URL('./imaging-worker.mjs', import.meta.url);
    let result: MapResult;
    if (threads > 1 && nx * ny >= PARALLEL_MIN_POINTS && ny >= threads && existsSync(fileURLToPath(workerUrl))) {
      const shared = new Int32Array(new SharedArrayBuffer(12));
      const timer = setInterval(() => report(Atomics.load(shared, 1), Atomics.load(shared, 2)), 250);
      try {
        result = (await analyseMapInBands(workerUrl, patterns, layout, options, threads, shared)).result;
      } finally {
        clearInterval(timer);
      }
    } else result = analyseMap(patterns, layout, options, { onProgress: report }).result;
    if (values.csv) writeFileAtomicSync(resolve(io.cwd, values.csv), mapCsv(result));
    if (values.json) io.stdout(JSON.stringify(mapJson(result), null, 2));
    else io.stdout(summary(result));
    if (values.csv) (values.json ? io.stderr : io.stdout)(`CSV written to ${values.csv} (${result.done} rows)`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${MAP_USAGE}`);
      return 2;
    }
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
