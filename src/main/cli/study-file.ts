/**
 * `reductionlab study pack|unpack|info` and the .rlab side of `compare` (docs/cli.md, docs/study-file.md).
 *
 * pack:    STUDY.json (the compare format) → a .rlab holding every run's file, the recipes, blanks, starts, ends,
 *          forced formats, the reference and the analysis settings, as the app saves them; each file is parsed
 *          first, so a study that cannot be analysed is not packed.
 * unpack:  a .rlab → a folder: the raw files exactly, a study.json that `compare` reads (TGA), the SXRD settings
 *          with their frames, CIFs and logs, and manifest.json with every file's SHA-256.
 * info:    what a .rlab holds, after the integrity checks.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { importTga } from '../../core/formats/tga/index';
import { TGA_DEFAULTS } from '../../core/tga/analyze';
import type { FileBytes } from '../../shared/api';
import { writeFileAtomicSync } from '../atomic-write';
import { APP_VERSION, decodeStudy, encodeStudy, fileHashes, STUDY_FORMAT_VERSION, type DecodedStudy, type SectionContent } from '../study/format';
import { sha256Hex } from '../study/hash';
import { parseTgaState, TGA_SECTION_VERSION, type TgaStudyRun, type TgaStudyState } from '../study/tga-state';
import { parseXrdState } from '../study/xrd-state';
import { readBytes, UsageError } from './args';
import { parseStudy, runLabel, runRecipe, type Study } from './study';

/** Read and check a .rlab (exit 1 with the format's message when it is damaged, newer or not a study). */
export async function readStudyFile(path: string): Promise<DecodedStudy> {
  return decodeStudy(readBytes(path), path);
}

export const looksLikeStudyFile = (path: string, bytes?: Uint8Array): boolean =>
  /\.rlab$/i.test(path) || (bytes !== undefined && bytes.length >= 16 && new TextDecoder().decode(bytes.subarray(0, 15)) === 'SQLite format 3');

/** STUDY.json → the app's TGA section (state + files). */
export function tgaSectionFromStudy(studyPath: string): { study: Study; section: SectionContent } {
  const study = parseStudy(new TextDecoder().decode(readBytes(studyPath)), studyPath);
  const dir = dirname(resolve(studyPath));
  const files: FileBytes[] = [];
  const runs: TgaStudyRun[] = [];
  const byFile = new Map<string, string>();
  const addRun = (file: string, format: string | undefined, make: (id: string, index: number) => TgaStudyRun): TgaStudyRun => {
    const path = resolve(dir, file);
    const bytes = readBytes(path);
    // the file must be readable now: a packed study is meant to be analysed
    importTga(path, bytes, format ? { formatId: format } : undefined);
    files.push({ name: basename(file), bytes });
    const run = make(`run-${runs.length + 1}`, files.length - 1);
    runs.push(run);
    byFile.set(file, run.id);
    return run;
  };
  for (const r of study.runs) {
    addRun(r.file, r.format, (id, index) => ({
      id,
      colorIndex: runs.length,
      file: index,
      importOptions: r.format ? { formatId: r.format } : null,
      source: r.file,
      settings: { label: runLabel(r), role: r.role ?? 'sample', recipe: runRecipe(r), startS: r.startS ?? null, endS: r.endS ?? null, blankId: null, condition: r.condition ?? null, derived: [] },
    }));
  }
  // blanks named by samples but not listed as runs become blank runs
  for (const r of study.runs) {
    if (r.blank && !byFile.has(r.blank)) {
      addRun(r.blank, undefined, (id, index) => ({
        id,
        colorIndex: runs.length,
        file: index,
        importOptions: null,
        source: r.blank as string,
        settings: { label: basename(r.blank as string), role: 'blank', recipe: null, startS: null, endS: null, blankId: null, condition: null, derived: [] },
      }));
    }
  }
  study.runs.forEach((r, i) => {
    if (r.blank) runs[i].settings.blankId = byFile.get(r.blank) ?? null;
  });
  let referenceId: string | null = null;
  if (study.reference) {
    const i = study.runs.findIndex((r) => runLabel(r) === study.reference || r.file === study.reference);
    if (i < 0) throw new Error(`${studyPath}: reference "${study.reference}" matches no run's label or file`);
    referenceId = runs[i].id;
  }
  const state: TgaStudyState = {
    runs,
    referenceId,
    analysis: {
      alphaTargets: study.alphaTargets ?? [...TGA_DEFAULTS.alphaTargets],
      sgWindowS: study.sgWindowS ?? TGA_DEFAULTS.sgWindowS,
      saturationFraction: study.saturationFraction ?? TGA_DEFAULTS.saturationFraction,
    },
    nextRunNumber: runs.length + 1,
  };
  parseTgaState(state, files.length);
  return { study, section: { id: 'tga', version: TGA_SECTION_VERSION, state, files } };
}

export async function packStudy(studyPath: string, outPath: string): Promise<{ bytes: number; files: number }> {
  if (!/\.rlab$/i.test(outPath)) throw new UsageError(`study pack: the output must end in .rlab (got ${outPath})`);
  const { study, section } = tgaSectionFromStudy(studyPath);
  const now = new Date().toISOString();
  const bytes = await encodeStudy({
    meta: { title: study.title ?? null, label: study.label ?? null, description: study.description ?? null, appVersion: APP_VERSION, created: now, modified: now },
    sections: [section],
    derived: [],
  }).catch((error: unknown) => {
    throw new Error(`${outPath}: ${error instanceof Error ? error.message : String(error)}`);
  });
  writeFileAtomicSync(outPath, bytes);
  return { bytes: bytes.length, files: section.files.length };
}

/** The compare format (study.json) of a TGA section, with a file name per run for `load`. */
export function studyFromTgaSection(decoded: DecodedStudy, names: Map<number, string> | null): { study: Study; fileOf: Map<string, { name: string; bytes: Uint8Array }> } {
  const section = decoded.sections.find((s) => s.id === 'tga');
  if (!section) throw new Error('the study has no TGA runs');
  const state = parseTgaState(section.state, section.files.length);
  const key = (r: TgaStudyRun): string => names?.get(r.file) ?? r.source ?? section.files[r.file].name;
  const fileOf = new Map<string, { name: string; bytes: Uint8Array }>();
  for (const r of state.runs) fileOf.set(key(r), section.files[r.file]);
  const byId = new Map(state.runs.map((r) => [r.id, r]));
  const ref = state.referenceId ? byId.get(state.referenceId) : undefined;
  const study: Study = {
    ...(decoded.meta.title !== null ? { title: decoded.meta.title } : {}),
    label: decoded.meta.label,
    description: decoded.meta.description,
    reference: ref ? ref.settings.label : null,
    alphaTargets: state.analysis.alphaTargets,
    saturationFraction: state.analysis.saturationFraction,
    sgWindowS: state.analysis.sgWindowS,
    runs: state.runs.map((r) => {
      const blank = r.settings.blankId ? byId.get(r.settings.blankId) : undefined;
      return {
        file: key(r),
        label: r.settings.label,
        role: r.settings.role,
        recipe: r.settings.recipe,
        blank: blank ? key(blank) : null,
        startS: r.settings.startS,
        endS: r.settings.endS ?? null,
        ...(r.settings.condition ? { condition: r.settings.condition } : {}),
        ...(r.importOptions?.formatId ? { format: r.importOptions.formatId } : {}),
      };
    }),
  };
  return { study, fileOf };
}

/** A file name that is unique in `taken` (case-insensitively) and safe in a folder. */
function uniqueName(name: string, taken: Set<string>): string {
  const safe = basename(name.replace(/\\/g, '/')).replace(/^\.+/, '_') || 'file';
  let candidate = safe;
  const dot = safe.lastIndexOf('.');
  const stem = dot > 0 ? safe.slice(0, dot) : safe;
  const ext = dot > 0 ? safe.slice(dot) : '';
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${stem} (${k})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export async function unpackStudy(inPath: string, outDir: string): Promise<{ files: number }> {
  const decoded = await readStudyFile(inPath);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new Error(`${outDir} is not empty: unpack into a new or empty folder`);
  mkdirSync(outDir, { recursive: true });
  const manifest: { format: number; appVersion: string; files: { path: string; section: string; sha256: string; size: number }[] } = { format: decoded.formatVersion, appVersion: decoded.meta.appVersion, files: [] };
  const put = (rel: string, section: string, bytes: Uint8Array) => {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomicSync(path, bytes);
    manifest.files.push({ path: rel, section, sha256: sha256Hex(bytes), size: bytes.length });
  };
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
  for (const section of decoded.sections) {
    if (section.id === 'tga') {
      const taken = new Set<string>(['study.json', 'manifest.json']);
      const names = new Map<number, string>();
      section.files.forEach((f, i) => {
        const name = uniqueName(f.name, taken);
        names.set(i, name);
        put(name, 'tga', f.bytes);
      });
      const { study } = studyFromTgaSection(decoded, names);
      writeFileAtomicSync(join(outDir, 'study.json'), json(study));
    } else if (section.id === 'xrd') {
      const state = parseXrdState(section.state, section.files.length);
      const taken = new Set<string>(['settings.json']);
      const names = section.files.map((f) => uniqueName(f.name, taken));
      section.files.forEach((f, i) => put(`xrd/${names[i]}`, 'xrd', f.bytes));
      const nameOf = (i: number) => names[i];
      const settings = {
        sequence: state.sequence && { ...state.sequence, files: state.sequence.files.map(nameOf), temperatureLog: state.sequence.temperatureLog ? nameOf(state.sequence.temperatureLog.file) : null },
        cifs: state.cifs.map((c) => nameOf(c.file)),
        analysisOptions: state.analysisOptions && { ...state.analysisOptions, ...(state.analysisOptions.instprm ? { instprm: nameOf(state.analysisOptions.instprm.file) } : {}) },
      };
      writeFileAtomicSync(join(outDir, 'xrd', 'settings.json'), json(settings));
    } else {
      const taken = new Set<string>(['state.json']);
      section.files.forEach((f) => put(`${section.id}/${uniqueName(f.name, taken)}`, section.id, f.bytes));
      writeFileAtomicSync(join(outDir, section.id, 'state.json'), json({ version: section.version, state: section.state }));
    }
  }
  writeFileAtomicSync(join(outDir, 'manifest.json'), json(manifest));
  return { files: manifest.files.length };
}

export interface StudyInfoReport {
  file: string;
  integrity: 'ok';
  format: number;
  formatCurrent: number;
  migrations: string[];
  appVersion: string;
  created: string;
  modified: string;
  title: string | null;
  label: string | null;
  sections: { id: string; version: number; files: number; bytes: number }[];
  files: { section: string; name: string; size: number; sha256: string }[];
  tga: { runs: { id: string; label: string; role: string; file: string; recipe: string | null; blank: string | null; startS: number | null; endS: number | null }[]; reference: string | null; alphaTargets: number[]; sgWindowS: number; saturationFraction: number } | null;
  xrd: { sequence: string | null; frames: number; intervalS: number | null; wavelengthA: number | null; cifs: string[]; analysisOptions: unknown } | null;
  derived: { section: string; key: string; engine: string; bytes: number }[];
}

export async function studyInfo(path: string): Promise<StudyInfoReport> {
  const d = await readStudyFile(path);
  const tgaSection = d.sections.find((s) => s.id === 'tga');
  const xrdSection = d.sections.find((s) => s.id === 'xrd');
  let tga: StudyInfoReport['tga'] = null;
  if (tgaSection) {
    const st = parseTgaState(tgaSection.state, tgaSection.files.length);
    const label = new Map(st.runs.map((r) => [r.id, r.settings.label]));
    tga = {
      runs: st.runs.map((r) => ({
        id: r.id,
        label: r.settings.label,
        role: r.settings.role,
        file: tgaSection.files[r.file].name,
        recipe: r.settings.recipe ? r.settings.recipe.precursors.map((p) => (p.wtPercent !== undefined ? `${p.formula}:${p.wtPercent}` : p.formula)).join(',') + (r.settings.recipe.target ? ` → ${r.settings.recipe.target}` : '') : null,
        blank: r.settings.blankId ? (label.get(r.settings.blankId) ?? r.settings.blankId) : null,
        startS: r.settings.startS,
        endS: r.settings.endS ?? null,
      })),
      reference: st.referenceId ? (label.get(st.referenceId) ?? null) : null,
      ...st.analysis,
    };
  }
  let xrd: StudyInfoReport['xrd'] = null;
  if (xrdSection) {
    const st = parseXrdState(xrdSection.state, xrdSection.files.length);
    xrd = {
      sequence: st.sequence?.name ?? null,
      frames: st.sequence?.files.length ?? 0,
      intervalS: st.sequence?.intervalS ?? null,
      wavelengthA: st.sequence?.wavelengthA ?? null,
      cifs: st.cifs.map((c) => xrdSection.files[c.file].name),
      analysisOptions: st.analysisOptions,
    };
  }
  return {
    file: path,
    integrity: 'ok',
    format: d.formatVersion,
    formatCurrent: STUDY_FORMAT_VERSION,
    migrations: d.migrations,
    appVersion: d.meta.appVersion,
    created: d.meta.created,
    modified: d.meta.modified,
    title: d.meta.title,
    label: d.meta.label,
    sections: d.sections.map((s) => ({ id: s.id, version: s.version, files: s.files.length, bytes: s.files.reduce((n, f) => n + f.bytes.length, 0) })),
    files: fileHashes(d),
    tga,
    xrd,
    derived: d.derived.map((x) => ({ section: x.section, key: x.key, engine: x.engine, bytes: x.json.length })),
  };
}

export function studyInfoText(r: StudyInfoReport): string {
  const mb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`);
  const lines = [
    r.title ?? r.file,
    ...(r.label ? [r.label] : []),
    '',
    `File           ${r.file}`,
    `Integrity      ok (SQLite check, SHA-256 of every file, content checksum)`,
    `Format         ${r.format}${r.format < r.formatCurrent ? ` (older; read as ${r.formatCurrent}: ${r.migrations.join('; ')})` : ''}, written by ReductionLab ${r.appVersion}`,
    `Created        ${r.created}`,
    `Modified       ${r.modified}`,
    '',
    'Sections',
    ...r.sections.map((s) => `  ${s.id.padEnd(12)} layout ${s.version}, ${s.files} file${s.files === 1 ? '' : 's'}, ${mb(s.bytes)}`),
  ];
  if (r.tga) {
    lines.push('', `TGA runs (α targets ${r.tga.alphaTargets.join(', ')}; Savitzky–Golay ${r.tga.sgWindowS} s; saturation ${r.tga.saturationFraction})`);
    for (const run of r.tga.runs) {
      const bits = [run.role, run.file, run.recipe ? `recipe ${run.recipe}` : 'no recipe', run.blank ? `blank ${run.blank}` : null, run.startS !== null ? `start ${run.startS} s` : null, run.endS !== null ? `end ${run.endS} s` : null].filter(Boolean);
      lines.push(`  ${run.label}${run.label === r.tga.reference ? ' (reference)' : ''}: ${bits.join('; ')}`);
    }
  }
  if (r.xrd) {
    lines.push('', 'SXRD sequence');
    lines.push(r.xrd.sequence ? `  ${r.xrd.sequence}: ${r.xrd.frames} frames, interval ${r.xrd.intervalS} s, λ ${r.xrd.wavelengthA ?? "the files'"}` : '  none');
    if (r.xrd.cifs.length) lines.push(`  CIF phases: ${r.xrd.cifs.join(', ')}`);
    if (r.xrd.analysisOptions) lines.push(`  Analysis options: ${JSON.stringify(r.xrd.analysisOptions)}`);
  }
  if (r.derived.length) lines.push('', 'Derived results (recomputed by a newer engine)', ...r.derived.map((x) => `  ${x.section}/${x.key}: ${x.engine}, ${mb(x.bytes)}`));
  lines.push('', 'Files (SHA-256)', ...r.files.map((f) => `  ${f.sha256}  ${mb(f.size).padStart(9)}  ${f.section}/${f.name}`));
  return lines.join('\n');
}
