/**
 * The Electron fuses ReductionLab ships with (flipped in the packaged binary by scripts/after-pack.cjs, the
 * electron-builder afterPack hook; offline: @electron/fuses edits the binary in place). Each closes a way to run
 * something other than the signed app inside the app's binary:
 *   RunAsNode off                          ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node.js
 *   EnableNodeOptionsEnvironmentVariable off, EnableNodeCliInspectArguments off
 *                                          NODE_OPTIONS / --inspect cannot inject code or a debugger
 *   EnableEmbeddedAsarIntegrityValidation on, OnlyLoadAppFromAsar on
 *                                          only the app.asar whose hash electron-builder embedded is loaded
 *   EnableCookieEncryption on              cookies are encrypted at rest with the OS key store
 *   LoadBrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges off
 *                                          defaults of a hardened app (no alternative snapshot; file:// is not
 *                                          privileged — the renderer is served from app://)
 */
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The @electron/fuses configuration for a platform ('darwin' re-signs ad hoc after the edit). */
function fuseConfig(platform) {
  return { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin', ...FUSES };
}

module.exports = { FUSES, fuseConfig };
