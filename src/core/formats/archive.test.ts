import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ARCHIVE_LIMITS, crc32, readZipMembers, zipEntries } from './archive';
import { FormatError } from './types';
import { importPatterns, importPatternsAsync } from './xrd/index';
import { importTga } from './tga/index';
import { writeZip, zeroDeflate, zipBomb } from '../../../test/robustness/zip-bomb';

const MiB = 1024 * 1024;

describe('readZipMembers', () => {
  it('reads stored and deflated members, only those selected', () => {
    const text = strToU8('2theta counts\n'.repeat(5000));
    const zip = zipSync({ 'a/keep.txt': text, 'a/stored.txt': [strToU8('plain'), { level: 0 }], 'skip.bin': new Uint8Array(10) });
    const out = readZipMembers('x.zip', zip, (n) => n.startsWith('a/'));
    expect(Object.keys(out).sort()).toEqual(['a/keep.txt', 'a/stored.txt']);
    expect(out['a/keep.txt']).toEqual(text);
    expect(new TextDecoder().decode(out['a/stored.txt'])).toBe('plain');
    expect(zipEntries('x.zip', zip).map((e) => e.name)).toEqual(['a/keep.txt', 'a/stored.txt', 'skip.bin']);
  });

  it('computes the CRC-32 ZIP uses (check value of "123456789" is CBF43926)', () => {
    expect(crc32(strToU8('123456789')).toString(16)).toBe('cbf43926');
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('refuses a member whose header states more than the cap, before inflating anything', () => {
    const bomb = zipBomb('brml', { mib: 600 });
    expect(bomb.length).toBeLessThan(1 * MiB);
    expect(() => readZipMembers('bomb.brml', bomb, () => true)).toThrow(/^bomb\.brml: expected members of at most 256\.0 MiB uncompressed, found ".*declares 300\.0 MiB/);
  });

  it('stops a member whose header understates its size as soon as inflating passes it', () => {
    const bomb = zipBomb('rasx', { mib: 600, honest: false });
    const t0 = performance.now();
    expect(() => readZipMembers('liar.rasx', bomb, () => true)).toThrow(/^liar\.rasx: expected member Data0\/Profile0\.txt of 1024 bytes as its header says, found "more data when inflated/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('caps the total of all members and the member count', () => {
    const data = zeroDeflate(100);
    const members = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name, data, method: 8 as const, declaredBytes: 100 * MiB }));
    expect(() => readZipMembers('six.zip', writeZip(members), () => true)).toThrow(/^six\.zip: expected at most 512\.0 MiB uncompressed in all, found "6 members declaring 600\.0 MiB/);
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) many[`m${i}`] = strToU8('x');
    expect(() => readZipMembers('many.zip', zipSync(many), () => true, { ...ARCHIVE_LIMITS, maxMembers: 20 })).toThrow(/^many\.zip: expected a ZIP archive of at most 20 members, found "30 members"/);
  });

  it('refuses damaged data by its CRC and a truncated archive by its missing directory', () => {
    const zip = zipSync({ 'm.txt': [strToU8('0123456789'.repeat(100)), { level: 0 }] });
    const flipped = zip.slice();
    flipped[40] ^= 0xff; // inside the stored data
    expect(() => readZipMembers('flip.zip', flipped, () => true)).toThrow(/^flip\.zip: expected member m\.txt with the CRC-32 its header states/);
    expect(() => readZipMembers('cut.zip', zip.subarray(0, 500), () => true)).toThrow(/^cut\.zip: expected a complete ZIP archive/);
    expect(() => readZipMembers('cut.zip', zip.subarray(0, 500), () => true)).toThrow(FormatError);
  });

  it('does not open an archive nested in an archive', () => {
    const inner = zipSync({ 'Experiment0/RawData0.xml': strToU8('<RawData/>') });
    const outer = zipSync({ 'Experiment0/RawData0.xml': inner });
    expect(() => importPatterns('nested.brml', outer)).toThrow(/^nested\.brml: expected well-formed XML in Experiment0\/RawData0\.xml|^nested\.brml: expected a <RawData> root/);
  });
});

describe('3 MB zip bombs through the importers', () => {
  for (const kind of ['brml', 'rasx'] as const) {
    it(`.${kind}: refused with a FormatError naming the file`, () => {
      const bomb = zipBomb(kind);
      expect(bomb.length).toBeGreaterThan(2 * MiB);
      expect(bomb.length).toBeLessThan(4 * MiB);
      expect(() => importPatterns(`bomb.${kind}`, bomb)).toThrow(new RegExp(`^bomb\\.${kind}: expected members of at most 256\\.0 MiB`));
      expect(() => importPatterns(`liar.${kind}`, zipBomb(kind, { honest: false }))).toThrow(new RegExp(`^liar\\.${kind}: expected member .* of 1024 bytes`));
    });
  }
  it('.ngb-ss3: refused with a FormatError naming the file', () => {
    expect(() => importTga('bomb.ngb-ss3', zipBomb('ngb-ss3'))).toThrow(/^bomb\.ngb-ss3: expected members of at most 256\.0 MiB/);
    expect(() => importTga('liar.ngb-ss3', zipBomb('ngb-ss3', { honest: false }))).toThrow(/^liar\.ngb-ss3: expected member Streams\/stream_1\.table of 1024 bytes/);
  });
});

describe('HDF5 datasets are capped like archive members', () => {
  it('refuses an 8 kB file declaring 960 MB of gzip-compressed data, naming the file and the dataset', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(__dirname, '../../../test/fixtures/xrd/generated/declared-960MB.h5')));
    expect(bytes.length).toBeLessThan(16 * 1024);
    await expect(importPatternsAsync('declared.h5', bytes)).rejects.toThrow(/^declared\.h5: expected datasets of at most 32 M values, found "\/entry\/data\/2th declares 40,000,000 values/);
  });
});

describe('XML entity bombs', () => {
  it('nested entities ("billion laughs") are expanded one level only: no exponential text', () => {
    const defs = ['<!ENTITY a0 "lollollollollollollollollollol">'];
    for (let k = 1; k < 10; k++) defs.push(`<!ENTITY a${k} "${`&a${k - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE x [${defs.join('')}]><xrdMeasurements><sample><id>&a9;</id></sample><xrdMeasurement><scan><dataPoints><positions axis="2Theta"><startPosition>10</startPosition><endPosition>20</endPosition></positions><intensities>1 2 3</intensities></dataPoints></scan></xrdMeasurement></xrdMeasurements>`;
    const [p] = importPatterns('laughs.xrdml', strToU8(xml));
    // 10⁹ × "lol" if expanded recursively; one level gives the ten references of a9 as text.
    expect(p.metadata['sample id'].length).toBeLessThan(1000);
  });

  it('many flat entity references are stopped by the expansion budget', () => {
    const big = 'x'.repeat(9000);
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY b "${big}">]><xrdMeasurements><sample><id>${'&b;'.repeat(200)}</id></sample></xrdMeasurements>`;
    expect(() => importPatterns('flat.xrdml', strToU8(xml))).toThrow(/^flat\.xrdml: expected well-formed XRDML.*(limit|exceed)/i);
  });
});
