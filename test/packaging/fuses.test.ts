/**
 * The packaging hook flips the fuses of scripts/fuses.cjs and checks them, offline. Electron's binary is not needed:
 * a stand-in file carries the fuse wire as Electron embeds it (sentinel, wire version 1, wire length, one byte per
 * fuse: '0' off, '1' on) with Electron's defaults, and the hook runs through the same packager call
 * electron-builder makes (addElectronFuses → @electron/fuses flipFuses).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** Fuse bytes: '0' off, '1' on. */
const OFF = 0x30;
const ON = 0x31;

const require = createRequire(import.meta.url);
const afterPack = require('../../scripts/after-pack.cjs') as ((context: unknown) => Promise<void>) & { fuseMismatches(binary: string): Promise<string[]> };
const { FUSES } = require('../../scripts/fuses.cjs') as { FUSES: Record<number, boolean> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dir = mkdtempSync(join(tmpdir(), 'rl-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in binary: some bytes, the sentinel, version 1, 9 fuses as Electron 45 ships them, more bytes. */
function fakeElectron(path: string): void {
  const defaults = '110111001'; // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ..., 9th fuse on
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF-stand-in'), Buffer.from(SENTINEL), Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.from('tail')]));
}

describe('fuses at packaging', () => {
  it('the configuration closes RunAsNode, NODE_OPTIONS, --inspect and loads only the integrity-checked app.asar', () => {
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('afterPack flips them in the packaged binary and verifies them; fuses it does not know are left alone', async () => {
    const appOutDir = join(dir, 'linux-unpacked');
    const binary = join(appOutDir, 'reductionlab');
    rmSync(appOutDir, { recursive: true, force: true });
    mkdirSync(appOutDir, { recursive: true });
    fakeElectron(binary);
    expect(await afterPack.fuseMismatches(binary)).not.toEqual([]);
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      packager: {
        executableName: 'reductionlab',
        appInfo: { productFilename: 'ReductionLab' },
        addElectronFuses: (_ctx: unknown, config: Parameters<typeof flipFuses>[1]) => flipFuses(binary, config),
      },
    };
    await afterPack(context);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(await afterPack.fuseMismatches(binary)).toEqual([]);
    const bytes = readFileSync(binary);
    expect(bytes.subarray(bytes.indexOf(SENTINEL) + SENTINEL.length + 2).toString('latin1').slice(0, 9)).toBe('010011001');
  });

  it('fails the build when the packager did not set them', async () => {
    const appOutDir = join(dir, 'win-unpacked');
    mkdirSync(appOutDir, { recursive: true });
    fakeElectron(join(appOutDir, 'ReductionLab.exe'));
    const context = { appOutDir, electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'ReductionLab' }, addElectronFuses: async () => undefined } };
    await expect(afterPack(context)).rejects.toThrow(/after-pack: the fuses of .*ReductionLab\.exe are not as configured: fuse 0: 1 instead of 0/);
  });
});
