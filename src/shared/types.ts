/**
 * Data types shared by every layer (core, main, preload, renderer).
 * Plain objects, arrays and Float64Array only: everything here must survive structured clone (Electron IPC)
 * and the browser-mode JSON codec (src/shared/codec.ts).
 */

/** Where a run came from and how its file was read. */
export interface SourceInfo {
  fileName: string;
  /** Registry id of the format module that parsed it, e.g. 'netzsch-ascii'. */
  formatId: string;
  formatLabel: string;
  /** Text encoding that was used to decode the bytes ('utf-8', 'utf-16le', 'windows-1252', 'binary'). */
  encoding: string;
  delimiter?: string;
  decimal?: '.' | ',';
  /** 1-based line of the column header (0 when there is none). */
  headerLine: number;
  /** 1-based first and last lines holding data rows. */
  dataStartLine: number;
  dataEndLine: number;
  /** Columns as the file names them, with the unit we understood and the role we gave them. */
  columns: ColumnInfo[];
}

export type ColumnRole = 'time' | 'temperature' | 'mass' | 'channel' | 'ignored';

export interface ColumnInfo {
  /** Name verbatim from the file. */
  name: string;
  /** Unit as written in the file ('' when none). */
  unit: string;
  role: ColumnRole;
}

/** A measured channel other than time, temperature and mass (purge flows, heat flow, DTG, programme T...). */
export interface Channel {
  name: string;
  unit: string;
  values: Float64Array;
}

/** A programme segment (method step) in file time. */
export interface Segment {
  index: number;
  label: string;
  startS: number;
  endS: number;
  kind: 'ramp' | 'isothermal' | 'cool' | 'gas' | 'unknown';
  /** Gas flowing during the segment when the file says so. */
  gas?: string;
  rateCPerMin?: number;
  targetC?: number;
}

/** A change of purge gas in file time, with where we read it. */
export interface GasEvent {
  timeS: number;
  gas: string;
  source: string;
}

export interface SampleInfo {
  name?: string;
  initialMassMg?: number;
  instrument?: string;
  operator?: string;
  date?: string;
  crucible?: string;
  method?: string;
}

/** One TGA run in SI-style units, as every TGA parser returns it. */
export interface TgaRun {
  technique: 'tga';
  source: SourceInfo;
  sample: SampleInfo;
  /** File time in seconds, as in the file (not shifted). */
  timeS: Float64Array;
  /** Sample (or furnace, when that is all there is) temperature in °C; null when the file has none. */
  temperatureC: Float64Array | null;
  /** Mass in mg; null only when the file gives % and no sample mass (then massPercent is set). */
  massMg: Float64Array | null;
  /** Mass in % of the initial mass when the file gives it that way. */
  massPercent: Float64Array | null;
  /** How the mass column was derived, for the import report (e.g. 'Mass/% × 8.91 mg / 100'). */
  massNote: string;
  channels: Channel[];
  segments: Segment[];
  gasEvents: GasEvent[];
  /** Temperature programme / method text verbatim, one line per entry. */
  programme: string[];
  /** Vendor header fields verbatim. */
  metadata: Record<string, string>;
  /** Things the parser noticed and the user should know (skipped marker rows, damaged characters...). */
  warnings: string[];
}

/** Override of the column mapping for generic tables: column index (0-based) or exact header name. */
export interface ColumnMapping {
  time?: number | string;
  temperature?: number | string;
  mass?: number | string;
  timeUnit?: 's' | 'min' | 'h';
  temperatureUnit?: 'C' | 'K';
  massUnit?: 'ug' | 'mg' | 'g' | '%';
}

export interface ParseOptions {
  columnMapping?: ColumnMapping;
  /** Force a format id instead of detecting. */
  formatId?: string;
  /** Called now and then with the number of data rows read so far (readers of long tables; for progress bars). */
  onProgress?: (rowsRead: number) => void;
}
