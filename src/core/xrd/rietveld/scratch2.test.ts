import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importPattern } from '../../formats/xrd';
import { getPhase, feNiPhase, withCubicA, closeGroup } from '../crystal';
import { rietveldPhaseFromDef, refinePattern, calculatePattern } from './index';
import type { PhaseDef } from '../crystal';
const dir = '/work/shared/fixtures/simulated/sxrd-fe2o3_nio-700C/';
const truth = JSON.parse(readFileSync(dir + 'truth.json', 'utf8'));
it('x', () => {
  const law = { parameter: 'xNi' as const, endMembers: { aAtZeroA: 3.66512, aAtOneA: 3.562764 }, x: 1, citation: '' };
  for (const i of [0, 1, 3, 5]) {
    const t = truth.frames[i];
    const feo: PhaseDef = { ...getPhase('wustite'), atoms: getPhase('wustite').atoms.map((a) => ({ ...a, occupancy: 1 })) };
    const defs = i === 600 ? [feNiPhase(t.fcc_x_ni, law)] : [{ ...withCubicA(getPhase('magnetite'), t.a.Fe3O4), symops: closeGroup(['-x,-y+1/2,z+1/2', '-x+1/2,y+1/2,-z', 'z,x,y', 'y+3/4,x+1/4,-z+3/4', '-x+1/4,-y+1/4,-z+1/4', 'x,y+1/2,z+1/2', 'x+1/2,y,z+1/2']) }, withCubicA(feo, t.a.FeO), withCubicA(getPhase('NiO'), t.a.NiO), feNiPhase(t.fcc_x_ni, law)];
    const phases = defs.map((d) => rietveldPhaseFromDef(d, { wavelengthA: 0.20735, twoThetaMaxDeg: 16, debyeWaller: false }));
    const opts = { radiation: { wavelengthA: 0.20735 }, profileStart: { W: 0.035 ** 2, eta: 0.4 } };
    const name = `fe2o3_nio_700C_${String(i).padStart(5, '0')}.xy`;
    const pat = importPattern(name, readFileSync(dir + name));
    const { result: r, state } = refinePattern({ twoThetaDeg: pat.x, intensity: pat.intensity }, phases, opts);
    console.log(i, 'rwp', r.rwp.toFixed(4), 'gof', r.gof.toFixed(3), 'it', r.iterations, 'zero', r.zeroShiftDeg.toFixed(5));
    r.phases.forEach((p, k) => console.log('  ', p.id, 'W', p.weightFraction.toFixed(4), Object.values(t.wt as Record<string, number>)[k].toFixed(4), 'a', p.lattice.aA.toFixed(5), 'S', p.scale.toExponential(4), 'fwhm', Math.sqrt(p.profile.W).toFixed(4), 'eta', p.profile.eta.toFixed(3)));
    const c = calculatePattern(pat.x, phases, state, opts);
    // residual by region
    const out: string[] = [];
    for (let j = 0; j < pat.x.length; j += 1) {
      const d = (pat.intensity[j] - c.total[j]) / Math.sqrt(Math.max(1, pat.intensity[j]));
      if (Math.abs(d) > 12) out.push(`${pat.x[j].toFixed(3)}:${pat.intensity[j]}/${c.total[j].toFixed(0)}`);
    }
    console.log(out.slice(0, 80).join(' '));
  }
});
