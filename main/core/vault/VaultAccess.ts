import type { VaultData } from './vaultRecords.js';

/**
 * How other core services (accounts, tokens, audit) reach the decrypted vault. Implemented by the
 * vault; faked in their tests. Every method throws AppError('LOCKED') while the vault is locked.
 */
export interface VaultAccess {
  /** The decrypted data, read-only. Do not keep references across awaits: lock drops it. */
  read(): Readonly<VaultData>;
  /**
   * Applies `mutate` to the data and persists it atomically before resolving. Calls are serialized,
   * so each mutator sees the result of the previous one. If persisting fails, the in-memory data
   * is rolled back and the error is thrown.
   */
  update<T>(mutate: (data: VaultData) => T): Promise<T>;
  isUnlocked(): boolean;
  /** Called after lock (data dropped) and after unlock; returns an unsubscribe function. */
  onLockChange(listener: (unlocked: boolean) => void): () => void;
}
