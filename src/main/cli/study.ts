/**
 * STUDY.json for `reductionlab compare`: the runs of one study and how to analyse them. File paths are relative to
 * the study file. The same file is read by the app's "Open example study" (src/main/handlers.ts), so a run may give
 * its recipe either as `recipe` (the app's RecipeInput) or as `precursors` + `target` (CLI style).
 *
 * {
 *   "title": "…", "reference": "Fe2O3 (SIMULATED)",           // label or file of the reference run
 *   "alphaTargets": [0.5, 0.9], "saturationFraction": 0.99, "sgWindowS": 15,
 *   "runs": [
 *     { "file": "Fe2O3.csv", "label": "…", "precursors": "Fe2O3", "blank": "blank.csv", "startS": null,
 *       "condition": "Fe2O3" },                                  // replicates share a condition
 *     { "file": "blank.csv", "label": "Blank", "role": "blank" }
 *   ]
 * }
 */
import { z } from 'zod';
import type { RecipeInput } from '../../shared/analysis';
import { parsePrecursorList } from '../../core/chem/recipe';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const precursorSchema = z.object({ formula: z.string().trim().min(1), wtPercent: finite.min(0).max(100).optional() });
const recipeSchema = z.object({ precursors: z.array(precursorSchema).min(1), target: z.string().trim().min(1).optional() });

export const studyRunSchema = z.object({
  file: z.string().min(1, 'a run needs a file'),
  label: z.string().optional(),
  role: z.enum(['sample', 'blank']).optional(),
  recipe: recipeSchema.nullable().optional(),
  /** CLI-style recipe: 'Fe2O3,NiO', 'Fe2O3:70,NiO:30' or a list of {formula, wtPercent}. */
  precursors: z.union([z.string().min(1), z.array(precursorSchema).min(1)]).nullable().optional(),
  target: z.string().nullable().optional(),
  blank: z.string().nullable().optional(),
  startS: finite.nullable().optional(),
  /** End of the reducing window in file time (s); default: where the reducing gas stops, else the end of the data. */
  endS: finite.nullable().optional(),
  /** Replicates of one condition share this name; default: the run's label (a condition of one run). */
  condition: z.string().trim().min(1).nullable().optional(),
  format: z.string().optional(),
});

export const studySchema = z.object({
  title: z.string().optional(),
  label: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  /** Label or file of the reference run, or the name of the reference condition. */
  reference: z.string().nullable().optional(),
  alphaTargets: z.array(finite.gt(0).lt(2)).min(1).optional(),
  saturationFraction: finite.gt(0).max(1).optional(),
  sgWindowS: finite.positive().optional(),
  runs: z.array(studyRunSchema).min(1, 'a study needs at least one run'),
});

export type Study = z.infer<typeof studySchema>;
export type StudyRun = z.infer<typeof studyRunSchema>;

/** Parse and validate a study's JSON text; throws an Error listing every problem with its JSON path. */
export function parseStudy(text: string, fileName: string): Study {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const result = studySchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new Error(`${fileName}: ${issues.join('; ')}`);
  }
  return result.data;
}

/** The run's recipe, from `recipe` or from `precursors` + `target`; null when it has none. */
export function runRecipe(run: StudyRun): RecipeInput | null {
  if (run.recipe) return { precursors: run.recipe.precursors, ...(run.recipe.target ? { target: run.recipe.target } : {}) };
  if (!run.precursors) return null;
  const precursors = typeof run.precursors === 'string' ? parsePrecursorList(run.precursors) : run.precursors;
  return { precursors, ...(run.target ? { target: run.target } : {}) };
}

/** Display label of a run: its label, else its file name. */
export function runLabel(run: StudyRun): string {
  return run.label ?? run.file.split(/[\\/]/).pop() ?? run.file;
}

/** The condition a run counts towards: its `condition`, else its label. */
export function runCondition(run: StudyRun): string {
  return run.condition ?? runLabel(run);
}
