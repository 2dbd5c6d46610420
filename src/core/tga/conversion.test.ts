/**
 * tgaConversion / analyzeTga on small constructed runs: α from the hand-computed loss, and the messages a user reads
 * (warnings and refusals) word for word.
 */
import { describe, expect, it } from 'vitest';
import type { GasEvent, TgaRun } from '../../shared/types';
import { analyzeTga, tgaConversion } from './analyze';

/** 10 mg until 100 s, a linear loss to 9 mg at 300 s, then flat; H2 from 100 s to 800 s; 1 s steps, 1000 points. */
const T = Float64Array.from({ length: 1000 }, (_, i) => i);
const MASS = T.map((t) => 10 - Math.min(Math.max(t - 100, 0), 200) / 200);
const H2: GasEvent[] = [
  { timeS: 100, gas: 'H2', source: 'Gas column' },
  { timeS: 800, gas: 'Ar', source: 'Gas column' },
];

function runOf(over: Partial<TgaRun> = {}, fileName = 's.csv'): TgaRun {
  return {
    technique: 'tga',
    source: { fileName, formatId: 'generic', formatLabel: 'table', encoding: 'utf-8', headerLine: 1, dataStartLine: 2, dataEndLine: 1001, columns: [] },
    sample: {},
    timeS: T,
    temperatureC: null,
    massMg: MASS,
    massPercent: null,
    massNote: '',
    channels: [],
    segments: [],
    gasEvents: H2,
    programme: [],
    metadata: {},
    warnings: [],
    ...over,
  };
}

describe('α without a recipe, by hand', () => {
  it('m_start = 10 mg (mean of the 10 s before the switch), loss = 1 mg (10 mg − the mean of the last 30 s before Ar): α = (10 − m)/1', () => {
    const c = tgaConversion(runOf());
    expect(c.reduction).toMatchObject({ startS: 100, endS: 800, massStartMg: 10, theoreticalLossMg: 1, theoreticalLossFraction: 0.1 });
    expect(c.tS[0]).toBe(0);
    expect(c.alpha[100]).toBeCloseTo(0.5, 12); // t = 200 s: 9.5 mg
    expect(c.alpha[300]).toBeCloseTo(1, 12);
    expect(c.windowPoints).toBe(700);
    expect(c.windowEndsEarly).toBe(true);
    expect(c.earlierStartsS).toEqual([]); // the start is the file's gas switch, not a manual one: nothing to compare
    expect(c.warnings).toEqual(['No recipe: α is normalised to the observed loss over the reducing window, not to a theoretical loss.']);
  });

  it('the sample mass is the stated one when plausible, else the mean of the first five points', () => {
    expect(tgaConversion(runOf({ sample: { initialMassMg: 12.5 } })).reduction.theoreticalLossFraction).toBeCloseTo(1 / 12.5, 12);
    expect(tgaConversion(runOf({ sample: { initialMassMg: -3 } })).reduction.theoreticalLossFraction).toBeCloseTo(0.1, 12);
  });

  it('mass in % only: said, and the sample mass is 100 %', () => {
    const c = tgaConversion(runOf({ massMg: null, massPercent: MASS.map((m) => m * 10) }));
    expect(c.warnings[0]).toBe('The file gives mass in % of the initial mass only: masses below are in %, not mg.');
    expect(c.reduction.theoreticalLossMg).toBeCloseTo(10, 10);
    expect(c.reduction.theoreticalLossFraction).toBeCloseTo(0.1, 12);
  });

  it('time running backwards: only the first stretch, said with the point and the times', () => {
    const timeS = Float64Array.from({ length: 1000 }, (_, i) => (i < 900 ? i : i - 900));
    const c = tgaConversion(runOf({ timeS }));
    expect(c.warnings[0]).toBe('Time runs backwards in the sample run at data point 901 (0 s after 899 s): only the first 900 points are analysed.');
    expect(c.corrected.timeS.length).toBe(900);
  });

  it('uneven time steps are said with the grid step', () => {
    const keep = Array.from(T.keys()).filter((i) => i !== 500);
    const a = analyzeTga(runOf({ timeS: Float64Array.from(keep, (i) => T[i]), massMg: Float64Array.from(keep, (i) => MASS[i]) }));
    expect(a.warnings).toContain('Uneven time steps: dα/dt was computed on an even 1 s grid and interpolated back.');
  });
});

describe('blank alignment and refusals', () => {
  it('a blank aligned on its own switch to H2, 50 s later than the sample’s, says how far out of step the first points are', () => {
    const blank = runOf({ massMg: T.map(() => 0.5), gasEvents: [{ timeS: 150, gas: 'H2', source: 'Gas column' }] }, 'b.csv');
    const c = tgaConversion(runOf(), { blank });
    expect(c.warnings).toContain('The blank is aligned on the switch to the reducing gas (sample 100 s, blank 150 s): counted from their first points the two runs would be 50 s out of step.');
    expect(c.reduction.theoreticalLossMg).toBeCloseTo(1, 12); // a constant blank changes nothing
  });

  it.each([
    ['two points', runOf({ timeS: T.subarray(0, 2), massMg: MASS.subarray(0, 2) }), {}, 's.csv: only 2 data points, too few to analyse'],
    ['no mass', runOf({ massMg: null }), {}, 's.csv: the sample run has no mass column'],
    ['a blank without mass', runOf(), { blank: runOf({ massMg: null }, 'b.csv') }, 'b.csv: the blank run has no mass column'],
    ['a blank in % for a sample in mg', runOf(), { blank: runOf({ massMg: null, massPercent: MASS }, 'b.csv') }, "the blank's mass is in % but the sample's is in mg: cannot subtract"],
    ['no loss in the window', runOf({ massMg: T.map(() => 10) }), {}, 'no recipe and no net mass loss in the reducing window: α is undefined'],
    [
      'no positive sample mass',
      runOf({ massMg: T.map(() => -1) }),
      {},
      's.csv: the sample mass (-1 mg, the mean of the first points) is not a positive mass, so α is undefined (is this run a blank, an empty crucible?)',
    ],
  ])('%s', (_what, run, options, message) => {
    let thrown = 'no error';
    try {
      tgaConversion(run, options);
    } catch (err) {
      thrown = (err as Error).message;
    }
    expect(thrown).toBe(message);
  });
});

describe('header programmes, a recipe without oxide, and where a manual start is compared', () => {
  it('a header programme that cannot be placed is said, whether in the programme lines or a method key of the metadata', () => {
    const note = "The programme in the file header was not used: 'Equilibrate at 120.00 °C': its length depends on the measured temperature, which the file lacks.";
    const noRecipe = 'No recipe: α is normalised to the observed loss over the reducing window, not to a theoretical loss.';
    expect(tgaConversion(runOf({ programme: ['Equilibrate at 120.00 °C'] })).warnings).toEqual([note, noRecipe]);
    expect(tgaConversion(runOf({ metadata: { Method: 'Equilibrate at 120.00 °C' } })).warnings).toEqual([note, noRecipe]);
    expect(tgaConversion(runOf({ metadata: { proceduresegments: 'Equilibrate at 120.00 °C' } })).warnings).toEqual([note, noRecipe]);
    // a comment is not a method: not read
    expect(tgaConversion(runOf({ metadata: { Comment: 'Equilibrate at 120.00 °C' } })).warnings).toEqual([noRecipe]);
  });

  it('a recipe with no reducible oxide is refused', () => {
    expect(() => tgaConversion(runOf(), { recipe: { precursors: [{ formula: 'Al2O3' }] } })).toThrow('the recipe removes no mass (no reducible oxide), so α is undefined');
  });

  it('a manual start is compared with the automatic one and with the onset, unless the onset lies past the manual end', () => {
    // The onset by hand: the steepest loss (31 s window) is 0.005 mg/s; 5 % of it is 0.00025 mg/s. Going back from
    // there, the 11-point window's slope at 96 s sees only the point at 101 s (−0.005 mg at offset +5):
    // 5 × (−0.005) / Σk² (= 110) = −0.000227 mg/s, below 5 %; at 97 s (4 × −0.005 + 5 × −0.01)/110 = −0.000636 is not.
    const recipe = { precursors: [{ formula: 'Fe2O3' }] };
    const auto = { timeS: 100, what: 'the automatic start (gas switches to H2 at 100 s (Gas column))' };
    const onset = { timeS: 96, what: 'the onset of the main mass-loss step' };
    expect(tgaConversion(runOf(), { startS: 150 }).earlierStartsS).toEqual([auto, onset]);
    expect(tgaConversion(runOf(), { startS: 20, endS: 300, recipe }).earlierStartsS).toEqual([auto, onset]);
    expect(tgaConversion(runOf(), { startS: 20, endS: 96, recipe }).earlierStartsS).toEqual([auto]);
    expect(tgaConversion(runOf({ gasEvents: [] }), { startS: 150 }).earlierStartsS).toEqual([onset]);
    expect(tgaConversion(runOf(), { startS: 150, skipEarlierStarts: true }).earlierStartsS).toEqual([]);
  });
});
