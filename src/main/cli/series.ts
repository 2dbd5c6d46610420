/** `--series OUT.csv`: the mass curve in file time, with α and dα/dt from the reduction start on. */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TgaAnalysis } from '../../shared/analysis';
import type { TgaRun } from '../../shared/types';

const cell = (x: number): string => (x === x ? String(x) : '');

/** Write the tidy series CSV in chunks (a 10⁶-row run never becomes one string). Returns the rows written. */
export function writeSeriesCsv(path: string, run: TgaRun, analysis: TgaAnalysis | null, withCorrected: boolean): number {
  const n = run.timeS.length;
  const mass = run.massMg ?? run.massPercent;
  const T = run.temperatureC;
  const header = ['fileTimeS', 'temperatureC', run.massMg ? 'massMg' : 'massPercent'];
  const corrected = analysis && withCorrected;
  if (corrected) header.push('massCorrectedMg');
  if (analysis) header.push('tS', 'alpha', 'dAlphaDtPerS');
  const offset = analysis ? n - analysis.tS.length : n;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header.join(',') + '\n');
    const chunk: string[] = [];
    for (let i = 0; i < n; i++) {
      let line = `${cell(run.timeS[i])},${T ? cell(T[i]) : ''},${mass ? cell(mass[i]) : ''}`;
      if (analysis) {
        const k = i - offset;
        if (corrected) line += k >= 0 ? `,${cell(analysis.massCorrectedMg[k])}` : ',';
        line += k >= 0 ? `,${cell(analysis.tS[k])},${cell(analysis.alpha[k])},${cell(analysis.dAlphaDtPerS[k])}` : ',,,';
      }
      chunk.push(line);
      if (chunk.length === 20000) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk.length = 0;
      }
    }
    if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  return n;
}
