/**
 * Cell values of an Excel 2007+ workbook (.xlsx, ECMA-376 SpreadsheetML), read through the project's capped ZIP
 * reader (archive.ts: member, total and count caps, CRC checks) and its XML parser with bounded entities (xml.ts).
 *
 *   xl/workbook.xml            <sheets><sheet name="…" r:id="rId1"/>…, <workbookPr date1904="1"/>
 *   xl/_rels/workbook.xml.rels <Relationship Id="rId1" Target="worksheets/sheet1.xml"/>
 *   xl/sharedStrings.xml       <si><t>text</t></si> or rich <si><r><t>te</t></r><r><t>xt</t></r></si>
 *   xl/worksheets/sheetN.xml   <row r="1"><c r="A1" t="s|str|inlineStr|b|e|n"><v>…</v><is><t>…</t></is></c>
 *
 * Only values are read: a shared string (t="s") by index, inline and formula strings as text, booleans, numbers;
 * error cells are null. Cells without an 'r' take the next column. Errors name the file and the member.
 */
import { readZipMembers } from '../archive';
import { instrumentXmlParser } from '../xml';
import { FormatError } from '../types';
import type { Cell, Sheet, Workbook } from './workbook';

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined || v === null ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

/** Text of a <t> (or several <r><t> runs) as fast-xml-parser returns it. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  const n = node as Node;
  if ('#text' in n) return String(n['#text']);
  if ('t' in n) return list(n.t).map(textOf).join('');
  if ('r' in n) return list(n.r).map((r) => textOf(r.t)).join('');
  return '';
}

/** 'BC12' → column 54 (0-based), row 11 (0-based). */
export function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function readXlsx(fileName: string, bytes: Uint8Array): Workbook {
  const files = readZipMembers(fileName, bytes, (n) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/i.test(n));
  // htmlEntities: numeric character references (&#176; for °) are decoded; writers such as openpyxl use them
  const parser = instrumentXmlParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => ['sheet', 'Relationship', 'si', 'r', 'row', 'c'].includes(name) });
  const parse = (member: string): Node => {
    const data = Object.entries(files).find(([n]) => n.toLowerCase() === member.toLowerCase())?.[1];
    if (!data) throw new FormatError(fileName, null, `the member ${member} of an .xlsx workbook`, 'missing');
    try {
      return parser.parse(new TextDecoder('utf-8').decode(data)) as Node;
    } catch (e) {
      throw new FormatError(fileName, null, `well-formed XML in ${member}`, e instanceof Error ? e.message : String(e));
    }
  };
  const wb = parse('xl/workbook.xml').workbook as Node | undefined;
  if (!wb) throw new FormatError(fileName, null, 'a <workbook> element in xl/workbook.xml');
  const date1904 = ['1', 'true'].includes(String((wb.workbookPr as Node | undefined)?.['@_date1904'] ?? '0'));
  const rels = new Map<string, string>();
  for (const r of list((parse('xl/_rels/workbook.xml.rels').Relationships as Node | undefined)?.Relationship)) rels.set(String(r['@_Id']), String(r['@_Target']));
  const shared: string[] = 'xl/sharedStrings.xml' in files || Object.keys(files).some((n) => n.toLowerCase() === 'xl/sharedstrings.xml') ? list((parse('xl/sharedStrings.xml').sst as Node | undefined)?.si).map(textOf) : [];
  const sheets: Sheet[] = [];
  for (const s of list((wb.sheets as Node | undefined)?.sheet)) {
    const name = String(s['@_name'] ?? '');
    const target = rels.get(String(s['@_id'] ?? s['@_r:id'] ?? ''));
    if (!target) throw new FormatError(fileName, null, `a relationship for sheet '${name}' in xl/_rels/workbook.xml.rels`);
    const member = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const ws = parse(member).worksheet as Node | undefined;
    const rows: Cell[][] = [];
    let nextRow = 0;
    for (const r of list((ws?.sheetData as Node | undefined)?.row)) {
      const rowIndex = r['@_r'] !== undefined ? Number(r['@_r']) - 1 : nextRow;
      nextRow = rowIndex + 1;
      if (!(rowIndex >= 0 && rowIndex < MAX_ROWS)) throw new FormatError(fileName, null, `row numbers 1…${MAX_ROWS} in ${member}`, String(r['@_r']));
      while (rows.length <= rowIndex) rows.push([]);
      const out = rows[rowIndex];
      let nextCol = 0;
      for (const c of list(r.c)) {
        const ref = c['@_r'] !== undefined ? cellRef(String(c['@_r'])) : null;
        const col = ref ? ref.col : nextCol;
        nextCol = col + 1;
        if (col >= MAX_COLS) throw new FormatError(fileName, null, `columns A…XFD in ${member}`, String(c['@_r']));
        const t = String(c['@_t'] ?? 'n');
        const v = c.v === undefined ? undefined : textOf(c.v);
        let value: Cell = null;
        if (t === 's') {
          const k = Number(v);
          if (!(k >= 0 && k < shared.length)) throw new FormatError(fileName, null, `a shared-string index below ${shared.length} in ${member}`, `${v} in cell ${String(c['@_r'] ?? '')}`);
          value = shared[k];
        } else if (t === 'inlineStr') value = textOf((c.is as Node | undefined) ?? '');
        else if (t === 'str') value = v ?? '';
        else if (t === 'b') value = v === '1' || v === 'true';
        else if (t === 'e') value = null;
        else if (v !== undefined && v.trim() !== '') {
          const num = Number(v);
          value = Number.isFinite(num) ? num : v;
        }
        while (out.length <= col) out.push(null);
        out[col] = value;
      }
    }
    sheets.push({ name, rows });
  }
  return { sheets, date1904 };
}
