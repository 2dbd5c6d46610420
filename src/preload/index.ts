/** The whole bridge: one ipcRenderer.invoke per Api method, exposed as window.api, and the application menu's
 * commands (one channel, main → renderer, a fixed set of strings checked on both sides). Nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, channelOf, type Api } from '../shared/api';
import { isMenuCommand, MENU_CHANNEL } from '../shared/menu';

const api = Object.fromEntries(
  apiMethods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]),
) as unknown as Api;

contextBridge.exposeInMainWorld('api', api satisfies Api);
contextBridge.exposeInMainWorld('appMenu', {
  /** Returns a function that stops listening. */
  onCommand(listener: (command: string) => void): () => void {
    const handler = (_event: Electron.IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
});
