import { randomUUID } from 'node:crypto';
import type { BackupView, VaultStatus } from '../../../preload/contract.js';
import type { VaultService } from '../services.js';
import { AppError } from '../errors.js';
import { JournalCompaction } from './JournalCompaction.js';
import { isWeakerThan, kdfLabel } from './kdf.js';
import { KdfHeadStart } from './KdfHeadStart.js';
import { LockState } from './LockState.js';
import { SerialQueue } from './SerialQueue.js';
import { trackDraft } from './draft.js';
import { SessionFile, windowed, type Session, type UnlockRead } from './SessionFile.js';
import { unlockStepSliced } from './unlockStep.js';
import { UnlockThrottle } from './UnlockThrottle.js';
import { sessionAuditStore, type VaultAuditStore } from './VaultAuditStore.js';
import { emptyVaultData, type VaultData } from './vaultRecords.js';
import type { VaultAccess } from './VaultAccess.js';
import { restoredSession } from './restoredSession.js';
import { listBackups, openBackup, resealBackups } from './vaultBackups.js';
import { deriveFor, openWithDataKeySliced, openWithKeysSliced, passwordMatches, wrapWithPassword, type OpenedVault } from './vaultCrypto.js';
import { VaultKeychain } from './VaultKeychain.js';
import { withVaultDefaults, type ResolvedVaultOptions, type VaultOptions } from './VaultOptions.js';
import { nextTurn } from '../nextTurn.js';

export type { VaultOptions } from './VaultOptions.js';

/**
 * The vault: master password, lock state, and the only writer of the vault file. Every operation that
 * reads or writes the file, and lock, runs through one queue, so updates see each other's results in
 * order and a lock never cuts a write in half. Note: a mutator passed to update() must not call update() itself (it would wait for itself).
 */
export class Vault implements VaultAccess, VaultService {
  readonly #o: ResolvedVaultOptions;
  readonly #queue = new SerialQueue();
  readonly #state: LockState;
  readonly #file: SessionFile;
  readonly #keychain: VaultKeychain;
  readonly #throttle: UnlockThrottle;
  readonly #headStart: KdfHeadStart;
  readonly #compaction: JournalCompaction;

  constructor(options: VaultOptions) {
    this.#o = withVaultDefaults(options);
    this.#throttle = new UnlockThrottle(this.#o.clock);
    this.#headStart = new KdfHeadStart(this.#o.kdf);
    this.#state = new LockState(this.#o);
    this.#file = new SessionFile(this.#o);
    this.#keychain = new VaultKeychain(this.#o, this.#file);
    this.#compaction = new JournalCompaction(this.#queue, (s) => this.#state.session === s, (s) => this.#seal(s), this.#o);
  }

  async status(): Promise<VaultStatus> {
    if (this.#state.session) return 'unlocked';
    return (await this.#o.file.hasAnything()) ? 'locked' : 'uninitialized';
  }

  create(password: string): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#state.session || (await this.#o.file.hasAnything())) throw new AppError('ALREADY_INITIALIZED');
      this.#o.passwordPolicy(password);
      const dataKey = this.#o.randomBytes(32);
      const material = await wrapWithPassword(randomUUID(), dataKey, password, this.#o.kdf, this.#o.randomBytes);
      // Stryker disable next-line StringLiteral: the hash of no file read; there is no file yet for any hash to match
      const s = this.#file.placeholder({ material, dataKey, data: emptyVaultData(), generation: 0, version: 2 }, '');
      await this.#file.write(s, material, dataKey, s.data);
      this.#o.logger.info('vault created', { kdf: kdfLabel(material.kdf) });
      await this.#state.begin(s, password);
    });
  }

  /** Wrong passwords back off (UnlockThrottle), in main, whatever the window does. */
  unlock(password: string): Promise<void> {
    return this.#queue.run(() => this.#throttle.attempt(async () => {
      if (this.#state.session) return;
      const t0 = performance.now();
      const head = this.#headStart.begin(password);
      let read: UnlockRead;
      try {
        // Stryker disable next-line ArrowFunction: the head start only saves time (the keys are derived from the file's parameters either way)
        read = await this.#file.readForUnlock((bytes) => head.peek(bytes));
      } catch (e) {
        head.discard();
        throw e;
      }
      const { contents } = read;
      const keys = await head.keys(contents);
      const kdfMs = performance.now() - head.startedAt;
      let opened: OpenedVault;
      try {
        opened = await unlockStepSliced(this.#o.logger, 'password', () => openWithKeysSliced(contents, keys));
      } finally {
        keys.kek.fill(0);
      }
      await nextTurn();
      const session = await this.#session(opened, read);
      await nextTurn();
      const s = await this.#state.begin(session, password);
      const restMs = performance.now() - t0 - kdfMs;
      this.#o.logger.info('vault unlocked', { method: 'password', kdfMs: round(kdfMs), restMs: round(restMs) });
      if (isWeakerThan(s.material.kdf, this.#o.kdf)) {
        // Raising the cost is an improvement, not a condition of unlocking: a failure only waits for next time.
        await this.#rewrap(s, password).catch((e: unknown) => this.#o.logger.warn('kdf upgrade failed', { error: e }));
      }
    }));
  }

  unlockWithKeychain(): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#state.session) return;
      const read = await this.#file.readForUnlock();
      const dataKey = await this.#keychain.unwrap(read.contents);
      const opened = await unlockStepSliced(this.#o.logger, 'keychain', () => openWithDataKeySliced(read.contents, dataKey));
      const s = await this.#state.begin(await this.#session(opened, read));
      this.#o.logger.info('vault unlocked', { method: 'keychain' });
      if (this.#o.keyWrapper.staleAfterUnwrap?.()) {
        // The OS rotated its key: store the copy under the new one. Failing only waits for next time.
        await this.#keychain.enable(s).catch((e: unknown) => this.#o.logger.warn('keychain re-wrap failed', { error: e }));
      }
    });
  }

  /** Queued: writes asked for before the lock (a token just minted) are persisted, later ones find it locked. */
  lock(): Promise<void> {
    return this.#queue.run(async () => {
      const s = this.#state.session;
      const beforeLock = this.#o.beforeLock;
      if (s && beforeLock) {
        // The lock is recorded while the data is still there; failing to record never stops it.
        try {
          await this.#commit(s, (draft) => beforeLock(draft));
        } catch (e) {
          this.#o.logger.warn('could not record the lock', { error: e });
        }
      }
      await s?.journal.close().catch(() => undefined);
      // Stryker disable next-line ConditionalExpression: remembering the parameters only lets the next unlock start its KDF sooner
      if (s) this.#headStart.remember(s.material.kdf);
      this.#state.end();
    });
  }

  changePassword(current: string, next: string): Promise<void> {
    return this.#queue.run(async () => {
      const s = this.#state.require();
      await this.#checkPassword(s, current, 'The current master password is not right. Nothing was changed.');
      this.#o.passwordPolicy(next);
      // The data key is kept for the vault's life: the journal and its closed segments (every audit
      // entry ever written, and each backup's own journal) are sealed under it, so a new key would
      // have to re-seal all history. What the old password unlocked was the key's wrapping; that is
      // replaced here, in the vault file and in every backup.
      await this.#rewrap(s, next);
      const resealed = await resealBackups(this.#o.file, s, this.#o.logger);
      this.#o.logger.info('master password changed', { backupsResealed: resealed });
    });
  }

  backups(): Promise<BackupView[]> {
    return listBackups(this.#o.file);
  }

  restoreBackup(id: string, password: string): Promise<void> {
    return this.#queue.run(async () => {
      const { backup, opened } = await this.#throttle.attempt(() => openBackup(this.#o.file, id, password));
      // '' stands for no file read (locked): it, or any string that is not a SHA-256, matches no file.
      // Stryker disable next-line StringLiteral: as said
      const s = await restoredSession(this.#file, opened, backup.bytes, this.#state.session?.fileHash ?? '', this.#o);
      this.#o.logger.info('vault restored from backup', { backup: backup.name });
      await this.#state.session?.journal.close().catch(() => undefined);
      this.#state.end();
      await this.#state.begin(s, password);
    });
  }

  /** For changes that weaken protection: BAD_PASSWORD (throttled) unless this is the master password. */
  confirmPassword(password: string): Promise<void> {
    return this.#queue.run(() => this.#checkPassword(this.#state.require(), password, 'That master password is not right. Nothing was changed.'));
  }

  #checkPassword(s: Session, password: string, wrong: string): Promise<void> {
    return this.#throttle.attempt(async () => {
      const keys = await deriveFor(s.material, password);
      keys.kek.fill(0);
      if (!passwordMatches(s.material, keys)) throw new AppError('BAD_PASSWORD', wrong);
    });
  }

  /** Also wraps the data key with the OS keychain, for unlockWithKeychain. */
  enableKeychain(options: { acceptInsecure?: boolean } = {}): Promise<void> {
    return this.#queue.run(() => this.#keychain.enable(this.#state.require(), options.acceptInsecure));
  }

  disableKeychain(): Promise<void> {
    return this.#queue.run(() => this.#keychain.disable(this.#state.require()));
  }

  /** Whether the vault file holds a keychain-wrapped key (readable while locked). */
  keychainEnabled(): Promise<boolean> {
    return this.#keychain.enabled(this.#state.session);
  }

  read(): Readonly<VaultData> {
    return this.#state.require().data;
  }

  update<T>(mutate: (data: VaultData) => T): Promise<T> {
    return this.#queue.run(() => this.#commit(this.#state.require(), mutate));
  }

  /**
   * One update: the mutator works on a copy-on-write draft, so if it throws or the write fails nothing
   * in memory changed. Changes to tokens, the audit trail and the ledger are one journal record;
   * anything else (accounts) seals a new vault file. Either way it is on disk before this resolves.
   */
  async #commit<T>(s: Session, mutate: (data: VaultData) => T): Promise<T> {
    const { draft, finish } = trackDraft(s.data);
    const result = mutate(draft);
    const { next, ops, sealed } = finish();
    if (sealed) {
      // The closed journals are the audit trail's archive: audit entries recorded with an account change
      // go into a segment of their own, named by the new vault file in the same atomic write, or they
      // would live only in the window and be lost from paging and verification. Nothing reaches the
      // disk if the write fails.
      const sealedAudit = ops.flatMap((op) => (op.t === 'audit' ? [op.entry] : []));
      await this.#file.write(s, s.material, s.dataKey, next, sealedAudit);
      // Stryker disable next-line ConditionalExpression: a session locked meanwhile is dropped whole; what its data is set to is never read
      if (this.#state.session === s) s.data = windowed(next, this.#o.auditWindow);
      return result;
    }
    if (ops.length > 0) await this.#file.append(s, ops);
    // Stryker disable next-line ConditionalExpression: as above, a session locked meanwhile is never read again
    if (this.#state.session === s) s.data = next;
    this.#compaction.after(s);
    return result;
  }

  /** Folds the journal into a new vault file now (tests, and "on demand"); queued like every write. */
  compact(): Promise<void> {
    return this.#queue.run(() => this.#seal(this.#state.require()));
  }

  /** A new vault file holding the session's data (the journal folded in); memory keeps the audit window. */
  async #seal(s: Session, material = s.material, dataKey = s.dataKey): Promise<void> {
    await this.#file.write(s, material, dataKey, s.data);
    s.data = windowed(s.data, this.#o.auditWindow);
  }

  /** The session for an opened vault file: its journal replayed, or a format-1 vault migrated first. */
  async #session(opened: OpenedVault, read: UnlockRead): Promise<Session> {
    if (opened.version === 2) return this.#file.begin(opened, read.hash, read.journal);
    return this.#file.migrate(opened, read.hash, read.bytes);
  }

  /** The audit trail's segments and their records, for the audit log (main/core/audit). */
  auditStore(): VaultAuditStore {
    return sessionAuditStore(() => this.#state.require(), this.#file);
  }

  isUnlocked(): boolean {
    return this.#state.session !== null;
  }

  onLockChange(listener: (unlocked: boolean) => void): () => void {
    return this.#state.onLockChange(listener);
  }

  /** For the 'vault-status' event. */
  onStatusChange(listener: (status: VaultStatus) => void): () => void {
    return this.#state.onStatusChange(listener);
  }

  /**
   * New salt and target cost for `password`, wrapping the session's data key (kept for the vault's
   * life: see changePassword); the keychain copy follows.
   */
  async #rewrap(s: Session, password: string): Promise<void> {
    const dataKey = s.dataKey;
    const material = await wrapWithPassword(s.material.vaultId, dataKey, password, this.#o.kdf, this.#o.randomBytes);
    if (s.material.keychain) {
      const keychain = await this.#keychain.rewrap(dataKey);
      // Stryker disable next-line ConditionalExpression: an undefined keychain field is written as no keychain (fileHeaderBody skips it)
      if (keychain) material.keychain = keychain;
    }
    await this.#seal(s, material, dataKey);
    this.#o.logger.info('vault key re-wrapped', { kdf: kdfLabel(material.kdf) });
    s.material = material;
    this.#o.redactor.add(password);
  }
}

/** Milliseconds to a tenth, for the log. */
const round = (ms: number): number => Math.round(ms * 10) / 10;

