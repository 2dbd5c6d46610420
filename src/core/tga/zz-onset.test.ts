import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importTga } from '../formats/tga/index';
import { analyzeTga, firstCrossing } from './index';
it('onset', () => {
  for (const f of ['cheminfo-tga-spectrum/mettlerToledoWeight.txt', 'cheminfo-tga-spectrum/perkinElmer_tga4000.txt', 'ErickErock-pICNIK/PARACETAMOL_10.csv', 'MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv', 'cheminfo-tga-spectrum/netzsch.txt','mpecchi-tga_data_analysis/CLSOx5_1.txt']) {
    const run = importTga(f, readFileSync('/work/main/test/fixtures/tga/' + f));
    for (const w of [15, 31]) {
      const a = analyzeTga(run, { startS: run.timeS[0], sgWindowS: w });
      console.log(f, w, 'onsetα0.02', a.metrics.onsetC?.toFixed(2), 'extrap', a.metrics.onsetExtrapolatedC?.toFixed(2), 'infl', a.metrics.inflectionC?.toFixed(2), 'maxrate T', a.temperatureC?.[a.tS.indexOf(a.metrics.tAtMaxRateS)]);
    }
    if (f.includes('mettler')) {
      // STARe horizontal step: limits 38.13–647.27 °C; midpoint = T where m crosses halfway
      const T = run.temperatureC!, m = run.massMg!;
      const iL = T.findIndex((x) => x >= 38.13), iR = T.findIndex((x) => x >= 647.27);
      console.log('step mg', m[iL] - m[iR], 'mL', m[iL], 'mR', m[iR]);
      const half = m.map((x) => (m[iL] - x) / (m[iL] - m[iR]));
      const t = firstCrossing(run.timeS, half, 0.5)!; const i = run.timeS.findIndex((x) => x >= t);
      console.log('midpoint T', T[i - 1] + (t - run.timeS[i - 1]) / (run.timeS[i] - run.timeS[i - 1]) * (T[i] - T[i - 1]));
    }
  }
});
