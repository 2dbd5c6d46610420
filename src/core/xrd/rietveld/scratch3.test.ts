import { it } from 'vitest';
import { closeGroup, getPhase, withCubicA, generateReflections } from '../crystal';
import type { PhaseDef } from '../crystal';
it('x', () => {
  const o1 = closeGroup(['-x,-y+1/2,z+1/2', '-x+1/2,y+1/2,-z', 'z,x,y', 'y+3/4,x+1/4,-z+3/4', '-x+1/4,-y+1/4,-z+1/4', 'x,y+1/2,z+1/2', 'x+1/2,y,z+1/2']);
  const mag = withCubicA(getPhase('magnetite'), 8.488356);
  const b: PhaseDef = { ...mag, symops: o1 };
  const c: PhaseDef = { ...mag, symops: o1, atoms: [{ ...mag.atoms[0], x: 0, y: 0, z: 0 }, { ...mag.atoms[1], x: 0.625, y: 0.625, z: 0.625 }, { ...mag.atoms[2], x: 0.3799, y: 0.3799, z: 0.3799 }] };
  console.log('ops', o1.length, mag.symops.length);
  for (const [name, ph] of [['lib', mag], ['o1ops+o2coords', b], ['o1 proper', c]] as const) {
    const r = generateReflections(ph, { wavelengthA: 0.20735, twoThetaMaxDeg: 9, debyeWaller: false });
    console.log(name, r.map((q) => `${q.h}${q.k}${q.l}@${q.twoThetaDeg.toFixed(3)}:${(q.intensity / 1e6).toFixed(1)}`).join(' '));
  }
});
