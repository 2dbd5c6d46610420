import { readFileSync, readdirSync } from 'node:fs';
import { buildSequence } from './src/core/xrd/sequence';
const dir = '/tmp/big_sxrd';
const t0 = performance.now();
const files = readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
const t1 = performance.now();
const seq = buildSequence(files, { intervalS: 2 });
const t2 = performance.now();
console.log(`read ${files.length} files ${(t1 - t0).toFixed(0)} ms; parse+sequence ${(t2 - t1).toFixed(0)} ms; frames ${seq.frames.length} x ${seq.frames[0].x.length}; shared grid ${seq.frames[1].x === seq.frames[0].x}; heap ${(process.memoryUsage().heapUsed/1e6).toFixed(0)} MB rss ${(process.memoryUsage().rss/1e6).toFixed(0)} MB; last t ${seq.timesS[seq.timesS.length-1]}`);
