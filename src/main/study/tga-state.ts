/**
 * What the TGA workspace saves (its study section, 'tga'): the runs in order with their settings and a reference to
 * their raw file (an index into the section's files), the reference run and the analysis settings. Everything else
 * (parsed runs, α(t), metrics) is rebuilt from these on open and on undo. To save a new TGA field: add it here (type
 * and schema, optional or with a migration raising TGA_SECTION_VERSION), and in tgaSnapshot/tgaRestore
 * (src/main/handlers.ts, "study section").
 */
import { z } from 'zod';
import { derivedCurveDefSchema, recipeInputSchema, type AnalysisSettings, type RunSettings } from '../../shared/api';

export const TGA_SECTION_VERSION = 1;

export interface TgaStudyRun {
  id: string;
  colorIndex: number;
  /** Index of the run's raw file in the section's files. */
  file: number;
  /** How the file was imported (a forced format); null = detected. */
  importOptions: { formatId?: string } | null;
  /** Where the file came from when the study was packed from a STUDY.json (the path as written there). */
  source?: string;
  settings: RunSettings;
}

export interface TgaStudyState {
  runs: TgaStudyRun[];
  referenceId: string | null;
  analysis: AnalysisSettings;
  nextRunNumber: number;
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const runSettingsSchema = z.object({
  label: z.string().min(1).max(500),
  role: z.enum(['sample', 'blank']),
  recipe: recipeInputSchema.nullable(),
  startS: finite.nullable(),
  endS: finite.nullable().optional(),
  blankId: z.string().min(1).nullable(),
  // added after layout 1 was first written: absent in older files (no condition, no derived curves)
  condition: z.string().trim().min(1).max(200).nullable().optional(),
  derived: z.array(derivedCurveDefSchema).max(20).optional(),
});

export const tgaStudyStateSchema = z
  .object({
    runs: z.array(
      z.object({
        id: z.string().min(1).max(200),
        colorIndex: z.number().int().min(0),
        file: z.number().int().min(0),
        importOptions: z.object({ formatId: z.string().min(1).optional() }).nullable(),
        source: z.string().optional(),
        settings: runSettingsSchema,
      }),
    ),
    referenceId: z.string().nullable(),
    analysis: z.object({
      // (0, 2): the command line allows α targets above 1 for over-reduced runs; the app offers (0, 1)
      alphaTargets: z.array(finite.gt(0).lt(2)).min(1),
      sgWindowS: finite.gt(0),
      saturationFraction: finite.gt(0).max(1),
    }),
    nextRunNumber: z.number().int().min(1),
  })
  .superRefine((s, ctx) => {
    const ids = new Set(s.runs.map((r) => r.id));
    if (ids.size !== s.runs.length) ctx.addIssue({ code: 'custom', message: 'two runs have the same id' });
    for (const r of s.runs) {
      if (r.settings.blankId !== null && !ids.has(r.settings.blankId)) ctx.addIssue({ code: 'custom', message: `run ${r.id}: its blank ${r.settings.blankId} is not a run` });
    }
    if (s.referenceId !== null && !ids.has(s.referenceId)) ctx.addIssue({ code: 'custom', message: `the reference ${s.referenceId} is not a run` });
  });

/** Validate a TGA state read from a file against its files; throws with the first problems in words. */
export function parseTgaState(state: unknown, fileCount: number): TgaStudyState {
  const parsed = tgaStudyStateSchema.safeParse(state);
  if (!parsed.success) throw new Error(`the TGA settings are invalid (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  for (const r of parsed.data.runs) if (r.file >= fileCount) throw new Error(`the TGA run ${r.settings.label} refers to a missing file`);
  const runs = parsed.data.runs.map((r) => ({ ...r, settings: { ...r.settings, endS: r.settings.endS ?? null, condition: r.settings.condition ?? null, derived: r.settings.derived ?? [] } }));
  return { ...parsed.data, runs };
}
