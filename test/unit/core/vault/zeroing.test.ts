import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { seal } from '../../../../main/core/vault/aead.js';
import type { PasswordKeys } from '../../../../main/core/vault/kdf.js';
import { encodePayload } from '../../../../main/core/vault/payload.js';
import { emptyVaultData } from '../../../../main/core/vault/vaultRecords.js';
import { openWithDataKey, openWithPassword, sealVault, wrapWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { payloadAd, type VaultFileContents } from '../../../../main/core/vault/vaultFormat.js';
import { TEST_KDF, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

/**
 * The key-encryption key and every decrypted or serialized plaintext are wiped as soon as they are no
 * longer needed, so a later heap dump or swapped page holds as little as possible. The real functions
 * run unchanged; these wrappers only keep a reference to the buffers they hand out, to look at them after.
 */
const seen = vi.hoisted(() => ({ keys: [] as PasswordKeys[], opened: [] as Buffer[], encoded: [] as Buffer[] }));

vi.mock('../../../../main/core/vault/kdf.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/core/vault/kdf.js')>();
  return {
    ...real,
    derivePasswordKeys: async (...args: Parameters<typeof real.derivePasswordKeys>) => {
      const keys = await real.derivePasswordKeys(...args);
      seen.keys.push(keys);
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
      if (plain) seen.opened.push(plain);
      return plain;
    },
  };
});
vi.mock('../../../../main/core/vault/payload.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/core/vault/payload.js')>();
  return {
    ...real,
    encodePayload: (...args: Parameters<typeof real.encodePayload>) => {
      const plain = real.encodePayload(...args);
      seen.encoded.push(plain);
      return plain;
    },
  };
});

const allZero = (b: Buffer): boolean => b.length > 0 && b.every((x) => x === 0);
const store = () => ({ journalKey: randomBytes(32), segments: [] });

async function sealedVault(): Promise<{ contents: VaultFileContents; dataKey: Buffer }> {
  const dataKey = randomBytes(32);
  const material = await wrapWithPassword('vault-zeroing-1', dataKey, TEST_PASSWORD, TEST_KDF, randomBytes);
  const data = { ...emptyVaultData(), oceanExpirations: { a: [1] } };
  return { contents: sealVault({ material, dataKey, data, generation: 1, writtenAt: 1_000, random: randomBytes, store: store(), journal: 'vault.json.j-1-abcdef' }), dataKey };
}

function reset(): void {
  seen.keys.length = 0;
  seen.opened.length = 0;
  seen.encoded.length = 0;
}

describe('secret buffers are zeroed after use', () => {
  it('wrapWithPassword wipes the KEK it wrapped the data key with', async () => {
    reset();
    await wrapWithPassword('vault-zeroing-1', randomBytes(32), TEST_PASSWORD, TEST_KDF, randomBytes);
    expect(seen.keys).toHaveLength(1);
    expect(allZero(seen.keys[0]!.kek)).toBe(true);
    // The check value is stored in the file, so it stays.
    expect(allZero(seen.keys[0]!.check)).toBe(false);
  });

  it('sealVault wipes the serialized plaintext once it is sealed', async () => {
    await sealedVault();
    expect(seen.encoded.length).toBeGreaterThan(0);
    expect(seen.encoded.every(allZero)).toBe(true);
  });

  it('openWithPassword wipes the KEK and the decrypted payload, with the right password and with a wrong one', async () => {
    const { contents } = await sealedVault();
    reset();
    const opened = await openWithPassword(contents, TEST_PASSWORD);
    expect(opened.data.oceanExpirations).toEqual({ a: [1] });
    expect(seen.keys).toHaveLength(1);
    expect(allZero(seen.keys[0]!.kek)).toBe(true);
    // Two plaintexts: the unwrapped data key (kept: the session needs it) and the payload (wiped).
    expect(seen.opened).toHaveLength(2);
    expect(seen.opened[0]!.equals(opened.dataKey)).toBe(true);
    expect(allZero(seen.opened[1]!)).toBe(true);

    reset();
    await expect(openWithPassword(contents, 'not the password at all')).rejects.toMatchObject({ code: 'BAD_PASSWORD' });
    expect(allZero(seen.keys[0]!.kek)).toBe(true);
  });

  it('openWithDataKey wipes the decrypted payload even when it turns out not to match the format', async () => {
    const { contents, dataKey } = await sealedVault();
    // A format-2 payload (it carries the store) sealed under a format-1 header: it decrypts, then is refused.
    const { journal: _j, ...rest } = contents;
    const head = { ...rest, version: 1 as const };
    const plain = encodePayload(emptyVaultData(), store());
    const asV1: VaultFileContents = { ...head, payload: seal(dataKey, plain, payloadAd(head), randomBytes(12)) };
    reset();
    expect(() => openWithDataKey(asV1, dataKey)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }) as Error);
    expect(seen.opened).toHaveLength(1);
    expect(allZero(seen.opened[0]!)).toBe(true);
  });
});

describe('unlocking wipes the KEK', () => {
  const h = useVaultHarness();
  it('after a right and after a wrong password', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    reset();
    await h.vault.unlock(TEST_PASSWORD);
    expect(seen.keys.length).toBeGreaterThan(0);
    expect(seen.keys.every((k) => allZero(k.kek))).toBe(true);
    await h.vault.lock();
    reset();
    await expect(h.vault.unlock('a wrong password, long enough')).rejects.toMatchObject({ code: 'BAD_PASSWORD' });
    expect(seen.keys.length).toBeGreaterThan(0);
    expect(seen.keys.every((k) => allZero(k.kek))).toBe(true);
  });
});
