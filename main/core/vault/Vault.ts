import { randomUUID } from 'node:crypto';
import type { BackupView, VaultStatus } from '../../../preload/contract.js';
import type { VaultService } from '../services.js';
import { AppError } from '../errors.js';
import { isWeakerThan } from './kdf.js';
import { LockState } from './LockState.js';
import { SerialQueue } from './SerialQueue.js';
import { SessionFile, unlockStep, type Session } from './SessionFile.js';
import { UnlockThrottle } from './UnlockThrottle.js';
import { emptyVaultData, type VaultData } from './types.js';
import type { VaultAccess } from './VaultAccess.js';
import { listBackups, openBackup, resealBackups } from './vaultBackups.js';
import { deriveFor, openWithDataKey, openWithKeys, passwordMatches, wrapWithPassword, type OpenedVault } from './vaultCrypto.js';
import type { KeyMaterial } from './vaultFormat.js';
import { VaultKeychain } from './VaultKeychain.js';
import { withVaultDefaults, type ResolvedVaultOptions, type VaultOptions } from './VaultOptions.js';

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

  constructor(options: VaultOptions) {
    this.#o = withVaultDefaults(options);
    this.#throttle = new UnlockThrottle(this.#o.clock);
    this.#state = new LockState(this.#o);
    this.#file = new SessionFile(this.#o);
    this.#keychain = new VaultKeychain(this.#o, this.#file);
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
      const s: Session = { material, dataKey, data: emptyVaultData(), generation: 0, fileHash: '' };
      await this.#file.write(s, material, dataKey, s.data);
      this.#o.logger.info('vault created', { kdf: kdfLabel(material) });
      this.#state.begin(s, password);
    });
  }

  /** Wrong passwords back off (UnlockThrottle), in main, whatever the window does. */
  unlock(password: string): Promise<void> {
    return this.#queue.run(() => this.#throttle.attempt(async () => {
      if (this.#state.session) return;
      const t0 = performance.now();
      const { contents, hash } = await this.#file.readForUnlock();
      const k0 = performance.now();
      const keys = await deriveFor(contents, password);
      const kdfMs = performance.now() - k0;
      let opened: OpenedVault;
      try {
        opened = unlockStep(this.#o.logger, 'password', () => openWithKeys(contents, keys));
      } finally {
        keys.kek.fill(0);
      }
      const restMs = performance.now() - t0 - kdfMs;
      this.#o.logger.info('vault unlocked', { method: 'password', kdfMs: round(kdfMs), restMs: round(restMs) });
      const s = this.#state.begin({ ...opened, fileHash: hash }, password);
      if (isWeakerThan(s.material.kdf, this.#o.kdf)) {
        // Raising the cost is an improvement, not a condition of unlocking: a failure only waits for next time.
        await this.#rewrap(s, password, s.dataKey).catch((e: unknown) => this.#o.logger.warn('kdf upgrade failed', { error: e }));
      }
    }));
  }

  unlockWithKeychain(): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#state.session) return;
      const { contents, hash } = await this.#file.readForUnlock();
      const dataKey = await this.#keychain.unwrap(contents);
      const opened = unlockStep(this.#o.logger, 'keychain', () => openWithDataKey(contents, dataKey));
      this.#o.logger.info('vault unlocked', { method: 'keychain' });
      const s = this.#state.begin({ ...opened, fileHash: hash });
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
          const draft = structuredClone(s.data);
          beforeLock(draft);
          await this.#file.write(s, s.material, s.dataKey, draft);
          s.data = draft;
        } catch (e) {
          this.#o.logger.warn('could not record the lock', { error: e });
        }
      }
      this.#state.end();
    });
  }

  changePassword(current: string, next: string): Promise<void> {
    return this.#queue.run(async () => {
      const s = this.#state.require();
      await this.#checkPassword(s, current, 'The current master password is not right. Nothing was changed.');
      this.#o.passwordPolicy(next);
      // A new data key, not just a new wrapping: whoever learned the old password and kept an old
      // copy of the file must not be able to read what is written from now on.
      const oldKey = Buffer.from(s.dataKey);
      try {
        await this.#rewrap(s, next, this.#o.randomBytes(32));
        // The backups follow, so the old password opens none of them either.
        const resealed = await resealBackups(this.#o.file, { dataKey: oldKey, password: current }, s, this.#o.randomBytes, this.#o.logger);
        this.#o.logger.info('master password changed', { backupsResealed: resealed });
      } finally {
        oldKey.fill(0);
      }
    });
  }

  backups(): Promise<BackupView[]> {
    return listBackups(this.#o.file);
  }

  restoreBackup(id: string, password: string): Promise<void> {
    return this.#queue.run(async () => {
      const { backup, opened } = await this.#throttle.attempt(() => openBackup(this.#o.file, id, password));
      const s: Session = { ...opened, fileHash: this.#state.session?.fileHash ?? '' };
      // The current file goes to the backups if we know it is good, else it is set aside untouched.
      await this.#file.write(s, s.material, s.dataKey, s.data);
      this.#o.logger.info('vault restored from backup', { backup: backup.name });
      this.#state.end();
      this.#state.begin(s, password);
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
    return this.#queue.run(async () => {
      const s = this.#state.require();
      // The mutator works on a copy: if it throws or the write fails, nothing in memory changed.
      const draft = structuredClone(s.data);
      const result = mutate(draft);
      await this.#file.write(s, s.material, s.dataKey, draft);
      if (this.#state.session === s) s.data = draft;
      return result;
    });
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

  /** New salt and target cost for `password`, wrapping `dataKey`; the keychain copy follows. */
  async #rewrap(s: Session, password: string, dataKey: Buffer): Promise<void> {
    const material = await wrapWithPassword(s.material.vaultId, dataKey, password, this.#o.kdf, this.#o.randomBytes);
    if (s.material.keychain) {
      const keychain = await this.#keychain.rewrap(dataKey);
      if (keychain) material.keychain = keychain;
    }
    await this.#file.write(s, material, dataKey, s.data);
    this.#o.logger.info('vault key re-wrapped', { kdf: kdfLabel(material) });
    if (s.dataKey !== dataKey) s.dataKey.fill(0);
    s.material = material;
    s.dataKey = dataKey;
    this.#o.redactor.add(password);
  }
}

function kdfLabel(m: KeyMaterial): string {
  return `scrypt N=${m.kdf.N} r=${m.kdf.r} p=${m.kdf.p}`;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
