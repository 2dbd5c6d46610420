import { describe, expect, it } from 'vitest';
import { attachTemperatureLog, buildSequence, buildSequenceAsync, naturalCompare } from './sequence';
import { haveSimulated, missingXrd, readGenerated, readSimulated, readXrd, simulatedFiles, xrdFiles } from '../../../test/fixtures/xrd/paths';

const simulated = (folder: string) => simulatedFiles(folder).map((name) => ({ name, bytes: readSimulated(`${folder}/${name}`) }));

describe('naturalCompare', () => {
  it('orders frame numbers as numbers', () => {
    expect(['f_00010.xy', 'f_00009.xy', 'f_00100.xy'].sort(naturalCompare)).toEqual(['f_00009.xy', 'f_00010.xy', 'f_00100.xy']);
    expect(['map_13_P1', 'map_2_P1', 'map_1_P1'].sort(naturalCompare)).toEqual(['map_1_P1', 'map_2_P1', 'map_13_P1']);
    expect(['Scan_C10', 'Scan_C2', 'Scan_C1'].sort(naturalCompare)).toEqual(['Scan_C1', 'Scan_C2', 'Scan_C10']);
    expect(naturalCompare('a', 'a')).toBe(0);
  });
});

const haveNio = haveSimulated('sxrd-fe2o3_nio-700C');

describe.skipIf(!haveNio)('buildSequence on the simulated Fe2O3 + NiO frames', () => {
  const files = haveNio ? simulated('sxrd-fe2o3_nio-700C') : [];
  it('loads the 61 simulated frames in frame order whatever the input order, one shared 2θ grid, λ from the header', () => {
    const shuffled = [...files].reverse();
    const seq = buildSequence(shuffled, { intervalS: 30 });
    expect(seq.frames.length).toBe(61);
    expect(seq.frames[0].fileName).toBe('fe2o3_nio_700C_00000.xy');
    expect(seq.frames[60].fileName).toBe('fe2o3_nio_700C_00060.xy');
    expect(seq.timeSource).toBe('interval');
    expect(seq.timesS[0]).toBe(0);
    expect(seq.timesS[60]).toBe(1800);
    expect(seq.wavelengthA).toBeCloseTo(0.20735, 12);
    expect(seq.frames[30].x).toBe(seq.frames[0].x);
    expect(seq.skipped).toEqual([]);
    expect(seq.intervalS).toBe(30);
  });
  it('uses the default 2-s interval, the offset, and reports an unreadable frame by name while the rest loads', () => {
    const some = files.slice(0, 5);
    const broken = { name: 'fe2o3_nio_700C_00002.xy', bytes: new TextEncoder().encode('# == pyFAI calibration ==\n# Wavelength: 2.0735e-11 m\n# 2th_deg I\n') };
    const seq = buildSequence([some[0], some[1], broken, some[3], some[4]], { offsetS: -4 });
    expect(seq.frames.map((f) => f.fileName)).toEqual(['fe2o3_nio_700C_00000.xy', 'fe2o3_nio_700C_00001.xy', 'fe2o3_nio_700C_00003.xy', 'fe2o3_nio_700C_00004.xy']);
    expect(Array.from(seq.timesS)).toEqual([-4, -2, 2, 4]);
    expect(seq.skipped.length).toBe(1);
    expect(seq.skipped[0].fileName).toBe('fe2o3_nio_700C_00002.xy');
    expect(seq.skipped[0].message).toMatch(/^fe2o3_nio_700C_00002\.xy: expected /);
    expect(seq.warnings).toBeUndefined();
  });
  it('warns about a truncated frame (fewer points than the others)', () => {
    const cut = new TextDecoder().decode(files[1].bytes).split('\n').slice(0, 1000).join('\n');
    const seq = buildSequence([files[0], { name: files[1].name, bytes: new TextEncoder().encode(cut) }, files[2]]);
    expect(seq.frames.length).toBe(3);
    expect(seq.frames[1].x.length).toBe(1000 - 19);
    expect(seq.warnings?.join(' ')).toContain('fe2o3_nio_700C_00001.xy has 981 points');
  });
});

describe('buildSequence', () => {
  it.skipIf(missingXrd('datalab-operando-echem-xrdml'))('takes times from XRDML time stamps, relative to the first scan (C1…C10 ordered by number)', () => {
    const names = Array.from({ length: 10 }, (_, i) => `Scan_C${i + 1}.xrdml`);
    const seq = buildSequence(names.map((n) => ({ name: n, bytes: readXrd(`datalab-operando-echem-xrdml/${n}`) })).reverse());
    expect(seq.frames.map((f) => f.fileName)).toEqual(names);
    expect(seq.timeSource).toBe('metadata');
    expect(seq.timesS[0]).toBe(0);
    expect(seq.timesS[1]).toBe(899);
    expect(seq.timesS[9]).toBe(Date.UTC(2020, 10, 6, 20, 24, 25) / 1000 - Date.UTC(2020, 10, 6, 18, 9, 37) / 1000);
    for (let i = 1; i < 10; i++) expect(seq.timesS[i] - seq.timesS[i - 1]).toBeGreaterThanOrEqual(898);
    const byIndex = buildSequence(names.map((n) => ({ name: n, bytes: readXrd(`datalab-operando-echem-xrdml/${n}`) })), { useMetadataTimes: false, intervalS: 900 });
    expect(byIndex.timeSource).toBe('interval');
    expect(byIndex.timesS[9]).toBe(8100);
    expect(byIndex.wavelengthA).toBe(1.540598);
  });
  it.skipIf(missingXrd('topas-P25-anatase-rutile-heating'))('expands multi-frame files and reads HDF5 frame times (async start of h5wasm)', async () => {
    const seq = await buildSequenceAsync([{ name: 'stack.h5', bytes: readGenerated('sxrd-fe2o3-700C_5frames.h5') }], { offsetS: -60 });
    expect(seq.frames.length).toBe(5);
    expect(seq.timeSource).toBe('metadata');
    expect(Array.from(seq.timesS)).toEqual([-60, -30, 0, 30, 60]);
    const raw = buildSequence([{ name: 'degussa.raw', bytes: readXrd('topas-P25-anatase-rutile-heating/degussa.raw') }], { intervalS: 1350 });
    expect(raw.frames.length).toBe(20);
    expect(raw.timesS[19]).toBe(19 * 1350);
  });
  it('interpolates a temperature log onto the frame times (NaN outside the log)', () => {
    // four tiny pyFAI-style frames made here (the log does not depend on their content)
    const files = Array.from({ length: 4 }, (_, k) => ({
      name: `t_${k}.xy`,
      bytes: new TextEncoder().encode(`# Wavelength: 2.0735e-11 m\n#  2th_deg  I\n${Array.from({ length: 20 }, (_, i) => `${2 + 0.1 * i} ${100 + k + i}`).join('\n')}\n`),
    }));
    const seq = buildSequence(files, { intervalS: 30, offsetS: -30 });
    const withT = attachTemperatureLog(seq, [-20, 0, 100], [680, 700, 700]);
    expect(Array.from(withT.temperatureC ?? [])).toEqual([NaN, 700, 700, 700].map((v, i) => (i === 0 ? NaN : v)));
    const ramp = attachTemperatureLog(buildSequence(files.slice(0, 3), { intervalS: 30 }), Float64Array.of(60, 0), Float64Array.of(760, 700));
    expect(Array.from(ramp.temperatureC ?? [])).toEqual([700, 730, 760]);
    expect(seq.temperatureC).toBeUndefined();
    expect(() => attachTemperatureLog(seq, [0, 1], [700])).toThrow(/2 times but 1 temperatures/);
  });
});

describe.skipIf(missingXrd('dioptas-map-Fe3O4C-pyFAI-xy'))('map points (GPL, read in place)', () => {
  it("orders 'map_2' before 'map_13'", () => {
    const names = xrdFiles('dioptas-map-Fe3O4C-pyFAI-xy');
    const seq = buildSequence(names.map((n) => ({ name: n, bytes: readXrd(`dioptas-map-Fe3O4C-pyFAI-xy/${n}`) })));
    expect(seq.frames.map((f) => /map_(\d+)_/.exec(f.fileName)?.[1])).toEqual(['1', '2', '3', '6', '7', '8', '11', '12', '13']);
    expect(seq.wavelengthA).toBeCloseTo(0.3344, 12);
    expect(seq.frames[8].x).toBe(seq.frames[0].x);
  });
});
