import { describe, expect, it } from 'vitest';
import { parseXye, xye } from './xye';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

const detect = (fileName: string, bytes: Uint8Array): number =>
  xye.detect({ fileName, headText: new TextDecoder().decode(bytes.subarray(0, 16384)), headBytes: bytes.subarray(0, 64) });

describe('.xye reader', () => {
  it.skipIf(missingXrd('datalab-xrd-formats'))('reads the APS 11-BM excerpt with its C-style header (575 rows, λ = 0.414581 Å, 300.03 K)', () => {
    const bytes = readXrd('datalab-xrd-formats/example_bmb.xye');
    expect(detect('example_bmb.xye', bytes)).toBeGreaterThanOrEqual(0.9);
    const p = parseXye('example_bmb.xye', bytes);
    expect(p.x.length).toBe(575);
    expect(p.x[0]).toBe(0.5);
    expect(p.x[574]).toBeCloseTo(0.5 + 574 * 0.0009984375, 9);
    expect(p.intensity[0]).toBe(662.407183);
    expect(p.sigma?.[0]).toBe(37.744249);
    expect(p.wavelengthA).toBe(0.414581);
    expect(p.temperatureC).toBeCloseTo(300.03 - 273.15, 9);
    expect(p.metadata.Composition).toBe('MnB');
    expect(p.metadata['User sample name']).toBe('eel69B');
    expect(p.metadata['No. steps']).toBe('34053');
  });
  it.skipIf(missingXrd('datalab-xrd-formats'))('reads headerless tab/space files (example_mac, example_mythen)', () => {
    const mac = parseXye('example_mac.xye', readXrd('datalab-xrd-formats/example_mac.xye'));
    expect(mac.x.length).toBe(599);
    expect(mac.x[0]).toBe(0);
    expect(mac.x[598]).toBe(0.598);
    expect(mac.intensity[0]).toBe(11.632);
    expect(mac.sigma?.[0]).toBe(2.65);
    expect(mac.wavelengthA).toBeNull();
    const my = parseXye('example_mythen.xye', readXrd('datalab-xrd-formats/example_mythen.xye'));
    expect(my.x.length).toBe(74);
    expect(my.x[0]).toBe(2.038);
    expect(my.x[73]).toBeCloseTo(2.33, 12);
    for (let i = 0; i < my.x.length; i++) expect(my.sigma?.[i]).toBeCloseTo(Math.sqrt(my.intensity[i]), 4);
  });
  it.skipIf(missingXrd('topas-P25-anatase-rutile-heating'))('reads the 20 TOPAS xye files (6313 rows, CRLF, esd = √I)', () => {
    for (const n of [0, 19]) {
      const name = `degussa_${String(n).padStart(3, '0')}.xye`;
      const p = parseXye(name, readXrd(`topas-P25-anatase-rutile-heating/xye-files/${name}`));
      expect(p.x.length).toBe(6313);
      expect(p.x[0]).toBe(20);
      expect(p.x[6312]).toBe(110.006);
      for (let i = 0; i < 6313; i += 97) expect(Math.abs((p.sigma?.[i] ?? 0) - Math.sqrt(p.intensity[i]))).toBeLessThanOrEqual(5e-5);
    }
    expect(parseXye('degussa_000.xye', readXrd('topas-P25-anatase-rutile-heating/xye-files/degussa_000.xye')).intensity[0]).toBe(79);
  });
});
