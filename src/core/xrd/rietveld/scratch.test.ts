import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importPattern } from '../../formats/xrd';
import { getPhase, feNiPhase, withCubicA } from '../crystal';
import { rietveldPhaseFromDef, refinePattern, refineSequence } from './index';
import type { PhaseDef } from '../crystal';
const dir = '/work/shared/fixtures/simulated/sxrd-fe2o3_nio-700C/';
const truth = JSON.parse(readFileSync(dir + 'truth.json', 'utf8'));
it('x', () => {
  const exp = 1.011;
  const feo: PhaseDef = { ...getPhase('wustite'), atoms: getPhase('wustite').atoms.map((a) => ({ ...a, occupancy: 1 })) };
  const law = { parameter: 'xNi' as const, endMembers: { aAtZeroA: 3.66512, aAtOneA: 3.562764 }, x: 1, citation: '' };
  const defs = [withCubicA(getPhase('magnetite'), 8.3965 * exp), withCubicA(feo, 4.3088 * exp), withCubicA(getPhase('NiO'), 4.1771 * exp), feNiPhase(0.9, law)];
  const phases = defs.map((d) => rietveldPhaseFromDef(d, { wavelengthA: 0.20735, twoThetaMaxDeg: 16, debyeWaller: false }));
  const opts = { radiation: { wavelengthA: 0.20735 }, profileStart: { W: 0.045 ** 2, eta: 0.4 } };
  for (const i of [0, 3, 10, 30, 60]) {
    const name = `fe2o3_nio_700C_${String(i).padStart(5, '0')}.xy`;
    const pat = importPattern(name, readFileSync(dir + name));
    const r = refinePattern({ twoThetaDeg: pat.x, intensity: pat.intensity }, phases, opts).result;
    const t = truth.frames[i];
    console.log(i, 'rwp', r.rwp.toFixed(4), 'gof', r.gof.toFixed(3), 'it', r.iterations, 'zero', r.zeroShiftDeg.toFixed(5));
    const keys = ['Fe3O4', 'FeO', 'NiO', 'fcc'];
    r.phases.forEach((p, k) => console.log('  ', p.id, 'W', p.weightFraction.toFixed(4), 'truth', t.wt[keys[k]].toFixed(4), 'a', p.lattice.aA.toFixed(5), t.a[keys[k]].toFixed(5), 'S', p.scale.toExponential(4), 'S/Wtruth*ZMV', (p.scale * p.cellMassAmu * p.cellVolumeA3 / t.wt[keys[k]]).toExponential(4), 'W', p.profile.W.toExponential(3), 'eta', p.profile.eta.toFixed(3), p.dropped ? 'DROPPED' : ''));
  }
});
