import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../main/core/redact.js';
import { DEFAULT_KDF } from '../../../../main/core/vault/kdf.js';
import { noKeyWrapper } from '../../../../main/core/vault/KeyWrapper.js';
import { defaultPasswordPolicy } from '../../../../main/core/vault/passwordPolicy.js';
import { COMPACTION, withVaultDefaults, type VaultOptions } from '../../../../main/core/vault/VaultOptions.js';
import { FakeClock } from '../../../support/FakeClock.js';

const base = (): VaultOptions => ({
  file: {} as VaultOptions['file'],
  clock: new FakeClock(),
  redactor: new Redactor(),
  logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
});

describe('withVaultDefaults', () => {
  it('fills in the defaults: the standard KDF, no keychain, insecure keychains refused, 1000 records or 1 MiB per journal, 500 audit entries', () => {
    const o = withVaultDefaults(base());
    expect(o.kdf).toBe(DEFAULT_KDF);
    expect(o.keyWrapper).toBe(noKeyWrapper);
    expect(o.acceptInsecureKeychain()).toBe(false);
    expect(o.passwordPolicy).toBe(defaultPasswordPolicy);
    expect(o.randomBytes(8)).toHaveLength(8);
    expect(o.randomBytes(16).equals(o.randomBytes(16))).toBe(false);
    expect(o.compaction).toBe(COMPACTION);
    expect(COMPACTION).toEqual({ records: 1000, bytes: 1_048_576 });
    expect(o.auditWindow).toBe(500);
    expect(o.beforeLock).toBeUndefined();
  });

  it('keeps every option given', () => {
    const given = { ...base(), auditWindow: 7, compaction: { records: 2, bytes: 3 }, acceptInsecureKeychain: () => true, beforeLock: () => undefined };
    const o = withVaultDefaults(given);
    expect(o.auditWindow).toBe(7);
    expect(o.compaction).toEqual({ records: 2, bytes: 3 });
    expect(o.acceptInsecureKeychain()).toBe(true);
    expect(o.beforeLock).toBe(given.beforeLock);
    expect(o.file).toBe(given.file);
  });
});
