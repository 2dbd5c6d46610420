import { describe, expect, it } from 'vitest';
import {
  fixtureExists,
  joinPath,
  listFixtureFiles,
  readAbsolute,
  readSimulatedFixture,
  sharedTgaFixtureDir,
  tgaFixtureDir,
} from '../../../../test/fixtures/tga/read-fixture';
import type { FormatModule } from '../types';
import { FormatError } from '../types';
import type { TgaRun } from '../../../shared/types';
import { genericTable } from './generic-table';
import { describeImport, detectTgaFormat, importTga, tgaFormats, tryImportTga } from './index';
import { mettlerStare } from './mettler-stare';
import { netzschAscii } from './netzsch-ascii';
import { netzschNgb } from './netzsch-ngb';
import { pyrisCsv, pyrisText } from './pyris';
import { setaramText } from './setaram';
import { taTrios } from './ta-trios';
import { taUniversal } from './ta-universal';

/** Every file of /work/shared/fixtures/tga and the format that must read it (null: no TGA format may claim it). */
const EXPECTED: Record<string, FormatModule<TgaRun> | null> = {
  'ErickErock-pICNIK/PARACETAMOL_5.csv': genericTable,
  'ErickErock-pICNIK/PARACETAMOL_10.csv': genericTable,
  'ErickErock-pICNIK/PARACETAMOL_20.csv': genericTable,
  'GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3': netzschNgb,
  'GraysonBellamy-pyngb/Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3': netzschNgb,
  'GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3.parity.json': null,
  'MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv': genericTable,
  'MaCFP-matl-db/TUBS_Wood_TGA_N2_593Kiso_R1.csv': genericTable,
  'MaCFP-matl-db/TUBS_README.md': null,
  'MyonicS-pyTGA/MettlerToledo_example_file.txt': mettlerStare,
  'MyonicS-pyTGA/blank_test_MT.txt': mettlerStare,
  'MyonicS-pyTGA/Methane_Pyrolysis.txt': pyrisText,
  'MyonicS-pyTGA/netzsch_example3.txt': netzschAscii,
  'PPeitsch-pkynetics/sample_dsc_setaram.txt': setaramText,
  'cheminfo-tga-spectrum/TAInstruments.txt': taUniversal,
  'cheminfo-tga-spectrum/mof.txt': taUniversal,
  'cheminfo-tga-spectrum/mettlerToledoWeight.txt': mettlerStare,
  'cheminfo-tga-spectrum/netzsch.txt': netzschAscii,
  'cheminfo-tga-spectrum/perkinElmer.csv': pyrisCsv,
  'cheminfo-tga-spectrum/perkinElmer_tga4000.txt': pyrisText,
  'datalab-org-datalab/mp2028_281122_LNO+C.txt': mettlerStare,
  'datalab-org-datalab/20221128 134958 TGA MS Megan.asc': null,
  'mpecchi-tga_data_analysis/CLSOx5_1.txt': taTrios,
  'mpecchi-tga_data_analysis/CLSOx10_2.txt': taTrios,
  'mpecchi-tga_data_analysis/CLSOx50_4.txt': taTrios,
  'mpecchi-tga_data_analysis/CLSOx100_4.txt': taTrios,
};

/** The copy in test/fixtures/tga, else the shared original, else null (then the case is skipped with a message). */
function locate(rel: string): string | null {
  const copy = joinPath(tgaFixtureDir, rel);
  if (fixtureExists(copy)) return copy;
  const shared = joinPath(sharedTgaFixtureDir, rel);
  if (fixtureExists(shared)) return shared;
  return null;
}

const nameOf = (rel: string): string => rel.split('/').pop() as string;

describe('TGA registry', () => {
  it('lists vendor modules first and the generic table reader last, with unique ids', () => {
    expect(tgaFormats[tgaFormats.length - 1]).toBe(genericTable);
    expect(new Set(tgaFormats.map((f) => f.id)).size).toBe(tgaFormats.length);
    expect(tgaFormats.map((f) => f.id)).toEqual(['netzsch-ngb', 'netzsch-ascii', 'ta-universal', 'ta-trios', 'mettler-stare', 'pyris-text', 'pyris-csv', 'setaram', 'generic-table']);
  });

  it.each(Object.entries(EXPECTED))('detects %s as the right format', (rel, expected) => {
    const file = locate(rel);
    if (!file) {
      console.log(`skipped: ${rel} is in neither test/fixtures/tga nor ../shared/fixtures/tga`);
      return;
    }
    const bytes = readAbsolute(file);
    const detected = detectTgaFormat(nameOf(rel), bytes);
    if (expected === null) {
      expect(detected).toBeNull();
      const outcome = tryImportTga(nameOf(rel), bytes);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.message.startsWith(`${nameOf(rel)}: expected `)).toBe(true);
      return;
    }
    expect(detected?.format.id).toBe(expected.id);
    const run = importTga(nameOf(rel), bytes);
    expect(run.source.formatId).toBe(expected.id);
    expect(run.timeS.length).toBeGreaterThan(100);
    expect(run.massMg ?? run.massPercent).not.toBeNull();
  });

  it('knows every file of the shared TGA fixture folder', () => {
    const files = listFixtureFiles(sharedTgaFixtureDir);
    if (files.length === 0) {
      console.log(`skipped: ${sharedTgaFixtureDir} is absent`);
      return;
    }
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  it.each(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'])('reads the simulated %s as a generic table', (name) => {
    const run = importTga(name, readSimulatedFixture(`tga-700C-isothermal/${name}`));
    expect(run.source.formatId).toBe('generic-table');
    expect(run.gasEvents.map((e) => [e.timeS, e.gas])).toEqual([
      [2625, 'H2'],
      [4425, 'Ar'],
    ]);
  });

  it('says that the QMS log is not TGA data', () => {
    const rel = 'datalab-org-datalab/20221128 134958 TGA MS Megan.asc';
    const file = locate(rel);
    if (!file) {
      console.log(`skipped: ${rel} absent`);
      return;
    }
    expect(() => importTga(nameOf(rel), readAbsolute(file))).toThrow(FormatError);
    expect(() => importTga(nameOf(rel), readAbsolute(file))).toThrow(/^20221128 134958 TGA MS Megan\.asc: expected TGA data, but this looks like a quadrupole mass-spectrometer \(QMS\) log of partial pressures/);
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

  it('reports time running backwards even when the parser did not', () => {
    const run = importTga('Fe2O3.csv', readSimulatedFixture('tga-700C-isothermal/Fe2O3.csv'));
    const timeS = run.timeS.slice();
    timeS[100] = 5;
    const lines = describeImport({ ...run, timeS });
    expect(lines[lines.length - 1]).toBe('Warning: Time runs backwards at data point 101 (5 s after 99 s); the analysis stops before it.');
    expect(describeImport(run).some((l) => /backwards/.test(l))).toBe(false);
  });

  it('describes an import in report lines', () => {
    const lines = describeImport(importTga('Fe2O3.csv', readSimulatedFixture('tga-700C-isothermal/Fe2O3.csv')));
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
    const file = locate('cheminfo-tga-spectrum/perkinElmer_tga4000.txt');
    if (file) {
      const pyris = describeImport(importTga('perkinElmer_tga4000.txt', readAbsolute(file)));
      expect(pyris).toContain('Sample: \'HMm-1130\', 12.492 mg, PerkinElmer TGA (serial 002042001), 06.12.2019 12:19:21');
      expect(pyris).toContain('Gas event: Nitrogen at 0 s (Pre-Run Actions: Switch the Gas to Nitrogen at 20.0 ml/min)');
      expect(pyris.some((l) => l.startsWith('Warning: Pyris exports write no units'))).toBe(true);
    }
  });
});
