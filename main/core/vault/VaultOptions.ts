import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Redactor } from '../redact.js';
import { DEFAULT_KDF, type KdfParams } from './kdf.js';
import { noKeyWrapper, type KeyWrapper } from './KeyWrapper.js';
import { defaultPasswordPolicy, type PasswordPolicy } from './passwordPolicy.js';
import type { VaultData } from './vaultRecords.js';
import type { RandomBytes } from './vaultCrypto.js';
import type { VaultFile } from './VaultFile.js';

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
  /** When the journal is compacted into a new vault file (defaults: COMPACTION). */
  compaction?: CompactionBound;
  /** Audit entries kept in memory and in the vault file beyond the current journal's (default AUDIT_WINDOW). */
  auditWindow?: number;
  /** Changes persisted just before a lock, while the data is still there (the audit trail records the lock). */
  beforeLock?: (data: VaultData) => void;
}

/** Every option set; beforeLock stays optional, since without it a lock records nothing. */
export type ResolvedVaultOptions = Required<Omit<VaultOptions, 'beforeLock'>> & Pick<VaultOptions, 'beforeLock'>;

/** The journal is folded into a new vault file once it holds this many records or bytes. */
export interface CompactionBound {
  records: number;
  bytes: number;
}

// Stryker disable next-line ObjectLiteral,ArithmeticOperator: static in effect (read once, at load), left out like every static mutant; VaultOptions.test.ts pins it
export const COMPACTION: CompactionBound = { records: 1000, bytes: 1024 * 1024 };

export function withVaultDefaults(options: VaultOptions): ResolvedVaultOptions {
  return {
    kdf: DEFAULT_KDF,
    keyWrapper: noKeyWrapper,
    acceptInsecureKeychain: () => false,
    passwordPolicy: defaultPasswordPolicy,
    randomBytes: nodeRandomBytes,
    compaction: COMPACTION,
    auditWindow: 500,
    ...options,
  };
}
