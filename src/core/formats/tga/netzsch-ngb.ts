/**
 * NETZSCH Proteus native measurement files: .ngb-ss3 (sample), .ngb-bs3 (baseline/correction), .ngb-ds3.
 *
 * The vendor does not document the format. This decoder follows the reverse-engineered description of the pyngb
 * project (github.com/GraysonBellamy/pyngb, docs/binary-format.md) and our own reading of its MIT test files;
 * it is checked against pyngb's reference output (../shared/fixtures/tga/GraysonBellamy-pyngb/*.parity.json).
 *
 * Container: a ZIP archive with Streams/stream_1.table (metadata), stream_2.table and stream_3.table (channels).
 * Each stream is a flat sequence of little-endian records:
 *
 *   03 80 01 <field u16> 00 00 01 00 00 00 0c 00 17 fc ff ff <type u8> <flag u16> <value>
 *
 *   flag 80 01 = scalar: type 02 u16, 03 i32, 04 f32, 05 f64, 10 u8, 1a object (class u16 at +6 of the value),
 *                1f string ('ff fe ff' + char count + UTF-16LE, or u32 byte count + UTF-8)
 *   flag a0 01 = array: u32 element count, then the elements (type 04 f32, 05 f64)
 *
 * A channel is an object of class 0x2b22 followed by one array per programme stage. In stream 2 the channel's
 * field id names it (0x178c time in min, 0x178d sample temperature, 0x178e DSC µV, 0x1790 mass change in mg,
 * 0x179c purge-1 flow, 0x179e protective flow); stream 3's channels are numbered 0x7530+k and named by the
 * k-th entry of the channel list in stream 1 (name field 0x10c3: 'Furnace', 'Cooling', 'Furnace', 'HFoilTemp').
 * Stream 1 holds the sample (class 0x2afb: name 0x0840, mass 0x0c9e mg; its crucible, class 0x2b08), the run
 * header (class 0x2afa: lab 0x0834, operator 0x0835, date 0x083e Unix s, project 0x083c, comment 0x083d),
 * the programme stages (class 0x2b0c: type 0x083f, temperature 0x0e17 °C, rate 0x0e13 K/min, acquisition rate
 * 0x0e14, duration 0x0e15 min; per-MFC flows in class 0x2b11: MFC 0x083f = 30/31/32, flow 0x1047 ml/min), the
 * mass-flow controllers (class 0x2b07: MFC 0x083f, gas 0x0840) and the correction file path (0x0843).
 */
import type { Channel, ColumnInfo, GasEvent, Segment, TgaRun } from '../../../shared/types';
import { readZipMembers } from '../archive';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';

/** The 12 bytes between a record's field id and its type byte. */
const RECORD_SIG = [0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x17, 0xfc, 0xff, 0xff];

export type NgbValue = number | string | Float64Array | { cls: number } | null;

export interface NgbRecord {
  offset: number;
  field: number;
  type: number;
  value: NgbValue;
}

const CLS_CHANNEL = 0x2b22;
const CLS_SAMPLE = 0x2afb;
const CLS_CRUCIBLE = 0x2b08;
const CLS_HEADER = 0x2afa;
const CLS_STAGE = 0x2b0c;
const CLS_STAGE_MFC = 0x2b11;
const CLS_MFC = 0x2b07;
const CLS_CHANNEL_LIST = 0x2ba8;
const CLS_CHANNEL_INFO = 0x2ba9;

/** Stream-2 channel field ids seen in Proteus 8 files (pyngb's names in brackets). */
const STREAM2_CHANNELS: Record<number, { name: string; unit: string }> = {
  0x178c: { name: 'Time', unit: 'min' },
  0x178d: { name: 'Sample temperature', unit: '°C' },
  0x178e: { name: 'DSC', unit: 'µV' },
  0x1790: { name: 'Mass change', unit: 'mg' },
  0x179c: { name: 'Purge 1 flow', unit: 'ml/min' },
  0x179e: { name: 'Protective flow', unit: 'ml/min' },
};
const MFC_NAMES: Record<number, string> = { 30: 'Purge 1', 31: 'Purge 2', 32: 'Protective' };

function matchesSig(b: Uint8Array, i: number): boolean {
  if (b[i] !== 0x03 || b[i + 1] !== 0x80 || b[i + 2] !== 0x01) return false;
  for (let k = 0; k < RECORD_SIG.length; k++) if (b[i + 5 + k] !== RECORD_SIG[k]) return false;
  return true;
}

/** Decode every record of one stream, in file order. Array payloads are skipped over, never scanned. */
export function readNgbRecords(b: Uint8Array): NgbRecord[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: NgbRecord[] = [];
  const end = b.length - 20;
  let i = 0;
  while (i < end) {
    if (!matchesSig(b, i)) {
      i++;
      continue;
    }
    const field = view.getUint16(i + 3, true);
    const type = b[i + 17];
    const flag = view.getUint16(i + 18, true);
    const p = i + 20;
    let value: NgbValue = null;
    let next = i + 17;
    if (flag === 0x01a0) {
      const count = view.getUint32(p, true);
      const size = type === 5 ? 8 : type === 4 ? 4 : 0;
      if (size > 0 && p + 4 + count * size <= b.length) {
        const arr = new Float64Array(count);
        for (let k = 0; k < count; k++) arr[k] = size === 8 ? view.getFloat64(p + 4 + 8 * k, true) : view.getFloat32(p + 4 + 4 * k, true);
        value = arr;
        next = p + 4 + count * size;
      }
    } else if (flag === 0x0180) {
      value = readScalar(b, view, type, p);
    }
    out.push({ offset: i, field, type, value });
    i = next;
  }
  return out;
}

function readScalar(b: Uint8Array, view: DataView, type: number, p: number): NgbValue {
  if (p + 8 > b.length) return null;
  switch (type) {
    case 0x02:
      return view.getUint16(p, true);
    case 0x03:
      return view.getInt32(p, true);
    case 0x04:
      return view.getFloat32(p, true);
    case 0x05:
      return view.getFloat64(p, true);
    case 0x10:
      return b[p];
    case 0x1a:
      return { cls: view.getUint16(p + 6, true) };
    case 0x1f: {
      if (b[p] === 0xff && b[p + 1] === 0xfe && b[p + 2] === 0xff) {
        let n = b[p + 3];
        let q = p + 4;
        if (n === 0xff) {
          n = view.getUint16(p + 4, true);
          q = p + 6;
        }
        return new TextDecoder('utf-16le').decode(b.subarray(q, Math.min(b.length, q + 2 * n)));
      }
      const n = view.getUint32(p, true);
      return n < 1 << 20 ? new TextDecoder('utf-8').decode(b.subarray(p + 4, Math.min(b.length, p + 4 + n))) : null;
    }
    default:
      return null;
  }
}

const isObj = (r: NgbRecord | undefined, cls?: number): boolean =>
  r !== undefined && typeof r.value === 'object' && r.value !== null && 'cls' in r.value && (cls === undefined || r.value.cls === cls);

/** Scalar fields of the object starting at records[start], up to the next object record. */
function objectFields(records: NgbRecord[], start: number): Map<number, NgbValue> {
  const fields = new Map<number, NgbValue>();
  for (let k = start + 1; k < records.length && !isObj(records[k]); k++) {
    if (!fields.has(records[k].field)) fields.set(records[k].field, records[k].value);
  }
  return fields;
}

const num = (v: NgbValue | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: NgbValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

interface RawChannel {
  field: number;
  stream: number;
  parts: Float64Array[];
}

/** Channels of one data stream: each class-0x2b22 object and the arrays that follow it. */
function readChannels(records: NgbRecord[], stream: number): RawChannel[] {
  const out: RawChannel[] = [];
  let current: RawChannel | null = null;
  for (const r of records) {
    if (isObj(r, CLS_CHANNEL)) {
      current = { field: r.field, stream, parts: [] };
      out.push(current);
    } else if (current && r.value instanceof Float64Array) {
      current.parts.push(r.value);
    }
  }
  return out;
}

function concat(parts: Float64Array[]): Float64Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Float64Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

interface Stage {
  type: number;
  temperatureC: number;
  rateKPerMin: number;
  acquisitionRate: number;
  durationMin: number;
  flows: Map<number, number>;
}

/** Object classes nested inside a programme stage (its MFC list, each MFC and its flow, the acquisition settings). */
const STAGE_CHILDREN = new Set([0x2b0d, CLS_STAGE_MFC, 0x2b0a, 0x2bb0]);

function readStages(records: NgbRecord[]): Stage[] {
  const stages: Stage[] = [];
  for (let k = 0; k < records.length; k++) {
    if (!isObj(records[k], CLS_STAGE)) continue;
    const f = objectFields(records, k);
    const stage: Stage = {
      type: num(f.get(0x083f)) ?? -1,
      temperatureC: num(f.get(0x0e17)) ?? Number.NaN,
      rateKPerMin: num(f.get(0x0e13)) ?? 0,
      acquisitionRate: num(f.get(0x0e14)) ?? 0,
      durationMin: num(f.get(0x0e15)) ?? 0,
      flows: new Map(),
    };
    // Walk the stage's nested objects: each MFC object carries its id (0x083f), its flow (0x1047) follows.
    let mfc: number | undefined;
    for (let j = k + 1; j < records.length; j++) {
      const r = records[j];
      if (isObj(r)) {
        const cls = (r.value as { cls: number }).cls;
        if (!STAGE_CHILDREN.has(cls)) break;
        if (cls === CLS_STAGE_MFC) mfc = num(objectFields(records, j).get(0x083f));
      } else if (r.field === 0x1047 && mfc !== undefined) {
        const flow = num(r.value);
        if (flow !== undefined) stage.flows.set(mfc, flow);
        mfc = undefined;
      }
    }
    stages.push(stage);
  }
  return stages;
}

function detect(input: DetectInput): number {
  try {
    const b = input.headBytes;
    const isZip = b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
    if (!isZip) return 0;
    const ext = /\.ngb-[a-z0-9]+$/i.test(input.fileName);
    const head = new TextDecoder('latin1').decode(b.subarray(0, Math.min(b.length, 4096)));
    if (head.includes('Streams/stream_') || input.headText.includes('Streams/stream_')) return ext ? 0.99 : 0.95;
    return ext ? 0.6 : 0;
  } catch {
    return 0;
  }
}

function parse(input: ParseInput): TgaRun {
  const { fileName } = input;
  const b = input.bytes;
  if (!(b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b)) throw new FormatError(fileName, null, 'a NETZSCH .ngb file (a ZIP archive starting with "PK")');
  const files = readZipMembers(fileName, b, (name) => /^Streams\/stream_[123]\.table$/.test(name));
  const stream = (k: number): Uint8Array => {
    const s = files[`Streams/stream_${k}.table`];
    if (!s) throw new FormatError(fileName, null, `the member Streams/stream_${k}.table inside the .ngb archive`);
    return s;
  };
  const meta = readNgbRecords(stream(1));
  const raw = [...readChannels(readNgbRecords(stream(2)), 2), ...readChannels(readNgbRecords(stream(3)), 3)];
  const warnings: string[] = [];

  // Names of stream-3 channels from the channel list in stream 1.
  const stream3Names: string[] = [];
  const listAt = meta.findIndex((r) => isObj(r, CLS_CHANNEL_LIST));
  if (listAt >= 0) {
    for (let k = listAt + 1; k < meta.length; k++) {
      if (isObj(meta[k], CLS_CHANNEL_INFO)) stream3Names.push(str(objectFields(meta, k).get(0x10c3)) ?? `channel ${stream3Names.length + 1}`);
      else if (isObj(meta[k]) && !isObj(meta[k], CLS_CHANNEL_INFO)) break;
    }
  }

  const timeRaw = raw.find((c) => c.stream === 2 && c.field === 0x178c);
  const massRaw = raw.find((c) => c.stream === 2 && c.field === 0x1790);
  const tempRaw = raw.find((c) => c.stream === 2 && c.field === 0x178d);
  if (!timeRaw) throw new FormatError(fileName, null, 'a time channel (field 0x178c) in Streams/stream_2.table');
  if (!massRaw) throw new FormatError(fileName, null, 'a mass channel (field 0x1790) in Streams/stream_2.table');
  const timeMin = concat(timeRaw.parts);
  const n = timeMin.length;
  if (n === 0) throw new FormatError(fileName, null, 'data points in the time channel');
  const timeS = timeMin.map((v) => v * 60);
  const massChangeMg = concat(massRaw.parts);
  if (massChangeMg.length !== n) throw new FormatError(fileName, null, `${n} mass points like the time channel`, String(massChangeMg.length));
  let temperatureC: Float64Array | null = tempRaw ? concat(tempRaw.parts) : null;
  if (temperatureC && temperatureC.length !== n) {
    warnings.push(`The sample-temperature channel has ${temperatureC.length} points, not ${n}; it was dropped.`);
    temperatureC = null;
  }

  const channels: Channel[] = [];
  const columns: ColumnInfo[] = [];
  const seen = new Map<string, number>();
  for (const c of raw) {
    let name: string;
    let unit = '';
    if (c.stream === 2) {
      const known = STREAM2_CHANNELS[c.field];
      name = known?.name ?? `Channel 0x${c.field.toString(16)}`;
      unit = known?.unit ?? '';
    } else {
      name = stream3Names[c.field - 0x7530] ?? `Stream 3 channel ${c.field - 0x7529}`;
    }
    const dup = seen.get(name) ?? 0;
    seen.set(name, dup + 1);
    if (dup > 0) name = `${name} (${dup + 1})`;
    const role: ColumnInfo['role'] = c === timeRaw ? 'time' : c === tempRaw ? 'temperature' : c === massRaw ? 'mass' : 'channel';
    columns.push({ name, unit, role });
    if (role !== 'channel') continue;
    const values = concat(c.parts);
    if (values.length !== n) {
      warnings.push(`Channel "${name}" has ${values.length} points, not ${n}; it was dropped.`);
      columns[columns.length - 1].role = 'ignored';
      continue;
    }
    channels.push({ name, unit, values });
  }
  const unnamed = columns.filter((c) => c.role === 'channel' && c.unit === '').map((c) => c.name);
  if (unnamed.length > 0) warnings.push(`Units of ${unnamed.join(', ')} are not stored in a way we can read; they are left blank.`);

  // Metadata.
  const metadata: Record<string, string> = {};
  const setMeta = (key: string, v: NgbValue | undefined): void => {
    if (typeof v === 'string' && v !== '') metadata[key] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) metadata[key] = String(v);
  };
  const sampleAt = meta.findIndex((r) => isObj(r, CLS_SAMPLE));
  let sampleMassMg: number | undefined;
  let sampleName: string | undefined;
  let crucible: string | undefined;
  if (sampleAt >= 0) {
    const f = objectFields(meta, sampleAt);
    sampleName = str(f.get(0x0840));
    setMeta('sample_id', f.get(0x0898));
    setMeta('sample_name', f.get(0x0840));
    setMeta('material', f.get(0x0962));
    const m = num(f.get(0x0c9e));
    metadata.sample_mass_field = m === undefined ? '' : String(m);
    if (m !== undefined && m > 0) sampleMassMg = m;
    const next = meta.findIndex((r, k) => k > sampleAt && isObj(r));
    if (next >= 0 && isObj(meta[next], CLS_CRUCIBLE)) {
      const cf = objectFields(meta, next);
      crucible = str(cf.get(0x0840));
      setMeta('crucible_type', cf.get(0x0840));
      setMeta('crucible_mass', cf.get(0x0c9e));
    }
  }
  const headerAt = meta.map((r, k) => (isObj(r, CLS_HEADER) ? k : -1)).filter((k) => k >= 0);
  let dateIso: string | undefined;
  for (const k of headerAt) {
    const f = objectFields(meta, k);
    if (!f.has(0x0835) && !f.has(0x083c)) continue;
    setMeta('lab', f.get(0x0834));
    setMeta('operator', f.get(0x0835));
    setMeta('project', f.get(0x083c));
    setMeta('comment', f.get(0x083d));
    const unix = num(f.get(0x083e));
    if (unix !== undefined && unix > 0) dateIso = new Date(unix * 1000).toISOString().replace('.000Z', 'Z');
  }
  if (dateIso) metadata.date_performed = dateIso;
  const instrumentModel = [...meta].reverse().find((r) => r.field === 0x0432 && typeof r.value === 'string' && r.value.startsWith('NETZSCH'))?.value;
  setMeta('instrument_model', instrumentModel);
  setMeta('instrument', [...meta].reverse().find((r) => r.field === 0x1059)?.value);
  setMeta('application_version', meta.find((r) => r.field === 0x106d)?.value);
  setMeta('correction_file_path', [...meta].reverse().find((r) => r.field === 0x0843)?.value);

  // Mass-flow controllers: gas per MFC.
  const gasOf = new Map<number, string>();
  meta.forEach((r, k) => {
    if (!isObj(r, CLS_MFC)) return;
    const f = objectFields(meta, k);
    const id = num(f.get(0x083f));
    const gas = str(f.get(0x0840));
    if (id !== undefined && gas && !gasOf.has(id)) gasOf.set(id, gas);
  });
  for (const [id, gas] of gasOf) metadata[`${(MFC_NAMES[id] ?? `MFC ${id}`).toLowerCase().replace(/\s+/g, '_')}_mfc_gas`] = gas;

  // Programme: stage 0 is the start condition, the last 'final' stage (type 2) the end condition.
  const stages = readStages(meta);
  const programme: string[] = [];
  const segments: Segment[] = [];
  const gasText = (s: Stage): string | undefined => {
    const on = [...s.flows].filter(([, flow]) => flow > 0).map(([id, flow]) => `${MFC_NAMES[id] ?? `MFC ${id}`} ${gasOf.get(id) ?? '?'} ${flow} ml/min`);
    return on.length > 0 ? on.join(', ') : undefined;
  };
  let cursorS = 0;
  let prevC = stages[0]?.temperatureC ?? Number.NaN;
  stages.forEach((s, k) => {
    const flows = gasText(s);
    if (s.type === 0) {
      programme.push(`Initial: ${s.temperatureC} °C${flows ? `; ${flows}` : ''}`);
      prevC = s.temperatureC;
      return;
    }
    if (s.type === 2) {
      programme.push(`Final: ${s.temperatureC} °C`);
      return;
    }
    const isIso = s.rateKPerMin === 0;
    const label = isIso
      ? `Isothermal ${s.durationMin} min at ${s.temperatureC} °C`
      : `${prevC} °C → ${s.temperatureC} °C at ${s.rateKPerMin} K/min`;
    programme.push(`Stage ${k}: ${label}; ${s.acquisitionRate} pts/min${flows ? `; ${flows}` : ''}`);
    const endS = cursorS + s.durationMin * 60;
    const seg: Segment = {
      index: segments.length + 1,
      label,
      startS: cursorS,
      endS: Math.min(endS, timeS[n - 1]),
      kind: isIso ? 'isothermal' : s.temperatureC < prevC ? 'cool' : 'ramp',
      targetC: s.temperatureC,
    };
    if (!isIso) seg.rateCPerMin = s.rateKPerMin;
    if (flows) seg.gas = flows;
    segments.push(seg);
    cursorS = endS;
    prevC = s.temperatureC;
  });
  // The stored segments (one array per stage) give the real stage boundaries: use them when they agree in number.
  if (timeRaw.parts.length === segments.length) {
    let o = 0;
    timeRaw.parts.forEach((p, k) => {
      segments[k].startS = timeS[o];
      o += p.length;
      segments[k].endS = k + 1 < timeRaw.parts.length ? timeS[o] : timeS[n - 1];
    });
  } else if (segments.length > 0) {
    warnings.push(`The file stores ${timeRaw.parts.length} data segments for ${segments.length} programme stages: segment times are nominal.`);
  }
  const gasEvents: GasEvent[] = [];
  let lastGas = '';
  segments.forEach((s) => {
    if (s.gas && s.gas !== lastGas) gasEvents.push({ timeS: s.startS, gas: s.gas, source: `temperature programme, segment ${s.index}` });
    lastGas = s.gas ?? '';
  });

  // Mass: the stored channel is the change since the start; add the sample mass when there is one.
  const isBaseline = /\.ngb-bs\d$/i.test(fileName);
  let massMg: Float64Array;
  let massNote: string;
  if (sampleMassMg !== undefined && !isBaseline) {
    massMg = massChangeMg.map((v) => v + sampleMassMg);
    massNote = `stored mass change (mg) + sample mass ${sampleMassMg} mg`;
  } else {
    massMg = massChangeMg;
    massNote = 'stored mass change (mg) since the start of the run; the file gives no sample mass';
    warnings.push(
      isBaseline
        ? 'Baseline (correction) run: the mass is the apparent mass change of the empty crucible, not a sample mass.'
        : 'The file gives no usable sample mass: the mass is the change since the start of the run.',
    );
  }
  if (metadata.correction_file_path) {
    warnings.push(`The run names a correction file (${metadata.correction_file_path.split(/[\\/]/).pop()}); Proteus applies it at display time, so these data are NOT blank-corrected.`);
  }

  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: 'netzsch-ngb',
      formatLabel: 'NETZSCH Proteus binary (.ngb)',
      encoding: 'binary',
      headerLine: 0,
      dataStartLine: 0,
      dataEndLine: 0,
      columns,
    },
    sample: {
      name: sampleName,
      initialMassMg: isBaseline ? undefined : sampleMassMg,
      instrument: [metadata.instrument_model, metadata.instrument ? `(${metadata.instrument})` : ''].filter(Boolean).join(' ') || undefined,
      operator: metadata.operator,
      date: dateIso,
      crucible,
      method: programme.length > 0 ? programme.join('; ') : undefined,
    },
    timeS,
    temperatureC,
    massMg,
    massPercent: null,
    massNote,
    channels,
    segments,
    gasEvents,
    programme,
    metadata,
    warnings,
  };
}

export const netzschNgb: FormatModule<TgaRun> = {
  id: 'netzsch-ngb',
  label: 'NETZSCH Proteus binary (.ngb-ss3, .ngb-bs3)',
  technique: 'tga',
  extensions: ['ngb-ss3', 'ngb-bs3', 'ngb-ds3'],
  detect,
  parse,
};
