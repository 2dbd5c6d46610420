import { it } from 'vitest';
import { importTga } from '../formats/tga/index';
import { analyzeTga } from './index';
import { listFixtureFiles, readTgaFixture, tgaFixtureDir } from '../../../test/fixtures/tga/read-fixture';
function prng(seed: number) { let s = seed; return () => (s = (s * 48271) % 2147483647) / 2147483647; }
it('probe', () => {
  const files = listFixtureFiles(tgaFixtureDir).filter((f) => !/\.(md|json|ts)$/.test(f));
  const seen = new Map<string, string>(); let ok = 0, err = 0;
  files.forEach((file, i) => {
    const bytes = readTgaFixture(file);
    const rand = prng(99 + i);
    const variants: Uint8Array[] = [bytes];
    for (let c = 0; c < 8; c++) variants.push(bytes.slice(0, Math.floor(rand() * bytes.length)));
    for (let k = 0; k < 8; k++) { const b = bytes.slice(); const fl = 1 + Math.floor(rand() * 50); for (let f = 0; f < fl; f++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256); variants.push(b); }
    for (const v of variants) {
      let run; try { run = importTga(file, v); } catch { continue; }
      for (const opts of [{ recipe: { precursors: [{ formula: 'Fe2O3' }] } }, {}, { startS: run.timeS[0], recipe: { precursors: [{ formula: 'NiO' }] } }]) {
        try { const a = analyzeTga(run, opts); ok++; if (a.alpha.length === 0) console.log('EMPTY', file); } catch (e) {
          err++;
          if (e instanceof TypeError || e instanceof RangeError || !(e instanceof Error)) { const k = String((e as Error).stack).split('\n').slice(0, 3).join(' | '); if (!seen.has(k)) seen.set(k, file); }
        }
      }
    }
  });
  console.log('ok', ok, 'err', err);
  for (const [k, f] of seen) console.log('BAD', f, k);
}, 300000);
