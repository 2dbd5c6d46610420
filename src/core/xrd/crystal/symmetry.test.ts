import { describe, expect, it } from 'vitest';
import {
  cellVolumeA3,
  closeGroup,
  cubicLattice,
  dSpacingA,
  expandSites,
  formatSymop,
  getPhase,
  hklList,
  isSystematicallyAbsent,
  parseSymop,
  phaseOps,
  SYMMETRY,
  twoThetaDeg,
} from './index';

const key = (s: string) => formatSymop(parseSymop(s));

describe('symmetry operators', () => {
  it('parses CIF operator strings with fractions, reordered terms, spaces and quotes', () => {
    const op = parseSymop("'2/3+x-y, 1/3+x , 1/3-z'");
    expect(Array.from(op.r)).toEqual([1, -1, 0, 1, 0, 0, 0, 0, -1]);
    expect(op.t[0]).toBeCloseTo(2 / 3, 12);
    expect(op.t[1]).toBeCloseTo(1 / 3, 12);
    expect(op.t[2]).toBeCloseTo(1 / 3, 12);
    expect(formatSymop(parseSymop('-X+1/2,Y,-Z-1/4'))).toBe('-x+1/2,y,-z+3/4');
    expect(() => parseSymop('x,y')).toThrow(/three/);
    expect(() => parseSymop('x,y,q')).toThrow(/cannot read/);
  });

  it('closes generators into groups of the International Tables orders', () => {
    expect(SYMMETRY.Fm3m).toHaveLength(192);
    expect(SYMMETRY.Im3m).toHaveLength(96);
    expect(SYMMETRY.Pm3m).toHaveLength(48);
    expect(SYMMETRY.Fd3mOrigin2).toHaveLength(192);
    expect(SYMMETRY.R3cHex).toHaveLength(36);
    expect(SYMMETRY.P63mmc).toHaveLength(24);
    expect(SYMMETRY.P6322).toHaveLength(12);
    expect(SYMMETRY.P42mnm).toHaveLength(16);
    expect(SYMMETRY.I41amdOrigin1).toHaveLength(32);
    expect(() => closeGroup(['x+1/7,y,z', 'z,x,y', '-x,-y,-z', 'y,x,z', 'x+1/5,y,z'])).toThrow(/space group/);
  });

  it('Fd-3m origin choice 2 contains the operators listed for magnetite in AMCSD 0002400', () => {
    const ours = new Set(SYMMETRY.Fd3mOrigin2.map(key));
    for (const s of ['3/4+z,1/2-x,1/4+y', '1/4-y,+z,1/4-x', '1/2+x,3/4-z,1/4-y', '-z,-x,-y', '3/4-x,3/4-z,y', '1/4+y,1/4+x,-z']) {
      expect(ours.has(key(s))).toBe(true);
    }
  });

  it('R-3c hexagonal contains every operator of COD 9015065', () => {
    const ours = new Set(SYMMETRY.R3cHex.map(key));
    for (const s of ['x,x-y,1/2+z', '2/3+y,1/3+x,5/6-z', '1/3-x+y,2/3+y,1/6+z', '1/3+x-y,2/3+x,2/3-z', '-y,x-y,z']) {
      expect(ours.has(key(s))).toBe(true);
    }
  });
});

describe('unit-cell expansion', () => {
  it('gives the Wyckoff multiplicities of the library structures', () => {
    expect(expandSites(getPhase('magnetite'))).toHaveLength(8 + 16 + 32);
    expect(expandSites(getPhase('hematite'))).toHaveLength(12 + 18);
    expect(expandSites(getPhase('anatase'))).toHaveLength(4 + 8);
    expect(expandSites(getPhase('rutile'))).toHaveLength(2 + 4);
    expect(expandSites(getPhase('Fe3N'))).toHaveLength(6 + 2);
    expect(expandSites(getPhase('LaB6'))).toHaveLength(1 + 6);
    expect(expandSites(getPhase('CeO2'))).toHaveLength(4 + 8);
    expect(expandSites(getPhase('Re'))).toHaveLength(2);
    expect(expandSites(getPhase('bcc-Fe'))).toHaveLength(2);
  });

  it('merges positions that coincide within the tolerance and wraps them into [0, 1)', () => {
    const cell = expandSites({ atoms: [{ label: 'A', element: 'Fe', x: 1e-5, y: -1e-5, z: 0.5, occupancy: 1, bIsoA2: 0 }], symops: SYMMETRY.Fm3m });
    expect(cell).toHaveLength(4);
    for (const a of cell) for (const v of [a.x, a.y, a.z]) expect(v >= 0 && v < 1).toBe(true);
  });
});

describe('lattice geometry', () => {
  it('hexagonal cell volume and d-spacings of hematite (a 5.038, c 13.772 Å)', () => {
    const l = getPhase('hematite').lattice;
    expect(cellVolumeA3(l)).toBeCloseTo((Math.sqrt(3) / 2) * 5.038 ** 2 * 13.772, 9);
    expect(cellVolumeA3(l)).toBeCloseTo(302.72, 2);
    // 1/d² = 4/3·(h²+hk+k²)/a² + l²/c²
    const d = (h: number, k: number, m: number) => 1 / Math.sqrt(((4 / 3) * (h * h + h * k + k * k)) / 5.038 ** 2 + (m * m) / 13.772 ** 2);
    expect(dSpacingA(l, 1, 0, 4)).toBeCloseTo(d(1, 0, 4), 12);
    expect(dSpacingA(l, 1, 0, 4)).toBeCloseTo(2.7027, 3); // PDF 33-664: 2.700 Å
    expect(dSpacingA(l, 1, 1, 0)).toBeCloseTo(2.519, 3);
    expect(dSpacingA(l, 0, 1, 2)).toBeCloseTo(3.6855, 3);
  });

  it('general triclinic cell: volume and d of a cubic cell seen through the general formulas', () => {
    const l = { aA: 3, bA: 4, cA: 5, alphaDeg: 80, betaDeg: 95, gammaDeg: 105 };
    const ca = Math.cos((80 * Math.PI) / 180);
    const cb = Math.cos((95 * Math.PI) / 180);
    const cg = Math.cos((105 * Math.PI) / 180);
    expect(cellVolumeA3(l)).toBeCloseTo(60 * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg), 10);
    // d_100 = V / (b c sin α)
    expect(dSpacingA(l, 1, 0, 0)).toBeCloseTo(cellVolumeA3(l) / (4 * 5 * Math.sin((80 * Math.PI) / 180)), 10);
    expect(dSpacingA(cubicLattice(4), 2, 2, 0)).toBeCloseTo(4 / Math.sqrt(8), 12);
    expect(twoThetaDeg(2, 5)).toBeNaN();
  });
});

describe('reflection conditions and multiplicities', () => {
  const absent = (symops: string[], h: number, k: number, l: number) => isSystematicallyAbsent(phaseOps(symops), h, k, l);

  it('fcc: only all-odd or all-even hkl', () => {
    for (let h = -3; h <= 3; h++)
      for (let k = -3; k <= 3; k++)
        for (let l = -3; l <= 3; l++) {
          if (!h && !k && !l) continue;
          const mixed = !((h & 1) === (k & 1) && (k & 1) === (l & 1));
          expect(absent(SYMMETRY.Fm3m, h, k, l)).toBe(mixed);
        }
  });

  it('bcc: h + k + l even', () => {
    for (let h = -3; h <= 3; h++)
      for (let k = -3; k <= 3; k++)
        for (let l = -3; l <= 3; l++) {
          if (!h && !k && !l) continue;
          expect(absent(SYMMETRY.Im3m, h, k, l)).toBe(((h + k + l) & 1) !== 0);
        }
  });

  it('R-3c (hexagonal axes): −h + k + l = 3n; h h̄ 0 l: l = 2n; 000l: l = 6n', () => {
    for (let h = -4; h <= 4; h++)
      for (let k = -4; k <= 4; k++)
        for (let l = -6; l <= 6; l++) {
          if (!h && !k && !l) continue;
          if (((-h + k + l) % 3) !== 0) expect(absent(SYMMETRY.R3cHex, h, k, l)).toBe(true);
        }
    expect(absent(SYMMETRY.R3cHex, 1, -1, 2)).toBe(false); // -1-1+2 = 0 ✓, l even
    expect(absent(SYMMETRY.R3cHex, 2, -2, 1)).toBe(true); // -2-2+1 = -3 ✓ but l odd on h h̄ 0 l
    expect(absent(SYMMETRY.R3cHex, 1, -1, -1)).toBe(true); // l odd
    expect(absent(SYMMETRY.R3cHex, 0, 0, 6)).toBe(false);
    expect(absent(SYMMETRY.R3cHex, 0, 0, 3)).toBe(true);
    expect(absent(SYMMETRY.R3cHex, 1, 0, 4)).toBe(false);
    expect(absent(SYMMETRY.R3cHex, 0, 1, 2)).toBe(false);
  });

  it('Fd-3m: h00 h = 4n, 0kl k + l = 4n (200 and 420 absent, 400 and 440 present)', () => {
    expect(absent(SYMMETRY.Fd3mOrigin2, 2, 0, 0)).toBe(true);
    expect(absent(SYMMETRY.Fd3mOrigin2, 4, 0, 0)).toBe(false);
    expect(absent(SYMMETRY.Fd3mOrigin2, 4, 2, 0)).toBe(true);
    expect(absent(SYMMETRY.Fd3mOrigin2, 4, 4, 0)).toBe(false);
    expect(absent(SYMMETRY.Fd3mOrigin2, 2, 2, 2)).toBe(false);
    expect(absent(SYMMETRY.Fd3mOrigin2, 3, 1, 1)).toBe(false);
  });

  it('hcp P6_3/mmc: 000l with l odd absent; P4_2/mnm: h00 with h odd absent', () => {
    expect(absent(SYMMETRY.P63mmc, 0, 0, 1)).toBe(true);
    expect(absent(SYMMETRY.P63mmc, 0, 0, 2)).toBe(false);
    expect(absent(SYMMETRY.P42mnm, 1, 0, 0)).toBe(true);
    expect(absent(SYMMETRY.P42mnm, 1, 0, 1)).toBe(false);
  });

  it('cubic multiplicities {100} = 6, {110} = 12, {111} = 8, {210} = 24, {321} = 48', () => {
    const list = hklList(getPhase('LaB6'), 0.7);
    const m = (h: number, k: number, l: number) => list.find((r) => r.h === h && r.k === k && r.l === l)?.multiplicity;
    expect([m(1, 0, 0), m(1, 1, 0), m(1, 1, 1), m(2, 1, 0), m(2, 1, 1), m(3, 2, 1)]).toEqual([6, 12, 8, 24, 24, 48]);
    // total number of lattice points in the sphere = Σ multiplicities (Pm-3m has no absences)
    const a = 4.1569;
    let count = 0;
    const n = Math.floor(a / 0.7);
    for (let h = -n; h <= n; h++) for (let k = -n; k <= n; k++) for (let l = -n; l <= n; l++) if ((h || k || l) && a / Math.sqrt(h * h + k * k + l * l) >= 0.7) count++;
    expect(list.reduce((s, r) => s + r.multiplicity, 0)).toBe(count);
  });

  it('hexagonal/trigonal multiplicities: hcp 100 = 6, 002 = 2, 101 = 12; hematite 104 = 6, 113 = 12', () => {
    const re = hklList(getPhase('Re'), 1);
    const m = (list: typeof re, h: number, k: number, l: number) => list.find((r) => r.h === h && r.k === k && r.l === l)?.multiplicity;
    expect([m(re, 1, 0, 0), m(re, 0, 0, 2), m(re, 1, 0, 1), m(re, 1, 1, 0)]).toEqual([6, 2, 12, 6]);
    const hem = hklList(getPhase('hematite'), 1.5);
    expect([m(hem, 0, 1, 2), m(hem, 1, 0, 4), m(hem, 1, 1, 0), m(hem, 0, 0, 6), m(hem, 1, 1, 3)]).toEqual([6, 6, 6, 2, 12]);
    expect(hem[0]).toMatchObject({ h: 0, k: 1, l: 2 });
  });
});
