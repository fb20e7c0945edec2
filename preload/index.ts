/**
 * The only door between the renderer and main. Runs sandboxed as one CommonJS bundle; its only import
 * is `electron`. It exposes named functions with fixed arguments (never ipcRenderer, never a generic
 * invoke, never Electron's event object) as `window.vault`, one per row of API_CHANNELS.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNELS, EVENT_CHANNEL, type AppEvent, type VaultApi } from './contract.js';

type Calls = Omit<VaultApi, 'onEvent'>;

const calls = Object.fromEntries(
  Object.entries(API_CHANNELS).map(([name, channel]) => [
    name,
    // Arguments are validated against the channel's schema in main; extra ones are refused there.
    (...args: unknown[]) => ipcRenderer.invoke(channel, ...args),
  ]),
) as unknown as Calls;

const api: VaultApi = {
  ...calls,
  onEvent(listener: (event: AppEvent) => void) {
    // Strip Electron's event object: the renderer gets the payload only.
    const wrapped = (_event: unknown, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('vault', api);
