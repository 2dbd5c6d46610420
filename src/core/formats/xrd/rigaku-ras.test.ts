import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { detectXrdFormat, importPatterns } from './index';
import { rasTimeS, readRasScans } from './rigaku-ras';

/**
 * No real .ras file is in ../shared: these tests use files of our own written to the layout SmartLab writes (header
 * keys as documented in Rigaku's .ras exports; values chosen here), CRLF line ends as the instrument PC writes them.
 */
function ras(scans: { axis?: string; rows: [number, number, number?][]; start?: string; count?: number }[]): Uint8Array {
  const out: string[] = ['*RAS_DATA_START'];
  for (const s of scans) {
    out.push(
      '*RAS_HEADER_START',
      '*FILE_SAMPLE "Fe2O3 700C"',
      '*FILE_OPERATOR "lab"',
      '*HW_XG_TARGET_NAME "Cu"',
      '*HW_XG_WAVE_LENGTH_ALPHA1 "1.540593"',
      '*HW_XG_WAVE_LENGTH_ALPHA2 "1.544414"',
      '*HW_XG_WAVE_LENGTH_UNIT "Angstrom"',
      `*MEAS_SCAN_AXIS_X "${s.axis ?? 'TwoThetaOmega'}"`,
      `*MEAS_SCAN_START_TIME "${s.start ?? '06/11/24 13:59:11'}"`,
      '*MEAS_SCAN_UNIT_X "deg"',
      '*MEAS_SCAN_UNIT_Y "counts"',
      `*MEAS_DATA_COUNT "${s.count ?? s.rows.length}"`,
      '*RAS_HEADER_END',
      '*RAS_INT_START',
      ...s.rows.map(([a, c, f]) => `${a.toFixed(4)} ${c.toFixed(4)} ${(f ?? 1).toFixed(4)}`),
      '*RAS_INT_END',
    );
  }
  out.push('*RAS_DATA_END');
  return new TextEncoder().encode(out.join('\r\n') + '\r\n');
}

describe('Rigaku .ras', () => {
  it('reads a scan: 2θ, counts × attenuator factor, λ, time stamp and header', () => {
    const bytes = ras([{ rows: [[10, 100], [10.02, 120], [10.04, 5, 1000]] }]);
    expect(detectXrdFormat('s.ras', bytes)?.id).toBe('rigaku-ras');
    const [p] = importPatterns('s.ras', bytes);
    expect(Array.from(p.x)).toEqual([10, 10.02, 10.04]);
    expect(Array.from(p.intensity)).toEqual([100, 120, 5000]);
    expect(p.radiation).toEqual({ wavelengthA: 1.540593, wavelength2A: 1.544414 });
    expect(p.timeS).toBe(Date.UTC(2024, 5, 11, 13, 59, 11) / 1000);
    expect(p.metadata).toMatchObject({ FILE_SAMPLE: 'Fe2O3 700C', MEAS_SCAN_AXIS_X: 'TwoThetaOmega', attenuator: 'counts × attenuator factor (column 3)' });
    expect(p.warnings).toEqual([]);
  });

  it('reads every scan of a multi-scan file as a frame and checks the declared count', () => {
    const scans = readRasScans('m.ras', ras([{ rows: [[20, 1], [21, 2]] }, { rows: [[20, 3], [21, 4]], start: '06/11/24 14:09:11', count: 3 }]));
    expect(scans.map((s) => [s.label, s.intensity[1], s.timeS])).toEqual([
      ['scan 1', 2, Date.UTC(2024, 5, 11, 13, 59, 11) / 1000],
      ['scan 2', 4, Date.UTC(2024, 5, 11, 14, 9, 11) / 1000],
    ]);
    expect(scans[1].warnings).toEqual(['MEAS_DATA_COUNT says 3, the scan holds 2 rows']);
  });

  it('refuses rocking curves and damaged files, naming the line', () => {
    expect(() => readRasScans('omega.ras', ras([{ axis: 'Omega', rows: [[1, 1], [2, 2]] }]))).toThrow(/^omega\.ras, line 9: expected a 2θ scan .* found "Omega"/);
    const text = new TextDecoder().decode(ras([{ rows: [[10, 1], [11, 2]] }])).replace('11.0000 2.0000', '11.0000 two');
    expect(() => readRasScans('bad.ras', new TextEncoder().encode(text))).toThrow(/^bad\.ras, line 17: expected a data row 'angle counts \[attenuator factor\]'/);
    const open = new TextDecoder().decode(ras([{ rows: [[10, 1], [11, 2]] }])).replace(/\*RAS_INT_END[\s\S]*$/, '');
    expect(() => readRasScans('open.ras', new TextEncoder().encode(open))).toThrow(FormatError);
  });

  it("reads Rigaku's MM/DD/YY stamps", () => {
    expect(rasTimeS('12/31/23 23:59:59')).toBe(Date.UTC(2023, 11, 31, 23, 59, 59) / 1000);
    expect(rasTimeS('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    expect(rasTimeS('soon')).toBeNull();
  });
});
