import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { formFactor, generateReflections, getPhase } from './index';
const ref = JSON.parse(readFileSync('test/fixtures/reference/pymatgen-reflections.json', 'utf8'));
const ff = JSON.parse(readFileSync('test/fixtures/reference/pymatgen-form-factors.json', 'utf8'));
test('cmp', () => {
  for (const [el, fs] of Object.entries(ff.f) as [string, number[]][]) {
    console.log(el, ff.sInvA.map((s: number, i: number) => ((formFactor(el, s) / fs[i] - 1) * 100).toFixed(2)).join(' '));
  }
  for (const [id, e] of Object.entries(ref.phases) as [string, any][]) {
    for (const [wl, pats] of Object.entries(e.patterns) as [string, any][]) {
      for (const dw of ['dwOff', 'dwOn']) {
        const p = getPhase(id);
        const ours = generateReflections(p, { wavelengthA: Number(wl), twoThetaMaxDeg: wl === '0.20735' ? 16 : 120, debyeWaller: dw === 'dwOn', formFactors: 'pymatgen' });
        const merged: { tth: number; i: number; m: number }[] = [];
        for (const r of ours) {
          const last = merged[merged.length - 1];
          if (last && Math.abs(last.tth - r.twoThetaDeg) < 1e-5) { last.i += r.intensity; last.m += r.multiplicity; }
          else merged.push({ tth: r.twoThetaDeg, i: r.intensity, m: r.multiplicity });
        }
        const max = Math.max(...merged.map((r) => r.i));
        const kept = merged.filter((r) => (100 * r.i) / max > 1e-3);
        let worst = 0, worstPos = 0, worstAt = '';
        const refPeaks = pats[dw] as [number, number, number, number][];
        const n = Math.min(kept.length, refPeaks.length);
        for (let k = 0; k < n; k++) {
          const [tth, , rel, m] = refPeaks[k];
          const o = kept[k];
          worstPos = Math.max(worstPos, Math.abs(o.tth - tth));
          const ourRel = (100 * o.i) / max;
          if (rel > 1) { const d = Math.abs(ourRel / rel - 1); if (d > worst) { worst = d; worstAt = `${tth.toFixed(3)} ours ${ourRel.toFixed(2)} pmg ${rel.toFixed(2)} m ${o.m}/${m}`; } }
          if (o.m !== m) worstAt += ` MULT ${tth} ${o.m}/${m}`;
        }
        console.log(id, wl, dw, kept.length, refPeaks.length, worstPos.toExponential(1), (worst * 100).toFixed(2) + '%', worstAt);
      }
    }
  }
});
