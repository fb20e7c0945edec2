import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { VaultData } from './types.js';
import { sealVault, type OpenedVault } from './vaultCrypto.js';
import { decodeVaultFile, encodeVaultFile, type KeyMaterial, type VaultFileContents } from './vaultFormat.js';
import type { ResolvedVaultOptions } from './VaultOptions.js';

/** An unlocked vault: `fileHash` identifies the file on disk we know is good (we read or wrote it). */
export interface Session extends OpenedVault {
  fileHash: string;
}

export type SessionFileOptions = Pick<ResolvedVaultOptions, 'file' | 'clock' | 'logger' | 'randomBytes'>;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * The vault file as a session sees it: read once to unlock, then written one generation at a time.
 * A write moves the version on disk to the backups only if it is the one the session read or wrote.
 */
export class SessionFile {
  readonly #o: SessionFileOptions;

  constructor(options: SessionFileOptions) {
    this.#o = options;
  }

  /** The contents to unlock, with the hash that later writes compare against. */
  async readForUnlock(): Promise<{ contents: VaultFileContents; hash: string }> {
    const bytes = await this.#o.file.read();
    if (bytes === null) {
      if ((await this.#o.file.backups()).length === 0) throw new AppError('UNINITIALIZED');
      this.#o.logger.warn('vault file missing but backups exist');
      throw new AppError('VAULT_DAMAGED', 'The vault file is missing, but backups exist. Restore the newest backup that opens.');
    }
    return { contents: unlockStep(this.#o.logger, 'structure', () => decodeVaultFile(bytes)), hash: sha256(bytes) };
  }

  /** Seals `data` as the next generation and writes it; `s` learns the new generation only on success. */
  async write(s: Session, material: KeyMaterial, dataKey: Buffer, data: VaultData): Promise<void> {
    const generation = s.generation + 1;
    const bytes = encodeVaultFile(sealVault(material, dataKey, data, generation, this.#o.clock.now(), this.#o.randomBytes));
    await this.#o.file.write(bytes, (current) => s.fileHash !== '' && sha256(current) === s.fileHash);
    s.generation = generation;
    s.fileHash = sha256(bytes);
  }
}

/** Runs a step of unlocking, logging why it failed (codes and reasons only, never secrets). */
export function unlockStep<T>(logger: Logger, step: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const code = e instanceof AppError ? e.code : 'INTERNAL';
    const reason = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
    logger.warn('vault unlock failed', { step, code, reason });
    throw e;
  }
}
