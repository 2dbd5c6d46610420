import { readFileSync } from 'node:fs';
import { importPatterns } from './src/core/formats/xrd/index';
const p = importPatterns('x', new Uint8Array(readFileSync('/work/main/test/fixtures/xrd/datalab-operando-echem-xrdml/Scan_C1.xrdml')))[0];
console.log(p.metadata);
