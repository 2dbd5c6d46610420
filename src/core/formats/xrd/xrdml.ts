/**
 * PANalytical / Malvern Panalytical XRDML (XML, schema versions 1.x–2.x).
 *
 *   <xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5">
 *     <sample><id>…</id><name>…</name></sample>
 *     <xrdMeasurement measurementType="Scan">
 *       <usedWavelength intended="K-Alpha"><kAlpha1 unit="Angstrom">1.5405980</kAlpha1>
 *         <kAlpha2 …>1.5444260</kAlpha2><ratioKAlpha2KAlpha1>0.5000</ratioKAlpha2KAlpha1></usedWavelength>
 *       <scan appendNumber="0" mode="Continuous" scanAxis="Gonio">
 *         <header><startTimeStamp>2020-11-06T18:09:37+00:00</startTimeStamp>…</header>
 *         <dataPoints>
 *           <positions axis="2Theta" unit="deg"><startPosition>5.0047</startPosition><endPosition>124.99</endPosition></positions>
 *           <commonCountingTime unit="seconds">15.240</commonCountingTime>
 *           <intensities unit="counts">374 401 …</intensities>       (XRDML 2.x: <counts unit="counts">)
 *
 * 2θ is either a start/end pair (x_i = start + i·(end − start)/(n − 1)) or a <listPositions> list. Each <scan> is one
 * pattern (readSequenceFile returns them all; parse returns the first). The wavelength is Kα1, with Kα2 and the
 * ratio in `radiation` whenever the file lists them (the `intended` label is kept in metadata but not trusted:
 * files say 'K-Alpha 1' with a Kα2 line and no monochromator). timeS = the scan's start time stamp (epoch s).
 * Intensities are kept as stored (counts); beam attenuation factors, if present, are applied with a warning.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { decodeBytes } from '../../text/decode';
import { instrumentXmlParser } from '../xml';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { isoToEpochS, makePattern, parseNumberList } from './common';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['xrdMeasurement', 'scan', 'positions', 'entry']);

function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return String((v as Node)['#text']);
  return '';
}

function attr(v: unknown, name: string): string {
  return v && typeof v === 'object' ? String((v as Node)[`@_${name}`] ?? '') : '';
}

function asNode(v: unknown): Node {
  return v && typeof v === 'object' ? (v as Node) : {};
}

function asArray(v: unknown): Node[] {
  if (Array.isArray(v)) return v.map(asNode);
  return v === undefined ? [] : [asNode(v)];
}

function num(v: unknown): number {
  const s = textOf(v).trim();
  return s === '' ? NaN : Number(s);
}

/** Read every scan of an XRDML file as one pattern each. */
export function readXrdmlScans(fileName: string, bytes: Uint8Array): Pattern[] {
  const { text } = decodeBytes(bytes);
  let doc: Node;
  try {
    const parser = instrumentXmlParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      removeNSPrefix: true,
      isArray: (name) => ARRAYS.has(name),
    });
    doc = asNode(parser.parse(text));
  } catch (e) {
    throw new FormatError(fileName, null, 'well-formed XRDML (XML)', String(e));
  }
  const root = asNode(doc.xrdMeasurements);
  if (!doc.xrdMeasurements) throw new FormatError(fileName, null, 'an <xrdMeasurements> root element');
  // The XML parser is lenient with unclosed elements: a file cut short would read as a scan with fewer (or no) points.
  if (!/<\/([\w.-]+:)?xrdMeasurements\s*>\s*$/.test(text.slice(-256))) {
    throw new FormatError(fileName, null, 'the closing </xrdMeasurements> tag at the end of the file', 'the file ends before it (truncated or still being written)');
  }
  const sample = asNode(root.sample);
  const common: Record<string, string> = {};
  const ns = attr(root, 'schemaLocation');
  if (ns) common.schema = ns.split(/\s+/)[0];
  const sid = textOf(sample.id).trim();
  const sname = textOf(sample.name).trim();
  if (sid) common['sample id'] = sid;
  if (sname) common['sample name'] = sname;
  const entries = asNode(root.comment).entry;
  (Array.isArray(entries) ? entries : entries === undefined ? [] : [entries]).forEach((e: unknown, i: number) => {
    const t = textOf(e).trim();
    if (t) common[`comment ${i + 1}`] = t;
  });
  const patterns: Pattern[] = [];
  const measurements = asArray(root.xrdMeasurement);
  if (measurements.length === 0) throw new FormatError(fileName, null, 'an <xrdMeasurement> element');
  measurements.forEach((meas, mi) => {
    const wl = asNode(meas.usedWavelength);
    const k1 = num(wl.kAlpha1);
    const k2 = num(wl.kAlpha2);
    const ratio = num(wl.ratioKAlpha2KAlpha1);
    const radiation: Radiation | undefined = Number.isFinite(k1)
      ? { wavelengthA: k1, ...(Number.isFinite(k2) && k2 > 0 ? { wavelength2A: k2 } : {}), ...(Number.isFinite(ratio) && ratio > 0 ? { ratio21: ratio } : {}) }
      : undefined;
    const measMeta: Record<string, string> = { ...common };
    if (attr(wl, 'intended')) measMeta['usedWavelength intended'] = attr(wl, 'intended');
    if (Number.isFinite(num(wl.kBeta))) measMeta.kBeta = textOf(wl.kBeta).trim();
    const tube = asNode(asNode(meas.incidentBeamPath).xRayTube);
    if (tube.anodeMaterial) measMeta.anode = textOf(tube.anodeMaterial).trim();
    if (tube.tension) measMeta['tension kV'] = textOf(tube.tension).trim();
    if (tube.current) measMeta['current mA'] = textOf(tube.current).trim();
    const det = asNode(asNode(meas.diffractedBeamPath).detector);
    if (attr(det, 'name')) measMeta.detector = attr(det, 'name');
    const scans = asArray(meas.scan);
    scans.forEach((scan, si) => {
      const label = `measurement ${mi + 1} scan ${si + 1}`;
      const dp = asNode(scan.dataPoints);
      const pos = asArray(dp.positions).find((p) => attr(p, 'axis') === '2Theta');
      const yNode = dp.intensities ?? dp.counts;
      if (!yNode) throw new FormatError(fileName, null, `<intensities> or <counts> in ${label}`);
      const y = parseNumberList(textOf(yNode), fileName, `<${dp.intensities ? 'intensities' : 'counts'}> of ${label}`);
      const n = y.length;
      if (n === 0) throw new FormatError(fileName, null, `intensity values in <${dp.intensities ? 'intensities' : 'counts'}> of ${label}`, 'an empty list');
      if (!pos) throw new FormatError(fileName, null, `<positions axis="2Theta"> in ${label}`);
      let x: Float64Array;
      if (pos.listPositions !== undefined) {
        x = parseNumberList(textOf(pos.listPositions), fileName, `<listPositions> of ${label}`);
        if (x.length !== n) throw new FormatError(fileName, null, `${n} 2θ list positions in ${label}`, `${x.length}`);
      } else {
        const start = num(pos.startPosition);
        const end = num(pos.endPosition);
        if (!Number.isFinite(start) || !Number.isFinite(end)) throw new FormatError(fileName, null, `2θ <startPosition>/<endPosition> in ${label}`);
        x = new Float64Array(n);
        const step = n > 1 ? (end - start) / (n - 1) : 0;
        for (let i = 0; i < n; i++) x[i] = start + i * step;
        if (n > 0) x[n - 1] = end;
      }
      const warnings: string[] = [];
      let intensity = y;
      const att = dp.beamAttenuationFactors;
      if (att !== undefined && textOf(att).trim() !== '') {
        const f = parseNumberList(textOf(att), fileName, `<beamAttenuationFactors> of ${label}`);
        if (f.length === n && f.some((v) => v !== 1)) {
          intensity = y.map((v, i) => v * f[i]);
          warnings.push('beam attenuation factors applied to the intensities');
        }
      }
      const header = asNode(scan.header);
      const start = textOf(header.startTimeStamp).trim();
      const metadata: Record<string, string> = { ...measMeta };
      metadata.scanAxis = attr(scan, 'scanAxis');
      metadata.mode = attr(scan, 'mode');
      metadata['intensity unit'] = attr(yNode, 'unit');
      if (start) metadata.startTimeStamp = start;
      const end = textOf(header.endTimeStamp).trim();
      if (end) metadata.endTimeStamp = end;
      const cct = dp.commonCountingTime;
      if (cct !== undefined) metadata['commonCountingTime s'] = textOf(cct).trim();
      if (!radiation) warnings.push('no <usedWavelength> in the file');
      const timeS = start ? isoToEpochS(start) : null;
      patterns.push(
        makePattern({
          fileName,
          formatId: 'xrdml',
          x,
          xUnit: '2th_deg',
          intensity,
          wavelengthA: radiation?.wavelengthA ?? null,
          ...(radiation ? { radiation } : {}),
          timeS,
          ...(timeS !== null ? { timeKind: 'epoch' as const, acquiredAt: start } : {}),
          label: measurements.length * scans.length > 1 ? label : undefined,
          frameIndex: patterns.length,
          metadata,
          warnings,
        }),
      );
    });
  });
  if (patterns.length === 0) throw new FormatError(fileName, null, 'at least one <scan>');
  return patterns;
}

export const xrdml: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'xrdml',
  label: 'PANalytical XRDML (.xrdml)',
  technique: 'xrd',
  extensions: ['xrdml'],
  detect({ headText }: DetectInput): number {
    try {
      if (/<xrdMeasurements[\s>]/.test(headText)) return 0.98;
      return /xrdml\.com\/XRDMeasurement/.test(headText) ? 0.9 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const scans = readXrdmlScans(fileName, bytes);
    const first = scans[0];
    if (scans.length > 1) first.warnings.push(`the file holds ${scans.length} scans; the first is shown (import as a sequence for all)`);
    return first;
  },
  readSequenceFile: readXrdmlScans,
};
