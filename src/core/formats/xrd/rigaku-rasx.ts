/**
 * Rigaku SmartLab Studio II .rasx: a ZIP of Data0/Profile0.txt (UTF-8 with BOM, CRLF, tab-separated
 * '2θ  counts  attenuator-factor'), Data0/MesurementConditions0.xml (sic) and a signed root.xml. One DataN folder per
 * scan.
 *
 *   <MeasurementConditions><GeneralInformation><SampleName>JO_KL_16_ZF</SampleName>…
 *     <WavelengthKalpha1>1.540593</WavelengthKalpha1><WavelengthKalpha2>1.544414</WavelengthKalpha2>…
 *     <ScanInformation><AxisName>TwoThetaTheta</AxisName><Start>3.0000</Start><Stop>60.0000</Stop>
 *       <Step>0.0200</Step><DataCount>2851</DataCount><StartTime>2025-03-07T13:28:15Z</StartTime>…
 *
 * Intensity = counts × attenuator factor (column 3, 1 when no attenuator was in). The Kα2/Kα1 ratio is not in the
 * file; `radiation.ratio21` is left out rather than assumed.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { decodeBytes } from '../../text/decode';
import { readZipMembers } from '../archive';
import { instrumentXmlParser } from '../xml';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { findFirst, isZip, isoToEpochS, makePattern, readNumericTable, zipMemberNamesInHead } from './common';

const PROFILE = /^Data(\d+)\/Profile(\d+)\.txt$/;

function leaf(tree: unknown, name: string): string {
  const v = findFirst(tree, name);
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  return '';
}

export function readRasxScans(fileName: string, bytes: Uint8Array): Pattern[] {
  // Only the profiles and their measurement conditions are read (the signed root.xml and images are not).
  const files = readZipMembers(fileName, bytes, (name) => PROFILE.test(name) || /^Data\d+\/Mes?urementConditions\d+\.xml$/.test(name));
  const profiles = Object.keys(files)
    .filter((n) => PROFILE.test(n))
    .sort((a, b) => Number(PROFILE.exec(a)?.[1]) - Number(PROFILE.exec(b)?.[1]) || Number(PROFILE.exec(a)?.[2]) - Number(PROFILE.exec(b)?.[2]));
  if (profiles.length === 0) throw new FormatError(fileName, null, 'a Data0/Profile0.txt member in the .rasx');
  const parser = instrumentXmlParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true });
  return profiles.map((name, index) => {
    const [, d, p] = PROFILE.exec(name) as RegExpExecArray;
    const condName = Object.keys(files).find((n) => n === `Data${d}/MesurementConditions${p}.xml` || n === `Data${d}/MeasurementConditions${p}.xml`);
    let tree: unknown = {};
    if (condName) {
      try {
        tree = parser.parse(decodeBytes(files[condName]).text);
      } catch (e) {
        throw new FormatError(fileName, null, `well-formed XML in ${condName}`, String(e));
      }
    }
    const table = readNumericTable(decodeBytes(files[name]).text, `${fileName}:${name}`, { commentChars: '#*' });
    if (table.rowCount === 0) throw new FormatError(`${fileName}:${name}`, null, "rows of '2θ  counts  attenuator'");
    const x = table.columns[0];
    let y = table.columns[1];
    if (table.columns.length >= 3) {
      const att = table.columns[2];
      if (att.some((v) => v !== 1)) y = y.map((v, i) => v * att[i]);
    }
    const k1 = Number(leaf(tree, 'WavelengthKalpha1'));
    const k2 = Number(leaf(tree, 'WavelengthKalpha2'));
    const radiation: Radiation | undefined = k1 > 0 ? { wavelengthA: k1, ...(k2 > 0 ? { wavelength2A: k2 } : {}) } : undefined;
    const metadata: Record<string, string> = { member: name };
    for (const key of ['SampleName', 'Operator', 'TargetName', 'AxisName', 'Start', 'Stop', 'Step', 'Speed', 'SpeedUnit', 'DataCount', 'IntensityUnit', 'StartTime', 'EndTime', 'WavelengthKbeta']) {
      const v = leaf(tree, key);
      if (v !== '') metadata[key] = v;
    }
    const warnings: string[] = [];
    const declared = Number(metadata.DataCount);
    if (Number.isFinite(declared) && declared !== table.rowCount) warnings.push(`DataCount says ${declared}, the profile holds ${table.rowCount} rows`);
    if (!condName) warnings.push('no measurement-conditions XML for this profile');
    if (metadata.AxisName && !/TwoTheta/i.test(metadata.AxisName)) warnings.push(`scan axis '${metadata.AxisName}' is not 2θ; x read as 2θ in degrees`);
    const start = metadata.StartTime ?? '';
    const timeS = start ? isoToEpochS(start) : null;
    return makePattern({
      fileName,
      formatId: 'rigaku-rasx',
      x,
      xUnit: '2th_deg',
      intensity: y,
      wavelengthA: radiation?.wavelengthA ?? null,
      ...(radiation ? { radiation } : {}),
      timeS,
      ...(timeS !== null ? { timeKind: 'epoch' as const, acquiredAt: start } : {}),
      label: profiles.length > 1 ? name : undefined,
      frameIndex: index,
      metadata,
      warnings,
    });
  });
}

export const rigakuRasx: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'rigaku-rasx',
  label: 'Rigaku SmartLab (.rasx)',
  technique: 'xrd',
  extensions: ['rasx'],
  detect({ headBytes, fileName }: DetectInput): number {
    try {
      if (!isZip(headBytes)) return 0;
      const names = zipMemberNamesInHead(headBytes);
      if (names.some((n) => PROFILE.test(n) || /^Data\d+\/Mes?urementConditions\d+\.xml$/.test(n))) return 0.95;
      return /\.rasx$/i.test(fileName) ? 0.7 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const scans = readRasxScans(fileName, bytes);
    if (scans.length > 1) scans[0].warnings.push(`the file holds ${scans.length} scans; the first is shown`);
    return scans[0];
  },
  readSequenceFile: readRasxScans,
};
