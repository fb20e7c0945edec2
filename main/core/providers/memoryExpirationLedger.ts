import type { ExpirationLedger } from './types.js';

/**
 * An ExpirationLedger kept in memory, in the vault's shape (`${providerUrl}|${address}` → seconds).
 * The token service persists the real one inside the vault; this one serves tests, the benchmark and
 * the demo, and can be seeded from / dumped to that shape.
 */
export interface MemoryExpirationLedger extends ExpirationLedger {
  toJSON(): Record<string, number[]>;
}

export function ledgerKey(providerUrl: string, address: string): string {
  return `${providerUrl}|${address}`;
}

export function createMemoryExpirationLedger(initial: Record<string, number[]> = {}): MemoryExpirationLedger {
  const used = new Map<string, Set<number>>(Object.entries(initial).map(([k, v]) => [k, new Set(v)]));
  return {
    has: (providerUrl, address, expSeconds) => used.get(ledgerKey(providerUrl, address))?.has(expSeconds) ?? false,
    add: async (providerUrl, address, expSeconds) => {
      const key = ledgerKey(providerUrl, address);
      const set = used.get(key) ?? new Set<number>();
      set.add(expSeconds);
      used.set(key, set);
    },
    toJSON: () => Object.fromEntries([...used].map(([k, v]) => [k, [...v].sort((a, b) => a - b)])),
  };
}
