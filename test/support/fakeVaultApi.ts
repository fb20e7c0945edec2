import { DEFAULT_SETTINGS } from '../../preload/settings.js';
import {
  API_CHANNELS,
  type AccountView,
  type AppEvent,
  type Result,
  type SettingsView,
  type TokenView,
  type VaultApi,
  type VaultStatus,
} from '../../preload/contract.js';

type Calls = Omit<VaultApi, 'onEvent'>;

export interface FakeVaultApi extends VaultApi {
  /** Push an event as main would. */
  emit(event: AppEvent): void;
  /** Every call made, in order, as [functionName, args]. */
  calls: Array<[string, unknown[]]>;
  /** The arguments of every call to one function. */
  callsTo(name: keyof Calls): unknown[][];
  /** How many listeners are subscribed (the App must subscribe exactly once). */
  listenerCount(): number;
}

/** What list/status calls answer when not overridden. */
export interface FakeData {
  status?: VaultStatus;
  accounts?: AccountView[];
  tokens?: TokenView[];
  settings?: SettingsView;
}

const notReady: Result<never> = {
  ok: false,
  error: { code: 'UNINITIALIZED', message: 'No vault exists yet. Create one with a master password first.', retryable: false },
};

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * A window.vault for component tests. Calls answer from `data` (status, lists, settings) or from an
 * override; anything else answers UNINITIALIZED. Every call is recorded.
 */
export function fakeVaultApi(overrides: Partial<Calls> = {}, data: FakeData = {}): FakeVaultApi {
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: Array<[string, unknown[]]> = [];
  const fromData: Partial<Record<keyof Calls, () => Result<unknown>>> = {};
  if (data.status) fromData.status = () => ok(data.status);
  if (data.accounts) fromData.listAccounts = () => ok(structuredClone(data.accounts));
  if (data.tokens) fromData.listTokens = () => ok(structuredClone(data.tokens));
  if (data.settings) fromData.getSettings = () => ok(structuredClone(data.settings));
  const base = Object.fromEntries(
    Object.keys(API_CHANNELS).map((name) => [
      name,
      async (...args: unknown[]) => {
        calls.push([name, args]);
        const override = (overrides as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];
        if (override) return override(...args);
        const answer = fromData[name as keyof Calls];
        return answer ? answer() : notReady;
      },
    ]),
  ) as unknown as Calls;
  return {
    ...base,
    calls,
    callsTo: (name) => calls.filter(([n]) => n === name).map(([, args]) => args),
    listenerCount: () => listeners.size,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}

/** A promise the test settles by hand, to see what the UI shows while a call runs. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// ---------------------------------------------------------------------------------------------
// Views as main would send them (no secrets: views never carry any).

export const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;

export function azionAccount(patch: Partial<AccountView> = {}, mode: 'session' | 'personal' = 'session'): AccountView {
  return {
    id: 'acc-azion',
    label: 'Production API',
    createdAt: T0 - 10 * 24 * HOUR,
    config: {
      kind: 'azion',
      authBase: 'https://api.azionapi.net',
      apiBase: 'https://api.azionapi.net',
      checkBase: 'https://sso.azion.com/api',
      mode,
      email: 'ops@example.com',
    },
    has: { password: true, personalToken: false, privateKey: false },
    autoRenew: false,
    revokeOnRenew: false,
    defaultCopyFormat: 'header',
    ...patch,
  };
}

export function oceanAccount(patch: Partial<AccountView> = {}): AccountView {
  return {
    id: 'acc-ocean',
    label: 'Market bot',
    createdAt: T0 - 2 * 24 * HOUR,
    // Public Hardhat/Anvil test account #0 address (a well-known test identity, not a secret).
    config: { kind: 'ocean', providerUrl: 'https://provider.example', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', flavour: 'provider' },
    has: { password: false, personalToken: false, privateKey: true },
    autoRenew: false,
    revokeOnRenew: false,
    defaultCopyFormat: 'raw',
    ...patch,
  };
}

export function tokenView(patch: Partial<TokenView> = {}): TokenView {
  return {
    id: 'tok-1',
    accountId: 'acc-azion',
    accountLabel: 'Production API',
    provider: 'azion',
    kind: 'azion-session',
    createdAt: T0 - HOUR,
    expiresAt: T0 + 23 * HOUR,
    preview: 'c2a9…x9Q',
    state: 'active',
    ...patch,
  };
}

export function settingsView(patch: Partial<SettingsView['settings']> = {}, keychain: Partial<SettingsView['keychain']> = {}): SettingsView {
  return {
    settings: { ...DEFAULT_SETTINGS, ...patch },
    keychain: { available: true, backend: 'gnome_libsecret', secure: true, enabled: false, ...keychain },
    platform: { os: 'linux', tray: true, notifications: true, globalShortcut: true, limitations: ['Tray icons need an AppIndicator extension on GNOME.'] },
  };
}
