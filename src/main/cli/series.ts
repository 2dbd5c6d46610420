/** `--series OUT.csv`: the mass curve in file time, with α and dα/dt from the reduction start on. */
import { openAtomicSync } from '../atomic-write';
import type { TgaAnalysis } from '../../shared/analysis';
import type { TgaRun } from '../../shared/types';

const cell = (x: number): string => (x === x ? String(x) : '');

/** Write the tidy series CSV in chunks (a 10⁶-row run never becomes one string), atomically: an interrupted write
 * leaves the previous file, never half a table. Returns the rows written. */
export function writeSeriesCsv(path: string, run: TgaRun, analysis: TgaAnalysis | null, withCorrected: boolean): number {
  const n = run.timeS.length;
  const mass = run.massMg ?? run.massPercent;
  const T = run.temperatureC;
  const header = ['fileTimeS', 'temperatureC', run.massMg ? 'massMg' : 'massPercent'];
  const corrected = analysis && withCorrected;
  if (corrected) header.push('massCorrectedMg');
  if (analysis) header.push('tS', 'alpha', 'dAlphaDtPerS');
  // Row of the reduction start: the first point at or after it in file time (the analysis may have stopped early
  // where time runs backwards, so the series is matched from its start, not from the end).
  let offset = n;
  if (analysis) {
    offset = 0;
    while (offset < n && !(run.timeS[offset] >= analysis.reduction.startS)) offset++;
  }
  const m = analysis ? analysis.tS.length : 0;
  const out = openAtomicSync(path);
  try {
    out.write(header.join(',') + '\n');
    const chunk: string[] = [];
    for (let i = 0; i < n; i++) {
      let line = `${cell(run.timeS[i])},${T ? cell(T[i]) : ''},${mass ? cell(mass[i]) : ''}`;
      if (analysis) {
        const k = i - offset;
        const inside = k >= 0 && k < m;
        if (corrected) line += inside ? `,${cell(analysis.massCorrectedMg[k])}` : ',';
        line += inside ? `,${cell(analysis.tS[k])},${cell(analysis.alpha[k])},${cell(analysis.dAlphaDtPerS[k])}` : ',,,';
      }
      chunk.push(line);
      if (chunk.length === 20000) {
        out.write(chunk.join('\n') + '\n');
        chunk.length = 0;
      }
    }
    if (chunk.length) out.write(chunk.join('\n') + '\n');
    out.commit();
  } catch (error) {
    out.abort();
    throw error;
  }
  return n;
}
