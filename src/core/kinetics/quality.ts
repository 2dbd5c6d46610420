/**
 * Data-quality checks before kinetics (ICTAC Kinetics Committee recommendations for collecting experimental data,
 * Vyazovkin et al., Thermochim. Acta 590 (2014) 1): input errors that make the computation impossible, and
 * warnings that make it doubtful. Every message names the runs concerned.
 */
import type { KineticsMode } from '../../shared/kinetics';
import type { RunKinetics } from './run-analysis';

/** A series that cannot be computed: the message says what is missing. */
export class KineticsInputError extends Error {
  override name = 'KineticsInputError';
}

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** Throws when the series cannot give kinetics in this mode (too few runs, identical rates or temperatures). */
export function checkSeriesInput(runs: RunKinetics[], mode: KineticsMode): void {
  if (runs.length < 2) {
    throw new KineticsInputError(
      `kinetics need at least 2 runs at different ${mode === 'isothermal' ? 'temperatures' : 'heating rates'} (ICTAC recommends 3–5); got ${runs.length}${runs.length ? ` (${runs[0].run.fileName})` : ''}`,
    );
  }
  if (mode === 'nonisothermal') {
    const iso = runs.filter((r) => r.kind === 'isothermal');
    if (iso.length > 0) {
      throw new KineticsInputError(
        `non-isothermal kinetics need heated runs, but ${iso.map((r) => `${r.run.label} (T spans ${fmt(r.temperatureSpanK)} K)`).join(', ')} ${iso.length === 1 ? 'is' : 'are'} isothermal: use the isothermal mode, or remove ${iso.length === 1 ? 'it' : 'them'}`,
      );
    }
    const rates = runs.filter((r) => r.heatingRateKPerS > 0).map((r) => r.heatingRateKPerS * 60);
    if (rates.length >= 2) {
      const lo = Math.min(...rates);
      const hi = Math.max(...rates);
      if (hi / lo < 1.05) {
        throw new KineticsInputError(
          `the heating rates are identical (${rates.map((b) => fmt(b, 2)).join(', ')} K/min, fitted to T(t)): isoconversional methods need runs at different heating rates`,
        );
      }
    }
  } else {
    const heated = runs.filter((r) => r.kind !== 'isothermal');
    if (heated.length > 0) {
      throw new KineticsInputError(
        `isothermal kinetics need runs held at one temperature, but ${heated.map((r) => `${r.run.label} (T spans ${fmt(r.temperatureSpanK)} K over the α range)`).join(', ')} ${heated.length === 1 ? 'is' : 'are'} not: use the non-isothermal mode, or set each run's window to its hold`,
      );
    }
    const temps = runs.map((r) => r.meanTemperatureK);
    if (Math.max(...temps) - Math.min(...temps) < 2) {
      throw new KineticsInputError(
        `the runs are all at the same temperature (${temps.map((t) => fmt(t)).join(', ')} K): isothermal kinetics need runs at different temperatures`,
      );
    }
  }
}

/** Warnings (ICTAC 2014) for a series that can be computed. */
export function qualityWarnings(runs: RunKinetics[], mode: KineticsMode, grid: number[]): string[] {
  const out: string[] = [];
  if (runs.length < 3) out.push(`Only ${runs.length} runs: ICTAC 2014 recommends at least 3 (better 3–5) ${mode === 'isothermal' ? 'temperatures' : 'heating rates'}; the 95 % intervals are wide or undefined.`);
  if (mode === 'nonisothermal') {
    const rated = runs.filter((r) => r.heatingRateKPerS > 0).sort((a, b) => a.heatingRateKPerS - b.heatingRateKPerS);
    const rates = rated.map((r) => r.heatingRateKPerS * 60);
    if (rates.length >= 2 && rates[rates.length - 1] / rates[0] < 3) {
      out.push(`Heating rates span only ${fmt(rates[rates.length - 1] / rates[0], 2)}× (${rates.map((b) => fmt(b, 2)).join(', ')} K/min): ICTAC 2014 recommends a range of at least ~3× (ideally ~10×); E is poorly defined.`);
    }
    for (let i = 1; i < rates.length; i++) {
      if (rates[i] / rates[i - 1] < 1.2) out.push(`Heating rates too close: ${rated[i - 1].run.label} (${fmt(rates[i - 1], 2)} K/min) and ${rated[i].run.label} (${fmt(rates[i], 2)} K/min) differ by less than 20 %.`);
    }
    for (const r of runs) {
      if (r.kind === 'other') out.push(`${r.run.label}: the temperature does not follow a straight line (up to ${fmt(r.heatingDeviationK)} K off): KAS, OFW, Starink, Vyazovkin and Kissinger assume constant β; Friedman and advanced Vyazovkin use the measured T(t).`);
    }
  } else {
    const sorted = runs.slice().sort((a, b) => a.meanTemperatureK - b.meanTemperatureK);
    const span = sorted[sorted.length - 1].meanTemperatureK - sorted[0].meanTemperatureK;
    if (span < 20) out.push(`The temperatures span only ${fmt(span)} K: E from ${sorted.length} isothermal runs this close is uncertain (ICTAC 2014).`);
    for (const r of runs) if (r.temperatureSpanK > 2) out.push(`${r.run.label}: the temperature varies by ${fmt(r.temperatureSpanK)} K during the hold; the mean (${fmt(r.meanTemperatureK)} K) is used.`);
  }
  for (const r of runs) {
    if (r.alphaDrop > 0.01) out.push(`${r.run.label}: α is not monotonic (falls by ${fmt(r.alphaDrop, 3)} below its running maximum): a mass gain or drift interferes; the first crossing of each α is used.`);
    if (r.alphaMax < grid[grid.length - 1]) out.push(`${r.run.label}: α reaches only ${fmt(r.alphaMax, 3)}, below the grid's ${grid[grid.length - 1]}: higher α are computed from the other runs.`);
  }
  const masses = runs.map((r) => r.run.sampleMassMg).filter((m): m is number => m !== null && m > 0);
  if (masses.length >= 2) {
    const mean = masses.reduce((a, b) => a + b, 0) / masses.length;
    const spread = (Math.max(...masses) - Math.min(...masses)) / mean;
    if (spread > 0.2) out.push(`Sample masses differ by ${fmt(spread * 100, 0)} % (${masses.map((m) => fmt(m, 2)).join(', ')} mg): heat and gas transfer differ between runs (ICTAC 2014 recommends equal, small masses).`);
  }
  const noBlank = runs.filter((r) => !r.run.blankApplied).map((r) => r.run.label);
  if (noBlank.length > 0) out.push(`No blank (empty-crucible) correction for ${noBlank.length === runs.length ? 'any run' : noBlank.join(', ')}: buoyancy and gas-switch steps stay in α (ICTAC 2014).`);
  return out;
}
