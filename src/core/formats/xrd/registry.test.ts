import { describe, expect, it } from 'vitest';
import { listShared, missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { FormatError } from '../types';
import { detectXrdFormat, importPatterns } from './index';

/**
 * What each file under ../shared/fixtures/xrd and ../shared/fixtures/more-layouts/xrd gives the XRD registry today.
 * The sweep below fails on a file that has no entry here (a new fixture must be handled or listed with its reason)
 * and on an entry whose file is gone.
 * - `format`, `frames`, `points`: detected and read by this module, this many frames, this many points in the first.
 * - `notXrd`: not a diffraction pattern (notes, CIFs, instrument parameters, calibrant cards, calibration files,
 *   refinement output): the import is refused with a FormatError naming the file; `detectedAs` pins a module that
 *   claims it at detection and then refuses it.
 * - `unsupported`: a pattern in a layout we refuse on purpose, with the reason.
 * - `pending`: a layout no reader handles yet; `today` pins what happens now, so that the reader that handles it
 *   changes this entry deliberately (none today: every more-layouts file has its reader).
 */
type Read = { format: string; frames: number; points: number };
type Refused = { refused: RegExp; detectedAs?: string };
type Expectation = Read | ({ notXrd: string } & Refused) | ({ unsupported: string } & Refused) | { pending: string; today: Read | Refused };

/** The registry's answer for a file it does not recognise at all. */
const unrecognised = (name: string): RegExp => new RegExp(`^${name.replace(/[.[\]]/g, '\\$&')}: expected a recognised diffraction pattern`);
const notXrd = (name: string, why: string): Expectation => ({ notXrd: why, refused: unrecognised(name) });
/** name_000 … name_{n-1}: numbered series, every member listed by name. */
const series = (n: number, name: (i: number) => string, exp: Read): [string, Expectation][] => Array.from({ length: n }, (_, i) => [name(i), exp]);

const EXPECTED: Record<string, Expectation> = {
  'xrd/PROVENANCE.md': notXrd('PROVENANCE.md', 'provenance notes of the shared collection'),
  'xrd/cheminfo-bruker-brml/MG1-Cu2O-28_bg_subtracted.xy': { format: 'generic-xy', frames: 1, points: 3449 },
  'xrd/cheminfo-bruker-brml/RawData0.xml': { format: 'bruker-brml', frames: 1, points: 3714 },
  'xrd/cheminfo-bruker-brml/test.brml': { format: 'bruker-brml', frames: 1, points: 2443 },
  ...Object.fromEntries(series(10, (i) => `xrd/datalab-operando-echem-xrdml/Scan_C${i + 1}.xrdml`, { format: 'xrdml', frames: 1, points: 7181 })),
  'xrd/datalab-xrd-formats/CG20396_jdb12-1.xrdml': { format: 'xrdml', frames: 1, points: 7181 },
  'xrd/datalab-xrd-formats/HL1-2_5-90_60min.xrdml': { format: 'xrdml', frames: 1, points: 6474 },
  'xrd/datalab-xrd-formats/JO_KL_16_ZF_3_60deg_0.02step_12degpermin_001.rasx': { format: 'rigaku-rasx', frames: 1, points: 2851 },
  'xrd/datalab-xrd-formats/TiO2.raw': { format: 'bruker-raw', frames: 1, points: 1647 },
  'xrd/datalab-xrd-formats/TiOF.brml': { format: 'bruker-brml', frames: 1, points: 2469 },
  'xrd/datalab-xrd-formats/example_bmb.xye': { format: 'xye', frames: 1, points: 575 },
  'xrd/datalab-xrd-formats/example_evadiffract.xy': { format: 'generic-xy', frames: 1, points: 28 },
  'xrd/datalab-xrd-formats/example_mac.xye': { format: 'xye', frames: 1, points: 599 },
  'xrd/datalab-xrd-formats/example_mythen.dat': { format: 'generic-xy', frames: 1, points: 730 },
  'xrd/datalab-xrd-formats/example_mythen.xye': { format: 'xye', frames: 1, points: 74 },
  'xrd/datalab-xrd-formats/example_ocx.xy': { format: 'generic-xy', frames: 1, points: 1876 },
  'xrd/dioptas-CeO2-Pilatus1M/CeO2_Pilatus1M.poni': notXrd('CeO2_Pilatus1M.poni', 'pyFAI detector geometry (PONI) of the CeO2 calibration'),
  'xrd/dioptas-CeO2-Pilatus1M/CeO2_Pilatus1M.xy': { format: 'pyfai-xy', frames: 1, points: 1512 },
  ...Object.fromEntries(
    [1, 2, 3, 6, 7, 8, 11, 12, 13].map((k) => [`xrd/dioptas-map-Fe3O4C-pyFAI-xy/Fe3O4C_M1_map_${k}_P1_E1_001.xy`, { format: 'pyfai-xy', frames: 1, points: 1508 }]),
  ),
  'xrd/dioptas-pattern-xy-chi/pattern_001.chi': { format: 'fit2d-chi', frames: 1, points: 75 },
  'xrd/dioptas-pattern-xy-chi/pattern_001.xy': { format: 'pyfai-xy', frames: 1, points: 1400 },
  'xrd/dioptas-pattern-xy-chi/pattern_002.xy': { format: 'pyfai-xy', frames: 1, points: 1400 },
  'xrd/geddes-vendor-formats/bruker4_diffrac_eva.raw': {
    unsupported: 'Bruker RAW4 written by DIFFRAC.EVA with 8 bytes per step, an undocumented layout: the user is asked to export it as .xy',
    detectedAs: 'bruker-raw',
    refused: /^bruker4_diffrac_eva\.raw: expected 4 bytes \(float32\) per step in range 1, found "8 bytes per step: this RAW4 layout is undocumented/,
  },
  'xrd/geddes-vendor-formats/bruker4_v5converter.raw': { format: 'bruker-raw', frames: 1, points: 4059 },
  'xrd/geddes-vendor-formats/gsas.raw': { format: 'gsas-bank', frames: 1, points: 4941 },
  'xrd/geddes-vendor-formats/sample.csv': { format: 'generic-xy', frames: 1, points: 7351 },
  'xrd/geddes-vendor-formats/sample.rasx': { format: 'rigaku-rasx', frames: 1, points: 2334 },
  'xrd/geddes-vendor-formats/sample.xrdml': { format: 'xrdml', frames: 1, points: 5027 },
  'xrd/gsas2-11bm-LaB6/11bmb_3844.fxye.zip': { format: 'gsas-bank', frames: 1, points: 132992 },
  'xrd/gsas2-11bm-LaB6/11bmb_3844.prm': notXrd('11bmb_3844.prm', 'GSAS instrument parameter file of the 11-BM LaB6 run'),
  'xrd/nist-austenite-ferrite/BrukerD8_E211110.instprm': notXrd('BrukerD8_E211110.instprm', 'GSAS-II instrument parameters (read by the refinement, not as a pattern)'),
  ...Object.fromEntries(
    [['005', 5424], ['008', 4176], ['012', 4173], ['013', 4159], ['014', 4161]].map(([id, n]) => [`xrd/nist-austenite-ferrite/E211110-AAC-001_${id}-000_exported.csv`, { format: 'generic-xy', frames: 1, points: n as number }]),
  ),
  'xrd/nist-austenite-ferrite/Gonio_BB-HD-Cu_Gallipix3d[30-120]_New_Control_proper_power.xrdml': { format: 'xrdml', frames: 1, points: 3140 },
  'xrd/nist-austenite-ferrite/Gonio_BB-HD-Cu_Gallipix3d[30-120]_New_Duplex_10b_I4_Angles_0_30.xrdml': { format: 'xrdml', frames: 1, points: 3140 },
  'xrd/nist-austenite-ferrite/austenite-FeOnly.cif': notXrd('austenite-FeOnly.cif', 'crystal structure (CIF) for the refinement'),
  'xrd/nist-austenite-ferrite/austenite-SRM487.cif': notXrd('austenite-SRM487.cif', 'crystal structure (CIF) for the refinement'),
  'xrd/nist-austenite-ferrite/ferrite-PureFe.cif': notXrd('ferrite-PureFe.cif', 'crystal structure (CIF) for the refinement'),
  'xrd/nist-austenite-ferrite/ferrite-SRM487.cif': notXrd('ferrite-SRM487.cif', 'crystal structure (CIF) for the refinement'),
  'xrd/reference-cifs/Hematite.cif': notXrd('Hematite.cif', 'crystal structure (CIF), read by the crystallography tests'),
  ...Object.fromEntries(
    ['Au.D', 'CeO2.D', 'LaB6_SRM660c.D', 'Ni.D', 'Si_SRM640e.D', 'au_Anderson.jcpds', 'mo.jcpds', 'pt.jcpds', 're.jcpds'].map((f) => [
      `xrd/reference-phases-jcpds-calibrants/${f}`,
      notXrd(f, 'Dioptas calibrant / JCPDS phase card (reflection list and equation of state, not a pattern)'),
    ]),
  ),
  'xrd/topas-P25-anatase-rutile-heating/degussa.raw': { format: 'bruker-raw', frames: 20, points: 6313 },
  'xrd/topas-P25-anatase-rutile-heating/output.txt': {
    notXrd: "TOPAS refinement results per temperature (the reference of topas.test.ts)",
    // A numeric table, so the matrix reader claims it, then refuses it for having too few columns.
    detectedAs: 'matrix-csv',
    refused: /^output\.txt: expected a matrix of at least 4 numeric columns/,
  },
  ...Object.fromEntries(
    series(20, (i) => `xrd/topas-P25-anatase-rutile-heating/xye-files/degussa_${String(i).padStart(3, '0')}.xye`, { format: 'xye', frames: 1, points: 6313 }),
  ),
  ...Object.fromEntries(
    series(10, (i) => `xrd/xrdfit-dawn-cakes/adc_041_7Nb_NDload_700C_15mms_${String(i + 1).padStart(5, '0')}.dat`, { format: 'matrix-csv', frames: 36, points: 1027 }),
  ),
  'xrd/xylib-bruker-raw-uxd-xrdml/1517474.cif': notXrd('1517474.cif', 'crystal structure (CIF) shipped with the xylib samples'),
  'xrd/xylib-bruker-raw-uxd-xrdml/BT86.raw': { format: 'bruker-raw', frames: 1, points: 2374 },
  'xrd/xylib-bruker-raw-uxd-xrdml/BT86_.UXD': { format: 'bruker-uxd', frames: 1, points: 2374 },
  'xrd/xylib-bruker-raw-uxd-xrdml/Cu3Au-1.raw': { format: 'bruker-raw', frames: 1, points: 3901 },
  'xrd/xylib-bruker-raw-uxd-xrdml/Cu3Au-2.raw': { format: 'bruker-raw', frames: 1, points: 3901 },
  'xrd/xylib-bruker-raw-uxd-xrdml/empyrean.xrdml': { format: 'xrdml', frames: 1, points: 196 },
  'xrd/xylib-bruker-raw-uxd-xrdml/format1.raw': { format: 'bruker-raw', frames: 3, points: 101 },

  'more-layouts/xrd/PROVENANCE.md': notXrd('PROVENANCE.md', 'provenance notes of the extra layouts'),
  'more-layouts/xrd/brk_raw1.raw': { format: 'bruker-raw', frames: 1, points: 876 },
  'more-layouts/xrd/brk_raw2.raw': { format: 'bruker-raw', frames: 1, points: 7251 },
  'more-layouts/xrd/stoe.raw': { format: 'stoe-raw', frames: 1, points: 5404 },
  // Beamline whitespace table: 2 images of 2600 rows, x = the measured 2θ column, λ derived from 2θ and d.
  'more-layouts/xrd/data.dat': { format: 'beamline-table', frames: 2, points: 2600 },
};

const nameOf = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);

/** Every file of the two shared XRD folders, as paths relative to shared/fixtures. */
const sharedFiles = (): string[] => [...listShared('xrd').map((f) => `xrd/${f}`), ...listShared('more-layouts/xrd').map((f) => `more-layouts/xrd/${f}`)];

function expectRead(rel: string, exp: Read): void {
  const bytes = readShared(rel);
  expect(detectXrdFormat(nameOf(rel), bytes)?.id).toBe(exp.format);
  const patterns = importPatterns(nameOf(rel), bytes);
  expect(patterns.map((p) => p.formatId)).toEqual(Array(exp.frames).fill(exp.format));
  expect(patterns[0].x.length).toBe(exp.points);
  expect(patterns[0].intensity.length).toBe(exp.points);
}

function expectRefused(rel: string, exp: Refused): void {
  const bytes = readShared(rel);
  expect(detectXrdFormat(nameOf(rel), bytes)?.id ?? null).toBe(exp.detectedAs ?? null);
  expect(() => importPatterns(nameOf(rel), bytes)).toThrow(FormatError);
  expect(() => importPatterns(nameOf(rel), bytes)).toThrow(exp.refused);
}

describe('XRD registry on every shared file', () => {
  it.skipIf(missingShared('xrd', 'more-layouts/xrd'))('has an entry for every file of ../shared/fixtures/xrd and more-layouts/xrd, and no stale entry', () => {
    const files = sharedFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !(f in EXPECTED)), 'files without an entry in EXPECTED: handle them or list them as not XRD').toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f)), 'entries whose file is gone').toEqual([]);
  });

  it.for(Object.entries(EXPECTED))('%s', ([rel, exp], ctx) => {
    // Skipped only when its folder is absent; a file missing from a present folder fails (a stale entry).
    const missing = missingShared(rel.startsWith('more-layouts/') ? 'more-layouts/xrd' : 'xrd');
    if (missing) ctx.skip(missing);
    if ('pending' in exp) {
      if ('refused' in exp.today) expectRefused(rel, exp.today);
      else expectRead(rel, exp.today);
    } else if ('refused' in exp) expectRefused(rel, exp);
    else expectRead(rel, exp);
  });
});
