/**
 * The only door between the renderer and main. Runs sandboxed as one CommonJS bundle; its only import
 * is `electron`. It exposes named functions with fixed arguments (never ipcRenderer, never a generic
 * invoke, never Electron's event object) as `window.vault`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  API_CHANNELS,
  EVENT_CHANNEL,
  type AppEvent,
  type ArgsOf,
  type Channel,
  type Result,
  type ResultOf,
  type VaultApi,
} from './contract.js';

function call<C extends Channel>(channel: C, ...args: ArgsOf<C>): Promise<Result<ResultOf<C>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<Result<ResultOf<C>>>;
}

const api: VaultApi = {
  status: () => call(API_CHANNELS.status),
  onEvent(listener) {
    // Strip Electron's event object: the renderer gets the payload only.
    const wrapped = (_event: unknown, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('vault', api);
