import { startFakeAzion, startFakeOceanNode, startFakeOceanProvider } from '../../fakes/index.js';
import type { LaunchedApp } from './launchApp.js';

/** Demo credentials: they exist only inside the local fake peers. */
export const DEMO = {
  masterPassword: 'demo vault password 2026',
  azionEmail: 'demo@example.com',
  azionPassword: 'demo-azion-password',
} as const;

export interface Demo {
  azionUrl: string;
  oceanProviderUrl: string;
  oceanNodeUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the fake Azion, Ocean Provider and Ocean Node on 127.0.0.1, creates a vault with demo
 * accounts pointing at them, and locks it, so the app opens on the unlock screen with everything
 * working offline.
 */
export async function setUpDemo(app: LaunchedApp): Promise<Demo> {
  const azion = await startFakeAzion({ accounts: [{ email: DEMO.azionEmail, password: DEMO.azionPassword }] });
  const provider = await startFakeOceanProvider();
  const node = await startFakeOceanNode();
  const s = app.services;
  await s.vault.create(DEMO.masterPassword);
  const base = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
  await s.accounts.add({ kind: 'azion', label: 'azion-prod', email: DEMO.azionEmail, password: DEMO.azionPassword, mode: 'session', ...base });
  await s.accounts.add({ kind: 'azion', label: 'azion-ci', email: DEMO.azionEmail, password: DEMO.azionPassword, mode: 'personal', ...base });
  await s.accounts.add({ kind: 'ocean', label: 'ocean-provider', providerUrl: provider.url, key: { type: 'generate' } });
  await s.accounts.add({ kind: 'ocean', label: 'ocean-node', providerUrl: node.url, key: { type: 'generate' } });
  await s.vault.lock();
  return {
    azionUrl: azion.url,
    oceanProviderUrl: provider.url,
    oceanNodeUrl: node.url,
    async close() {
      await Promise.all([azion.close(), provider.close(), node.close()]);
    },
  };
}
