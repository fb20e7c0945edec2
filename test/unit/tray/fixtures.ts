import type { AccountView, TokenView } from '../../../preload/contract.js';

/** A minute boundary, like FakeClock's default start. */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const LEAD = 15 * MIN;

export function view(p: Partial<TokenView> & { id: string }): TokenView {
  return {
    accountId: 'acc-azion',
    accountLabel: 'azion-prod',
    provider: 'azion',
    kind: 'azion-session',
    createdAt: NOW - HOUR,
    expiresAt: NOW + 5 * HOUR,
    preview: 'azn…9Qx',
    state: 'active',
    ...p,
  };
}

export function azion(id: string, label: string, p: Partial<AccountView> = {}): AccountView {
  return {
    id,
    label,
    createdAt: NOW - 24 * HOUR,
    config: { kind: 'azion', authBase: 'https://api.azionapi.net', apiBase: 'https://api.azionapi.net', checkBase: 'https://sso.azion.com/api', mode: 'session', email: 'dev@example.com' },
    has: { password: true, personalToken: false, privateKey: false },
    autoRenew: false,
    revokeOnRenew: false,
    defaultCopyFormat: 'header',
    ...p,
  };
}

export function ocean(id: string, label: string, p: Partial<AccountView> = {}): AccountView {
  return {
    ...azion(id, label, p),
    config: { kind: 'ocean', providerUrl: 'https://provider.example.com', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', flavour: 'provider' },
    has: { password: false, personalToken: false, privateKey: true },
    defaultCopyFormat: 'raw',
    ...p,
  };
}

/** Small deterministic PRNG for generated inputs: the project's one, from test/support. */
export { prng as rng } from '../../support/prng.js';
