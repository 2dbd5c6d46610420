/**
 * The only module that reads window.api or talks HTTP. In Electron the preload exposes window.api (IPC); in the
 * browser host every method is a POST /api/<method> with the JSON codec, and saving is a download.
 */
import { apiMethods, type Api, type SaveRequest, type SaveResult } from '../../shared/api';
import { decode, encode } from '../../shared/codec';

declare global {
  interface Window {
    api?: Api;
  }
}

export type Host = 'electron' | 'browser';

export const host: Host = typeof window !== 'undefined' && window.api ? 'electron' : 'browser';

function sessionId(): string {
  const key = 'reductionlab.session';
  let id = sessionStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(key, id);
  }
  return id;
}

function httpApi(): Api {
  const session = sessionId();
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    const response = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Session': session },
      body: encode(args),
    });
    const text = await response.text();
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

function download(request: SaveRequest): void {
  const type = request.extensions[0] === 'svg' ? 'image/svg+xml' : request.extensions[0] === 'png' ? 'image/png' : 'text/csv';
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
