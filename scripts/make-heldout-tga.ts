/**
 * Write the held-out-like exports of the simulated 700 °C study (scripts/heldout-tga.ts) to a folder, for a look in
 * the app or the CLI:
 *
 *   npx tsx scripts/make-heldout-tga.ts OUT_DIR [SHARED_DIR]
 *
 * Reads SHARED_DIR/fixtures/simulated/tga-700C-isothermal (default ../shared beside the repository) and writes, per
 * run, NAME_mettler.txt, NAME_mettler_programme.txt and NAME_pyris.csv (the blank too). Nothing is committed: the
 * tests build the same texts in memory.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mettlerLike, pyrisLike } from './heldout-tga';

const [outArg, sharedArg] = process.argv.slice(2);
if (!outArg) {
  console.error('usage: npx tsx scripts/make-heldout-tga.ts OUT_DIR [SHARED_DIR]');
  process.exit(2);
}
const sim = join(resolve(sharedArg ?? resolve(import.meta.dirname, '../../shared')), 'fixtures/simulated/tga-700C-isothermal');
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
for (const name of ['Fe2O3', 'Fe2O3_Ni', 'Fe2O3_NiO', 'blank']) {
  const csv = readFileSync(join(sim, `${name}.csv`), 'utf8');
  const sample = { name: name === 'blank' ? 'empty crucible' : name, massMg: name === 'blank' ? 0 : 50 };
  writeFileSync(join(out, `${name}_mettler.txt`), mettlerLike(csv, sample));
  writeFileSync(join(out, `${name}_mettler_programme.txt`), mettlerLike(csv, sample, { withProgramme: true }));
  writeFileSync(join(out, `${name}_pyris.csv`), pyrisLike(csv));
}
console.log(`wrote 12 files to ${out}`);
