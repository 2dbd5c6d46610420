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
    // an end cleared (null, as the app sends it) is no end: the onset is compared
    expect(tgaConversion(runOf(), { startS: 150, endS: null }).earlierStartsS).toEqual([auto, onset]);
    expect(tgaConversion(runOf(), { startS: 20, endS: 300, recipe }).earlierStartsS).toEqual([auto, onset]);
    expect(tgaConversion(runOf(), { startS: 20, endS: 96, recipe }).earlierStartsS).toEqual([auto]);
    expect(tgaConversion(runOf({ gasEvents: [] }), { startS: 150 }).earlierStartsS).toEqual([onset]);
    expect(tgaConversion(runOf(), { startS: 150, skipEarlierStarts: true }).earlierStartsS).toEqual([]);
  });
});

describe('m_start, the observed loss and the blank alignment on runs that do not sit still', () => {
  it('m_start is the mean of the 10 s before the start, the loss ends with the mean of the last 30 s of the window', () => {
    // 11 mg at 0 s falling 0.01 mg/s to 10 mg at 100 s (the H2 switch), the loss to 9 mg at 300 s, then a drift of
    // −0.0001 mg/s. m_start = mean of 90…99 s = 10 + 0.01·mean(10…1) = 10.055 mg; the window ends at the Ar switch
    // (800 s): its last 30 s, 769…799 s, average 9 − 0.0001·(mean(769…799) − 300) = 9 − 0.0001·484 = 8.9516 mg;
    // loss 10.055 − 8.9516 = 1.1034 mg; the sample mass is the mean of the first five
    // points, 11 − 0.01·2 = 10.98 mg.
    const massMg = T.map((t) => (t < 100 ? 10 + (100 - t) * 0.01 : t < 300 ? 10 - (t - 100) / 200 : 9 - (t - 300) * 0.0001));
    const c = tgaConversion(runOf({ massMg }));
    expect(c.reduction).toEqual({
      startS: 100,
      startSource: 'gas-event',
      startNote: 'gas switches to H2 at 100 s (Gas column)',
      endS: 800,
      endSource: 'gas-event',
      endNote: 'gas switches to Ar at 800 s',
      massStartMg: expect.closeTo(10.055, 12),
      theoreticalLossMg: expect.closeTo(1.1034, 12),
      theoreticalLossFraction: expect.closeTo(1.1034 / 10.98, 12),
    });
    // α at 200 s: (10.055 − 9.5)/1.1034
    expect(c.alpha[100]).toBeCloseTo(0.555 / 1.1034, 12);
  });

  it('the blank alignment counts each run from its own first point', () => {
    // the sample logged from 20 s, its H2 at 120 s (100 s in); the blank from 0 s
    const sampleT = T.map((t) => t + 20);
    const sample = runOf({ timeS: sampleT, gasEvents: [{ timeS: 120, gas: 'H2', source: 'Gas column' }, { timeS: 820, gas: 'Ar', source: 'Gas column' }] });
    const blankAt = (h2S: number) => runOf({ massMg: T.map(() => 0.5), gasEvents: [{ timeS: h2S, gas: 'H2', source: 'Gas column' }] }, 'b.csv');
    // blank H2 100 s in as well: in step, nothing said
    expect(tgaConversion(sample, { blank: blankAt(100) }).warnings.filter((w) => w.startsWith('The blank'))).toEqual([]);
    // blank H2 at 150.25 s: |100 − 150.25| = 50.25 s, said to 0.1 s; on the aligned axis the blank ends at
    // 999 − 150.25 = 848.75 s, the sample at 1019 − 120 = 899 s: its points at 849…899 s (51) hold the blank's end
    expect(tgaConversion(sample, { blank: blankAt(150.25) }).warnings.filter((w) => w.startsWith('The blank'))).toEqual([
      'The blank is aligned on the switch to the reducing gas (sample 120 s, blank 150.25 s): counted from their first points the two runs would be 50.3 s out of step.',
      'The blank does not cover 51 sample point(s) (it is shorter, or starts later on the aligned time axis): its end values were held there.',
    ]);
  });
});

describe('a header naming only a gas (written after the seed-31 draw)', () => {
  it('is no programme: nothing is said about it', () => {
    const c = tgaConversion(runOf({ programme: ['Select gas 2'] }));
    expect(c.warnings).toEqual(['No recipe: α is normalised to the observed loss over the reducing window, not to a theoretical loss.']);
  });
});
