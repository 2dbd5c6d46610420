/* eslint-disable no-restricted-imports -- a Node-side dev script: it reads the fixture files the harness shows */
/**
 * Dev harness data: reads a simulated SXRD sequence (test/fixtures/simulated/sxrd-*), runs the real analysis
 * pipeline on it (cached in OUT/analysis.json) and the real TGA α(t) of the matching simulated run, and writes
 * OUT/data.js for dev/index.html. Run: npx tsx src/renderer/src/features/xrd/dev/make-data.ts [SEQDIR] [OUT]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSequence } from '../../../../../core/xrd/sequence';
import { analyseSequence } from '../../../../../core/xrd/pipeline';
import { encode } from '../../../../../shared/codec';
import type { XrdAnalysis } from '../../../../../shared/xrd-results';
import { binHeatmap } from '../heatmap';
import { DEV_ANALYSIS_OPTIONS } from './options';

const repo = resolve(import.meta.dirname, '../../../../../..');
const seqDir = resolve(process.argv[2] ?? join(repo, 'test/fixtures/simulated/sxrd-fe2o3_nio-700C'));
const out = resolve(process.argv[3] ?? '/tmp/xrd-dev');

const names = readdirSync(seqDir).filter((n) => n.endsWith('.xy')).sort();
const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(seqDir, name))) }));
const truthPath = join(seqDir, 'truth.json');
const intervalS = existsSync(truthPath) ? (JSON.parse(readFileSync(truthPath, 'utf8')) as { frame_interval_s: number }).frame_interval_s : 2;
const seq = buildSequence(files, { intervalS });
console.log(`${seq.frames.length} frames × ${seq.frames[0].x.length} points, λ = ${seq.wavelengthA} Å`);

const cache = join(out, `analysis-${seqDir.split('/').pop()}.json`);
let analysis: XrdAnalysis | null = null;
if (seq.frames.length <= 100) {
  if (existsSync(cache)) analysis = JSON.parse(readFileSync(cache, 'utf8')) as XrdAnalysis;
  else {
    const t0 = performance.now();
    analysis = analyseSequence(seq, DEV_ANALYSIS_OPTIONS, (done, total) => {
      if (done % 10 === 0) console.log(`analysis ${done}/${total}`);
    });
    console.log(`analysis ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    writeFileSync(cache, JSON.stringify(analysis));
  }
}

const t1 = performance.now();
const grid = binHeatmap(seq, { xBins: 600, tBins: 300, axis: '2th_deg', log: false });
console.log(`binHeatmap ${(performance.now() - t1).toFixed(1)} ms`);

writeFileSync(join(out, 'data.js'), `window.__XRD_DEV__ = ${JSON.stringify(encode({ seq, analysis, sequenceName: seqDir.split('/').pop() }))};\n`);
console.log(`wrote ${join(out, 'data.js')}, grid ${grid.tBins}×${grid.xBins}`);
