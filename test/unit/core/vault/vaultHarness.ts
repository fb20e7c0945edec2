import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '../../../../main/core/log.js';
import { Redactor } from '../../../../main/core/redact.js';
import { AtomicVaultFile } from '../../../../main/core/vault/AtomicVaultFile.js';
import type { KdfParams } from '../../../../main/core/vault/kdf.js';
import { Vault, type VaultOptions } from '../../../../main/core/vault/Vault.js';
import { FakeClock } from '../../../support/FakeClock.js';

/** Cheap scrypt for tests (about 1 ms); parameters are per vault, so this exercises the same code. */
export const TEST_KDF: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 };

export const TEST_PASSWORD = 'correct horse battery staple 42';

export interface Harness {
  dir: string;
  file: AtomicVaultFile;
  clock: FakeClock;
  redactor: Redactor;
  logger: Logger;
  logLines: string[];
  vault: Vault;
  /** A second Vault over the same file, as after an app restart. */
  reopen(options?: Partial<VaultOptions>): Vault;
  cleanup(): Promise<void>;
}

export async function makeHarness(options: Partial<VaultOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'tv-vault-'));
  const file = new AtomicVaultFile(join(dir, 'vault.json'));
  const clock = new FakeClock();
  const redactor = new Redactor();
  const logLines: string[] = [];
  const logger = createLogger({ write: (l) => logLines.push(l) }, redactor, () => clock.now());
  const make = (o: Partial<VaultOptions>): Vault => new Vault({ file, clock, redactor, logger, kdf: TEST_KDF, ...options, ...o });
  return {
    dir,
    file,
    clock,
    redactor,
    logger,
    logLines,
    vault: make({}),
    reopen: (o = {}) => make(o),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
