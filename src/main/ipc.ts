/**
 * The only ipcMain glue: one ipcMain.handle per Api method on channel 'api:' + name. The sender's frame must be
 * the app's own page (app://reductionlab), so nothing else that might load in a webContents can call the Api.
 * Only the error's message crosses IPC (Electron prefixes it; the renderer's api.ts strips that prefix).
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethods, channelOf, type Api } from '../shared/api';
import { isTrustedOrigin } from './window';

export function registerIpc(api: Api, devServerUrl: string | undefined): () => void {
  for (const method of apiMethods) {
    const fn = api[method] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(channelOf(method), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedOrigin(url, devServerUrl)) throw new Error(`Refused: ${method} called from an untrusted page (${url || 'unknown'})`);
      try {
        return await fn(...args);
      } catch (error) {
        throw new Error(error instanceof Error ? error.message : String(error));
      }
    });
  }
  return () => {
    for (const method of apiMethods) ipcMain.removeHandler(channelOf(method));
  };
}
