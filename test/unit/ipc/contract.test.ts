import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_CHANNELS, CHANNEL_MAP, CHANNELS } from '../../../preload/contract.js';
import { createHandlers } from '../../../main/ipc/handlers.js';
import { schemas } from '../../../preload/schemas.js';
import type { Services } from '../../../main/core/services.js';
import { checkContract } from '../../support/checkContract.js';

const invoked = new Set<string>();
let exposed: Record<string, (...a: unknown[]) => unknown> = {};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_k: string, api: Record<string, (...a: unknown[]) => unknown>) => (exposed = api) },
  ipcRenderer: {
    invoke: async (channel: string) => {
      invoked.add(channel);
      return { ok: true, value: null };
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

/** Records which channels the real preload calls when each of its functions is used. */
async function preloadChannels(): Promise<Set<string>> {
  await import('../../../preload/index.js');
  for (const [name, fn] of Object.entries(exposed)) {
    if (name === 'onEvent') continue;
    await fn(...new Array(fn.length).fill(undefined));
  }
  return invoked;
}

describe('IPC contract', () => {
  let channels: Set<string>;
  beforeAll(async () => {
    channels = await preloadChannels();
  });

  it('every channel has a handler, a schema and a preload function', () => {
    const handlers = createHandlers({} as Services);
    expect(checkContract({ handlers, schemas, preloadChannels: channels })).toEqual([]);
    expect(Object.keys(API_CHANNELS).length).toBe(CHANNELS.length);
  });

  it('fails when a channel lacks its handler', () => {
    const { 'vault:status': _dropped, ...handlers } = createHandlers({} as Services);
    expect(checkContract({ handlers, schemas, preloadChannels: channels })).toEqual(['vault:status: no handler']);
  });

  it('fails when a channel lacks its schema or preload function', () => {
    const handlers = createHandlers({} as Services);
    const { 'tokens:revoke': _s, ...fewerSchemas } = schemas;
    const fewerPreload = [...channels].filter((c) => c !== 'tokens:copy');
    expect(checkContract({ handlers, schemas: fewerSchemas, preloadChannels: fewerPreload })).toEqual(['tokens:revoke: no schema', 'tokens:copy: no preload function']);
  });

  it('each handler calls the service method its row of the channel map names, with the arguments it got', async () => {
    const calls: string[] = [];
    const services = new Proxy({}, {
      get: (_t, group: string) => new Proxy({}, { get: (_s, method: string) => async (...args: unknown[]) => calls.push(`${group}.${method}(${args.join(',')})`) }),
    }) as Services;
    const handlers = createHandlers(services) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const channel of CHANNELS) await handlers[channel]!('a', 'b');
    expect(calls).toEqual(CHANNELS.map((c) => `${CHANNEL_MAP[c].service}(a,b)`));
    expect(calls).toContain('tokens.checkAccount(a,b)');
  });

  it('exposes only named functions, never ipcRenderer or a generic invoke', () => {
    expect(Object.keys(exposed).sort()).toEqual([...Object.keys(API_CHANNELS), 'onEvent'].sort());
    for (const v of Object.values(exposed)) expect(typeof v).toBe('function');
  });
});
