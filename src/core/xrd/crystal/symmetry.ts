/**
 * Space-group symmetry from operator strings: parse 'x,y,z'-style operators (CIF _symmetry_equiv_pos_as_xyz),
 * close a set of generators into the full group, expand asymmetric-unit sites into the unit cell, and find
 * symmetry-equivalent reflections, multiplicities and systematic absences.
 *
 * Operators act on fractional coordinates: x' = R·x + t. Reflections transform with the transpose,
 * h' = Rᵀ·h (h·x' = (Rᵀh)·x + h·t), so the phase factor picked up is exp(2πi h·t).
 */
import { invDSquared, type ReciprocalMetric } from './lattice';
import type { AtomSite, CellAtom, HklEntry, PhaseDef } from './types';

/** A symmetry operator: row-major 3×3 integer rotation part and a translation in [0, 1). */
export interface SymOp {
  /** r[3·i + j]: coefficient of coordinate j in output i. */
  r: Int8Array;
  t: Float64Array;
}

const TRANSLATION_STEP = 1 / 48;

function wrap01(v: number): number {
  const w = v - Math.floor(v);
  return w > 1 - 1e-9 ? 0 : w;
}

/** Snap a translation to the nearest multiple of 1/48 when it is within 1e-4 (covers 1/2, 1/3, 1/4, 1/6, 1/8, …). */
function snapTranslation(v: number): number {
  const w = wrap01(v);
  const k = Math.round(w / TRANSLATION_STEP);
  const snapped = Math.abs(w - k * TRANSLATION_STEP) < 1e-4 ? k * TRANSLATION_STEP : w;
  return wrap01(snapped);
}

function parseNumberToken(tok: string, op: string): number {
  if (tok.includes('/')) {
    const [n, d] = tok.split('/');
    const v = Number(n) / Number(d);
    if (!Number.isFinite(v)) throw new Error(`symmetry operator '${op}': cannot read '${tok}'`);
    return v;
  }
  const v = Number(tok);
  if (!Number.isFinite(v)) throw new Error(`symmetry operator '${op}': cannot read '${tok}'`);
  return v;
}

/** Parse one operator string such as '-x+1/2, y, -z+3/4' or '2/3+x-y,1/3+x,1/3-z' (case-insensitive). */
export function parseSymop(text: string): SymOp {
  const cleaned = text.replace(/['"\s]/g, '').toLowerCase();
  const parts = cleaned.split(',');
  if (parts.length !== 3) throw new Error(`symmetry operator '${text}': expected three comma-separated components`);
  const r = new Int8Array(9);
  const t = new Float64Array(3);
  for (let i = 0; i < 3; i++) {
    const comp = parts[i];
    if (comp === '') throw new Error(`symmetry operator '${text}': empty component`);
    const terms = comp.match(/[+-]?[^+-]+/g);
    if (!terms) throw new Error(`symmetry operator '${text}': cannot read '${comp}'`);
    for (const term of terms) {
      const sign = term.startsWith('-') ? -1 : 1;
      const body = term.replace(/^[+-]/, '');
      const m = /^(\d*\.?\d*(?:\/\d+)?)\*?([xyz])$/.exec(body);
      if (m) {
        const j = m[2] === 'x' ? 0 : m[2] === 'y' ? 1 : 2;
        const coef = m[1] === '' ? 1 : parseNumberToken(m[1], text);
        r[3 * i + j] += sign * Math.round(coef);
      } else {
        t[i] += sign * parseNumberToken(body, text);
      }
    }
    t[i] = snapTranslation(t[i]);
  }
  return { r, t };
}

function fracString(v: number): string {
  if (v === 0) return '';
  for (const d of [2, 3, 4, 6, 8, 12, 24, 48]) {
    const n = Math.round(v * d);
    if (Math.abs(n / d - v) < 1e-9) return `${n}/${d}`;
  }
  return String(Number(v.toFixed(6)));
}

/** Write an operator back as an 'x,y,z'-style string, e.g. '-x+1/2,y,-z+3/4'. */
export function formatSymop(op: SymOp): string {
  const names = ['x', 'y', 'z'];
  const comps: string[] = [];
  for (let i = 0; i < 3; i++) {
    let s = '';
    for (let j = 0; j < 3; j++) {
      const c = op.r[3 * i + j];
      if (c === 0) continue;
      const mag = Math.abs(c) === 1 ? '' : String(Math.abs(c));
      s += (c < 0 ? '-' : s === '' ? '' : '+') + mag + names[j];
    }
    const tr = fracString(op.t[i]);
    if (tr !== '') s += '+' + tr;
    comps.push(s === '' ? '0' : s);
  }
  return comps.join(',');
}

function opKey(op: SymOp): string {
  let k = '';
  for (let i = 0; i < 9; i++) k += op.r[i] + ',';
  for (let i = 0; i < 3; i++) k += Math.round(op.t[i] / TRANSLATION_STEP) % 48 + ',';
  return k;
}

/** a∘b: first b, then a. */
export function composeOps(a: SymOp, b: SymOp): SymOp {
  const r = new Int8Array(9);
  const t = new Float64Array(3);
  for (let i = 0; i < 3; i++) {
    let ti = a.t[i];
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a.r[3 * i + k] * b.r[3 * k + j];
      r[3 * i + j] = s;
      ti += a.r[3 * i + j] * b.t[j];
    }
    t[i] = snapTranslation(ti);
  }
  return { r, t };
}

/**
 * Close a set of generator operators (strings) into the full group, lattice translations modulo 1.
 * Throws when the closure exceeds 192 operators (the largest crystallographic space group, Fm-3m / Fd-3m).
 */
export function closeGroup(generators: string[]): string[] {
  const identity = parseSymop('x,y,z');
  const ops: SymOp[] = [identity];
  const seen = new Set<string>([opKey(identity)]);
  const gens = generators.map(parseSymop);
  for (let i = 0; i < ops.length; i++) {
    for (const g of gens) {
      const p = composeOps(g, ops[i]);
      const k = opKey(p);
      if (!seen.has(k)) {
        seen.add(k);
        ops.push(p);
        if (ops.length > 192) throw new Error('symmetry generators do not close into a crystallographic space group');
      }
    }
  }
  return ops.map(formatSymop);
}

const opCache = new Map<string, SymOp[]>();

/** Parsed operators of a phase (cached by the joined operator strings), duplicates removed. */
export function phaseOps(symops: string[]): SymOp[] {
  const key = symops.join(';');
  const hit = opCache.get(key);
  if (hit) return hit;
  const list = symops.length === 0 ? ['x,y,z'] : symops;
  const out: SymOp[] = [];
  const seen = new Set<string>();
  for (const s of list) {
    const op = parseSymop(s);
    const k = opKey(op);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(op);
    }
  }
  opCache.set(key, out);
  return out;
}

function applyOp(op: SymOp, x: number, y: number, z: number): [number, number, number] {
  const r = op.r;
  return [
    wrap01(r[0] * x + r[1] * y + r[2] * z + op.t[0]),
    wrap01(r[3] * x + r[4] * y + r[5] * z + op.t[1]),
    wrap01(r[6] * x + r[7] * y + r[8] * z + op.t[2]),
  ];
}

function periodicDelta(a: number, b: number): number {
  const d = Math.abs(a - b) % 1;
  return Math.min(d, 1 - d);
}

/** The distinct positions generated from one site (fractional, wrapped to [0, 1)). */
export function orbitOfSite(site: Pick<AtomSite, 'x' | 'y' | 'z'>, symops: string[], tolerance = 1e-3): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const op of phaseOps(symops)) {
    const p = applyOp(op, site.x, site.y, site.z);
    let dup = false;
    for (const q of out) {
      if (periodicDelta(p[0], q[0]) < tolerance && periodicDelta(p[1], q[1]) < tolerance && periodicDelta(p[2], q[2]) < tolerance) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(p);
  }
  return out;
}

/**
 * Full unit-cell contents: every asymmetric-unit site expanded by the operators (centring included),
 * positions closer than `tolerance` (fractional, per axis, periodic) merged into one.
 */
export function expandSites(phase: Pick<PhaseDef, 'atoms' | 'symops'>, tolerance = 1e-3): CellAtom[] {
  const out: CellAtom[] = [];
  for (const site of phase.atoms) {
    for (const [x, y, z] of orbitOfSite(site, phase.symops, tolerance)) {
      out.push({ label: site.label, element: site.element, x, y, z, occupancy: site.occupancy, bIsoA2: site.bIsoA2 });
    }
  }
  return out;
}

/** Distinct rotation parts of the operators plus their inverses' negatives: the Laue group (Friedel's law). */
export function laueRotations(symops: string[]): Int8Array[] {
  const out: Int8Array[] = [];
  const seen = new Set<string>();
  for (const op of phaseOps(symops)) {
    for (const sign of [1, -1]) {
      const r = new Int8Array(9);
      for (let i = 0; i < 9; i++) r[i] = sign * op.r[i];
      const k = r.join(',');
      if (!seen.has(k)) {
        seen.add(k);
        out.push(r);
      }
    }
  }
  return out;
}

/** True when hkl is systematically absent: some operator with Rᵀh = h carries a phase exp(2πi h·t) ≠ 1. */
export function isSystematicallyAbsent(ops: SymOp[], h: number, k: number, l: number): boolean {
  for (const op of ops) {
    const r = op.r;
    // Rᵀh: component j = Σ_i h_i r[3i + j]
    const h2 = h * r[0] + k * r[3] + l * r[6];
    const k2 = h * r[1] + k * r[4] + l * r[7];
    const l2 = h * r[2] + k * r[5] + l * r[8];
    if (h2 !== h || k2 !== k || l2 !== l) continue;
    const phase = h * op.t[0] + k * op.t[1] + l * op.t[2];
    if (Math.abs(phase - Math.round(phase)) > 1e-6) return true;
  }
  return false;
}

/** Representative choice: fewest negative indices, then lexicographically largest (cubic: h ≥ k ≥ l ≥ 0; hexagonal 110 not 2-10). */
function betterRepresentative(h: number, k: number, l: number, best: [number, number, number]): boolean {
  const neg = (h < 0 ? 1 : 0) + (k < 0 ? 1 : 0) + (l < 0 ? 1 : 0);
  const negBest = (best[0] < 0 ? 1 : 0) + (best[1] < 0 ? 1 : 0) + (best[2] < 0 ? 1 : 0);
  if (neg !== negBest) return neg < negBest;
  return h > best[0] || (h === best[0] && (k > best[1] || (k === best[1] && l > best[2])));
}

/**
 * Unique reflections with 1/d ≤ 1/dMinA under the Laue group of `symops`, systematic absences removed.
 * Representative: fewest negative indices, then lexicographically largest (h ≥ k ≥ l ≥ 0 for cubic).
 * Sorted by d descending.
 */
export function uniqueReflections(
  symops: string[],
  recip: ReciprocalMetric,
  cellEdgesA: [number, number, number],
  dMinA: number,
): HklEntry[] {
  const ops = phaseOps(symops);
  const laue = laueRotations(symops);
  const s2Max = 1 / (dMinA * dMinA) + 1e-12;
  const hMax = Math.floor(cellEdgesA[0] / dMinA + 1e-9);
  const kMax = Math.floor(cellEdgesA[1] / dMinA + 1e-9);
  const lMax = Math.floor(cellEdgesA[2] / dMinA + 1e-9);
  const kSpan = 2 * kMax + 1;
  const lSpan = 2 * lMax + 1;
  const visited = new Uint8Array((2 * hMax + 1) * kSpan * lSpan);
  const index = (h: number, k: number, l: number): number => ((h + hMax) * kSpan + (k + kMax)) * lSpan + (l + lMax);
  const out: (HklEntry & { inv: number })[] = [];
  for (let h = -hMax; h <= hMax; h++) {
    for (let k = -kMax; k <= kMax; k++) {
      for (let l = -lMax; l <= lMax; l++) {
        if (h === 0 && k === 0 && l === 0) continue;
        if (visited[index(h, k, l)]) continue;
        const inv = invDSquared(recip, h, k, l);
        if (inv > s2Max) continue;
        let best: [number, number, number] = [h, k, l];
        const members = new Set<string>();
        for (const r of laue) {
          const h2 = h * r[0] + k * r[3] + l * r[6];
          const k2 = h * r[1] + k * r[4] + l * r[7];
          const l2 = h * r[2] + k * r[5] + l * r[8];
          const key = `${h2},${k2},${l2}`;
          if (members.has(key)) continue;
          members.add(key);
          if (Math.abs(h2) <= hMax && Math.abs(k2) <= kMax && Math.abs(l2) <= lMax) visited[index(h2, k2, l2)] = 1;
          if (betterRepresentative(h2, k2, l2, best)) best = [h2, k2, l2];
        }
        if (isSystematicallyAbsent(ops, h, k, l)) continue;
        out.push({ h: best[0] + 0, k: best[1] + 0, l: best[2] + 0, multiplicity: members.size, inv }); // + 0: no −0
      }
    }
  }
  out.sort((a, b) => a.inv - b.inv || b.h - a.h || b.k - a.k || b.l - a.l);
  return out.map(({ h, k, l, multiplicity }) => ({ h, k, l, multiplicity }));
}

/**
 * Re-express operators in a shifted origin: coordinates x_new = x_old − shift (e.g. Fd-3m origin choice 2 → 1 with
 * shift (1/8, 1/8, 1/8)). Each operator becomes T(−shift)∘op∘T(+shift).
 */
export function shiftOrigin(symops: string[], shift: [number, number, number]): string[] {
  const plus: SymOp = { r: parseSymop('x,y,z').r, t: Float64Array.from(shift.map(snapTranslation)) };
  const minus: SymOp = { r: parseSymop('x,y,z').r, t: Float64Array.from(shift.map((v) => snapTranslation(-v))) };
  return symops.map((s) => formatSymop(composeOps(minus, composeOps(parseSymop(s), plus))));
}
