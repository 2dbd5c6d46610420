/**
 * Runs built in code for the TGA unit tests (imported by tests only): a run's channels for derived-curve expressions,
 * and a whole TgaRun with every field a parser fills, the ones a test cares about given.
 */
import type { TgaRun } from '../../shared/types';
import type { RunChannels } from './derived';

/**
 * Channels of a run sampled every stepS from t0 (n points): mass m(t) = massAt(t) in mg, T = 25 + t/6 °C, and the
 * initial mass m0; with `flowAndSignal` also a purge flow (50 mL/min) and an a.u. signal (2).
 */
export function channelRun(label: string, n: number, stepS: number, massAt: (t: number) => number, opts: { t0?: number; flowAndSignal?: boolean } = {}): RunChannels {
  const t0 = opts.t0 ?? 0;
  const timeS = Float64Array.from({ length: n }, (_, i) => t0 + i * stepS);
  return {
    label,
    fileName: `${label}.csv`,
    timeS,
    channels: [
      { symbol: 'm', name: 'Mass', unit: 'mg', values: timeS.map(massAt) },
      { symbol: 'T', name: 'Temperature', unit: '°C', values: timeS.map((t) => 25 + t / 6) },
      ...(opts.flowAndSignal
        ? [
          { symbol: 'Purge_flow', name: 'Purge flow', unit: 'mL/min', values: timeS.map(() => 50) },
          { symbol: 'Signal', name: 'Signal', unit: 'a.u.', values: timeS.map(() => 2) },
        ]
        : []),
    ],
    scalars: [{ symbol: 'm0', name: 'initial mass', unit: 'mg', value: massAt(t0) }],
  };
}

/** A TgaRun with the given fields; the others empty (no temperature, channels, segments, gases, programme, warnings)
 *  and a source of format 'x' whose data lines are the time points. */
export function tgaRun(fields: Partial<Omit<TgaRun, 'source'>> & { timeS: Float64Array; source?: Partial<TgaRun['source']> }): TgaRun {
  const { source, ...rest } = fields;
  return {
    technique: 'tga',
    source: { fileName: 'synthetic', formatId: 'x', formatLabel: 'x', encoding: 'utf-8', headerLine: 0, dataStartLine: 1, dataEndLine: fields.timeS.length, columns: [], ...source },
    sample: {},
    temperatureC: null,
    massMg: null,
    massPercent: null,
    massNote: '',
    channels: [],
    segments: [],
    gasEvents: [],
    programme: [],
    metadata: {},
    warnings: [],
    ...rest,
  };
}

/**
 * An isothermal run at 700 °C logged at `timeS`, Ar from 0 and H2 from 1000 s (then any `laterGases`), data lines
 * from line 2 of a file `fileName` (default synthetic.csv): the synthetic reduction runs of the check and analysis
 * tests. Give massMg (with sample.initialMassMg) or massPercent.
 */
export function isothermalH2Run(
  timeS: Float64Array,
  mass: { massMg: Float64Array; initialMassMg?: number } | { massPercent: Float64Array },
  opts: { fileName?: string; laterGases?: { timeS: number; gas: string }[] } = {},
): TgaRun {
  return tgaRun({
    source: { fileName: opts.fileName ?? 'synthetic.csv', formatId: 'test', formatLabel: 'test', headerLine: 1, dataStartLine: 2, dataEndLine: timeS.length + 1 },
    ...('massMg' in mass
      ? { massMg: mass.massMg, massNote: 'mg', sample: mass.initialMassMg !== undefined ? { initialMassMg: mass.initialMassMg } : {} }
      : { massPercent: mass.massPercent, massNote: '%' }),
    timeS,
    temperatureC: timeS.map(() => 700),
    gasEvents: [
      { timeS: 0, gas: 'Ar', source: 'test' },
      { timeS: 1000, gas: 'H2', source: 'test' },
      ...(opts.laterGases ?? []).map((g) => ({ ...g, source: 'test' })),
    ],
  });
}
