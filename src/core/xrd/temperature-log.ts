/** Temperature logs to put beside an in situ sequence (xrdSetTemperatureLog; parsed in the import worker). */
import { decodeBytes, splitLines } from '../text/decode';

/**
 * A temperature log: lines with at least two numbers (time in s on the sequence's clock, temperature in °C),
 * separated by commas, semicolons, tabs or spaces; header and comment lines are skipped.
 */
export function parseTemperatureLog(fileName: string, bytes: Uint8Array): { timeS: Float64Array; temperatureC: Float64Array } {
  const t: number[] = [];
  const y: number[] = [];
  for (const line of splitLines(decodeBytes(bytes).text)) {
    const cells = line.trim().split(/[,;\t ]+/);
    if (cells.length < 2) continue;
    const a = Number(cells[0]);
    const b = Number(cells[1]);
    if (cells[0] === '' || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    t.push(a);
    y.push(b);
  }
  if (t.length < 2) throw new Error(`${fileName}: expected a temperature log with two numeric columns (time in s, temperature in °C), found ${t.length} data rows`);
  return { timeS: Float64Array.from(t), temperatureC: Float64Array.from(y) };
}
