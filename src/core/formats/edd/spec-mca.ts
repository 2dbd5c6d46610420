/**
 * SPEC data files with MCA spectra (the beamline control program used at ESRF, APS and other EDD stations):
 * scans start with '#S', MCA headers are '#@' lines, every spectrum is an '@A' line of counts that continues over
 * lines ending in a backslash. One file can hold many scans and many spectra: each becomes one EddSpectrum.
 *
 *   #F edd_run.spec
 *   #D Thu Mar 02 10:11:12 2023
 *   #S 3  ct 60
 *   #D Thu Mar 02 10:15:40 2023
 *   #@MCA 16C
 *   #@CHANN 4096 0 4095 1
 *   #@CALIB 0.0123 0.03662 0
 *   #@CTIME 60 59.1 60
 *   #L Epoch  Seconds  Detector
 *   1234 60 123456
 *   @A 0 0 3 5 12 18 25 31 40 44 51 57 63 66 70 75\
 *    81 84 90 …
 *
 * '#@CALIB a b c' gives E = a + b·ch + c·ch² in keV for channel ch (the channel numbers of '#@CHANN first…last').
 * '#@CTIME preset live real' gives the counting times.
 */
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type ParseInput } from '../types';
import { energiesOf, normaliseDateTime, type EddFormatModule, type EddSpectrum, type EnergyCalibration } from './types';

interface ScanState {
  scan: string;
  date: string | null;
  calib: [number, number, number] | null;
  firstChannel: number;
  ctime: [number, number, number] | null;
  count: number;
}

export function parseSpecMca(fileName: string, bytes: Uint8Array): EddSpectrum[] {
  const { text } = decodeBytes(bytes);
  const lines = splitLines(text);
  const out: EddSpectrum[] = [];
  let fileDate: string | null = null;
  let st: ScanState = { scan: '0', date: null, calib: null, firstChannel: 0, ctime: null, count: 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (line.startsWith('#S ')) {
      st = { scan: line.slice(3).trim().split(/\s+/)[0], date: null, calib: st.calib, firstChannel: st.firstChannel, ctime: null, count: 0 };
      continue;
    }
    if (line.startsWith('#D ')) {
      const d = normaliseDateTime(line.slice(3));
      if (st.scan === '0') fileDate = d;
      else st.date = d;
      continue;
    }
    if (line.startsWith('#@CALIB')) {
      const v = line.slice(7).trim().split(/\s+/).map(Number);
      if (v.length < 2 || v.slice(0, 3).some((x) => !Number.isFinite(x))) throw new FormatError(fileName, lineNo, '#@CALIB a b [c]', line);
      st.calib = [v[0], v[1], v[2] ?? 0];
      continue;
    }
    if (line.startsWith('#@CHANN')) {
      const v = line.slice(7).trim().split(/\s+/).map(Number);
      if (v.length >= 2 && Number.isFinite(v[1])) st.firstChannel = v[1];
      continue;
    }
    if (line.startsWith('#@CTIME')) {
      const v = line.slice(7).trim().split(/\s+/).map(Number);
      if (v.length >= 3 && v.every(Number.isFinite)) st.ctime = [v[0], v[1], v[2]];
      continue;
    }
    if (!line.startsWith('@A')) continue;
    // Gather the continued lines.
    const start = lineNo;
    let body = line.slice(2);
    while (body.trimEnd().endsWith('\\')) {
      body = body.trimEnd().slice(0, -1) + ' ';
      i++;
      if (i >= lines.length) throw new FormatError(fileName, i, 'the continuation of an @A line after a backslash');
      body += lines[i];
    }
    const toks = body.trim().split(/\s+/).filter((t) => t !== '');
    const counts = new Float64Array(toks.length);
    for (let k = 0; k < toks.length; k++) {
      const v = Number(toks[k]);
      if (!Number.isFinite(v) || v < 0) throw new FormatError(fileName, start, `non-negative counts on the @A line (value ${k + 1})`, toks[k]);
      counts[k] = v;
    }
    if (counts.length < 16) throw new FormatError(fileName, start, 'at least 16 channels on an @A line');
    st.count++;
    const channel = Float64Array.from(counts, (_, k) => st.firstChannel + k);
    const calibration: EnergyCalibration | null = st.calib && st.calib[1] > 0 ? { a: st.calib[0], b: st.calib[1], c: st.calib[2], source: 'file' } : null;
    const warnings: string[] = [];
    if (st.calib && !(st.calib[1] > 0)) warnings.push('#@CALIB does not increase with channel: ignored');
    out.push({
      fileName, formatId: 'spec-mca', label: `S${st.scan} #${st.count}`, channel, counts,
      energyKeV: calibration ? energiesOf(channel, calibration) : null, calibration,
      liveTimeS: st.ctime ? st.ctime[1] : null, realTimeS: st.ctime ? st.ctime[2] : null,
      startTime: st.date ?? fileDate, metadata: { scan: st.scan }, warnings, dataStartLine: start,
    });
  }
  if (out.length === 0) throw new FormatError(fileName, null, 'at least one @A MCA line');
  return out;
}

export const specMca: EddFormatModule = {
  id: 'spec-mca',
  label: 'SPEC file with MCA spectra (@A lines)',
  technique: 'edd',
  extensions: ['spec', 'dat', 'mca', ''],
  detect({ headText }: DetectInput): number {
    const hasA = /^@A[\s\d]/m.test(headText);
    const hasSpec = /^#(S|F|@MCA|@CHANN|@CALIB) /m.test(headText);
    return hasA && hasSpec ? 0.9 : hasA ? 0.5 : hasSpec && /^#@MCA/m.test(headText) ? 0.4 : 0;
  },
  parse({ fileName, bytes }: ParseInput): EddSpectrum[] {
    return parseSpecMca(fileName, bytes);
  },
};
