/**
 * The fixture set of the fuzz tests: every file under ../shared/fixtures (read in place; absent in a plain clone,
 * where the tests skip and say so), one file per numbered series (…_00001 … _00061 are one layout: the first stands
 * for the rest), documentation (.md) left out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const sharedFixtures = resolve(__dirname, '../../../shared/fixtures');

export interface FixtureFile {
  /** Path relative to ../shared/fixtures. */
  rel: string;
  name: string;
  read(): Uint8Array;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export function fuzzFixtures(): FixtureFile[] {
  if (!existsSync(sharedFixtures)) return [];
  const seen = new Set<string>();
  const out: FixtureFile[] = [];
  for (const path of walk(sharedFixtures)) {
    if (/\.md$/i.test(path)) continue;
    const rel = relative(sharedFixtures, path);
    const family = rel.replace(/\d+/g, '#');
    if (seen.has(family)) continue;
    seen.add(family);
    out.push({ rel, name: rel.split('/').pop() as string, read: () => new Uint8Array(readFileSync(path)) });
  }
  return out;
}
