import { API_CHANNELS, type AppEvent, type Result, type VaultApi } from '../../preload/contract.js';

type Calls = Omit<VaultApi, 'onEvent'>;

export interface FakeVaultApi extends VaultApi {
  /** Push an event as main would. */
  emit(event: AppEvent): void;
  /** Every call made, in order, as [functionName, args]. */
  calls: Array<[string, unknown[]]>;
}

const notReady: Result<never> = {
  ok: false,
  error: { code: 'UNINITIALIZED', message: 'No vault exists yet. Create one with a master password first.', retryable: false },
};

/** A window.vault for component tests: every call answers UNINITIALIZED unless overridden. */
export function fakeVaultApi(overrides: Partial<Calls> = {}): FakeVaultApi {
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: Array<[string, unknown[]]> = [];
  const base = Object.fromEntries(
    Object.keys(API_CHANNELS).map((name) => [
      name,
      async (...args: unknown[]) => {
        calls.push([name, args]);
        const override = (overrides as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];
        return override ? override(...args) : notReady;
      },
    ]),
  ) as unknown as Calls;
  return {
    ...base,
    calls,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}
