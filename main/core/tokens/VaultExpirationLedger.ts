import type { Clock } from '../clock.js';
import type { ExpirationLedger } from '../providers/types.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { VaultData } from '../vault/vaultRecords.js';

/** Seconds kept after they pass: a margin for clock error between us and the provider. */
export const LEDGER_KEEP_SECONDS = 24 * 60 * 60;

/**
 * Normalised so that spellings of the same provider and address share one list: trailing slashes
 * dropped, the address lower-cased. Merging spellings only ever makes the ledger stricter.
 */
export function ledgerKey(providerUrl: string, address: string): string {
  return `${providerUrl.trim().replace(/\/+$/, '')}|${address.trim().toLowerCase()}`;
}

/**
 * The Ocean Python Provider un-revokes a token if the same (address, expiration) pair is minted again,
 * so every expiration second used is kept in the vault (VaultData.oceanExpirations) and survives
 * restarts. A second is forgotten only once it is more than a day in the past: the provider refuses
 * an expiration that is not in the future, so a past second can never be minted again. Future seconds
 * are never pruned, whatever their age in the list.
 */
export class VaultExpirationLedger implements ExpirationLedger {
  readonly #vault: VaultAccess;
  readonly #clock: Clock;

  constructor(vault: VaultAccess, clock: Clock) {
    this.#vault = vault;
    this.#clock = clock;
  }

  has(providerUrl: string, address: string, expSeconds: number): boolean {
    return this.#vault.read().oceanExpirations[ledgerKey(providerUrl, address)]?.includes(expSeconds) ?? false;
  }

  async add(providerUrl: string, address: string, expSeconds: number): Promise<void> {
    const key = ledgerKey(providerUrl, address);
    const nowSeconds = Math.floor(this.#clock.now() / 1000);
    await this.#vault.update((data) => {
      pruneExpirations(data, nowSeconds);
      const used = (data.oceanExpirations[key] ??= []);
      if (!used.includes(expSeconds)) used.push(expSeconds);
    });
  }
}

/** Drops seconds more than LEDGER_KEEP_SECONDS in the past, and lists left empty. */
export function pruneExpirations(data: VaultData, nowSeconds: number): void {
  const cutoff = nowSeconds - LEDGER_KEEP_SECONDS;
  for (const [key, seconds] of Object.entries(data.oceanExpirations)) {
    // The cutoff is a day before now, so a second before it is in the past as well.
    const kept = seconds.filter((s) => s >= cutoff);
    if (kept.length === 0) delete data.oceanExpirations[key];
    // Stryker disable next-line ConditionalExpression: setting the list to an equal copy changes nothing stored
    else if (kept.length !== seconds.length) data.oceanExpirations[key] = kept;
  }
}
