/**
 * X-ray diffraction types shared by every layer: integrated 1D patterns, sequences, phases and their reflections.
 * Plain objects and Float64Array only (they cross IPC).
 */

/** Units of a pattern's x axis as pyFAI names them, plus d-spacing. */
export type XAxisUnit = '2th_deg' | 'q_nm^-1' | 'q_A^-1' | 'd_A';

/** Incident radiation: one wavelength (synchrotron) or a Kα1/Kα2 doublet (lab tube). */
export interface Radiation {
  /** Primary wavelength in Å (Kα1 for a lab tube). */
  wavelengthA: number;
  /** Second wavelength (Kα2) in Å, when present. */
  wavelength2A?: number;
  /** Intensity ratio I(Kα2)/I(Kα1), typically 0.5. */
  ratio21?: number;
}

/** One integrated powder pattern as read from a file. */
export interface Pattern {
  fileName: string;
  formatId: string;
  /** x values as in the file, in xUnit. */
  x: Float64Array;
  xUnit: XAxisUnit;
  intensity: Float64Array;
  /** Standard uncertainties of the intensity when the file gives them (xye, fxye). */
  sigma: Float64Array | null;
  /** Wavelength in Å when the file states it (pyFAI header, xrdml, instrument file); null otherwise. */
  wavelengthA: number | null;
  /** Kα2 wavelength and ratio when the file states a lab doublet. */
  radiation?: Radiation;
  /**
   * Acquisition time from metadata in seconds, when present: seconds since 1970-01-01 UTC when `timeKind` is
   * 'epoch' (a scan's start time stamp), seconds since the first frame of the file when 'elapsed'.
   */
  timeS?: number | null;
  /** What `timeS` counts from ('epoch' when absent and timeS is set by a time stamp reader). */
  timeKind?: 'epoch' | 'elapsed';
  /** The time stamp verbatim (ISO 8601 or the vendor's text), when the file gives one. */
  acquiredAt?: string;
  temperatureC?: number | null;
  /** Frame or column label inside a multi-frame container ('scan 2', a CSV column name, an HDF5 frame index). */
  label?: string;
  /** 0-based index of this pattern inside its file when the file holds several. */
  frameIndex?: number;
  /** Vendor header fields verbatim. */
  metadata: Record<string, string>;
  warnings: string[];
}

/** A time series of patterns, e.g. one integrated frame every ~2 s of an in situ reduction. */
export interface PatternSequence {
  frames: Pattern[];
  /** Time of each frame in s, t = 0 at the chosen origin (e.g. the start of the H2 hold). */
  timesS: Float64Array;
  /** How the times were obtained: 'metadata', or 'interval' (frame number × interval + offset). */
  timeSource: 'metadata' | 'interval';
  /** Frames that could not be read: reported by name, the rest of the sequence still loads. */
  skipped: { fileName: string; message: string }[];
  wavelengthA: number | null;
  /** Optional: temperature interpolated onto the frame times from a log (attachTemperatureLog), °C. */
  temperatureC?: Float64Array | null;
  /** Optional: the time options used ('interval' source: intervalS; offsetS for both). */
  intervalS?: number;
  offsetS?: number;
  /** Things the user should know about the sequence as a whole (mixed wavelengths, partial metadata times). */
  warnings?: string[];
}

/** One frame of an import report (core/xrd/import-report.ts): what was read, before any analysis. */
export interface XrdFrameReport {
  /** 0-based position in the sequence. */
  index: number;
  file: string;
  /** Frame label inside a multi-frame file ('range 2', 'imagenum 1'), or null. */
  label: string | null;
  formatId: string;
  /** Frame time on the sequence's time axis (s). */
  timeS: number;
  points: number;
  /** Axis extent: 2θ in degrees when the axis is 2θ or a wavelength converts q/d to 2θ, else in the file's unit. */
  xMin: number;
  xMax: number;
  xUnit: XAxisUnit;
  /** The wavelength this frame states (Å), or null. */
  wavelengthA: number | null;
  /** How the reader understood the file (the x column it chose, where λ came from, a reversed scan…). */
  notes: string[];
  warnings: string[];
}

/** What an import gave, before any analysis: the CLI's `xrd PATH` report and the SXRD workspace's import panel. */
export interface XrdImportReport {
  /** The format id, or the ids joined by ', ' when the frames come from several readers. */
  format: string;
  formats: { id: string; label: string; frames: number }[];
  frameCount: number;
  /** The sequence's wavelength (Å): given, else the first frame's; null when none states one. */
  wavelengthA: number | null;
  timeSource: 'metadata' | 'interval';
  frames: XrdFrameReport[];
  skipped: { fileName: string; message: string }[];
  warnings: string[];
}
