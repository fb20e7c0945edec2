import { createHash, randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import type { BackupView, VaultStatus } from '../../../preload/contract.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Redactor } from '../redact.js';
import { DEFAULT_KDF, isWeakerThan, type KdfParams } from './kdf.js';
import { noKeyWrapper, type KeyWrapper } from './KeyWrapper.js';
import { defaultPasswordPolicy, type PasswordPolicy } from './passwordPolicy.js';
import { registerSecrets } from './secrets.js';
import { emptyVaultData, type VaultData } from './types.js';
import type { VaultAccess } from './VaultAccess.js';
import {
  deriveFor,
  keyCheck,
  openWithDataKey,
  openWithKeys,
  openWithPassword,
  passwordMatches,
  sealVault,
  wrapWithPassword,
  type OpenedVault,
  type RandomBytes,
} from './vaultCrypto.js';
import type { VaultFile } from './VaultFile.js';
import { decodeVaultFile, encodeVaultFile, type KeyMaterial, type VaultFileContents } from './vaultFormat.js';

export interface VaultOptions {
  file: VaultFile;
  clock: Clock;
  redactor: Redactor;
  logger: Logger;
  /** Cost for new vaults and new passwords; weaker vaults are re-wrapped to it on unlock. */
  kdf?: KdfParams;
  keyWrapper?: KeyWrapper;
  /** settings.keychainAcceptInsecure, read when unlocking with the keychain. */
  acceptInsecureKeychain?: () => boolean;
  passwordPolicy?: PasswordPolicy;
  randomBytes?: RandomBytes;
  /** Changes persisted just before a lock, while the data is still there (the audit trail records the lock). */
  beforeLock?: (data: VaultData) => void;
}

/** An unlocked vault: `fileHash` identifies the file on disk we know is good (we read or wrote it). */
interface Session extends OpenedVault {
  fileHash: string;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * The vault: master password, lock state, and the only writer of the vault file. Every operation that
 * reads or writes the file, and lock, runs through one queue, so updates see each other's results in
 * order and a lock never cuts a write in half. Note: a mutator passed to update() must not call update() itself (it would wait for itself).
 */
// Also implements VaultService (main/serviceTypes.ts) structurally: that file is outside the core
// project, so the check lives in the tests (test/unit/core/vault/Vault.test.ts).
export class Vault implements VaultAccess {
  readonly #o: Required<Omit<VaultOptions, 'beforeLock'>> & Pick<VaultOptions, 'beforeLock'>;
  #session: Session | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #lockListeners = new Set<(unlocked: boolean) => void>();
  readonly #statusListeners = new Set<(status: VaultStatus) => void>();

  constructor(options: VaultOptions) {
    this.#o = {
      kdf: DEFAULT_KDF,
      keyWrapper: noKeyWrapper,
      acceptInsecureKeychain: () => false,
      passwordPolicy: defaultPasswordPolicy,
      randomBytes: nodeRandomBytes,
      ...options,
    };
  }

  async status(): Promise<VaultStatus> {
    if (this.#session) return 'unlocked';
    return (await this.#o.file.hasAnything()) ? 'locked' : 'uninitialized';
  }

  create(password: string): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#session || (await this.#o.file.hasAnything())) throw new AppError('ALREADY_INITIALIZED');
      this.#o.passwordPolicy(password);
      const dataKey = this.#o.randomBytes(32);
      const material = await wrapWithPassword(randomUUID(), dataKey, password, this.#o.kdf, this.#o.randomBytes);
      const s: Session = { material, dataKey, data: emptyVaultData(), generation: 0, fileHash: '' };
      await this.#write(s, material, dataKey, s.data);
      this.#o.logger.info('vault created', { kdf: kdfLabel(material) });
      this.#begin(s, password);
    });
  }

  unlock(password: string): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#session) return;
      const t0 = performance.now();
      const { contents, hash } = await this.#readContents();
      const k0 = performance.now();
      const keys = await deriveFor(contents, password);
      const kdfMs = performance.now() - k0;
      let opened: OpenedVault;
      try {
        opened = this.#logged('password', () => openWithKeys(contents, keys));
      } finally {
        keys.kek.fill(0);
      }
      const restMs = performance.now() - t0 - kdfMs;
      this.#o.logger.info('vault unlocked', { method: 'password', kdfMs: round(kdfMs), restMs: round(restMs) });
      const s = this.#begin({ ...opened, fileHash: hash }, password);
      if (isWeakerThan(s.material.kdf, this.#o.kdf)) {
        // Raising the cost is an improvement, not a condition of unlocking: a failure only waits for next time.
        await this.#rewrap(s, password, s.dataKey).catch((e: unknown) => this.#o.logger.warn('kdf upgrade failed', { error: e }));
      }
    });
  }

  unlockWithKeychain(): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#session) return;
      const { contents, hash } = await this.#readContents();
      const dataKey = await this.#unwrapWithKeychain(contents);
      const opened = this.#logged('keychain', () => openWithDataKey(contents, dataKey));
      this.#o.logger.info('vault unlocked', { method: 'keychain' });
      this.#begin({ ...opened, fileHash: hash });
    });
  }

  /** Queued: writes asked for before the lock (a token just minted) are persisted, later ones find it locked. */
  lock(): Promise<void> {
    return this.#enqueue(async () => {
      const s = this.#session;
      const beforeLock = this.#o.beforeLock;
      if (s && beforeLock) {
        // The lock is recorded while the data is still there; failing to record never stops it.
        try {
          const draft = structuredClone(s.data);
          beforeLock(draft);
          await this.#write(s, s.material, s.dataKey, draft);
          s.data = draft;
        } catch (e) {
          this.#o.logger.warn('could not record the lock', { error: e });
        }
      }
      this.#end();
    });
  }

  changePassword(current: string, next: string): Promise<void> {
    return this.#enqueue(async () => {
      const s = this.#require();
      const keys = await deriveFor(s.material, current);
      keys.kek.fill(0);
      if (!passwordMatches(s.material, keys)) throw new AppError('BAD_PASSWORD', 'The current master password is not right. Nothing was changed.');
      this.#o.passwordPolicy(next);
      // A new data key, not just a new wrapping: whoever learned the old password and kept an old
      // copy of the file must not be able to read what is written from now on.
      await this.#rewrap(s, next, this.#o.randomBytes(32));
      this.#o.logger.info('master password changed');
    });
  }

  async backups(): Promise<BackupView[]> {
    const views: BackupView[] = [];
    for (const b of await this.#o.file.backups()) {
      try {
        const c = decodeVaultFile(b.bytes);
        views.push({ id: backupId(b.bytes), createdAt: c.writtenAt, bytes: b.bytes.length });
      } catch {
        // A backup that is itself damaged cannot be restored: not offered.
      }
    }
    return views.sort((a, b) => b.createdAt - a.createdAt);
  }

  restoreBackup(id: string, password: string): Promise<void> {
    return this.#enqueue(async () => {
      const backup = (await this.#o.file.backups()).find((b) => backupId(b.bytes) === id);
      if (!backup) throw new AppError('NOT_FOUND', 'That backup no longer exists. Refresh the list of backups.');
      const contents = decodeVaultFile(backup.bytes);
      const opened = await openWithPassword(contents, password).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'BAD_PASSWORD') {
          throw new AppError('BAD_PASSWORD', 'That password does not open this backup. If you changed your master password since it was made, use the one you had then.');
        }
        throw e;
      });
      const previous = this.#session;
      const s: Session = { ...opened, fileHash: previous?.fileHash ?? '' };
      // The current file goes to the backups if we know it is good, else it is set aside untouched.
      await this.#write(s, s.material, s.dataKey, s.data);
      this.#o.logger.info('vault restored from backup', { backup: backup.name });
      this.#end();
      this.#begin(s, password);
    });
  }

  /** Also wraps the data key with the OS keychain, for unlockWithKeychain. */
  enableKeychain(options: { acceptInsecure?: boolean } = {}): Promise<void> {
    return this.#enqueue(async () => {
      const s = this.#require();
      const w = this.#checkKeychain(options.acceptInsecure);
      let blob: Buffer;
      try {
        blob = Buffer.from(await w.wrap(s.dataKey));
        if (!Buffer.from(await w.unwrap(blob)).equals(s.dataKey)) throw new Error('round trip mismatch');
      } catch (e) {
        this.#o.logger.warn('keychain wrap failed', { error: e });
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'The OS keychain refused to store the vault key. Keychain unlock stays off.');
      }
      const material: KeyMaterial = { ...s.material, keychain: { backend: w.backend(), blob } };
      await this.#write(s, material, s.dataKey, s.data);
      s.material = material;
    });
  }

  disableKeychain(): Promise<void> {
    return this.#enqueue(async () => {
      const s = this.#require();
      if (!s.material.keychain) return;
      const { keychain: _dropped, ...material } = s.material;
      await this.#write(s, material, s.dataKey, s.data);
      s.material = material;
    });
  }

  /** Whether the vault file holds a keychain-wrapped key (readable while locked). */
  async keychainEnabled(): Promise<boolean> {
    if (this.#session) return this.#session.material.keychain !== undefined;
    try {
      const bytes = await this.#o.file.read();
      return bytes !== null && decodeVaultFile(bytes).keychain !== undefined;
    } catch {
      return false;
    }
  }

  read(): Readonly<VaultData> {
    return this.#require().data;
  }

  update<T>(mutate: (data: VaultData) => T): Promise<T> {
    return this.#enqueue(async () => {
      const s = this.#require();
      // The mutator works on a copy: if it throws or the write fails, nothing in memory changed.
      const draft = structuredClone(s.data);
      const result = mutate(draft);
      await this.#write(s, s.material, s.dataKey, draft);
      if (this.#session === s) s.data = draft;
      return result;
    });
  }

  isUnlocked(): boolean {
    return this.#session !== null;
  }

  onLockChange(listener: (unlocked: boolean) => void): () => void {
    this.#lockListeners.add(listener);
    return () => this.#lockListeners.delete(listener);
  }

  /** For the 'vault-status' event. */
  onStatusChange(listener: (status: VaultStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  // ---------------------------------------------------------------------------------------------

  #enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(op);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #require(): Session {
    if (!this.#session) throw new AppError('LOCKED');
    return this.#session;
  }

  async #readContents(): Promise<{ contents: VaultFileContents; hash: string }> {
    const bytes = await this.#o.file.read();
    if (bytes === null) {
      if ((await this.#o.file.backups()).length === 0) throw new AppError('UNINITIALIZED');
      this.#o.logger.warn('vault file missing but backups exist');
      throw new AppError('VAULT_DAMAGED', 'The vault file is missing, but backups exist. Restore the newest backup that opens.');
    }
    return { contents: this.#logged('structure', () => decodeVaultFile(bytes)), hash: sha256(bytes) };
  }

  /** Runs a step of unlocking, logging why it failed (codes and reasons only, never secrets). */
  #logged<T>(step: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'INTERNAL';
      const reason = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
      this.#o.logger.warn('vault unlock failed', { step, code, reason });
      throw e;
    }
  }

  async #unwrapWithKeychain(contents: VaultFileContents): Promise<Buffer> {
    if (!contents.keychain) {
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'Unlock with the OS keychain is off for this vault. Unlock with your master password.');
    }
    const w = this.#checkKeychain();
    let dataKey: Buffer;
    try {
      dataKey = Buffer.from(await w.unwrap(contents.keychain.blob));
    } catch (e) {
      this.#o.logger.warn('keychain unwrap failed', { error: e });
      dataKey = Buffer.alloc(0);
    }
    // Linux backends use AES-CBC without a MAC: a wrong key can "decrypt". The key check catches it.
    if (dataKey.length !== 32 || !keyCheck(dataKey, contents.vaultId).equals(contents.keyCheck)) {
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'The OS keychain could not unlock this vault. Unlock with your master password.');
    }
    return dataKey;
  }

  #checkKeychain(acceptInsecure?: boolean): KeyWrapper {
    const w = this.#o.keyWrapper;
    if (!w.available()) throw new AppError('KEYCHAIN_UNAVAILABLE');
    if (!w.secure() && !(acceptInsecure ?? this.#o.acceptInsecureKeychain())) throw new AppError('KEYCHAIN_INSECURE');
    return w;
  }

  /** New salt and target cost for `password`, wrapping `dataKey`; the keychain copy follows. */
  async #rewrap(s: Session, password: string, dataKey: Buffer): Promise<void> {
    const material = await wrapWithPassword(s.material.vaultId, dataKey, password, this.#o.kdf, this.#o.randomBytes);
    if (s.material.keychain) {
      try {
        const w = this.#o.keyWrapper;
        material.keychain = { backend: w.backend(), blob: Buffer.from(await w.wrap(dataKey)) };
      } catch (e) {
        this.#o.logger.warn('keychain re-wrap failed; keychain unlock turned off', { error: e });
      }
    }
    await this.#write(s, material, dataKey, s.data);
    this.#o.logger.info('vault key re-wrapped', { kdf: kdfLabel(material) });
    if (s.dataKey !== dataKey) s.dataKey.fill(0);
    s.material = material;
    s.dataKey = dataKey;
    this.#o.redactor.add(password);
  }

  /** Seals `data` as the next generation and writes it; `s` learns the new generation only on success. */
  async #write(s: Session, material: KeyMaterial, dataKey: Buffer, data: VaultData): Promise<void> {
    const generation = s.generation + 1;
    const bytes = encodeVaultFile(sealVault(material, dataKey, data, generation, this.#o.clock.now(), this.#o.randomBytes));
    await this.#o.file.write(bytes, (current) => s.fileHash !== '' && sha256(current) === s.fileHash);
    s.generation = generation;
    s.fileHash = sha256(bytes);
  }

  #begin(s: Session, password?: string): Session {
    this.#session = s;
    this.#o.redactor.add(password);
    registerSecrets(this.#o.redactor, s.data);
    this.#emit(true);
    return s;
  }

  #end(): void {
    const s = this.#session;
    if (!s) return;
    this.#session = null;
    s.dataKey.fill(0);
    s.data = emptyVaultData();
    // JS strings cannot be wiped; dropping every reference is the most we can do for them.
    this.#o.redactor.clear();
    this.#o.logger.info('vault locked');
    this.#emit(false);
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
      this.#o.logger.error('vault listener failed', { error: e });
    }
  }
}

/** Content-derived, so an id still names the same backup after a write rotates the list. */
function backupId(bytes: Uint8Array): string {
  return 'b' + sha256(bytes).slice(0, 20);
}

function kdfLabel(m: KeyMaterial): string {
  return `scrypt N=${m.kdf.N} r=${m.kdf.r} p=${m.kdf.p}`;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
