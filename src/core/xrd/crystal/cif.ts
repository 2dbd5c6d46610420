/**
 * CIF 1.1 import → PhaseDef. Reads the first data block that has a cell and atom sites:
 *   _cell_length_a 5.0356(1)            (standard uncertainties in brackets are dropped)
 *   loop_ _space_group_symop_operation_xyz  'x,y,z'  '-y,x-y,z' …   (or _symmetry_equiv_pos_as_xyz)
 *   loop_ _atom_site_label _atom_site_type_symbol _atom_site_fract_x … _atom_site_occupancy _atom_site_U_iso_or_equiv
 * U_iso is converted to B = 8π²U; B_iso is used as is; a site with only anisotropic U gets U_eq = (U11+U22+U33)/3
 * (exact for orthogonal axes); a site with none gets B = 0 and a note. Values '?' and '.' count as absent.
 */
import { parseSpecies } from './formFactors';
import { parseSymop } from './symmetry';
import type { AtomSite, PhaseDef } from './types';

type CifValue = string;
interface CifBlock {
  name: string;
  items: Map<string, CifValue>;
  loops: { tags: string[]; rows: CifValue[][] }[];
}

function tokenize(text: string, fileName: string): { tok: string; line: number; quoted: boolean }[] {
  const out: { tok: string; line: number; quoted: boolean }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith(';')) {
      const start = i;
      const buf: string[] = [line.slice(1)];
      i++;
      while (i < lines.length && !lines[i].startsWith(';')) buf.push(lines[i++]);
      if (i >= lines.length) throw new Error(`${fileName}: line ${start + 1}: unterminated ';' text field`);
      out.push({ tok: buf.join('\n').trim(), line: start + 1, quoted: true });
      continue;
    }
    let p = 0;
    while (p < line.length) {
      const c = line[p];
      if (c === ' ' || c === '\t') {
        p++;
        continue;
      }
      if (c === '#') break;
      if (c === "'" || c === '"') {
        // closing quote must be followed by whitespace or end of line (CIF 1.1)
        let q = p + 1;
        while (q < line.length && !(line[q] === c && (q + 1 === line.length || /\s/.test(line[q + 1])))) q++;
        out.push({ tok: line.slice(p + 1, q), line: i + 1, quoted: true });
        p = q + 1;
        continue;
      }
      let q = p;
      while (q < line.length && line[q] !== ' ' && line[q] !== '\t') q++;
      out.push({ tok: line.slice(p, q), line: i + 1, quoted: false });
      p = q;
    }
  }
  return out;
}

function parseBlocks(text: string, fileName: string): CifBlock[] {
  const toks = tokenize(text, fileName);
  const blocks: CifBlock[] = [];
  let cur: CifBlock | null = null;
  const ensure = (line: number): CifBlock => {
    if (!cur) {
      // tolerate CIF-like files without a data_ header
      cur = { name: '', items: new Map(), loops: [] };
      blocks.push(cur);
      void line;
    }
    return cur;
  };
  let i = 0;
  while (i < toks.length) {
    const { tok, line, quoted } = toks[i];
    const lower = tok.toLowerCase();
    if (!quoted && lower.startsWith('data_')) {
      cur = { name: tok.slice(5), items: new Map(), loops: [] };
      blocks.push(cur);
      i++;
    } else if (!quoted && lower === 'loop_') {
      const b = ensure(line);
      i++;
      const tags: string[] = [];
      while (i < toks.length && !toks[i].quoted && toks[i].tok.startsWith('_')) tags.push(toks[i++].tok.toLowerCase());
      const values: string[] = [];
      while (i < toks.length) {
        const t = toks[i];
        const tl = t.tok.toLowerCase();
        if (!t.quoted && (t.tok.startsWith('_') || tl === 'loop_' || tl.startsWith('data_') || tl.startsWith('save_'))) break;
        values.push(t.tok);
        i++;
      }
      if (tags.length === 0) throw new Error(`${fileName}: line ${line}: loop_ without tags`);
      if (values.length % tags.length !== 0) {
        throw new Error(`${fileName}: line ${line}: loop of ${tags.length} tags has ${values.length} values (not a multiple)`);
      }
      const rows: string[][] = [];
      for (let r = 0; r < values.length; r += tags.length) rows.push(values.slice(r, r + tags.length));
      b.loops.push({ tags, rows });
    } else if (!quoted && tok.startsWith('_')) {
      const b = ensure(line);
      const next = toks[i + 1];
      if (!next || (!next.quoted && (next.tok.startsWith('_') || next.tok.toLowerCase() === 'loop_' || next.tok.toLowerCase().startsWith('data_')))) {
        throw new Error(`${fileName}: line ${line}: tag ${tok} has no value`);
      }
      b.items.set(lower, next.tok);
      i += 2;
    } else {
      i++; // stray value (save frames, global_ …): ignored
    }
  }
  return blocks;
}

/** A CIF number without its standard uncertainty: '5.0356(1)' → 5.0356; '?' or '.' → NaN. */
export function cifNumber(v: string | undefined): number {
  if (v === undefined) return NaN;
  const s = v.trim();
  if (s === '?' || s === '.' || s === '') return NaN;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(\(\d+\))?$/.exec(s);
  return m ? Number(m[1]) : NaN;
}

function item(b: CifBlock, ...tags: string[]): string | undefined {
  for (const t of tags) {
    const v = b.items.get(t);
    if (v !== undefined && v !== '?' && v !== '.') return v;
  }
  return undefined;
}

function loopWith(b: CifBlock, tag: string): { tags: string[]; rows: string[][] } | undefined {
  return b.loops.find((l) => l.tags.includes(tag));
}

function column(loop: { tags: string[]; rows: string[][] }, ...tags: string[]): number {
  for (const t of tags) {
    const k = loop.tags.indexOf(t);
    if (k >= 0) return k;
  }
  return -1;
}

const SYMOP_TAGS = ['_space_group_symop_operation_xyz', '_symmetry_equiv_pos_as_xyz', '_space_group_symop.operation_xyz'];
const EIGHT_PI2 = 8 * Math.PI * Math.PI;

function elementFromLabel(label: string): string {
  const m = /^([A-Z][a-z]?)/.exec(label.trim()) ?? /^([a-z]{1,2})/i.exec(label.trim());
  return m ? m[1] : label;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Parse CIF text into a PhaseDef. Throws an Error naming the file (and line where useful) when the file has no
 * cell, no atom sites or no symmetry operators.
 */
export function parseCif(text: string, fileName: string): PhaseDef {
  const blocks = parseBlocks(text, fileName);
  const block = blocks.find((b) => b.items.has('_cell_length_a') && loopWith(b, '_atom_site_fract_x'));
  if (!block) throw new Error(`${fileName}: no data block with _cell_length_a and an _atom_site_fract_x loop`);

  const cell = ['_cell_length_a', '_cell_length_b', '_cell_length_c', '_cell_angle_alpha', '_cell_angle_beta', '_cell_angle_gamma'].map((t) =>
    cifNumber(item(block, t)),
  );
  const [aA] = cell;
  if (!(aA > 0)) throw new Error(`${fileName}: _cell_length_a is not a number`);
  const bA = cell[1] > 0 ? cell[1] : aA;
  const cA = cell[2] > 0 ? cell[2] : aA;
  const lattice = {
    aA,
    bA,
    cA,
    alphaDeg: Number.isFinite(cell[3]) ? cell[3] : 90,
    betaDeg: Number.isFinite(cell[4]) ? cell[4] : 90,
    gammaDeg: Number.isFinite(cell[5]) ? cell[5] : 90,
  };

  let symops: string[] = [];
  for (const t of SYMOP_TAGS) {
    const l = loopWith(block, t);
    if (l) {
      const k = l.tags.indexOf(t);
      symops = l.rows.map((r) => r[k].replace(/\s+/g, ''));
      break;
    }
    const single = item(block, t);
    if (single) {
      symops = [single.replace(/\s+/g, '')];
      break;
    }
  }
  const hm = (item(block, '_space_group_name_h-m_alt', '_symmetry_space_group_name_h-m', '_space_group.name_h-m_alt') ?? '').trim();
  if (symops.length === 0) {
    if (hm.replace(/\s+/g, '').toUpperCase() === 'P1') symops = ['x,y,z'];
    else throw new Error(`${fileName}: no symmetry operators (_space_group_symop_operation_xyz or _symmetry_equiv_pos_as_xyz)`);
  }
  for (const s of symops) {
    try {
      parseSymop(s);
    } catch (e) {
      throw new Error(`${fileName}: ${(e as Error).message}`);
    }
  }

  const siteLoop = loopWith(block, '_atom_site_fract_x')!;
  const cLabel = column(siteLoop, '_atom_site_label');
  const cType = column(siteLoop, '_atom_site_type_symbol');
  const cx = column(siteLoop, '_atom_site_fract_x');
  const cy = column(siteLoop, '_atom_site_fract_y');
  const cz = column(siteLoop, '_atom_site_fract_z');
  const cOcc = column(siteLoop, '_atom_site_occupancy');
  const cU = column(siteLoop, '_atom_site_u_iso_or_equiv', '_atom_site_u_iso');
  const cB = column(siteLoop, '_atom_site_b_iso_or_equiv', '_atom_site_b_iso');
  const cAdp = column(siteLoop, '_atom_site_adp_type', '_atom_site_thermal_displace_type');

  const aniso = new Map<string, number>();
  const anisoLoop = loopWith(block, '_atom_site_aniso_label');
  if (anisoLoop) {
    const kl = anisoLoop.tags.indexOf('_atom_site_aniso_label');
    const k11 = anisoLoop.tags.indexOf('_atom_site_aniso_u_11');
    const k22 = anisoLoop.tags.indexOf('_atom_site_aniso_u_22');
    const k33 = anisoLoop.tags.indexOf('_atom_site_aniso_u_33');
    const b11 = anisoLoop.tags.indexOf('_atom_site_aniso_b_11');
    const b22 = anisoLoop.tags.indexOf('_atom_site_aniso_b_22');
    const b33 = anisoLoop.tags.indexOf('_atom_site_aniso_b_33');
    for (const r of anisoLoop.rows) {
      if (k11 >= 0 && k22 >= 0 && k33 >= 0) {
        const u = (cifNumber(r[k11]) + cifNumber(r[k22]) + cifNumber(r[k33])) / 3;
        if (Number.isFinite(u)) aniso.set(r[kl], EIGHT_PI2 * u);
      } else if (b11 >= 0 && b22 >= 0 && b33 >= 0) {
        const b = (cifNumber(r[b11]) + cifNumber(r[b22]) + cifNumber(r[b33])) / 3;
        if (Number.isFinite(b)) aniso.set(r[kl], b);
      }
    }
  }

  const notes: string[] = [];
  const atoms: AtomSite[] = siteLoop.rows.map((r, i) => {
    const label = cLabel >= 0 ? r[cLabel] : `site${i + 1}`;
    const rawType = cType >= 0 && r[cType] !== '?' && r[cType] !== '.' ? r[cType] : elementFromLabel(label);
    let element: string;
    try {
      const sp = parseSpecies(rawType);
      element = sp.charge === 0 ? sp.element : `${sp.element}${Math.abs(sp.charge)}${sp.charge > 0 ? '+' : '-'}`;
    } catch {
      try {
        element = parseSpecies(elementFromLabel(label)).element;
      } catch {
        throw new Error(`${fileName}: atom site '${label}': cannot tell the element from '${rawType}'`);
      }
    }
    const x = cifNumber(r[cx]);
    const y = cifNumber(r[cy]);
    const z = cifNumber(r[cz]);
    if (![x, y, z].every(Number.isFinite)) throw new Error(`${fileName}: atom site '${label}': fractional coordinates are not numbers`);
    const occRaw = cOcc >= 0 ? cifNumber(r[cOcc]) : NaN;
    const occupancy = Number.isFinite(occRaw) ? occRaw : 1;
    let bIsoA2 = NaN;
    const adp = cAdp >= 0 ? r[cAdp].toLowerCase() : '';
    if (cB >= 0 && Number.isFinite(cifNumber(r[cB]))) bIsoA2 = cifNumber(r[cB]);
    if (!Number.isFinite(bIsoA2) && cU >= 0 && Number.isFinite(cifNumber(r[cU]))) {
      bIsoA2 = adp === 'biso' ? cifNumber(r[cU]) : EIGHT_PI2 * cifNumber(r[cU]);
    }
    if (!Number.isFinite(bIsoA2) && aniso.has(label)) bIsoA2 = aniso.get(label)!;
    if (!Number.isFinite(bIsoA2)) {
      bIsoA2 = 0;
      notes.push(`site ${label}: no displacement parameter in the file, B = 0`);
    }
    return { label, element, x, y, z, occupancy, bIsoA2 };
  });
  if (atoms.length === 0) throw new Error(`${fileName}: the atom-site loop is empty`);

  const formulaSum = item(block, '_chemical_formula_sum');
  const formula = formulaSum
    ? formulaSum.replace(/\s+/g, '')
    : [...new Set(atoms.map((a) => parseSpecies(a.element).element))].join('');
  const name =
    item(block, '_chemical_name_mineral', '_pd_phase_name', '_chemical_name_common', '_chemical_name_systematic') ?? (block.name || fileName.replace(/\.cif$/i, ''));
  const sgNumber = cifNumber(item(block, '_space_group_it_number', '_symmetry_int_tables_number', '_space_group.it_number'));

  const authorsLoop = loopWith(block, '_publ_author_name');
  const authors = authorsLoop ? authorsLoop.rows.map((r) => r[authorsLoop.tags.indexOf('_publ_author_name')]) : [];
  const journal = item(block, '_journal_name_full', '_citation_journal_full');
  const year = item(block, '_journal_year', '_citation_year');
  const volume = item(block, '_journal_volume', '_citation_journal_volume');
  const page = item(block, '_journal_page_first', '_citation_page_first');
  const doi = item(block, '_journal_paper_doi', '_citation_doi');
  const codes = [
    item(block, '_cod_database_code') ? `COD ${item(block, '_cod_database_code')}` : '',
    item(block, '_database_code_amcsd') ? `AMCSD ${item(block, '_database_code_amcsd')}` : '',
    item(block, '_database_code_icsd') ? `ICSD ${item(block, '_database_code_icsd')}` : '',
  ].filter(Boolean);
  const citationParts = [
    authors.length ? authors.join('; ') : '',
    journal ? `${journal}${volume ? ` ${volume}` : ''}${year ? ` (${year})` : ''}${page ? ` ${page}` : ''}` : '',
    doi ? `doi:${doi}` : '',
    codes.join(', '),
  ].filter(Boolean);

  // _diffrn_ambient_temperature / _cell_measurement_temperature (K): the temperature the cell and B values are for
  const tK = parseFloat(item(block, '_diffrn_ambient_temperature') ?? item(block, '_cell_measurement_temperature') ?? '');
  const temperatureC = Number.isFinite(tK) && tK > 0 ? Math.round((tK - 273.15) * 100) / 100 : null;
  return {
    id: `cif-${slug(block.name || fileName.replace(/\.cif$/i, '')) || 'phase'}`,
    name,
    formula,
    spaceGroup: { symbol: hm.replace(/\s+/g, '') || 'unknown', number: Number.isFinite(sgNumber) ? sgNumber : 0 },
    lattice,
    atoms,
    symops,
    citation: citationParts.length ? citationParts.join(', ') : `imported from ${fileName}`,
    notes: [`imported from ${fileName}`, ...notes].join('; '),
    source: 'cif',
    ...(temperatureC !== null ? { temperatureC } : {}),
  };
}
