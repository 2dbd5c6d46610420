/** One-dimensional minimisation shared by the kinetics (Vyazovkin's Φ(E)) and the TGA change-point fit. */

/** Minimum of a unimodal f on [a, b] by golden-section search to a relative tolerance on x. */
export function goldenMinimum(f: (x: number) => number, a: number, b: number, relTol = 1e-10, maxIter = 200): { x: number; fx: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = a;
  let hi = b;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let k = 0; k < maxIter && hi - lo > relTol * (Math.abs(x1) + Math.abs(x2) + 1e-300); k++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 < f2 ? { x: x1, fx: f1 } : { x: x2, fx: f2 };
}
