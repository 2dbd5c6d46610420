/**
 * Reaction models of solid-state kinetics, dα/dt = k f(α), g(α) = ∫₀^α dα/f(α) = k t (isothermal).
 * Codes and forms as in the ICTAC Kinetics Committee recommendations (Vyazovkin et al., Thermochim. Acta 520
 * (2011) 1, Table 1) and Khawam & Flanagan, J. Phys. Chem. B 110 (2006) 17315 (D4, F0, F2, F3, P2/3).
 * Every model carries f, g and the inverse of g (closed form where one exists; D2 and D4 by safeguarded Newton).
 */

export interface ReactionModel {
  code: string;
  name: string;
  f(alpha: number): number;
  g(alpha: number): number;
  /** α with g(α) = y, clipped to [0, 1] (g saturates where the model completes). */
  gInverse(y: number): number;
}

const clip01 = (a: number): number => (a < 0 ? 0 : a > 1 ? 1 : a);
const lnOneMinus = (a: number): number => Math.log1p(-a);

/** Invert an increasing g on [0, 1] by Newton steps with bisection safeguards (D2, D4). */
function invertMonotone(g: (a: number) => number, f: (a: number) => number, y: number): number {
  if (!(y > 0)) return 0;
  const gMax = g(1 - 1e-15);
  if (y >= gMax) return 1;
  let lo = 0;
  let hi = 1;
  let a = 0.5;
  for (let k = 0; k < 100; k++) {
    const r = g(a) - y;
    if (Math.abs(r) <= 1e-15 * Math.max(1, y)) return a;
    if (r > 0) hi = a;
    else lo = a;
    // g'(α) = 1/f(α)
    let next = a - r * f(a);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - a) < 1e-15 || hi - lo < 1e-15) return next;
    a = next;
  }
  return a;
}

function avrami(n: number): ReactionModel {
  return {
    code: `A${n}`,
    name: `Avrami–Erofeev, n = ${n}`,
    f: (a) => n * (1 - a) * Math.pow(-lnOneMinus(a), 1 - 1 / n),
    g: (a) => Math.pow(-lnOneMinus(a), 1 / n),
    gInverse: (y) => (y <= 0 ? 0 : clip01(-Math.expm1(-Math.pow(y, n)))),
  };
}

function power(n: number, code: string): ReactionModel {
  return {
    code,
    name: `Power law, α^(1/${n === 2 / 3 ? '(2/3)' : n})`,
    f: (a) => n * Math.pow(a, 1 - 1 / n),
    g: (a) => Math.pow(a, 1 / n),
    gInverse: (y) => (y <= 0 ? 0 : clip01(Math.pow(y, n))),
  };
}

function contracting(n: number, code: string, name: string): ReactionModel {
  return {
    code,
    name,
    f: (a) => n * Math.pow(1 - a, 1 - 1 / n),
    g: (a) => 1 - Math.pow(1 - a, 1 / n),
    gInverse: (y) => (y <= 0 ? 0 : y >= 1 ? 1 : clip01(1 - Math.pow(1 - y, n))),
  };
}

const d2g = (a: number): number => (a >= 1 ? 1 : (1 - a) * lnOneMinus(a) + a);
const d2f = (a: number): number => -1 / lnOneMinus(a);
const d4g = (a: number): number => 1 - (2 * a) / 3 - Math.pow(1 - a, 2 / 3);
const d4f = (a: number): number => 3 / (2 * (Math.pow(1 - a, -1 / 3) - 1));

/** The fixed models of the ICTAC table, in the order the tables print them. */
export const REACTION_MODELS: ReactionModel[] = [
  power(4, 'P4'),
  power(3, 'P3'),
  power(2, 'P2'),
  power(2 / 3, 'P2/3'),
  { code: 'D1', name: 'One-dimensional diffusion', f: (a) => 1 / (2 * a), g: (a) => a * a, gInverse: (y) => (y <= 0 ? 0 : clip01(Math.sqrt(y))) },
  { code: 'D2', name: 'Two-dimensional diffusion (Valensi)', f: d2f, g: d2g, gInverse: (y) => invertMonotone(d2g, d2f, y) },
  {
    code: 'D3',
    name: 'Three-dimensional diffusion (Jander)',
    f: (a) => (3 * Math.pow(1 - a, 2 / 3)) / (2 * (1 - Math.pow(1 - a, 1 / 3))),
    g: (a) => Math.pow(1 - Math.pow(1 - a, 1 / 3), 2),
    gInverse: (y) => (y <= 0 ? 0 : y >= 1 ? 1 : clip01(1 - Math.pow(1 - Math.sqrt(y), 3))),
  },
  { code: 'D4', name: 'Ginstling–Brounshtein', f: d4f, g: d4g, gInverse: (y) => invertMonotone(d4g, d4f, y) },
  { code: 'F0', name: 'Zero order (R1)', f: () => 1, g: (a) => a, gInverse: (y) => clip01(y) },
  { code: 'F1', name: 'First order (Mampel)', f: (a) => 1 - a, g: (a) => -lnOneMinus(a), gInverse: (y) => (y <= 0 ? 0 : clip01(-Math.expm1(-y))) },
  { code: 'F2', name: 'Second order', f: (a) => (1 - a) * (1 - a), g: (a) => 1 / (1 - a) - 1, gInverse: (y) => (y <= 0 ? 0 : clip01(1 - 1 / (1 + y))) },
  {
    code: 'F3',
    name: 'Third order',
    f: (a) => Math.pow(1 - a, 3),
    g: (a) => 0.5 * (Math.pow(1 - a, -2) - 1),
    gInverse: (y) => (y <= 0 ? 0 : clip01(1 - 1 / Math.sqrt(1 + 2 * y))),
  },
  avrami(2),
  avrami(3),
  avrami(4),
  contracting(2, 'R2', 'Contracting area (cylinder)'),
  contracting(3, 'R3', 'Contracting volume (sphere)'),
];

export function modelByCode(code: string): ReactionModel | undefined {
  return REACTION_MODELS.find((m) => m.code === code);
}

/** Flexible models, fitted with their extra parameters: An (JMAK with free n), Fn (order n), SB(m, n). */
export const FLEXIBLE_MODELS = ['An', 'Fn', 'SB'] as const;

/** Šesták–Berggren f(α) = α^m (1 − α)^n (Šesták & Berggren, Thermochim. Acta 3 (1971) 1). */
export const sestakBerggren = (m: number, n: number) => (a: number): number => Math.pow(a, m) * Math.pow(1 - a, n);

/** Reaction order n: g(α) = [1 − (1 − α)^{1−n}]/(1 − n) (n ≠ 1), and its inverse. */
export function orderModel(n: number): Pick<ReactionModel, 'g' | 'gInverse' | 'f'> {
  if (Math.abs(n - 1) < 1e-9) return { f: (a) => 1 - a, g: (a) => -lnOneMinus(a), gInverse: (y) => (y <= 0 ? 0 : clip01(-Math.expm1(-y))) };
  return {
    f: (a) => Math.pow(1 - a, n),
    g: (a) => (1 - Math.pow(1 - a, 1 - n)) / (1 - n),
    gInverse: (y) => {
      if (y <= 0) return 0;
      const base = 1 - (1 - n) * y;
      if (base <= 0) return 1; // n < 1: complete at y = 1/(1 − n)
      return clip01(1 - Math.pow(base, 1 / (1 - n)));
    },
  };
}
