/**
 * A workbook as the spreadsheet readers hand it on: sheets in file order, each a grid of cell values (rows and
 * columns 0-based; a missing cell is null). Dates are numbers (days since the epoch of `date1904`): excelDateIso
 * turns one into text.
 */

/** A cell's value: a number, text, a boolean, or null for an empty or error cell. */
export type Cell = number | string | boolean | null;

export interface Sheet {
  name: string;
  rows: Cell[][];
}

export interface Workbook {
  sheets: Sheet[];
  /** True for the 1904 date system (old Mac workbooks), false for 1900. */
  date1904: boolean;
}

/**
 * A serial date as ISO 8601 text (no zone: spreadsheets store local wall-clock time). 1900 system: day 1 =
 * 1900-01-01 and the serial counts the non-existent 1900-02-29, so days ≥ 61 count from 1899-12-30; 1904 system:
 * day 0 = 1904-01-01. Whole seconds.
 */
export function excelDateIso(serial: number, date1904 = false): string {
  const epochMs = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const ms = epochMs + Math.round(serial * 86400) * 1000;
  return new Date(ms).toISOString().replace(/\.000Z$/, '').replace('T00:00:00', '');
}
