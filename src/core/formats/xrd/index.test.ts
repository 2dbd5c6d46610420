import { describe, expect, it } from 'vitest';
import { detectXrdFormat, importPattern, importPatterns, importPatternsAsync, rankXrdFormats, tryImportPatterns, xrdFormats } from './index';
import { missingSimulated, missingXrd, readGenerated, readSimulated, readXrd } from '../../../../test/fixtures/xrd/paths';

/** The real folders the registry tests below read (../shared/fixtures/xrd). */
const LAB = ['datalab-operando-echem-xrdml', 'datalab-xrd-formats', 'geddes-vendor-formats', 'gsas2-11bm-LaB6', 'cheminfo-bruker-brml', 'nist-austenite-ferrite', 'topas-P25-anatase-rutile-heating'];

describe('XRD format registry', () => {
  it('has unique ids, all technique xrd, generic text last', () => {
    const ids = xrdFormats.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(xrdFormats.every((f) => f.technique === 'xrd')).toBe(true);
    expect(ids[ids.length - 1]).toBe('generic-xy');
  });
  it.skipIf(missingXrd(...LAB))('detects real files by content, whatever their name', () => {
    const cases: [string, string][] = [
      ['datalab-operando-echem-xrdml/Scan_C10.xrdml', 'xrdml'],
      ['datalab-xrd-formats/HL1-2_5-90_60min.xrdml', 'xrdml'],
      ['datalab-xrd-formats/JO_KL_16_ZF_3_60deg_0.02step_12degpermin_001.rasx', 'rigaku-rasx'],
      ['datalab-xrd-formats/TiO2.raw', 'bruker-raw'],
      ['datalab-xrd-formats/TiOF.brml', 'bruker-brml'],
      ['datalab-xrd-formats/example_bmb.xye', 'xye'],
      ['datalab-xrd-formats/example_mac.xye', 'xye'],
      ['datalab-xrd-formats/example_mythen.xye', 'xye'],
      ['datalab-xrd-formats/example_mythen.dat', 'generic-xy'],
      ['datalab-xrd-formats/example_evadiffract.xy', 'generic-xy'],
      ['datalab-xrd-formats/example_ocx.xy', 'generic-xy'],
      ['geddes-vendor-formats/gsas.raw', 'gsas-bank'],
      ['geddes-vendor-formats/sample.csv', 'generic-xy'],
      ['geddes-vendor-formats/sample.rasx', 'rigaku-rasx'],
      ['geddes-vendor-formats/sample.xrdml', 'xrdml'],
      ['geddes-vendor-formats/bruker4_v5converter.raw', 'bruker-raw'],
      ['gsas2-11bm-LaB6/11bmb_3844.fxye.zip', 'gsas-bank'],
      ['cheminfo-bruker-brml/test.brml', 'bruker-brml'],
      ['cheminfo-bruker-brml/RawData0.xml', 'bruker-brml'],
      ['cheminfo-bruker-brml/MG1-Cu2O-28_bg_subtracted.xy', 'generic-xy'],
      ['nist-austenite-ferrite/E211110-AAC-001_013-000_exported.csv', 'generic-xy'],
      ['nist-austenite-ferrite/Gonio_BB-HD-Cu_Gallipix3d[30-120]_New_Control_proper_power.xrdml', 'xrdml'],
      ['topas-P25-anatase-rutile-heating/degussa.raw', 'bruker-raw'],
      ['topas-P25-anatase-rutile-heating/xye-files/degussa_005.xye', 'xye'],
    ];
    for (const [rel, id] of cases) {
      // a misleading extension must not change the answer
      expect(detectXrdFormat(rel.split('/').pop() ?? rel, readXrd(rel))?.id, rel).toBe(id);
      expect(detectXrdFormat('renamed.bin', readXrd(rel))?.id, `${rel} renamed`).toBe(id === 'xye' && !rel.includes('bmb') ? 'generic-xy' : id);
    }
  });
  it.skipIf(missingSimulated('sxrd-fe2o3-700C'))("detects the project's own HDF5 stack and simulated pyFAI frames by content", () => {
    const h5 = readGenerated('sxrd-fe2o3-700C_5frames.h5');
    expect(detectXrdFormat('sxrd-fe2o3-700C_5frames.h5', h5)?.id).toBe('hdf5-nexus');
    expect(detectXrdFormat('renamed.bin', h5)?.id).toBe('hdf5-nexus');
    expect(detectXrdFormat('fe2o3_700C_00000.xy', readSimulated('sxrd-fe2o3-700C/fe2o3_700C_00000.xy'))?.id).toBe('pyfai-xy');
    expect(rankXrdFormats('a.xy', readSimulated('sxrd-fe2o3-700C/fe2o3_700C_00000.xy'))[0].confidence).toBeGreaterThan(0.9);
  });
  it.skipIf(missingXrd('topas-P25-anatase-rutile-heating', 'datalab-operando-echem-xrdml', 'geddes-vendor-formats'))('imports one or all frames, forces a format by id, and refuses an unreadable RAW4 without throwing', () => {
    expect(importPatterns('degussa.raw', readXrd('topas-P25-anatase-rutile-heating/degussa.raw')).length).toBe(20);
    expect(importPattern('degussa.raw', readXrd('topas-P25-anatase-rutile-heating/degussa.raw')).label).toBe('range 1');
    expect(importPatterns('Scan_C1.xrdml', readXrd('datalab-operando-echem-xrdml/Scan_C1.xrdml')).length).toBe(1);
    const forced = importPattern('degussa_000.xye', readXrd('topas-P25-anatase-rutile-heating/xye-files/degussa_000.xye'), { formatId: 'generic-xy' });
    expect(forced.formatId).toBe('generic-xy');
    const refused = tryImportPatterns('bruker4_diffrac_eva.raw', readXrd('geddes-vendor-formats/bruker4_diffrac_eva.raw'));
    expect(refused.ok).toBe(false);
  });
  it('refuses text and unknown format ids without throwing, and reads every frame of an HDF5 stack', async () => {
    const bad = tryImportPatterns('notes.txt', new TextEncoder().encode('just some words\nand more\n'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^notes\.txt: expected a recognised diffraction pattern/);
    const unknownId = tryImportPatterns('a.xy', new Uint8Array(4), { formatId: 'nope' });
    expect(unknownId.ok).toBe(false);
    const h5 = await importPatternsAsync('stack.h5', readGenerated('sxrd-fe2o3-700C_5frames.h5'));
    expect(h5.length).toBe(5);
    const ok = tryImportPatterns('stack.h5', readGenerated('sxrd-fe2o3-700C_5frames.h5'));
    expect(ok.ok && ok.formatId).toBe('hdf5-nexus');
  });
});

describe.skipIf(missingXrd('dioptas-pattern-xy-chi'))('registry on the Dioptas files (GPL, read in place)', () => {
  it('tells pyFAI .xy from Fit2D .chi', () => {
    expect(detectXrdFormat('pattern_001.xy', readXrd('dioptas-pattern-xy-chi/pattern_001.xy'))?.id).toBe('pyfai-xy');
    expect(detectXrdFormat('pattern_001.chi', readXrd('dioptas-pattern-xy-chi/pattern_001.chi'))?.id).toBe('fit2d-chi');
  });
});

describe.skipIf(missingXrd('xrdfit-dawn-cakes'))('registry on the DAWN cakes (GPL, read in place)', () => {
  it('reads the 37-column file as a 36-frame matrix', () => {
    const bytes = readXrd('xrdfit-dawn-cakes/adc_041_7Nb_NDload_700C_15mms_00003.dat');
    expect(detectXrdFormat('adc_041_7Nb_NDload_700C_15mms_00003.dat', bytes)?.id).toBe('matrix-csv');
    expect(importPatterns('adc_041_7Nb_NDload_700C_15mms_00003.dat', bytes).length).toBe(36);
  });
});
