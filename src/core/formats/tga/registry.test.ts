import { describe, expect, it } from 'vitest';
import { listShared, missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { FormatError } from '../types';
import { genericTable } from './generic-table';
import { describeImport, detectTgaFormat, importTga, tgaFormats, tryImportTga } from './index';

/**
 * What each TGA-side file under ../shared/fixtures gives today (tga/, more-layouts/tga/ and the simulated TGA study).
 * The sweep below covers every file under ../shared/fixtures: it fails on a file that has neither an entry here nor a
 * folder in NOT_TGA_FOLDERS (a new fixture must be handled or listed with its reason) and on an entry whose file is
 * gone.
 * - `format`, `rows`, `mass`: detected and read by this module, this many data rows, mass in mg or in % only.
 * - `notTga`: not a TGA export (notes, sidecar files, other instruments): the import is refused with a
 *   FormatError naming the file; `detectedAs` pins a module that claims it at detection and then refuses it.
 * - `pending`: a layout no reader handles correctly yet; `today` pins what happens now, so that the reader that
 *   handles it changes this entry deliberately (none today).
 */
type Read = { format: string; rows: number; mass: 'mg' | '%' };
type Refused = { refused: RegExp; detectedAs?: string };
type Expectation = Read | ({ notTga: string } & Refused) | { pending: string; today: Read | Refused };

/** The project's simulated 700 °C study (read in place from ../shared). */
const SIM = 'simulated/tga-700C-isothermal';

const EXPECTED: Record<string, Expectation> = {
  'tga/PROVENANCE.md': {
    notTga: 'provenance notes of the shared collection',
    // The notes quote Pyris header keys ('Sample ID:', 'Method Steps:' …), so the Pyris detector claims the file
    // at 0.7; the reader then refuses it.
    detectedAs: 'pyris-text',
    refused: /^PROVENANCE\.md: expected a Pyris header ending with 'Method Steps:'/,
  },
  'tga/ErickErock-pICNIK/PARACETAMOL_5.csv': { format: 'generic-table', rows: 9262, mass: 'mg' },
  'tga/ErickErock-pICNIK/PARACETAMOL_10.csv': { format: 'generic-table', rows: 4632, mass: 'mg' },
  'tga/ErickErock-pICNIK/PARACETAMOL_20.csv': { format: 'generic-table', rows: 2235, mass: 'mg' },
  'tga/GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3': { format: 'netzsch-ngb', rows: 9190, mass: 'mg' },
  'tga/GraysonBellamy-pyngb/Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3': { format: 'netzsch-ngb', rows: 9191, mass: 'mg' },
  'tga/GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3.parity.json': {
    notTga: "pyngb's reference output for the .ngb-ss3 run (sidecar read by netzsch-ngb.test.ts)",
    refused: /^Douglas_Fir_STA_10K_250730_R13\.ngb-ss3\.parity\.json: expected a TGA export, not JSON/,
  },
  'tga/MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv': { format: 'generic-table', rows: 2283, mass: 'mg' },
  'tga/MaCFP-matl-db/TUBS_Wood_TGA_N2_593Kiso_R1.csv': { format: 'generic-table', rows: 22068, mass: 'mg' },
  'tga/MaCFP-matl-db/TUBS_README.md': { notTga: "the MaCFP TUBS data set's README", refused: /^TUBS_README\.md: expected a TGA export/ },
  'tga/MyonicS-pyTGA/MettlerToledo_example_file.txt': { format: 'mettler-stare', rows: 12661, mass: 'mg' },
  'tga/MyonicS-pyTGA/blank_test_MT.txt': { format: 'mettler-stare', rows: 12661, mass: 'mg' },
  'tga/MyonicS-pyTGA/Methane_Pyrolysis.txt': { format: 'pyris-text', rows: 16077, mass: 'mg' },
  'tga/MyonicS-pyTGA/netzsch_example3.txt': { format: 'netzsch-ascii', rows: 7022, mass: 'mg' },
  'tga/PPeitsch-pkynetics/sample_dsc_setaram.txt': { format: 'setaram', rows: 13002, mass: 'mg' },
  'tga/cheminfo-tga-spectrum/TAInstruments.txt': { format: 'ta-universal', rows: 15577, mass: 'mg' },
  'tga/cheminfo-tga-spectrum/mof.txt': { format: 'ta-universal', rows: 18995, mass: 'mg' },
  'tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt': { format: 'mettler-stare', rows: 2251, mass: 'mg' },
  'tga/cheminfo-tga-spectrum/netzsch.txt': { format: 'netzsch-ascii', rows: 270, mass: 'mg' },
  'tga/cheminfo-tga-spectrum/perkinElmer.csv': { format: 'pyris-csv', rows: 8637, mass: 'mg' },
  'tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt': { format: 'pyris-text', rows: 1155, mass: 'mg' },
  'tga/datalab-org-datalab/mp2028_281122_LNO+C.txt': { format: 'mettler-stare', rows: 4051, mass: 'mg' },
  'tga/datalab-org-datalab/20221128 134958 TGA MS Megan.asc': {
    notTga: 'a quadrupole mass-spectrometer log recorded beside a TGA run (partial pressures, no mass)',
    refused: /^20221128 134958 TGA MS Megan\.asc: expected TGA data, but this looks like a quadrupole mass-spectrometer \(QMS\) log of partial pressures/,
  },
  'tga/mpecchi-tga_data_analysis/CLSOx5_1.txt': { format: 'ta-trios', rows: 28450, mass: 'mg' },
  'tga/mpecchi-tga_data_analysis/CLSOx10_2.txt': { format: 'ta-trios', rows: 15850, mass: 'mg' },
  'tga/mpecchi-tga_data_analysis/CLSOx50_4.txt': { format: 'ta-trios', rows: 7742, mass: 'mg' },
  'tga/mpecchi-tga_data_analysis/CLSOx100_4.txt': { format: 'ta-trios', rows: 6879, mass: 'mg' },

  'more-layouts/tga/PROVENANCE.md': { notTga: 'provenance notes of the extra layouts', refused: /^PROVENANCE\.md: expected a TGA export/ },
  // TA TRIOS Excel (.xls, BIFF8): a Details sheet and five step sheets of 3600 + 300 + 15646 + 1200 + 1166 rows.
  'more-layouts/tga/TA_instrument_excel.xls': { format: 'ta-trios-excel', rows: 21912, mass: 'mg' },
  // TA TRIOS CSV without a units row: TRIOS's default units assumed (min, °C, %, µg by the balance's capacity).
  'more-layouts/tga/SRU_1.csv': { format: 'ta-trios', rows: 23836, mass: 'mg' },

  // The project's simulated 700 °C study (scripts in ../shared): four runs and their truth.
  'simulated/tga-700C-isothermal/Fe2O3.csv': { format: 'generic-table', rows: 6376, mass: 'mg' },
  'simulated/tga-700C-isothermal/Fe2O3_Ni.csv': { format: 'generic-table', rows: 6376, mass: 'mg' },
  'simulated/tga-700C-isothermal/Fe2O3_NiO.csv': { format: 'generic-table', rows: 6376, mass: 'mg' },
  'simulated/tga-700C-isothermal/blank.csv': { format: 'generic-table', rows: 6376, mass: 'mg' },
  'simulated/tga-700C-isothermal/truth.json': {
    notTga: 'the simulation truth of the TGA study (read by the analysis tests)',
    refused: /^truth\.json: expected a TGA export, not JSON/,
  },
};

/**
 * Folders of ../shared/fixtures that hold no TGA data, with the reason: their files are the SXRD side's, read and
 * pinned by the XRD readers' and the SXRD analysis tests. A file outside these folders and outside EXPECTED fails.
 */
const NOT_TGA_FOLDERS: Record<string, string> = {
  'xrd/': 'the X-ray diffraction collection (patterns, detector images, CIFs, notes): core/formats/xrd tests',
  'more-layouts/xrd/': 'extra X-ray diffraction layouts: core/formats/xrd tests',
  'simulated/sxrd-fe2o3-700C/': 'the simulated SXRD study of Fe2O3 (frames, truth): SXRD analysis tests',
  'simulated/sxrd-fe2o3_nio-700C/': 'the simulated SXRD study of Fe2O3 + NiO (frames, truth): SXRD analysis tests',
  'simulated/sxrd-structures/': 'the structures the SXRD simulation used (CIFs): crystallography tests',
};

/** The folder whose absence skips an entry's test. */
const folderOf = (rel: string): string => (rel.startsWith('more-layouts/') ? 'more-layouts/tga' : rel.startsWith('simulated/') ? SIM : 'tga');


const nameOf = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);

/** Every file under ../shared/fixtures, as paths relative to it. */
const sharedFiles = (): string[] => listShared('');

function expectRead(rel: string, exp: Read): void {
  const bytes = readShared(rel);
  expect(detectTgaFormat(nameOf(rel), bytes)?.format.id).toBe(exp.format);
  const run = importTga(nameOf(rel), bytes);
  expect(run.source.formatId).toBe(exp.format);
  expect(run.timeS.length).toBe(exp.rows);
  expect(run.massMg ? 'mg' : run.massPercent ? '%' : null).toBe(exp.mass);
}

function expectRefused(rel: string, exp: Refused): void {
  const bytes = readShared(rel);
  expect(detectTgaFormat(nameOf(rel), bytes)?.format.id ?? null).toBe(exp.detectedAs ?? null);
  // One import per test: the error is caught once and judged by type and text.
  let error: unknown = null;
  try {
    importTga(nameOf(rel), bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FormatError);
  expect((error as Error).message).toMatch(exp.refused);
  const outcome = tryImportTga(nameOf(rel), bytes);
  expect(outcome).toMatchObject({ ok: false, fileName: nameOf(rel) });
}

describe('TGA registry on every shared file', () => {
  it.skipIf(missingShared('tga', 'more-layouts/tga', SIM))('has an entry or a not-TGA folder for every file of ../shared/fixtures, and no stale entry', () => {
    const files = sharedFiles();
    expect(files.length).toBeGreaterThan(Object.keys(EXPECTED).length);
    const notTga = (f: string) => Object.keys(NOT_TGA_FOLDERS).some((folder) => f.startsWith(folder));
    expect(files.filter((f) => !(f in EXPECTED) && !notTga(f)), 'files without an entry in EXPECTED: handle them or list them as not TGA').toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f)), 'entries whose file is gone').toEqual([]);
    expect(Object.keys(NOT_TGA_FOLDERS).filter((folder) => !files.some((f) => f.startsWith(folder))), 'not-TGA folders that are gone').toEqual([]);
  });

  it.for(Object.entries(EXPECTED))('%s', ([rel, exp], ctx) => {
    // Skipped only when its folder is absent; a file missing from a present folder fails (a stale entry).
    const missing = missingShared(folderOf(rel));
    if (missing) ctx.skip(missing);
    if ('pending' in exp) {
      if ('refused' in exp.today) expectRefused(rel, exp.today);
      else expectRead(rel, exp.today);
    } else if ('notTga' in exp) expectRefused(rel, exp);
    else expectRead(rel, exp);
  });
});

describe('TGA registry', () => {
  it('lists vendor modules first and the generic table reader last, with unique ids', () => {
    expect(tgaFormats[tgaFormats.length - 1]).toBe(genericTable);
    expect(new Set(tgaFormats.map((f) => f.id)).size).toBe(tgaFormats.length);
    expect(tgaFormats.map((f) => f.id)).toEqual(['netzsch-ngb', 'netzsch-ascii', 'ta-universal', 'ta-trios', 'ta-trios-excel', 'mettler-stare', 'pyris-text', 'pyris-csv', 'setaram', 'generic-table']);
  });

  it.skipIf(missingShared(SIM)).each(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'])('reads the simulated %s as a generic table', (name) => {
    const run = importTga(name, readShared(`${SIM}/${name}`));
    expect(run.source.formatId).toBe('generic-table');
    expect(run.gasEvents.map((e) => [e.timeS, e.gas])).toEqual([
      [2625, 'H2'],
      [4425, 'Ar'],
    ]);
  });

  it('honours options.formatId and rejects unknown ids', () => {
    const bytes = new TextEncoder().encode('Time (s),Mass (mg)\n0,10\n1,9.9\n2,9.8\n');
    expect(importTga('t.csv', bytes, { formatId: 'generic-table' }).timeS.length).toBe(3);
    expect(() => importTga('t.csv', bytes, { formatId: 'mettler-stare' })).toThrow(/^t\.csv: expected a STARe curve/);
    expect(() => importTga('t.csv', bytes, { formatId: 'nope' })).toThrow(/^t\.csv: expected a known format id \(netzsch-ngb, .*generic-table\), found "nope"/);
  });

  it('uses the generic reader when a column mapping is given and no vendor module is sure', () => {
    const bytes = new TextEncoder().encode('a,b,c\n0,25,10\n1,26,9.9\n2,27,9.8\n');
    expect(tryImportTga('m.csv', bytes)).toMatchObject({ ok: false, fileName: 'm.csv' });
    const run = importTga('m.csv', bytes, { columnMapping: { time: 'a', temperature: 'b', mass: 'c' } });
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
  });

  it('gives FormatError naming file and line for damaged files, and tryImportTga never throws', () => {
    const damaged = new TextEncoder().encode('Time (s),Mass (mg)\n0,10\n1,9.5\n2,9.2\nx,y\nx,y\nx,y\n3,9\n4,8\n');
    expect(() => importTga('d.csv', damaged)).toThrow(/^d\.csv, line 5: expected a number/);
    const outcome = tryImportTga('d.csv', damaged);
    expect(outcome).toEqual({ ok: false, fileName: 'd.csv', message: expect.stringMatching(/^d\.csv, line 5: /) as unknown as string });
    expect(tryImportTga('empty.csv', new Uint8Array())).toEqual({ ok: false, fileName: 'empty.csv', message: 'empty.csv: expected a non-empty file' });
    expect(tryImportTga('z.bin', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toMatchObject({ ok: false, message: expect.stringMatching(/ZIP container/) as unknown as string });
  });

  it.skipIf(missingShared(SIM))('reports time running backwards even when the parser did not', () => {
    const run = importTga('Fe2O3.csv', readShared(`${SIM}/Fe2O3.csv`));
    const timeS = run.timeS.slice();
    timeS[100] = 5;
    const lines = describeImport({ ...run, timeS });
    expect(lines[lines.length - 1]).toBe('Warning: Time runs backwards at data point 101 (5 s after 99 s); the analysis stops before it.');
    expect(describeImport(run).some((l) => /backwards/.test(l))).toBe(false);
  });

  it.skipIf(missingShared(SIM))('describes an import in report lines', () => {
    const lines = describeImport(importTga('Fe2O3.csv', readShared(`${SIM}/Fe2O3.csv`)));
    expect(lines).toEqual([
      'File: Fe2O3.csv',
      'Format: Delimited table (CSV, TSV, semicolon, whitespace) (generic-table)',
      "Text: encoding utf-8, delimiter ',', decimal '.'",
      'Rows: 6376 (lines 2–6377, header line 1, 0–6375 s)',
      'Columns: time_s [s] → time; temperature_C [C] → temperature; mass_mg [mg] → mass; gas → ignored',
      'Sample: no name, no stated mass',
      "Mass: 'mass_mg' [mg] (50 → 35.26 mg)",
      'Temperature: 24.83–700.5 °C (first 24.83 → max 700.5 at 3175 s → last 52.63 °C)',
      "Segment 1: gas, Ar (column 'gas'), 0–2625 s, gas Ar",
      "Segment 2: gas, H2 (column 'gas'), 2625–4425 s, gas H2",
      "Segment 3: gas, Ar (column 'gas'), 4425–6375 s, gas Ar",
      "Gas event: H2 at 2625 s (column 'gas', line 2627)",
      "Gas event: Ar at 4425 s (column 'gas', line 4427)",
      'Warning: The file states no sample mass.',
    ]);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('describes the sample, gas and unit warnings of a Pyris export', () => {
    const pyris = describeImport(importTga('perkinElmer_tga4000.txt', readShared('tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt')));
    expect(pyris).toContain('Sample: \'HMm-1130\', 12.492 mg, PerkinElmer TGA (serial 002042001), 06.12.2019 12:19:21');
    expect(pyris).toContain('Gas event: Nitrogen at 0 s (Pre-Run Actions: Switch the Gas to Nitrogen at 20.0 ml/min)');
    expect(pyris.some((l) => l.startsWith('Warning: Pyris exports write no units'))).toBe(true);
  });
});
