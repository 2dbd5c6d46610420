import { readFileSync, readdirSync } from 'node:fs';
import { parsePyFaiXy } from './src/core/formats/xrd/pyfai-xy';
import { readNumericTableFromBytes, readNumericTable } from './src/core/formats/xrd/common';
import { decodeBytes } from './src/core/text/decode';
const dir = '/tmp/big_sxrd';
const files = readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
for (let rep = 0; rep < 2; rep++) {
let t = performance.now();
for (const f of files) parsePyFaiXy(f.name, f.bytes);
console.log('parsePyFaiXy', (performance.now() - t).toFixed(0));
t = performance.now();
for (const f of files) readNumericTableFromBytes(f.bytes, f.name, {}, (b) => decodeBytes(b).text);
console.log('bytes table', (performance.now() - t).toFixed(0));
t = performance.now();
for (const f of files) readNumericTable(decodeBytes(f.bytes).text, f.name, {});
console.log('text table', (performance.now() - t).toFixed(0));
t = performance.now();
for (const f of files) decodeBytes(f.bytes);
console.log('decode only', (performance.now() - t).toFixed(0));
}
