import type { VaultStatus } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Redactor } from '../redact.js';
import { registerSecretsSliced } from './secrets.js';
import type { Session } from './SessionFile.js';
import { emptyVaultData } from './vaultRecords.js';

/**
 * Whether the vault is unlocked, and its session while it is. Beginning a session registers its
 * secrets with the redactor; ending one wipes the data key and drops the data. Listeners hear both;
 * one that throws is logged and stops neither the others nor the vault.
 */
export class LockState {
  readonly #redactor: Redactor;
  readonly #logger: Logger;
  readonly #lockListeners = new Set<(unlocked: boolean) => void>();
  readonly #statusListeners = new Set<(status: VaultStatus) => void>();
  #session: Session | null = null;

  constructor(options: { redactor: Redactor; logger: Logger }) {
    this.#redactor = options.redactor;
    this.#logger = options.logger;
  }

  /** The unlocked session, or null while locked. */
  get session(): Session | null {
    return this.#session;
  }

  require(): Session {
    if (!this.#session) throw new AppError('LOCKED');
    return this.#session;
  }

  /**
   * Registers the session's secrets (a slice at a time: 10,000 tokens are 50,000 forms), then makes it
   * current: nothing can log a secret of the session before it is registered, since nothing can read
   * the session before then. The one registration of an unlock.
   */
  async begin(s: Session, password?: string): Promise<Session> {
    this.#redactor.add(password);
    await registerSecretsSliced(this.#redactor, s.data);
    this.#session = s;
    this.#emit(true);
    return s;
  }

  end(): void {
    const s = this.#session;
    if (!s) return;
    this.#session = null;
    s.dataKey.fill(0);
    s.data = emptyVaultData();
    // JS strings cannot be wiped; dropping every reference is the most we can do for them.
    this.#redactor.clear();
    this.#logger.info('vault locked');
    this.#emit(false);
  }

  onLockChange(listener: (unlocked: boolean) => void): () => void {
    this.#lockListeners.add(listener);
    return () => this.#lockListeners.delete(listener);
  }

  onStatusChange(listener: (status: VaultStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  #emit(unlocked: boolean): void {
    const status: VaultStatus = unlocked ? 'unlocked' : 'locked';
    for (const l of this.#lockListeners) this.#safely(() => l(unlocked));
    for (const l of this.#statusListeners) this.#safely(() => l(status));
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#logger.error('vault listener failed', { error: e });
    }
  }
}
