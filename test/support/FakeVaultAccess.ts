import { AppError } from '../../main/core/errors.js';
import type { Redactor } from '../../main/core/redact.js';
import type { VaultAccess } from '../../main/core/vault/VaultAccess.js';
import { registerAccountSecrets } from '../../main/core/vault/secrets.js';
import { emptyVaultData, type VaultData } from '../../main/core/vault/vaultRecords.js';

/**
 * VaultAccess over in-memory data, with the real one's contract (test/unit/core/vault/VaultAccess.test.ts
 * runs the same expectations against both): updates are serialized, each mutator works on a copy that
 * replaces the data only if "persisting" succeeds (so a failed persist rolls back), a lock waits for
 * the updates asked for before it, and every call throws LOCKED while locked. Flip `failPersist` to
 * make writes fail. Given a redactor, it registers the secrets it holds before anyone hears of an
 * unlock, as the real one does.
 */
export class FakeVaultAccess implements VaultAccess {
  /** When true, every update fails as a full disk would, and nothing changes. */
  failPersist = false;
  /** Successful updates so far. */
  persists = 0;
  #data: VaultData | null;
  #stored: VaultData;
  #queue: Promise<unknown> = Promise.resolve();
  /** Updates asked for and not finished: a lock asked for meanwhile waits for them, as the real one does. */
  #pending = 0;
  readonly #listeners = new Set<(unlocked: boolean) => void>();
  readonly #redactor: Redactor | undefined;

  constructor(initial: VaultData = emptyVaultData(), options: { unlocked?: boolean; redactor?: Redactor } = {}) {
    this.#redactor = options.redactor;
    this.#stored = structuredClone(initial);
    this.#data = options.unlocked === false ? null : structuredClone(initial);
    if (this.#data) this.#register(this.#data);
  }

  #register(data: VaultData): void {
    if (!this.#redactor) return;
    for (const a of data.accounts) registerAccountSecrets(this.#redactor, a);
    for (const t of data.tokens) this.#redactor.add(t.value);
  }

  read(): Readonly<VaultData> {
    if (!this.#data) throw new AppError('LOCKED');
    return this.#data;
  }

  update<T>(mutate: (data: VaultData) => T): Promise<T> {
    const run = async (): Promise<T> => {
      try {
        if (!this.#data) throw new AppError('LOCKED');
        const draft = structuredClone(this.#data);
        const result = mutate(draft);
        if (this.failPersist) throw new AppError('INTERNAL', 'The vault file could not be written (test: persisting switched off).');
        this.#data = draft;
        this.#stored = draft;
        this.persists++;
        return result;
      } finally {
        this.#pending--;
      }
    };
    this.#pending++;
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  isUnlocked(): boolean {
    return this.#data !== null;
  }

  onLockChange(listener: (unlocked: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** At once when no update is under way (tests rely on that), else after the updates asked for before it. */
  lock(): Promise<void> {
    const drop = (): void => {
      this.#data = null;
      for (const l of [...this.#listeners]) l(false);
    };
    if (this.#pending === 0) {
      drop();
      return Promise.resolve();
    }
    const locked = this.#queue.then(drop);
    this.#queue = locked;
    return locked;
  }

  unlock(): void {
    this.#data = structuredClone(this.#stored);
    this.#register(this.#data);
    for (const l of [...this.#listeners]) l(true);
  }

  /** A deep copy of what is persisted, e.g. to start a "restarted" app from it. */
  snapshot(): VaultData {
    return structuredClone(this.#stored);
  }

  /** Edits the persisted data directly, as something outside the app would (tamper tests). */
  tamper(edit: (data: VaultData) => void): void {
    const data = structuredClone(this.#stored);
    edit(data);
    this.#stored = data;
    if (this.#data) this.#data = structuredClone(data);
  }
}
