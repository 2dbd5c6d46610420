/**
 * TA Instruments TRIOS Excel export (.xls, Excel 97–2003, and .xlsx), "Export > Excel": a 'Details' sheet of
 * key/value rows (Filename, Instrument name, rundate, Sample name, proceduresegments, then sections '[File
 * Parameters]', '[Procedure]' with 'Sample Mass', '[Signal List]', '[Configuration]', '[Experiment Logs]' …) and one
 * sheet per procedure step:
 *
 *   row 1  the step's name            'Ramp 2.00 °C/min to 550.00 °C'   (the sheet's name drops the '/')
 *   row 2  column names               Time | Temperature | Weight | Weight
 *   row 3  units                      min  | °C          | mg     | %
 *   row 4… data
 *
 * The step sheets are joined into one run in sheet order, each a segment named by its title row (the sheet name when
 * the title is missing); columns are matched across sheets by name and unit, as in TRIOS's text export. The workbook
 * is turned into that text layout and read by parseTriosText (ta-trios.ts), so both exports give the same run; errors
 * name the sheet and row. Metadata: every Details row (a key repeated in a later section is prefixed by the
 * section, e.g. 'Procedure: Sample Name'), serial dates ('rundate', 'Run date', 'Date Applied') as ISO text; the
 * stated 'Sample Mass' (e.g. '7.567 mg') is the sample mass, checked against the one implied by Weight (mg) /
 * Weight (%).
 *
 * A workbook without TRIOS's layout is not guessed at: the error lists its sheets.
 */
import type { TgaRun } from '../../../shared/types';
import { excelDateIso, readWorkbook, workbookKind, type Cell, type Sheet } from '../spreadsheet/index';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { parseTriosText } from './ta-trios';
import { parseNumber } from './units';

const DATE_KEYS = /^(rundate|run date|date applied|date)$/i;

const cellText = (c: Cell | undefined): string => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c) : String(c).replace(/[\t\r\n]+/g, ' ').trim());

/** Is this sheet a TRIOS step: a title row, then 'Time' + a units row? */
function isStepSheet(s: Sheet): boolean {
  const names = s.rows[1] ?? [];
  const units = s.rows[2] ?? [];
  return /^time$/i.test(cellText(names[0])) && /^(min|s|h)$/i.test(cellText(units[0]));
}

interface Origin {
  sheet: string;
  row: number;
}

/** The TRIOS text layout of a workbook, with the sheet and row every text line came from. */
function triosText(workbook: { sheets: Sheet[]; date1904: boolean }): { text: string; origin: (Origin | null)[]; details: Record<string, string> } {
  const lines: string[] = [];
  const origin: (Origin | null)[] = [];
  const details: Record<string, string> = {};
  const push = (line: string, from: Origin | null) => {
    lines.push(line);
    origin.push(from);
  };
  const detailsSheet = workbook.sheets.find((s) => /^details$/i.test(s.name.trim()));
  if (detailsSheet) {
    let section = '';
    detailsSheet.rows.forEach((row, r) => {
      const key = cellText(row?.[0]);
      if (key === '') return;
      const section_ = /^\[(.+)\]$/.exec(key);
      if (section_) {
        section = section_[1];
        return;
      }
      // Stryker disable next-line OptionalChaining: an undefined row has returned above (its key cellText(row?.[0]) is '')
      const raw = row?.[1] ?? null;
      const value = typeof raw === 'number' && DATE_KEYS.test(key) ? excelDateIso(raw, workbook.date1904) : cellText(raw);
      const name = key in details && section ? `${section}: ${key}` : key;
      details[name] = value;
      push(`${name}\t${value}`, { sheet: detailsSheet.name, row: r + 1 });
    });
  }
  for (const s of workbook.sheets) {
    if (!isStepSheet(s)) continue;
    const title = cellText(s.rows[0]?.[0]) || s.name;
    push('', null);
    push('[step]', { sheet: s.name, row: 1 });
    push(title, { sheet: s.name, row: 1 });
    const width = (s.rows[1] ?? []).filter((c) => cellText(c) !== '').length;
    for (let r = 1; r < s.rows.length; r++) {
      const row = s.rows[r] ?? [];
      if (r >= 3 && row.every((c) => cellText(c) === '')) continue;
      push(Array.from({ length: width }, (_, j) => cellText(row[j])).join('\t'), { sheet: s.name, row: r + 1 });
    }
  }
  return { text: lines.join('\n') + '\n', origin, details };
}

function parse(input: ParseInput): TgaRun {
  const { fileName, bytes } = input;
  const kind = workbookKind(bytes);
  const workbook = readWorkbook(fileName, bytes);
  const steps = workbook.sheets.filter(isStepSheet);
  if (steps.length === 0) {
    throw new FormatError(
      fileName,
      null,
      "a TA TRIOS Excel export (sheets with a step title row, a 'Time' column row and a units row)",
      `sheets ${workbook.sheets.map((s) => `'${s.name}'`).join(', ') || 'none'}`,
    );
  }
  const { text, origin, details } = triosText(workbook);
  let run: TgaRun;
  try {
    run = parseTriosText(fileName, text, kind === 'xlsx' ? 'xlsx (UTF-8 XML)' : 'xls (BIFF8)');
  } catch (err) {
    if (err instanceof FormatError && err.line !== null) {
      const from = origin[err.line - 1];
      const where = from ? `${fileName}, sheet '${from.sheet}', row ${from.row}` : fileName;
      const moved = new FormatError(fileName, null, err.expected);
      moved.message = err.message.replace(`${fileName}, line ${err.line}`, where);
      throw moved;
    }
    throw err;
  }
  const warnings = run.warnings.filter((w) => !/^The file does not state the sample mass/.test(w)).map((w) => w.replace(/\(line (\d+)\)/g, (m, n: string) => {
    const from = origin[Number(n) - 1];
    return from ? `(sheet '${from.sheet}')` : m;
  }));
  const stated = /^\s*([\d.,]+)\s*(mg|g|µg|ug)\s*$/i.exec(details['Sample Mass'] ?? details['Procedure: Sample Mass'] ?? '');
  let initialMassMg = run.sample.initialMassMg;
  if (stated) {
    const unit = stated[2].toLowerCase();
    const massMg = parseNumber(stated[1]) * (unit === 'g' ? 1000 : unit === 'mg' ? 1 : 1e-3);
    const implied = run.sample.initialMassMg;
    if (implied !== undefined && Math.abs(implied - massMg) > 0.01 * massMg) {
      warnings.push(`The stated sample mass ${details['Sample Mass']} differs from the ${implied} mg implied by Weight (mg) / Weight (%) by more than 1 %.`);
    }
    initialMassMg = massMg;
  } else if (run.sample.initialMassMg !== undefined) {
    warnings.push(`The workbook does not state the sample mass; ${run.sample.initialMassMg} mg is implied by Weight (mg) / Weight (%) (TRIOS's stored sample mass).`);
  }
  const model = details['Instrument Type'] || details['Instrument name'] || details['Instrument Name'];
  const instrument = [model, details['Serial Number'] ? `serial ${details['Serial Number']}` : ''].filter(Boolean);
  return {
    ...run,
    source: {
      ...run.source,
      formatId: 'ta-trios-excel',
      formatLabel: 'TA Instruments TRIOS Excel export',
      delimiter: undefined,
      decimal: undefined,
      headerLine: 0,
      dataStartLine: 0,
      dataEndLine: 0,
    },
    sample: {
      ...run.sample,
      name: details['Sample name'] || details['Procedure: Sample Name'] || details['Sample Name'] || run.sample.name,
      initialMassMg,
      instrument: instrument.length ? instrument.join(', ') : run.sample.instrument,
      date: details['Run date'] || details.rundate || run.sample.date,
      operator: details.Operator || run.sample.operator,
      crucible: details['Pan Type'] || undefined,
      method: details['Procedure Name'] ? `${details['Procedure Name']}${details.proceduresegments ? `: ${details.proceduresegments}` : ''}` : run.sample.method,
    },
    metadata: { ...details, sheets: workbook.sheets.map((s) => s.name).join(' | ') },
    warnings,
  };
}

function detect(input: DetectInput): number {
  try {
    const kind = workbookKind(input.headBytes);
    if (kind === null) return 0;
    // A workbook of any origin: the parse checks TRIOS's layout and says what it found otherwise.
    return 0.9;
  } catch {
    return 0;
  }
}

export const taTriosExcel: FormatModule<TgaRun> = {
  id: 'ta-trios-excel',
  label: 'TA Instruments TRIOS Excel export (.xls, .xlsx)',
  technique: 'tga',
  extensions: ['xls', 'xlsx'],
  detect,
  parse,
};
