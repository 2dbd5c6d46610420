import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importTga } from './core/formats/tga/index';
const files = (process.env.DUMP_FILES ?? '').split(',');
it('dump', () => {
  for (const rel of files) {
    const p = '/work/shared/fixtures/' + rel;
    const run = importTga(rel.split('/').pop()!, new Uint8Array(readFileSync(p)));
    const s = (a: Float64Array | null) => (a ? { n: a.length, first: a[0], last: a[a.length - 1] } : null);
    const out = { ...run, timeS: s(run.timeS), temperatureC: s(run.temperatureC), massMg: s(run.massMg), massPercent: s(run.massPercent),
      channels: run.channels.map((c) => ({ ...c, values: s(c.values) })) };
    console.log('=== ' + rel + '\n' + JSON.stringify(out, null, 1));
  }
});
