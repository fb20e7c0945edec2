import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { open } from '../../../../main/core/vault/aead.js';
import { derivePasswordKeys } from '../../../../main/core/vault/kdf.js';
import { decodePayload } from '../../../../main/core/vault/payload.js';
import { openWithDataKey, openWithPassword, sealVault, wrapWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile, payloadAd, wrapAd } from '../../../../main/core/vault/vaultFormat.js';
import { FIXTURE_V1 } from '../../../fixtures/vault-v1/fixtureV1.js';

// Secrets in memory are wiped as soon as they are used: the buffers vaultCrypto gets from the KDF,
// the AEAD and the payload encoder are recorded here (the real functions run) and checked afterwards.
const seen = vi.hoisted(() => ({ keks: [] as Buffer[], plains: [] as Buffer[], encoded: [] as Buffer[] }));

vi.mock('../../../../main/core/vault/kdf.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/core/vault/kdf.js')>();
  return {
    ...real,
    derivePasswordKeys: async (...args: Parameters<typeof real.derivePasswordKeys>) => {
      const keys = await real.derivePasswordKeys(...args);
      seen.keks.push(keys.kek);
      return keys;
    },
  };
});
vi.mock('../../../../main/core/vault/aead.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/core/vault/aead.js')>();
  return {
    ...real,
    open: (...args: Parameters<typeof real.open>) => {
      const plain = real.open(...args);
      if (plain) seen.plains.push(plain);
      return plain;
    },
  };
});
vi.mock('../../../../main/core/vault/payload.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/core/vault/payload.js')>();
  return {
    ...real,
    encodePayload: (...args: Parameters<typeof real.encodePayload>) => {
      const b = real.encodePayload(...args);
      seen.encoded.push(b);
      return b;
    },
  };
});

const BYTES = readFileSync(join(import.meta.dirname, '../../../fixtures/vault-v1/vault.json'));
const zeroed = (b: Buffer | undefined): boolean => b !== undefined && b.length > 0 && b.every((x) => x === 0);
const counter = (): ((n: number) => Buffer) => {
  let i = 0;
  return (n) => Buffer.alloc(n, ++i);
};

beforeEach(() => {
  seen.keks.length = 0;
  seen.plains.length = 0;
  seen.encoded.length = 0;
});

describe('key-encryption keys and plaintexts are zeroed after use', () => {
  it('unlocking zeroes the KEK and the decrypted payload, after the data was read', async () => {
    const opened = await openWithPassword(decodeVaultFile(BYTES), FIXTURE_V1.password);
    expect(opened.data.accounts).toEqual(FIXTURE_V1.accounts);
    expect(seen.keks).toHaveLength(1);
    expect(zeroed(seen.keks[0])).toBe(true);
    // The data key itself stays: the open vault needs it. The payload's plaintext does not.
    expect(zeroed(opened.dataKey)).toBe(false);
    expect(seen.plains.length).toBeGreaterThanOrEqual(2);
    expect(zeroed(seen.plains.at(-1))).toBe(true);
  });

  it('a wrong password still zeroes its KEK', async () => {
    await expect(openWithPassword(decodeVaultFile(BYTES), 'wrong')).rejects.toMatchObject({ code: 'BAD_PASSWORD' });
    expect(seen.keks).toHaveLength(1);
    expect(zeroed(seen.keks[0])).toBe(true);
  });

  it('wrapping zeroes the KEK after the key was sealed with it', async () => {
    const dataKey = Buffer.alloc(32, 9);
    const material = await wrapWithPassword('vault-id-1234', dataKey, 'pw', FIXTURE_V1.kdf, counter());
    expect(zeroed(seen.keks[0])).toBe(true);
    const again = await derivePasswordKeys('pw', material.kdf.salt, material.kdf);
    expect(open(again.kek, material.wrap, wrapAd('vault-id-1234', material.kdf))).toEqual(dataKey);
  });

  it('sealing zeroes the encoded plaintext after it was encrypted', async () => {
    const opened = await openWithPassword(decodeVaultFile(BYTES), FIXTURE_V1.password);
    const sealed = sealVault(opened.material, opened.dataKey, opened.data, 11, 1750000500000, counter());
    expect(seen.encoded).toHaveLength(1);
    expect(zeroed(seen.encoded[0])).toBe(true);
    const plain = open(opened.dataKey, sealed.payload, payloadAd(sealed.vaultId, 11, 1750000500000));
    expect(plain && decodePayload(plain).accounts).toEqual(FIXTURE_V1.accounts);
  });

  it('a payload that decrypts but does not parse is zeroed too', async () => {
    const opened = await openWithPassword(decodeVaultFile(BYTES), FIXTURE_V1.password);
    const contents = sealVault(opened.material, opened.dataKey, { accounts: 'not a list' } as never, 12, 1750000600000, counter());
    seen.plains.length = 0;
    expect(() => openWithDataKey({ ...contents }, opened.dataKey)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }));
    expect(seen.plains).toHaveLength(1);
    expect(zeroed(seen.plains[0])).toBe(true);
  });
});
