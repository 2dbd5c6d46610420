/**
 * The CIF files of the simulated SXRD studies' own structures (../shared/fixtures/simulated/sxrd-structures: the
 * 700 °C cells and B the simulation used), read in place: a user hands such structures to the app as CIF files,
 * and the tests do the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIM_STRUCTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/simulated/sxrd-structures');

/** magnetite.cif (phase id cif-magnetite-700c) and wustite.cif (cif-wustite-700c); [] when the folder is absent. */
export function simulatedStudyCifs(): { name: string; text: string; id: string }[] {
  if (!existsSync(SIM_STRUCTURES)) return [];
  return [
    { name: 'magnetite.cif', text: readFileSync(resolve(SIM_STRUCTURES, 'magnetite.cif'), 'utf8'), id: 'cif-magnetite-700c' },
    { name: 'wustite.cif', text: readFileSync(resolve(SIM_STRUCTURES, 'wustite.cif'), 'utf8'), id: 'cif-wustite-700c' },
  ];
}
