import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { createLogger, type Logger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { AtomicVaultFile } from '../../main/core/vault/AtomicVaultFile.js';
import { Vault } from '../../main/core/vault/Vault.js';
import type { VaultOptions } from '../../main/core/vault/VaultOptions.js';
import { FakeClock } from './FakeClock.js';
import { TEST_KDF } from './testKdf.js';

/** Vault tests take the one test KDF cost from here, beside TEST_PASSWORD. */
export { TEST_KDF };

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** One parsed log line. */
export type LoggedLine = Record<string, unknown> & { msg: string; level?: string };

/** A real vault in a temporary directory, with a fake clock and a logger whose lines the test can read. */
export interface Harness {
  dir: string;
  file: AtomicVaultFile;
  clock: FakeClock;
  redactor: Redactor;
  logger: Logger;
  logLines: string[];
  /** The log lines with this message, parsed (level, msg and fields). */
  logged(msg: string): LoggedLine[];
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
    logged: (msg) => logLines.map((l) => JSON.parse(l) as LoggedLine).filter((l) => l.msg === msg),
    vault: make({}),
    reopen: (o = {}) => make(o),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A fresh harness for every test of the calling file: made before each test (with `options()`,
 * called then, so it can build per-test fakes), removed after it. Hooks the file registers later run
 * after it is made and before it is removed. The returned object stands for the current test's harness.
 */
export function useVaultHarness(options: () => Partial<VaultOptions> = () => ({})): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await makeHarness(options());
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!current) throw new Error('The vault harness exists only while a test runs.');
      return Reflect.get(current, key);
    },
  });
}

/** The AppError code `p` fails with, 'resolved' if it does not, so one assertion names the outcome. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof AppError ? e.code : `non-AppError: ${String(e)}`;
  }
}
