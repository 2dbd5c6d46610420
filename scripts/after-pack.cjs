/**
 * electron-builder afterPack hook: flip the fuses of scripts/fuses.cjs in the packaged Electron binary (before it is
 * signed), then read them back and fail the build if any is not as configured. Runs offline.
 */
const { getCurrentFuseWire } = require('@electron/fuses');
const { join } = require('node:path');
const { FUSES, fuseConfig } = require('./fuses.cjs');

/** The packaged binary's path, as electron-builder names it per platform (a macOS .app: @electron/fuses finds the framework). */
function binaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = electronPlatformName === 'linux' ? packager.executableName : packager.appInfo.productFilename;
  const ext = { darwin: '.app', mas: '.app', win32: '.exe' }[electronPlatformName] ?? '';
  return join(appOutDir, `${name}${ext}`);
}

/** A fuse's byte in the wire: '1' on, '0' off (Electron's fuse wire format, V1). */
const ON = 0x31;
const OFF = 0x30;

/** The fuses that differ from the configuration, as "index: found" texts (empty when all are set). */
async function fuseMismatches(binary) {
  const wire = await getCurrentFuseWire(binary);
  const out = [];
  for (const [index, on] of Object.entries(FUSES)) {
    const want = on ? ON : OFF;
    if (wire[index] !== want) out.push(`fuse ${index}: ${String.fromCharCode(wire[index] ?? 63)} instead of ${String.fromCharCode(want)}`);
  }
  return out;
}

async function afterPack(context) {
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName));
  const binary = binaryPath(context);
  const wrong = await fuseMismatches(binary);
  if (wrong.length > 0) throw new Error(`after-pack: the fuses of ${binary} are not as configured: ${wrong.join('; ')}`);
  console.log(`  • fuses set and checked in ${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.binaryPath = binaryPath;
module.exports.fuseMismatches = fuseMismatches;
