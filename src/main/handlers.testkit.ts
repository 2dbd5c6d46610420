/**
 * Test helpers for createHandlers: a stand-in parser for the simulated CSV and an Api over fake dependencies.
 * Used by the handler tests only (not a test file itself).
 */
import { readFileSync } from 'node:fs';
import type { Api, SaveRequest } from '../shared/api';
import type { TgaRun } from '../shared/types';
import { createHandlers, type HandlerDeps } from './handlers';
import type { TgaParser } from './tga-import';
import { missingShared, readShared, readSharedText } from '../../test/fixtures/shared-fixtures';

/** The simulated 700 °C study, read in place from ../shared; the tests that import it skip without it. */
export const SIM = 'simulated/tga-700C-isothermal';
export const NO_SIM = missingShared(SIM);
export const truth = (NO_SIM ? { runs: {} } : JSON.parse(readSharedText(`${SIM}/truth.json`))) as {
  runs: Record<string, { 't_alpha_0.5_s': number; theoretical_loss_fraction: number }>;
};

/**
 * A stand-in parser for the simulated CSV (time_s, temperature_C, mass_mg, gas), so these tests exercise the
 * handlers alone; the real format registry has its own tests.
 */
export const fakeParse: TgaParser = async ({ name, bytes }) => {
  const lines = new TextDecoder().decode(bytes).split('\n').filter((l) => l.trim() !== '');
  if (lines[0] !== 'time_s,temperature_C,mass_mg,gas') throw new Error(`${name}, line 1: expected the simulated CSV header`);
  const rows = lines.slice(1).map((l) => l.split(','));
  const col = (k: number) => Float64Array.from(rows, (r) => Number(r[k]));
  const gasEvents: TgaRun['gasEvents'] = [];
  rows.forEach((r, i) => {
    if (i === 0 || r[3] !== rows[i - 1][3]) gasEvents.push({ timeS: Number(r[0]), gas: r[3].trim(), source: 'gas column' });
  });
  const run: TgaRun = {
    technique: 'tga',
    source: { fileName: name, formatId: 'fake-csv', formatLabel: 'Simulated CSV', encoding: 'utf-8', headerLine: 1, dataStartLine: 2, dataEndLine: lines.length, columns: [] },
    sample: {},
    timeS: col(0),
    temperatureC: col(1),
    massMg: col(2),
    massPercent: null,
    massNote: 'mass_mg',
    channels: [],
    segments: [],
    gasEvents,
    programme: [],
    metadata: {},
    warnings: [],
  };
  return { run, report: [`${rows.length} rows`] };
};

export function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: readShared(`${SIM}/${name}`) };
}

export function makeApi(over: Partial<HandlerDeps> = {}): { api: Api; logs: string[]; saved: SaveRequest[] } {
  const logs: string[] = [];
  const saved: SaveRequest[] = [];
  const api = createHandlers({
    parseTga: fakeParse,
    readFile: async (path) => new Uint8Array(readFileSync(path)),
    pickFiles: async () => [],
    saveFile: async (request) => {
      saved.push(request);
      return `/tmp/${request.suggestedName}`;
    },
    exampleDir: null,
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...over,
  });
  return { api, logs, saved };
}


/**
 * A synthetic run in the simulated CSV format: 50 mg of Fe2O3 logged every second, Ar until 600 s, H2 until
 * 2400 s, Ar until 3000 s; α(t) = 1 − exp(−t/τ) from the H2 switch, so t(α = 0.5) = τ·ln 2 (test input, not a
 * measurement).
 */
export function syntheticRun(name: string, tauS: number, massAt?: (t: number, alpha: number) => number): { name: string; bytes: Uint8Array } {
  const loss = 0.3005692 * 50;
  const rows = ['time_s,temperature_C,mass_mg,gas'];
  for (let t = 0; t <= 3000; t++) {
    const alpha = t < 600 ? 0 : 1 - Math.exp(-(t - 600) / tauS);
    const m = massAt ? massAt(t, alpha) : 50 - loss * alpha;
    rows.push(`${t},700,${m.toFixed(5)},${t < 600 ? 'Ar' : t < 2400 ? 'H2' : 'Ar'}`);
  }
  return { name, bytes: new TextEncoder().encode(rows.join('\n') + '\n') };
}
