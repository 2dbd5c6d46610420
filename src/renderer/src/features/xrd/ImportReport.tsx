/**
 * The import report of the loaded sequence (core/xrd/import-report, the same as the CLI's `xrd PATH`): per frame the
 * file, frame label, time, points, axis extent and wavelength, then the readers' notes (which x column a table reader
 * chose, where λ came from, a scan read in reverse) and warnings, each with the frames it concerns. Long sequences
 * show their first and last frames.
 */
import type { XAxisUnit, XrdFrameReport, XrdImportReport } from '../../../../shared/xrd';

const UNIT: Record<XAxisUnit, string> = { '2th_deg': '2θ (°)', 'q_A^-1': 'q (Å⁻¹)', 'q_nm^-1': 'q (nm⁻¹)', d_A: 'd (Å)' };
const num = (x: number, digits: number): string => (Number.isFinite(x) ? String(Number(x.toFixed(digits))) : '–');

/** Frames shown: all up to 12, else the first and last 5. */
function shown(frames: XrdFrameReport[]): (XrdFrameReport | null)[] {
  return frames.length <= 12 ? frames : [...frames.slice(0, 5), null, ...frames.slice(-5)];
}

function which(indices: number[], total: number): string {
  if (indices.length === total) return total === 1 ? 'frame 1' : 'all frames';
  const list = indices.slice(0, 6).map((i) => i + 1).join(', ');
  return `frame${indices.length > 1 ? 's' : ''} ${list}${indices.length > 6 ? ', …' : ''}`;
}

/** `used`: what the sequence applies over the files (λ and times with their source, from the Sequence panel). */
export function ImportReport(props: { report: XrdImportReport; used?: string }) {
  const r = props.report;
  const grouped = new Map<string, { warn: boolean; frames: number[] }>();
  for (const f of r.frames) {
    for (const [text, warn] of [...f.notes.map((t) => [t, false] as const), ...f.warnings.map((t) => [t, true] as const)]) {
      const g = grouped.get(text) ?? { warn, frames: [] };
      g.frames.push(f.index);
      grouped.set(text, g);
    }
  }
  const units = [...new Set(r.frames.map((f) => f.xUnit))];
  return (
    <details className="report xrd-import-report" open data-testid="xrd-import-report">
      <summary>
        Import report: {r.frameCount} frame{r.frameCount === 1 ? '' : 's'} · {r.formats.map((f) => f.label).join(', ')}
      </summary>
      {props.used && (
        <p className="hint" data-testid="xrd-import-used">
          Used: {props.used}
        </p>
      )}
      <table className="xrd-report-table">
        <thead>
          <tr>
            <th>#</th>
            <th>File</th>
            <th>t (s)</th>
            <th>Points</th>
            <th>{units.length === 1 ? UNIT[units[0]] : 'x'} range</th>
            <th>λ (Å)</th>
          </tr>
        </thead>
        <tbody>
          {shown(r.frames).map((f, k) =>
            f === null ? (
              <tr key={`gap${k}`}>
                <td colSpan={6} className="muted">
                  … {r.frameCount - 10} more
                </td>
              </tr>
            ) : (
              <tr key={f.index} data-testid="xrd-report-frame" data-file={f.file}>
                <td className="num">{f.index + 1}</td>
                <td title={f.formatId}>
                  {f.file}
                  {f.label && <span className="muted"> · {f.label}</span>}
                </td>
                <td className="num">{num(f.timeS, 2)}</td>
                <td className="num" data-testid="xrd-report-points">
                  {f.points}
                </td>
                <td className="num" data-testid="xrd-report-range">
                  {num(f.xMin, 4)}–{num(f.xMax, 4)}
                  {units.length > 1 && ` ${UNIT[f.xUnit]}`}
                </td>
                <td className="num" data-testid="xrd-report-wavelength">
                  {f.wavelengthA ?? '–'}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {(grouped.size > 0 || r.skipped.length > 0) && (
        <ul>
          {[...grouped.entries()].map(([text, g]) => (
            <li key={text} className={g.warn ? 'warn' : undefined} data-testid="xrd-report-note">
              {which(g.frames, r.frameCount)}: {text}
            </li>
          ))}
          {r.skipped.map((s) => (
            <li key={s.fileName} className="warn">
              skipped: {s.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
