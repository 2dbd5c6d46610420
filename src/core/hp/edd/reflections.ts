/**
 * Reflections of the calibrant lattices and their d-spacings.
 *   fcc, b1 (NaCl type)   h, k, l all even or all odd
 *   bcc                   h + k + l even
 *   b2 (CsCl type)        all (primitive cubic)
 *   hcp (P6₃/mmc, 2c)     all except h − k ≡ 0 (mod 3) with l odd
 *   cubic  1/d² = (h² + k² + l²)/a²;   hexagonal  1/d² = 4/3·(h² + hk + k²)/a² + l²/c²
 */
import type { Lattice } from '../eos';

export interface Hkl {
  h: number;
  k: number;
  l: number;
  /** '111', '200', '101', '10-1'… (no separators for single digits; 'h,k,l' when an index has two digits). */
  label: string;
  multiplicity: number;
}

export interface Cell {
  aA: number;
  /** hcp only. */
  cA?: number;
}

function label(h: number, k: number, l: number): string {
  return [h, k, l].some((v) => Math.abs(v) > 9) ? `${h},${k},${l}` : `${h}${k}${l}`;
}

function cubicMultiplicity(h: number, k: number, l: number): number {
  const v = [h, k, l];
  const distinct = new Set(v).size;
  const zeros = v.filter((x) => x === 0).length;
  const perms = distinct === 3 ? 6 : distinct === 2 ? 3 : 1;
  const signs = 2 ** (3 - zeros);
  return perms * signs;
}

function hexMultiplicity(h: number, k: number, l: number): number {
  if (h === 0 && k === 0) return 2;
  const inPlane = h === k || k === 0 ? 6 : 12;
  return l === 0 ? inPlane : inPlane * 2;
}

/** Allowed reflections of a lattice with indices up to maxIndex, one per family (form). */
export function allowedReflections(lattice: Lattice, maxIndex = 8): Hkl[] {
  const out: Hkl[] = [];
  if (lattice === 'hcp') {
    for (let h = 0; h <= maxIndex; h++) {
      for (let k = 0; k <= h; k++) {
        for (let l = 0; l <= maxIndex; l++) {
          if (h === 0 && k === 0 && l === 0) continue;
          if ((h - k) % 3 === 0 && l % 2 === 1) continue;
          out.push({ h, k, l, label: label(h, k, l), multiplicity: hexMultiplicity(h, k, l) });
        }
      }
    }
    return out;
  }
  for (let h = 0; h <= maxIndex; h++) {
    for (let k = 0; k <= h; k++) {
      for (let l = 0; l <= k; l++) {
        if (h === 0) continue;
        const allEven = h % 2 === 0 && k % 2 === 0 && l % 2 === 0;
        const allOdd = h % 2 === 1 && k % 2 === 1 && l % 2 === 1;
        if ((lattice === 'fcc' || lattice === 'b1') && !(allEven || allOdd)) continue;
        if (lattice === 'bcc' && (h + k + l) % 2 !== 0) continue;
        out.push({ h, k, l, label: label(h, k, l), multiplicity: cubicMultiplicity(h, k, l) });
      }
    }
  }
  return out;
}

/** d-spacing (Å) of hkl in a cubic (a) or hexagonal (a, c) cell. */
export function dSpacingA(r: Pick<Hkl, 'h' | 'k' | 'l'>, cell: Cell): number {
  if (cell.cA !== undefined) {
    const inv = ((4 / 3) * (r.h * r.h + r.h * r.k + r.k * r.k)) / (cell.aA * cell.aA) + (r.l * r.l) / (cell.cA * cell.cA);
    return 1 / Math.sqrt(inv);
  }
  return cell.aA / Math.sqrt(r.h * r.h + r.k * r.k + r.l * r.l);
}

/** Parses '111', '2 0 0', '2,0,0', '1 0 -1' into indices; throws on anything else. */
export function parseHkl(text: string): [number, number, number] {
  const t = text.trim();
  let parts: string[];
  if (/^\d{3}$/.test(t)) parts = t.split('');
  else parts = t.split(/[\s,]+/);
  const v = parts.map(Number);
  if (v.length !== 3 || v.some((x) => !Number.isInteger(x))) throw new Error(`"${text}" is not an hkl (write 111, 200 or 2,0,0)`);
  return [v[0], v[1], v[2]];
}

/** Is hkl a reflection of the lattice (same family as an allowed one)? */
export function isAllowed(lattice: Lattice, hkl: [number, number, number]): boolean {
  const [h, k, l] = hkl.map(Math.abs);
  if (lattice === 'hcp') return !(h === 0 && k === 0 && l === 0) && !(((hkl[0] - hkl[1]) % 3 === 0) && l % 2 === 1);
  if (h + k + l === 0) return false;
  if (lattice === 'fcc' || lattice === 'b1') return (h % 2 === k % 2) && (k % 2 === l % 2);
  if (lattice === 'bcc') return (h + k + l) % 2 === 0;
  return true;
}
