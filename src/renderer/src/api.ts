/**
 * The only module that reads window.api or talks HTTP. In Electron the preload exposes window.api (IPC); in the
 * browser host every method is a POST /api/<method> with the JSON codec, and saving is a download.
 */
import { apiMethods, type Api, type RecoveryInfo, type SaveRequest, type SaveResult } from '../../shared/api';
import { decode, encode } from '../../shared/codec';
import { isMenuCommand, type MenuCommand } from '../../shared/menu';

declare global {
  interface Window {
    api?: Api;
    /** Electron only: commands from the application menu (File, Edit, Help). */
    appMenu?: { onCommand(listener: (command: string) => void): () => void };
  }
}

/** The browser-mode server no longer has this tab's session (closed to make room, or restarted). */
export class SessionClosedError extends Error {
  override name = 'SessionClosedError';
  constructor(
    message: string,
    readonly recovery: RecoveryInfo | null,
  ) {
    super(message);
  }
}

const closedListeners = new Set<(error: SessionClosedError) => void>();

/** Called when a request finds this tab's session closed (browser mode). */
export function onSessionClosed(listener: (error: SessionClosedError) => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

/** Application-menu commands (Electron); returns the function that stops listening (a no-op without a menu). */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  if (!window.appMenu) return () => undefined;
  return window.appMenu.onCommand((command) => {
    if (isMenuCommand(command)) listener(command);
  });
}

export type Host = 'electron' | 'browser';

export const host: Host = typeof window !== 'undefined' && window.api ? 'electron' : 'browser';

const SESSION_KEY = 'reductionlab.session';

/** This tab's session id (kept across reloads); `fresh` when this page made it, so the server may create it. */
const tabSession = (() => {
  let id: string | null = null;
  try {
    id = sessionStorage.getItem(SESSION_KEY);
  } catch {
    // storage disabled: one session per page load
  }
  const fresh = !id;
  if (!id) {
    id = crypto.randomUUID();
    try {
      sessionStorage.setItem(SESSION_KEY, id);
    } catch {
      // see above
    }
  }
  return { id, fresh };
})();

/** The browser host's session id (shown in the recovery dialog; the server names the recovery file after it). */
export const sessionIdForDisplay = (): string => tabSession.id;

/** Browser mode: leave the closed session and start a new one in this tab (nothing is reloaded). */
export function startNewTabSession(): void {
  tabSession.id = crypto.randomUUID();
  tabSession.fresh = true;
  try {
    sessionStorage.setItem(SESSION_KEY, tabSession.id);
  } catch {
    // storage disabled
  }
}

function httpApi(): Api {
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Session': tabSession.id };
    if (tabSession.fresh) headers['X-Session-New'] = '1';
    const response = await fetch(`api/${method}`, { method: 'POST', headers, body: encode(args) });
    const text = await response.text();
    if (response.status === 410) {
      let body: { error?: string; recovery?: RecoveryInfo | null } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        // keep the defaults
      }
      const error = new SessionClosedError(body.error ?? 'This session was closed by the server.', body.recovery ?? null);
      for (const l of closedListeners) l(error);
      throw error;
    }
    if (response.ok) tabSession.fresh = false;
    if (!response.ok) {
      let message = `${method} failed (HTTP ${response.status})`;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {
        // not JSON: keep the status line
      }
      throw new Error(message);
    }
    return decode(text);
  };
  const api = Object.fromEntries(apiMethods.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as Api;
  // Saving in a browser is a download; the server never writes files.
  api.saveFile = async (request: SaveRequest): Promise<SaveResult> => {
    download(request);
    return { path: request.suggestedName };
  };
  return api;
}

export function download(request: SaveRequest): void {
  const ext = request.extensions[0];
  const type = ext === 'svg' ? 'image/svg+xml' : ext === 'png' ? 'image/png' : ext === 'rlab' ? 'application/vnd.sqlite3' : 'text/csv';
  const data = typeof request.data === 'string' ? request.data : new Uint8Array(request.data);
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = request.suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api: Api = host === 'electron' ? (window.api as Api) : httpApi();

/** The human part of an error: Electron prefixes IPC errors with "Error invoking remote method 'api:x': Error: ". */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}
