/**
 * Real check (a): TOPAS sequential refinement of Degussa P25 (anatase + rutile) heated 30 → 900 °C, lab
 * Bragg–Brentano, Cu Kα1/Kα2 (../shared/fixtures/xrd/topas-P25-anatase-rutile-heating, Apache-2.0, read in place). Our sequential
 * refinement of the 20 xye patterns must give the TOPAS Hill–Howard weight fractions within 2 wt.% per pattern.
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared, readSharedText } from '../../../../test/fixtures/shared-fixtures';
import { importPattern } from '../../formats/xrd';
import { getPhase } from '../crystal';
import { refineSequence, rietveldPhaseFromDef, type RietveldOptions } from './index';

const DIR = 'xrd/topas-P25-anatase-rutile-heating';

/** TOPAS wt% per range (1-based seqno) and phase from output.txt. */
function topasWeights(text: string): Map<number, Record<string, number>> {
  const lines = text.split('\n').filter((l) => l.trim());
  const head = lines[0].split('\t');
  const iSeq = head.indexOf('seqno');
  const iPhase = head.indexOf('phase');
  const iWt = head.indexOf('wtpct');
  const out = new Map<number, Record<string, number>>();
  for (const l of lines.slice(1)) {
    const c = l.split('\t');
    const seq = Number(c[iSeq]);
    const rec = out.get(seq) ?? {};
    rec[c[iPhase].toLowerCase()] = Number(c[iWt]);
    out.set(seq, rec);
  }
  return out;
}

const CU = { wavelengthA: 1.540596, wavelength2A: 1.544493, ratio21: 0.5 };

export const topasOptions: RietveldOptions = {
  radiation: CU,
  profile: 'tch',
  profileStart: { U: 0.002, V: -0.001, W: 0.002, X: 0.2, Y: 0 },
  refineProfile: ['U', 'W', 'X'],
  backgroundTerms: 10,
  refineZero: false,
  refineDisplacement: true,
  polarisationK: 0.5,
};

describe.skipIf(missingShared(DIR))('TOPAS P25 anatase → rutile heating series', () => {
  it('weight fractions within 2 wt.% of TOPAS for all 20 patterns', () => {
    const topas = topasWeights(readSharedText(`${DIR}/output.txt`));
    const patterns = Array.from({ length: 20 }, (_, i) => {
      const name = `degussa_${String(i).padStart(3, '0')}.xye`;
      const p = importPattern(name, readShared(`${DIR}/xye-files/${name}`));
      return { twoThetaDeg: p.x, intensity: p.intensity, sigma: p.sigma };
    });
    expect(patterns[0].twoThetaDeg.length).toBe(6313);
    const phases = ['anatase', 'rutile'].map((id) => rietveldPhaseFromDef(getPhase(id), { wavelengthA: CU.wavelengthA, twoThetaMaxDeg: 110.1 }));
    const { frames } = refineSequence(patterns, phases, topasOptions);
    const rows: string[] = [];
    let maxD = 0;
    frames.forEach((f, i) => {
      const t = topas.get(i + 1) ?? {};
      const wa = 100 * f.phases[0].weightFraction;
      const wr = 100 * f.phases[1].weightFraction;
      const ta = t.anatase ?? 0;
      const tr = t.rutile ?? 0;
      maxD = Math.max(maxD, Math.abs(wa - ta), Math.abs(wr - tr));
      rows.push(`${i + 1}\t${ta.toFixed(2)}\t${wa.toFixed(2)}${f.phases[0].dropped ? ' (dropped)' : ''}\t${tr.toFixed(2)}\t${wr.toFixed(2)}\t${(100 * f.rwp).toFixed(2)}\t${f.gof.toFixed(3)}\t${f.phases[0].lattice.aA.toFixed(4)}\t${f.phases[1].lattice.aA.toFixed(4)}`);
    });
    console.log(`range\tTOPAS anatase\tours\tTOPAS rutile\tours\tRwp %\tGoF\ta(anatase)\ta(rutile)\n${rows.join('\n')}\nmax |Δwt%| ${maxD.toFixed(2)}`);
    expect(maxD).toBeLessThan(2);
    // TOPAS removed anatase from the model from range 19 on; ours drops it below 0.5 wt%
    expect(frames[18].phases[0].weightFraction).toBeLessThan(0.005);
    expect(frames.every((f) => f.rwp < 0.2 && f.gof < 1.2)).toBe(true);
  });
});
