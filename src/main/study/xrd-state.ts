/**
 * What the SXRD workspace saves (its study section, 'xrd'): the sequence's frame files in order with the time and
 * wavelength options, the temperature log, the CIF phases (their files, so the CIF text is kept exactly) and the
 * options of the last analysis as the renderer gave them (XrdRunOptions; a .instprm file is one of the section's
 * files). The analysis result is a derived value: stored with the engine that computed it and recomputed by another.
 * File references are indices into the section's files.
 */
import { z } from 'zod';
import type { XrdRunOptions } from '../../shared/api';

export const XRD_SECTION_VERSION = 1;

/** Raise when the SXRD analysis changes its results: stored results of another engine are recomputed on open. */
export const XRD_ENGINE_VERSION = 5;
export const XRD_ENGINE = `sxrd-analysis/${XRD_ENGINE_VERSION}`;

export interface XrdStudyState {
  sequence: {
    name: string;
    files: number[];
    fromFolder: boolean;
    intervalS: number;
    offsetS: number;
    wavelengthA: number | null;
    temperatureLog: { file: number } | null;
  } | null;
  cifs: { file: number }[];
  /** XrdRunOptions with `instprm` as a file reference; null before the first analysis. */
  analysisOptions: (Omit<XrdRunOptions, 'instprm'> & { instprm?: { file: number } }) | null;
}

const fileRef = z.number().int().min(0);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const xrdStudyStateSchema = z.object({
  sequence: z
    .object({
      name: z.string().max(1000),
      files: z.array(fileRef).min(1),
      fromFolder: z.boolean(),
      intervalS: finite.gt(0),
      offsetS: finite,
      wavelengthA: finite.gt(0).nullable(),
      temperatureLog: z.object({ file: fileRef }).nullable(),
    })
    .nullable(),
  cifs: z.array(z.object({ file: fileRef })),
  // checked in full by the Api's own schema when restored (xrd-session.ts)
  analysisOptions: z.record(z.string(), z.unknown()).nullable(),
});

export function parseXrdState(state: unknown, fileCount: number): XrdStudyState {
  const parsed = xrdStudyStateSchema.safeParse(state);
  if (!parsed.success) throw new Error(`the SXRD settings are invalid (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  const st = parsed.data as XrdStudyState;
  const refs = [...(st.sequence?.files ?? []), ...(st.sequence?.temperatureLog ? [st.sequence.temperatureLog.file] : []), ...st.cifs.map((c) => c.file)];
  const instprm = (st.analysisOptions as { instprm?: { file?: unknown } } | null)?.instprm;
  if (instprm !== undefined) refs.push(typeof instprm.file === 'number' ? instprm.file : -1);
  if (refs.some((i) => !Number.isInteger(i) || i < 0 || i >= fileCount)) throw new Error('the SXRD settings refer to a missing file');
  return st;
}
