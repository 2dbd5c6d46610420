/**
 * A secure BrowserWindow (Electron security checklist): sandboxed renderer, context isolation, no Node
 * integration, a strict CSP, no new windows, no navigation away, every permission and device chooser denied
 * (electron-policy.ts), links only to allowlisted https hosts, no DevTools when packaged, and the built renderer
 * served from app://reductionlab (a privileged standard scheme) instead of file://.
 */
import { app, BrowserWindow, net, protocol, session, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { denyPermissions, externalUrlAllowed, type PermissionSession } from './electron-policy';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://reductionlab`;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serve files of the built renderer folder on app://reductionlab/…, refusing paths that leave it. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle(APP_SCHEME, (request) => {
    const { host, pathname } = new URL(request.url);
    if (host !== 'reductionlab') return new Response('not found', { status: 404 });
    const file = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(root + sep)) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

export function isTrustedOrigin(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  return devServerUrl !== undefined && devServerUrl !== '' && url.startsWith(new URL(devServerUrl).origin + '/');
}

export function createMainWindow(preloadPath: string, devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'ReductionLab',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // DevTools only while developing (electron-vite dev, an unpackaged build).
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  denyPermissions(session.defaultSession as unknown as PermissionSession, (m) => console.warn(`[security] ${m}`));
  win.webContents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });

  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to allowlisted https hosts open in the system browser; the app never opens windows of its own.
    if (externalUrlAllowed(url)) void shell.openExternal(url);
    else console.warn(`[security] not opened: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedOrigin(url, devServerUrl)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
