/**
 * The Electron shell's security decisions as plain functions (no Electron import), so they are unit-tested and the
 * shell (window.ts, index.ts) only wires them up:
 * - the dev-server URL (ELECTRON_RENDERER_URL) is honoured only in an unpackaged app, and only on the loopback host;
 * - links open in the system browser only for https and an allowlisted host;
 * - every permission request and check, every device chooser (HID, serial, USB, Bluetooth) and screen capture are
 *   denied: the app needs none of them;
 * - a name suggested for a save dialog is reduced to a plain file name (no folders, no control characters).
 */

/** Hosts whose https links may open in the system browser (citations, the project's pages). */
export const EXTERNAL_HOSTS = ['doi.org', 'www.doi.org', 'github.com', 'www.electronjs.org'] as const;

/** May the app hand this URL to the system browser? */
export function externalUrlAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && (EXTERNAL_HOSTS as readonly string[]).includes(parsed.hostname);
}

/**
 * The renderer's dev-server URL, or undefined: only when the app is not packaged and the URL is http(s) on the
 * loopback interface (electron-vite dev sets it; a packaged app always loads its own app:// files).
 */
export function rendererDevUrl(isPackaged: boolean, env: string | undefined): string | undefined {
  if (isPackaged || !env) return undefined;
  try {
    const u = new URL(env);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return (u.protocol === 'http:' || u.protocol === 'https:') && loopback ? env : undefined;
  } catch {
    return undefined;
  }
}

/** Characters no file name should carry on any of the three platforms (control characters are tested by code). */
const UNSAFE = /[<>:"/\\|?*]/g;
const isControl = (c: string): boolean => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127;

/**
 * A suggested save name reduced to a base name: the last path component, unsafe characters replaced by '_', no
 * leading dots or trailing dots/spaces, at most 200 characters (extension kept), 'export' when nothing is left.
 */
export function safeSaveName(suggested: string): string {
  const last = suggested.split(/[\\/]/).pop() ?? '';
  let name = Array.from(last, (c) => (isControl(c) ? '_' : c))
    .join('')
    .replace(UNSAFE, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name === '' ? 'export' : name;
}

/** The parts of an Electron session this module configures (structural, so tests pass a stand-in). */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setDisplayMediaRequestHandler(handler: (request: unknown, callback: (streams: Record<string, never>) => void) => void): void;
  on(event: 'select-hid-device' | 'select-serial-port' | 'select-usb-device', listener: (event: { preventDefault(): void }, details: unknown, callback: (id: string) => void) => void): unknown;
}

/** Deny everything the app never needs; `log` hears what was asked. */
export function denyPermissions(session: PermissionSession, log: (message: string) => void = () => undefined): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => {
    log(`permission request denied: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  for (const event of ['select-hid-device', 'select-serial-port', 'select-usb-device'] as const) {
    session.on(event, (e, _details, callback) => {
      e.preventDefault();
      log(`${event} denied`);
      callback(''); // an empty id cancels the chooser
    });
  }
}
