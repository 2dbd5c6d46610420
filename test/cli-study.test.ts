/**
 * `reductionlab study pack | unpack | info` and `compare STUDY.rlab`, as a user runs them (child processes of
 * bin/reductionlab.mjs): a packed study compares exactly as the STUDY.json it came from, also after its files are
 * deleted; unpacking gives back the files byte for byte; damaged, newer and foreign files exit 1 with a message.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin/reductionlab.mjs');
const example = join(repoRoot, 'resources/example');
const work = mkdtempSync(join(tmpdir(), 'reductionlab-study-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const withoutStudyPath = (json: string) => ({ ...(JSON.parse(json) as Record<string, unknown>), study: null });

describe('study pack, compare, info, unpack', () => {
  const copy = join(work, 'example');
  const rlab = join(work, 'example.rlab');

  it('a packed study compares exactly like its STUDY.json, even after the original files are gone', async () => {
    cpSync(example, copy, { recursive: true });
    const packed = await cli('study', 'pack', join(copy, 'study.json'), rlab);
    expect(packed.stderr).toBe('');
    expect(packed.code).toBe(0);
    expect(packed.stdout).toMatch(/^Packed 4 files and the settings of .*study\.json into .*example\.rlab/);
    const fromJson = await cli('compare', join(copy, 'study.json'), '--json');
    const fromJsonText = await cli('compare', join(copy, 'study.json'));
    for (const f of ['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv']) unlinkSync(join(copy, f));
    const fromRlab = await cli('compare', rlab, '--json');
    expect(fromRlab.code).toBe(0);
    expect(withoutStudyPath(fromRlab.stdout)).toEqual(withoutStudyPath(fromJson.stdout));
    const text = await cli('compare', rlab, '--csv', join(work, 'metrics.csv'));
    expect(text.stdout.replace(/\nTable written to .*\n$/, '\n')).toBe(fromJsonText.stdout);
    expect(readFileSync(join(work, 'metrics.csv'), 'utf8')).toMatch(/^run,/);
    expect(readdirSync(work).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('study info lists the runs, settings and every file with its SHA-256 after the integrity checks', async () => {
    const info = await cli('study', 'info', rlab, '--json');
    expect(info.code).toBe(0);
    const report = JSON.parse(info.stdout) as { integrity: string; format: number; title: string; files: { name: string; sha256: string; size: number }[]; tga: { runs: { label: string; recipe: string | null; blank: string | null; role: string }[]; reference: string } };
    expect(report.integrity).toBe('ok');
    expect(report.format).toBe(2);
    expect(report.title).toMatch(/^Example study/);
    for (const f of report.files) expect(f.sha256).toBe(sha(join(example, f.name)));
    expect(report.tga.reference).toBe('Fe2O3 (SIMULATED)');
    expect(report.tga.runs.map((r) => [r.role, r.recipe, r.blank])).toEqual([
      ['sample', 'Fe2O3', 'Blank, empty crucible (SIMULATED)'],
      ['sample', 'Fe2O3,Ni → Fe-36Ni', 'Blank, empty crucible (SIMULATED)'],
      ['sample', 'Fe2O3,NiO → Fe-36Ni', 'Blank, empty crucible (SIMULATED)'],
      ['blank', null, null],
    ]);
    const plain = await cli('study', 'info', rlab);
    expect(plain.stdout).toMatch(/Integrity +ok/);
    expect(plain.stdout).toMatch(/Fe2O3 \(SIMULATED\) \(reference\): sample; Fe2O3\.csv; recipe Fe2O3; blank Blank/);
  });

  it('unpack gives back every file byte for byte and a study.json that compares the same', async () => {
    const dir = join(work, 'unpacked');
    const out = await cli('study', 'unpack', rlab, dir);
    expect(out.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv', 'manifest.json', 'study.json']);
    for (const f of ['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv']) expect(sha(join(dir, f))).toBe(sha(join(example, f)));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    for (const f of manifest.files) expect(f.sha256).toBe(sha(join(dir, f.path)));
    const a = await cli('compare', join(example, 'study.json'), '--json');
    const b = await cli('compare', join(dir, 'study.json'), '--json');
    expect(withoutStudyPath(b.stdout)).toEqual(withoutStudyPath(a.stdout));
    // never into a folder that holds files
    const again = await cli('study', 'unpack', rlab, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/unpacked is not empty/);
  });

  it('truncated, corrupted, newer and foreign files exit 1 with a message that says so', async () => {
    const bytes = readFileSync(rlab);
    const cut = join(work, 'cut.rlab');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    for (const args of [['compare', cut], ['study', 'info', cut], ['study', 'unpack', cut, join(work, 'x')]]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^reductionlab: error: .*cut\.rlab is damaged: it is cut short \([\d,]+ of [\d,]+ bytes\)/);
    }
    expect(existsSync(join(work, 'x'))).toBe(false);
    const flipped = Buffer.from(bytes);
    // a byte inside an embedded file's data (in the middle of it)
    const at = flipped.indexOf(readFileSync(join(example, 'Fe2O3_Ni.csv')).subarray(40_000, 40_400)) + 200;
    expect(at).toBeGreaterThan(200);
    flipped[at] ^= 0x04;
    writeFileSync(join(work, 'flip.rlab'), flipped);
    const r = await cli('compare', join(work, 'flip.rlab'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/flip\.rlab is damaged: an embedded file does not match its SHA-256/);
    // the schema version (PRAGMA user_version, header bytes 60–63) of a newer ReductionLab
    const newer = Buffer.from(bytes);
    newer.writeUInt32BE(3, 60);
    writeFileSync(join(work, 'newer.rlab'), newer);
    const n = await cli('compare', join(work, 'newer.rlab'));
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/newer\.rlab was saved by a newer version of ReductionLab \(study file format 3; this version .* reads formats up to 2\)\. Update ReductionLab to open it\./);
    const csv = await cli('study', 'info', join(example, 'Fe2O3.csv'));
    expect(csv.code).toBe(1);
    expect(csv.stderr).toMatch(/Fe2O3\.csv is not a ReductionLab study file/);
    const usage = await cli('study', 'frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/study: unknown subcommand 'frobnicate'/);
  });

  it('--series replaces an existing file whole', async () => {
    const out = join(work, 'series.csv');
    writeFileSync(out, 'old content\n');
    const r = await cli('tga', join(example, 'Fe2O3.csv'), '--series', out);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('fileTimeS,temperatureC,massMg\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(3122);
    expect(readdirSync(work).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
