/** The whole bridge: one ipcRenderer.invoke per Api method, exposed as window.api. Nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, channelOf, type Api } from '../shared/api';

const api = Object.fromEntries(
  apiMethods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]),
) as unknown as Api;

contextBridge.exposeInMainWorld('api', api satisfies Api);
