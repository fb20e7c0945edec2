import type * as nodeFs from 'node:fs/promises';

/** The file operations the vault uses; injected so the crash test can kill the process between them. */
export type VaultFs = Pick<typeof nodeFs, 'open' | 'readFile' | 'rename' | 'unlink' | 'readdir' | 'mkdir'>;

/** A backup as stored: the raw bytes of a version of the vault file that once opened. */
export interface StoredBackup {
  name: string;
  bytes: Buffer;
}

/**
 * Where the vault's ciphertext lives. Every write replaces the file atomically: after a crash at any
 * moment the file holds either the old or the new version, complete.
 */
export interface VaultFile {
  /** The vault file's path; its journals live beside it. */
  readonly path: string;
  /** The file operations used, shared with the journals (the crash test injects its own). */
  readonly fs: VaultFs;
  /** The current file's bytes, or null when there is none. */
  read(): Promise<Buffer | null>;
  /** Whether a vault file or any backup exists (a missing file with backups is damage, not a fresh start). */
  hasAnything(): Promise<boolean>;
  /**
   * Atomically replaces the file with `bytes`. The version now on disk goes to the backups when
   * `isGood(current)` says it is one we opened or wrote; otherwise it is set aside, untouched.
   */
  write(bytes: Uint8Array, isGood: (current: Buffer) => boolean): Promise<void>;
  /** Newest first. */
  backups(): Promise<StoredBackup[]>;
  /** Atomically replaces the backup called `name` (from backups()) with `bytes`, e.g. re-sealed under a new key. */
  replaceBackup(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Renames the current file out of the way (vault.json.aside-<ms>-<rand>), its bytes unchanged, for a
   * damaged file or one we cannot vouch for; returns its new path (null if there was none).
   */
  setAside(): Promise<string | null>;
}
