/**
 * Amptek MCA text files (.mca; DPPMCA / PMCA software of the Amptek digital pulse processors used on many EDD
 * detectors): sections in double angle brackets, header 'KEY - value' lines, an optional calibration of
 * (channel, energy) pairs, one count per line between <<DATA>> and <<END>>, then configuration sections.
 *
 *   <<PMCA SPECTRUM>>
 *   TAG - live_data
 *   LIVE_TIME - 8994.994673
 *   REAL_TIME - 9252.206000
 *   START_TIME - 06/07/2024 12:04:33
 *   <<CALIBRATION>>
 *   LABEL - Channel
 *   552.31 5.9
 *   1299.82 13.95
 *   <<ROI>>
 *   150 250
 *   <<DATA>>
 *   0
 *   193719
 *   …
 *   <<END>>
 *   <<DP5 CONFIGURATION>> …
 *
 * Channels are 0-based (the first count is channel 0). The calibration is the least-squares line through the
 * listed pairs (E in keV, as DPPMCA writes them) — a quadratic through three or more points —; a calibration
 * labelled in eV is converted.
 */
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type ParseInput } from '../types';
import { energiesOf, fitCalibration, normaliseDateTime, type EddFormatModule, type EddSpectrum, type EnergyCalibration } from './types';

export function parseAmptekMca(fileName: string, bytes: Uint8Array): EddSpectrum {
  const { text } = decodeBytes(bytes);
  const lines = splitLines(text);
  const metadata: Record<string, string> = {};
  const warnings: string[] = [];
  let section = '';
  let calLabel = '';
  const calPoints: [number, number][] = [];
  const counts: number[] = [];
  let dataStart = 0;
  let sawData = false;
  let sawEnd = false;
  let sawHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trim();
    const lineNo = i + 1;
    const sec = /^<<(.+)>>$/.exec(line);
    if (sec) {
      const name = sec[1].trim().toUpperCase();
      if (section === 'DATA' && name === 'END') sawEnd = true;
      section = name;
      if (name === 'PMCA SPECTRUM') sawHeader = true;
      if (name === 'DATA') {
        if (sawData) throw new FormatError(fileName, lineNo, 'one <<DATA>> section', line);
        sawData = true;
        dataStart = lineNo + 1;
      }
      continue;
    }
    if (line === '') continue;
    if (section === 'PMCA SPECTRUM') {
      const kv = /^([A-Z_0-9]+)\s+-\s*(.*)$/.exec(line);
      if (kv) metadata[kv[1]] = kv[2].trim();
    } else if (section === 'CALIBRATION') {
      const lab = /^LABEL\s+-\s*(.*)$/.exec(line);
      if (lab) {
        calLabel = lab[1].trim();
        continue;
      }
      const nums = line.split(/\s+/).map(Number);
      if (nums.length !== 2 || nums.some((v) => !Number.isFinite(v))) {
        throw new FormatError(fileName, lineNo, 'a calibration pair "channel energy"', line);
      }
      calPoints.push([nums[0], nums[1]]);
    } else if (section === 'DATA') {
      const v = Number(line);
      if (!Number.isFinite(v) || v < 0) throw new FormatError(fileName, lineNo, 'one non-negative count per line in <<DATA>>', line);
      counts.push(v);
    }
  }
  if (!sawHeader) warnings.push('no <<PMCA SPECTRUM>> header section: live and real times unknown');
  if (!sawData) throw new FormatError(fileName, null, 'a <<DATA>> section');
  if (counts.length < 16) throw new FormatError(fileName, dataStart, 'at least 16 channels of counts in <<DATA>>');
  if (!sawEnd) warnings.push(`no <<END>> after the data: the file may be truncated (${counts.length} channels read)`);
  const mcac = /MCAC=(\d+)/.exec(text);
  if (mcac && Number(mcac[1]) !== counts.length) warnings.push(`the configuration says MCAC=${mcac[1]} channels, the data has ${counts.length}`);
  const channel = Float64Array.from(counts, (_, i) => i);
  let calibration: EnergyCalibration | null = null;
  if (calPoints.length >= 2) {
    const scale = /\bev\b/i.test(calLabel) && !/kev/i.test(calLabel) ? 1e-3 : 1;
    const pts = calPoints.map(([c, e]) => [c, e * scale] as [number, number]);
    const fit = fitCalibration(pts, pts.length >= 3 ? 2 : 1);
    calibration = { ...fit, source: 'file', points: pts };
    if (!(fit.b > 0)) {
      warnings.push('the file\'s energy calibration does not increase with channel: ignored');
      calibration = null;
    }
  } else if (calPoints.length === 1) {
    warnings.push('the file has one calibration point only: no energy scale (give an energy calibration)');
  }
  const num = (k: string): number | null => (metadata[k] !== undefined && Number.isFinite(Number(metadata[k])) ? Number(metadata[k]) : null);
  return {
    fileName, formatId: 'amptek-mca', label: '', channel, counts: Float64Array.from(counts),
    energyKeV: calibration ? energiesOf(channel, calibration) : null, calibration,
    liveTimeS: num('LIVE_TIME'), realTimeS: num('REAL_TIME'),
    startTime: metadata.START_TIME ? normaliseDateTime(metadata.START_TIME) : null,
    metadata: calLabel ? { ...metadata, CALIBRATION_LABEL: calLabel } : metadata, warnings, dataStartLine: dataStart,
  };
}

export const amptekMca: EddFormatModule = {
  id: 'amptek-mca',
  label: 'Amptek MCA (.mca, <<PMCA SPECTRUM>> … <<DATA>> … <<END>>)',
  technique: 'edd',
  extensions: ['mca'],
  detect({ headText }: DetectInput): number {
    return /^\s*<<PMCA SPECTRUM>>/.test(headText) ? 0.95 : /<<DATA>>/.test(headText) && /<<END>>|LIVE_TIME/.test(headText) ? 0.6 : 0;
  },
  parse({ fileName, bytes }: ParseInput): EddSpectrum[] {
    return [parseAmptekMca(fileName, bytes)];
  },
};
