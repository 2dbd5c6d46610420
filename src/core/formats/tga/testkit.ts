/**
 * Builders of constructed instrument files for the TGA format tests: layouts no real file in ../shared has (a
 * cooling stage, a channel shorter than time, …), written byte by byte from the vendor layout as documented, so a
 * test knows every expected value by construction. A helper of the tests, not code the app runs (not mutated).
 */
import { strToU8, zipSync } from 'fflate';

// ---------------------------------------------------------------------------------------------------------------
// NETZSCH Proteus .ngb (layout: netzsch-ngb.ts header, after pyngb's docs/binary-format.md)
//   03 80 01 <field u16> 00 00 01 00 00 00 0c 00 17 fc ff ff <type u8> <flag u16> <value>
// flag 80 01 scalar (type 05 f64, 04 f32, 1a object: class u16 at +6, 1f string), a0 01 array (u32 count, elements).

const RECORD_HEAD = [0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x17, 0xfc, 0xff, 0xff];
const SCALAR = [0x80, 0x01];
const ARRAY = [0xa0, 0x01];

const le16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const f64 = (v: number): number[] => Array.from(new Uint8Array(new Float64Array([v]).buffer));
const f32 = (v: number): number[] => Array.from(new Uint8Array(new Float32Array([v]).buffer));

function record(field: number, type: number, flag: number[], payload: number[]): number[] {
  return [0x03, 0x80, 0x01, ...le16(field), ...RECORD_HEAD, type, ...flag, ...payload];
}

/** One .ngb record of each kind Proteus writes. */
export const ngbRecord = {
  f64: (field: number, v: number): number[] => record(field, 0x05, SCALAR, f64(v)),
  f32: (field: number, v: number): number[] => record(field, 0x04, SCALAR, f32(v)),
  /** An object header: the records after it, up to the next object, are its fields. */
  object: (field: number, cls: number): number[] => record(field, 0x1a, SCALAR, [0, 0, 0, 0, 0, 0, ...le16(cls)]),
  /** A string as 'ff fe ff' + char count + UTF-16LE; 255 characters or more: count byte ff, then a u16 count. */
  string: (field: number, s: string): number[] => {
    const units = Array.from(s).flatMap((c) => le16(c.charCodeAt(0)));
    const count = s.length < 0xff ? [s.length] : [0xff, ...le16(s.length)];
    return record(field, 0x1f, SCALAR, [0xff, 0xfe, 0xff, ...count, ...units]);
  },
  /** An array of float64 (type 05) or float32 (type 04) elements. */
  array: (field: number, values: number[], element: 'f64' | 'f32' = 'f64'): number[] =>
    record(field, element === 'f64' ? 0x05 : 0x04, ARRAY, [...le32(values.length), ...values.flatMap(element === 'f64' ? f64 : f32)]),
};

/** A stream's bytes: its records, then padding (a record is only read with 20 bytes after its start). */
export const ngbStream = (records: number[][]): Uint8Array => new Uint8Array([...records.flat(), ...new Array<number>(24).fill(0)]);

export interface NgbStage {
  /** 0 the start condition, 1 a dynamic or isothermal stage, 2 the final condition. */
  type: number;
  temperatureC: number;
  rateKPerMin?: number;
  durationMin?: number;
  acquisitionPerMin?: number;
  /** MFC id (30 purge 1, 31 purge 2, 32 protective) → flow in ml/min. */
  flows?: Record<number, number>;
}

export interface NgbSpec {
  sample?: { name?: string; massMg?: number };
  header?: { operator?: string; dateUnixS?: number };
  instrumentModel?: string;
  instrumentSerial?: string;
  /** MFC id → gas name. */
  gases?: Record<number, string>;
  stages?: NgbStage[];
  /** Stream-2 channels by field id (0x178c time in min, 0x178d temperature °C, 0x1790 mass change mg), one array per stored part. */
  channels: Record<number, number[][]>;
}

/** A .ngb archive (Streams/stream_1..3.table) holding what the spec says, in the classes and fields Proteus uses. */
export function ngbFile(spec: NgbSpec, extraMembers: Record<string, Uint8Array> = {}): Uint8Array {
  const meta: number[][] = [];
  if (spec.sample) {
    meta.push(ngbRecord.object(0x0001, 0x2afb));
    if (spec.sample.name !== undefined) meta.push(ngbRecord.string(0x0840, spec.sample.name));
    if (spec.sample.massMg !== undefined) meta.push(ngbRecord.f64(0x0c9e, spec.sample.massMg));
  }
  if (spec.header) {
    meta.push(ngbRecord.object(0x0002, 0x2afa));
    if (spec.header.operator !== undefined) meta.push(ngbRecord.string(0x0835, spec.header.operator));
    if (spec.header.dateUnixS !== undefined) meta.push(ngbRecord.f64(0x083e, spec.header.dateUnixS));
  }
  for (const [id, gas] of Object.entries(spec.gases ?? {})) {
    meta.push(ngbRecord.object(0x0003, 0x2b07), ngbRecord.f64(0x083f, Number(id)), ngbRecord.string(0x0840, gas));
  }
  for (const s of spec.stages ?? []) {
    meta.push(
      ngbRecord.object(0x0004, 0x2b0c),
      ngbRecord.f64(0x083f, s.type),
      ngbRecord.f64(0x0e17, s.temperatureC),
      ngbRecord.f64(0x0e13, s.rateKPerMin ?? 0),
      ngbRecord.f64(0x0e14, s.acquisitionPerMin ?? 0),
      ngbRecord.f64(0x0e15, s.durationMin ?? 0),
    );
    for (const [id, flow] of Object.entries(s.flows ?? {})) meta.push(ngbRecord.object(0x0005, 0x2b11), ngbRecord.f64(0x083f, Number(id)), ngbRecord.f64(0x1047, flow));
  }
  if (spec.instrumentModel !== undefined) meta.push(ngbRecord.string(0x0432, spec.instrumentModel));
  if (spec.instrumentSerial !== undefined) meta.push(ngbRecord.string(0x1059, spec.instrumentSerial));
  const data: number[][] = [];
  for (const [field, parts] of Object.entries(spec.channels)) {
    data.push(ngbRecord.object(Number(field), 0x2b22));
    for (const part of parts) data.push(ngbRecord.array(0x0f40, part));
  }
  return zipSync({
    'Streams/stream_1.table': ngbStream(meta),
    'Streams/stream_2.table': ngbStream(data),
    'Streams/stream_3.table': ngbStream([]),
    ...extraMembers,
  });
}

/** Text as UTF-16LE with its BOM, as TA Universal Analysis writes its exports. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// TA TRIOS Excel export (.xlsx): sheets of rows, strings shared, numbers inline.

/** A minimal SpreadsheetML workbook of our own with shared strings, as Excel writes them. */
export function xlsxWorkbook(sheets: { name: string; rows: (string | number | null)[][] }[]): Uint8Array {
  const strings: string[] = [];
  const sharedIndex = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const col = (j: number) => String.fromCharCode(65 + j);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`),
  };
  sheets.forEach((s, i) => {
    const rows = s.rows
      .map((r, k) => `<row r="${k + 1}">${r.map((v, j) => (v === null ? '' : typeof v === 'number' ? `<c r="${col(j)}${k + 1}"><v>${v}</v></c>` : `<c r="${col(j)}${k + 1}" t="s"><v>${sharedIndex(v)}</v></c>`)).join('')}</row>`)
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
  });
  files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s.replace(/&/g, '&amp;')}</t></si>`).join('')}</sst>`);
  return zipSync(files);
}

// ---------------------------------------------------------------------------------------------------------------
// PerkinElmer Pyris text export: a data row is a tab, then the values (time min, weights mg, temperatures °C).

/** One Pyris data row with six decimals, as the exports write them. */
export const pyrisRow = (...v: number[]): string => `\t${v.map((x) => x.toFixed(6)).join('\t')}`;

/** The message a call throws, or 'no error': refusals are compared word for word with what the user reads. */
export function thrownMessage(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}
