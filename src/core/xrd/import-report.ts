/**
 * The import report of a sequence: per frame the file, label, time, points, axis extent and wavelength, and the
 * readers' notes (which x column a table reader chose, where λ came from, a scan read in reverse). Nothing is
 * analysed. The extent is given in 2θ (°) whenever it can be: the axis is 2θ, or the frame (or the sequence) has a
 * wavelength that converts q or d to 2θ (core/xrd/axes, λ = 2d·sin θ); otherwise in the file's own unit.
 */
import type { Pattern, PatternSequence, XAxisUnit, XrdFrameReport, XrdImportReport } from '../../shared/xrd';
import { xrdFormats } from '../formats/xrd/index';
import { axisToTwoThetaDeg } from './axes';

/** Metadata keys whose values say how a reader understood the file; shown as notes. */
const NOTE_KEYS = ['x column', 'wavelength source', 'scan direction', 'attenuator'];

function extent(x: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The frame's axis extent, in 2θ (°) when a wavelength allows it. */
export function frameExtent(p: Pattern, sequenceWavelengthA: number | null): { xMin: number; xMax: number; xUnit: XAxisUnit } {
  const lam = p.wavelengthA ?? sequenceWavelengthA;
  if (p.xUnit !== '2th_deg' && lam !== null && lam > 0) {
    const [a, b] = extent(p.x);
    const ends = axisToTwoThetaDeg(Float64Array.of(a, b), p.xUnit, lam).filter(Number.isFinite);
    if (ends.length === 2) return { xMin: Math.min(...ends), xMax: Math.max(...ends), xUnit: '2th_deg' };
  }
  const [xMin, xMax] = extent(p.x);
  return { xMin, xMax, xUnit: p.xUnit };
}

export function frameReport(p: Pattern, index: number, timeS: number, sequenceWavelengthA: number | null): XrdFrameReport {
  return {
    index,
    file: p.fileName,
    label: p.label ?? null,
    formatId: p.formatId,
    timeS,
    points: p.x.length,
    ...frameExtent(p, sequenceWavelengthA),
    wavelengthA: p.wavelengthA,
    notes: NOTE_KEYS.filter((k) => p.metadata[k]).map((k) => `${k}: ${p.metadata[k]}`),
    warnings: [...p.warnings],
  };
}

export function sequenceImportReport(seq: PatternSequence): XrdImportReport {
  const byId = new Map<string, number>();
  for (const f of seq.frames) byId.set(f.formatId, (byId.get(f.formatId) ?? 0) + 1);
  const formats = [...byId.entries()].map(([id, frames]) => ({ id, label: xrdFormats.find((m) => m.id === id)?.label ?? id, frames }));
  return {
    format: formats.map((f) => f.id).join(', '),
    formats,
    frameCount: seq.frames.length,
    wavelengthA: seq.wavelengthA,
    timeSource: seq.timeSource,
    frames: seq.frames.map((p, i) => frameReport(p, i, seq.timesS[i], seq.wavelengthA)),
    skipped: seq.skipped.map((s) => ({ fileName: s.fileName, message: s.message })),
    warnings: [...(seq.warnings ?? [])],
  };
}

const num = (x: number, digits: number): string => (Number.isFinite(x) ? String(Number(x.toFixed(digits))) : '–');
const UNIT_TEXT: Record<XAxisUnit, string> = { '2th_deg': '2θ°', 'q_A^-1': 'q Å⁻¹', 'q_nm^-1': 'q nm⁻¹', d_A: 'd Å' };

/** The report as aligned text lines (the CLI's output without --json). Long sequences show the first and last 10. */
export function importReportText(report: XrdImportReport, paths: string[]): string[] {
  const lines: string[] = [];
  const n = report.frameCount;
  lines.push(`${n} frame${n === 1 ? '' : 's'} from ${paths.join(', ')}`);
  lines.push(`Format: ${report.formats.map((f) => `${f.label} (${f.id}${report.formats.length > 1 ? `, ${f.frames} frame${f.frames === 1 ? '' : 's'}` : ''})`).join('; ')}`);
  lines.push(`Wavelength: ${report.wavelengthA === null ? 'not stated (give --wavelength to convert q or d, and for the analysis)' : `${report.wavelengthA} Å`}`);
  lines.push(`Times: ${report.timeSource === 'metadata' ? 'from the files' : 'frame index × interval'}`);
  const header = ['#', 'file', 'frame', 't (s)', 'points', 'x min', 'x max', 'axis', 'λ (Å)'];
  const shown = n <= 25 ? report.frames : [...report.frames.slice(0, 10), null, ...report.frames.slice(-10)];
  const rows = shown.map((f) =>
    f === null
      ? ['…', `(${n - 20} more)`, '', '', '', '', '', '', '']
      : [String(f.index), f.file, f.label ?? '', num(f.timeS, 3), String(f.points), num(f.xMin, 5), num(f.xMax, 5), UNIT_TEXT[f.xUnit], f.wavelengthA === null ? '–' : String(f.wavelengthA)],
  );
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const pad = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  lines.push('', pad(header), ...rows.map(pad));
  const notes = new Map<string, number[]>();
  for (const f of report.frames) for (const t of [...f.notes, ...f.warnings.map((w) => `warning: ${w}`)]) notes.set(t, [...(notes.get(t) ?? []), f.index]);
  if (notes.size) {
    lines.push('');
    for (const [t, frames] of notes) lines.push(`${frames.length === n ? 'all frames' : `frame${frames.length > 1 ? 's' : ''} ${frames.length > 6 ? `${frames.slice(0, 6).join(', ')}, …` : frames.join(', ')}`}: ${t}`);
  }
  for (const s of report.skipped) lines.push(`skipped: ${s.message}`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines;
}
