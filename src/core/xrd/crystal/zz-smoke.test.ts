import { test } from 'vitest';
import { phaseLibrary, expandSites, generateReflections, cellMassAmu, cellVolumeA3 } from './index';
test('smoke', () => {
  for (const p of phaseLibrary) {
    const cell = expandSites(p);
    const refl = generateReflections(p, { wavelengthA: 1.5406, twoThetaMaxDeg: 90 });
    const max = Math.max(...refl.map(r => r.intensity));
    console.log(p.id, p.symops.length, cell.length, cellMassAmu(p).toFixed(2), cellVolumeA3(p.lattice).toFixed(3),
      refl.slice(0, 6).map(r => `${r.h}${r.k}${r.l}(${r.multiplicity}) ${r.twoThetaDeg.toFixed(3)} ${(100*r.intensity/max).toFixed(1)}`).join(' | '));
  }
});
