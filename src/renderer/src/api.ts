/**
 * The only module that reads window.api or talks HTTP. In Electron the preload exposes window.api (IPC); in the
 * browser host every method is a POST /api/<method> with the JSON codec, files go as raw-byte uploads first
 * (filesForApi), and saving is a download. The server's cookie (from the token in the address) rides along.
 */
import { apiMethods, type Api, type FileBytes, type RecoveryInfo, type SaveRequest, type SaveResult } from '../../shared/api';
import { decode, encode, uploadRef } from '../../shared/codec';
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

/** The X-Session of this tab's uploads (the same session as its Api calls). */
const sessionIdForUploads = (): string => tabSession.id;

function httpApi(): Api {
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Session': tabSession.id };
    if (tabSession.fresh) headers['X-Session-New'] = '1';
    const response = await fetch(`api/${method}`, { method: 'POST', headers, body: encode(args) });
    const text = await response.text();
    // User Timing mark: when each answer arrived (the e2e tests tell the import's work from the drawing after it).
    performance.mark(`reductionlab:${method}`);
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

// ───────────────────────────── files to main ─────────────────────────────

/** Bytes of picked or dropped files on their way to main (browser mode: the upload). */
export interface TransferProgress {
  sentBytes: number;
  totalBytes: number;
  fileCount: number;
}

/** Sending the files was cancelled (cancelTransfers): nothing was imported. */
export class TransferCancelled extends Error {
  override name = 'TransferCancelled';
}

interface Transfer {
  progress: TransferProgress;
  abort(): void;
}

const transfers = new Set<Transfer>();
const transferListeners = new Set<(progress: TransferProgress | null) => void>();

function publishTransfers(): void {
  let sentBytes = 0;
  let totalBytes = 0;
  let fileCount = 0;
  for (const t of transfers) {
    sentBytes += t.progress.sentBytes;
    totalBytes += t.progress.totalBytes;
    fileCount += t.progress.fileCount;
  }
  const progress = transfers.size > 0 ? { sentBytes, totalBytes, fileCount } : null;
  for (const l of transferListeners) l(progress);
}

/** Follow the files being sent (null when none are). */
export function onTransferProgress(listener: (progress: TransferProgress | null) => void): () => void {
  transferListeners.add(listener);
  return () => transferListeners.delete(listener);
}

/** Stop every transfer in progress; their imports fail with TransferCancelled. */
export function cancelTransfers(): void {
  for (const t of transfers) t.abort();
}

/** POST one file's raw bytes to /upload (the File itself is the body: the renderer never reads or encodes it). */
function uploadFile(file: File, onSent: (bytes: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'upload');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Session', sessionIdForUploads());
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => {
      let body: { id?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: the status says enough
      }
      if (xhr.status === 200 && body.id) resolve(body.id);
      else reject(new Error(body.error ?? `${file.name}: upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error(`${file.name}: the upload failed (the server did not answer)`));
    xhr.onabort = () => reject(new TransferCancelled('Import cancelled: nothing was added.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * The files as the Api's FileBytes. Electron: their bytes, read here (IPC carries them). Browser mode: each file is
 * uploaded as raw bytes and named by its upload id ({ $upload: id } where the Api takes bytes; the server swaps the
 * id for the bytes it received), with progress for the status bar and cancellation (cancelTransfers).
 */
export async function filesForApi(files: File[]): Promise<FileBytes[]> {
  if (host === 'electron') return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const controller = new AbortController();
  const transfer: Transfer = { progress: { sentBytes: 0, totalBytes: files.reduce((s, f) => s + f.size, 0), fileCount: files.length }, abort: () => controller.abort() };
  transfers.add(transfer);
  publishTransfers();
  try {
    const out: FileBytes[] = [];
    let done = 0;
    for (const file of files) {
      const id = await uploadFile(
        file,
        (sent) => {
          transfer.progress.sentBytes = done + sent;
          publishTransfers();
        },
        controller.signal,
      );
      done += file.size;
      // The codec sends this object as it is; the server resolves it to the uploaded bytes.
      out.push({ name: file.name, bytes: uploadRef(id) as unknown as Uint8Array });
    }
    return out;
  } finally {
    transfers.delete(transfer);
    publishTransfers();
  }
}
