/**
 * Bruker DIFFRAC.SUITE .brml: a ZIP holding experimentCollection.xml and Experiment0/RawData0.xml (one RawDataN.xml
 * per range). A bare RawData0.xml is read too.
 *
 *   <RawData><TimeStampStarted>2020-01-16T09:42:44.06+01:00</TimeStampStarted>
 *     <DataRoutes><DataRoute RouteFlag="Measured">
 *       <ScanInformation ScanName="LockedCoupled" VisibleName="Coupled TwoTheta/Theta">
 *         <MeasurementPoints>3714</MeasurementPoints> … <ScanAxisInfo AxisId="TwoTheta"><Start>2</Start>…
 *       <SubScans><SubScanInfo MeasuredSteps="3714" …/></SubScans>
 *       <Datum>192,1,2,1,1080</Datum>                  (time, absorption factor, 2θ, θ, counts)
 *       <DataViews><RawDataView Start="2" Length="2"><Varying …><FieldDefinitions FieldName="TwoTheta">…
 *     … <Tube><WaveLengthAlpha1 Unit="Å" Value="1.5406"/><WaveLengthAlpha2 …/><WaveLengthRatio Value="0.5"/>
 *
 * The column of 2θ and of the counter are taken from the <RawDataView> declarations (2 and 4 when absent). Intensity
 * is the counter as stored; 2θ is the per-point value in <Datum>.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { decodeBytes } from '../../text/decode';
import { readZipMembers } from '../archive';
import { instrumentXmlParser } from '../xml';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { findFirst, isZip, isoToEpochS, makePattern, zipMemberNamesInHead } from './common';

type Node = Record<string, unknown>;
const RAWDATA = /(^|\/)RawData(\d*)\.xml$/i;
const ARRAYS = new Set(['DataRoute', 'Datum', 'RawDataView', 'FieldDefinitions', 'InfoItem', 'ScanAxisInfo', 'SubScanInfo']);

function asNode(v: unknown): Node {
  return v && typeof v === 'object' ? (v as Node) : {};
}
function asArray(v: unknown): Node[] {
  if (Array.isArray(v)) return v.map(asNode);
  return v === undefined ? [] : [asNode(v)];
}
function textOf(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in (v as Node)) return String((v as Node)['#text']);
  return '';
}

function valueAttr(v: unknown): number {
  const n = asArray(v)[0];
  return n ? Number(n['@_Value']) : NaN;
}

/** Read one RawDataN.xml into patterns (one per measured data route). */
export function readBrmlRawData(fileName: string, xml: string, member: string): Pattern[] {
  let doc: Node;
  try {
    doc = asNode(
      instrumentXmlParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, removeNSPrefix: true, isArray: (n) => ARRAYS.has(n) }).parse(xml),
    );
  } catch (e) {
    throw new FormatError(fileName, null, `well-formed XML in ${member}`, String(e));
  }
  const raw = asNode(doc.RawData);
  if (!doc.RawData) throw new FormatError(fileName, null, `a <RawData> root in ${member}`);
  const started = textOf(raw.TimeStampStarted).trim();
  const k1 = valueAttr(findFirst(raw, 'WaveLengthAlpha1'));
  const k2 = valueAttr(findFirst(raw, 'WaveLengthAlpha2'));
  const ratio = valueAttr(findFirst(raw, 'WaveLengthRatio'));
  const radiation: Radiation | undefined = Number.isFinite(k1)
    ? { wavelengthA: k1, ...(Number.isFinite(k2) && k2 > 0 ? { wavelength2A: k2 } : {}), ...(Number.isFinite(ratio) && ratio > 0 ? { ratio21: ratio } : {}) }
    : undefined;
  const infoItems = asArray(findFirst(raw, 'InfoItem'));
  const metadata: Record<string, string> = { member };
  for (const it of infoItems) if (it['@_Name'] && it['@_Value'] !== undefined) metadata[String(it['@_Name'])] = String(it['@_Value']);
  if (started) metadata.TimeStampStarted = started;
  const finished = textOf(raw.TimeStampFinished).trim();
  if (finished) metadata.TimeStampFinished = finished;
  const tubeMaterial = textOf(findFirst(raw, 'TubeMaterial')).trim();
  if (tubeMaterial) metadata.anode = tubeMaterial;
  const routes = asArray(asNode(raw.DataRoutes).DataRoute).filter((r) => asArray(r.Datum).length > 0);
  if (routes.length === 0) throw new FormatError(fileName, null, `<Datum> rows in ${member}`);
  return routes.map((route, ri) => {
    const scan = asNode(route.ScanInformation);
    let twoThetaCol = 2;
    let counterCol = 4;
    for (const view of asArray(asNode(route.DataViews).RawDataView)) {
      const start = Number(view['@_Start']);
      const type = String(view['@_type'] ?? '');
      const fields = asArray(asNode(view.Varying).FieldDefinitions);
      const idx = fields.findIndex((f) => f['@_FieldName'] === 'TwoTheta');
      if (idx >= 0 && Number.isFinite(start)) twoThetaCol = start + idx;
      if (/Recorded/.test(type) && Number.isFinite(start)) counterCol = start;
    }
    const datums = asArray(route.Datum).length ? (route.Datum as unknown[]) : [];
    const n = datums.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const cells = textOf(datums[i]).split(',');
      x[i] = Number(cells[twoThetaCol]);
      y[i] = Number(cells[counterCol]);
      if (Number.isNaN(x[i]) || Number.isNaN(y[i])) throw new FormatError(fileName, null, `numeric 2θ (column ${twoThetaCol + 1}) and counts (column ${counterCol + 1}) in <Datum> ${i + 1} of ${member}`, textOf(datums[i]));
    }
    const warnings: string[] = [];
    const declared = Number(textOf(scan.MeasurementPoints));
    const measured = asArray(asNode(route.SubScans).SubScanInfo).reduce((s, v) => s + Number(v['@_MeasuredSteps'] ?? 0), 0);
    if (Number.isFinite(declared) && declared !== n) warnings.push(`MeasurementPoints says ${declared}, the file holds ${n} <Datum> rows`);
    if (measured > 0 && measured !== n) warnings.push(`SubScanInfo MeasuredSteps says ${measured}, the file holds ${n} <Datum> rows`);
    if (!radiation) warnings.push('no tube wavelengths in the file');
    const timeS = started ? isoToEpochS(started) : null;
    return makePattern({
      fileName,
      formatId: 'bruker-brml',
      x,
      xUnit: '2th_deg',
      intensity: y,
      wavelengthA: radiation?.wavelengthA ?? null,
      ...(radiation ? { radiation } : {}),
      timeS,
      ...(timeS !== null ? { timeKind: 'epoch' as const, acquiredAt: started } : {}),
      label: routes.length > 1 ? `${member} route ${ri + 1}` : member,
      metadata: {
        ...metadata,
        ...(scan['@_ScanName'] ? { ScanName: String(scan['@_ScanName']) } : {}),
        ...(scan['@_VisibleName'] ? { scanType: String(scan['@_VisibleName']) } : {}),
        ...(textOf(scan.ScanModeVisibleName) ? { scanMode: textOf(scan.ScanModeVisibleName) } : {}),
        ...(Number.isFinite(declared) ? { MeasurementPoints: String(declared) } : {}),
      },
      warnings,
    });
  });
}

/** All ranges of a .brml (or a bare RawData.xml), in RawData number order. */
export function readBrmlRanges(fileName: string, bytes: Uint8Array): Pattern[] {
  if (!isZip(bytes)) return readBrmlRawData(fileName, decodeBytes(bytes).text, fileName).map((p, i) => ({ ...p, frameIndex: i }));
  const files = readZipMembers(fileName, bytes, (name) => RAWDATA.test(name));
  const names = Object.keys(files).sort((a, b) => Number(RAWDATA.exec(a)?.[2] || 0) - Number(RAWDATA.exec(b)?.[2] || 0));
  if (names.length === 0) throw new FormatError(fileName, null, 'an Experiment0/RawData0.xml member in the .brml');
  const out: Pattern[] = [];
  for (const name of names) for (const p of readBrmlRawData(fileName, decodeBytes(files[name]).text, name)) out.push({ ...p, frameIndex: out.length });
  return out;
}

export const brukerBrml: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'bruker-brml',
  label: 'Bruker DIFFRAC.SUITE (.brml)',
  technique: 'xrd',
  extensions: ['brml', 'xml'],
  detect({ headText, headBytes, fileName }: DetectInput): number {
    try {
      if (isZip(headBytes)) {
        const names = zipMemberNamesInHead(headBytes);
        if (names.some((n) => RAWDATA.test(n)) || names.includes('experimentCollection.xml')) return 0.95;
        return /\.brml$/i.test(fileName) ? 0.7 : 0;
      }
      return /<RawData[\s>]/.test(headText) && /<DataRoutes|<Datum>/.test(headText) ? 0.9 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const ranges = readBrmlRanges(fileName, bytes);
    if (ranges.length > 1) ranges[0].warnings.push(`the file holds ${ranges.length} ranges; the first is shown`);
    return ranges[0];
  },
  readSequenceFile: readBrmlRanges,
};
