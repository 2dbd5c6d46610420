/**
 * The figures' part of the IPC contract (spread into Api by src/shared/api.ts): what the figure dialog sets for each
 * plot (width preset, font preset, axis ranges and titles, legend labels, line looks) and the composer's width and
 * layout, kept in the study (section 'figures') so that reopening a study exports the same figures; every change is
 * an undoable command. Validated with the zod schemas below before the handlers see it.
 */
import { z } from 'zod';

export interface FigureAxisData {
  min?: number | null;
  max?: number | null;
  title?: string | null;
}

export interface FigureLookData {
  dash?: 'solid' | 'dashed' | 'dotted' | null;
  marker?: 'none' | 'circle' | 'rect' | 'triangle' | 'diamond' | null;
  widthPt?: number | null;
}

/** The figure dialog's settings of one plot (renderer/export/settings FigureSettings). */
export interface FigureSettingsData {
  font: 'small' | 'medium' | 'large';
  x: Record<string, FigureAxisData>;
  y: Record<string, FigureAxisData>;
  labels: Record<string, string>;
  looks: Record<string, FigureLookData>;
}

/** One plot's figure: its width preset ('89' …, export/figure FIGURE_PRESETS) and its dialog settings. */
export interface FigureEntry {
  presetId: string;
  settings: FigureSettingsData;
}

export interface ComposerData {
  presetId: string;
  layout: 'column' | 'row';
}

export interface FiguresState {
  /** By plot key ('tga:conversion', 'xrd:results', …). */
  figures: Record<string, FigureEntry>;
  composer: ComposerData;
}

export const DEFAULT_COMPOSER: ComposerData = { presetId: '', layout: 'column' };

export interface FiguresApi {
  figGetState(): Promise<FiguresState>;
  /** The figure of one plot, or null to go back to the defaults. */
  figSetFigure(key: string, entry: FigureEntry | null): Promise<FiguresState>;
  figSetComposer(composer: ComposerData): Promise<FiguresState>;
}

export const figuresMethods = ['figGetState', 'figSetFigure', 'figSetComposer'] as const;

const finiteOrNull = z.number().finite().nullable().optional();
const axisSchema = z.object({ min: finiteOrNull, max: finiteOrNull, title: z.string().max(200).nullable().optional() }).strict();
const lookSchema = z
  .object({
    dash: z.enum(['solid', 'dashed', 'dotted']).nullable().optional(),
    marker: z.enum(['none', 'circle', 'rect', 'triangle', 'diamond']).nullable().optional(),
    widthPt: z.number().finite().min(0).max(10).nullable().optional(),
  })
  .strict();
const axisKey = z.string().regex(/^\d{1,2}$/, 'an axis index');
export const figureSettingsSchema = z
  .object({
    font: z.enum(['small', 'medium', 'large']),
    x: z.record(axisKey, axisSchema),
    y: z.record(axisKey, axisSchema),
    labels: z.record(z.string().max(500), z.string().max(200)),
    looks: z.record(z.string().max(500), lookSchema),
  })
  .strict();
export const figureEntrySchema = z.object({ presetId: z.string().max(40), settings: figureSettingsSchema }).strict();
export const composerSchema = z.object({ presetId: z.string().max(40), layout: z.enum(['column', 'row']) }).strict();
export const figuresStateSchema = z.object({ figures: z.record(z.string().max(200), figureEntrySchema), composer: composerSchema }).strict();

export const figuresArgs = {
  figGetState: z.tuple([]),
  figSetFigure: z.tuple([z.string().min(1).max(200), figureEntrySchema.nullable()]),
  figSetComposer: z.tuple([composerSchema]),
} satisfies Record<(typeof figuresMethods)[number], z.ZodTuple>;
