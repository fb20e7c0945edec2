import { describe, expect, it, vi, beforeEach } from 'vitest';
import type { PasswordKeys } from '../../../../main/core/vault/kdf.js';
import { KdfHeadStart } from '../../../../main/core/vault/KdfHeadStart.js';
import { wrapWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { encodeVaultFile, type KeyMaterial } from '../../../../main/core/vault/vaultFormat.js';
import { randomBytes } from 'node:crypto';
import { TEST_KDF, TEST_PASSWORD } from '../../../support/vaultHarness.js';

/** Every KDF run as it starts, with the salt and cost it runs with and the keys it hands out (the real function runs). */
const runs = vi.hoisted(() => [] as Array<{ salt: string; N: number; keys: Promise<PasswordKeys> }>);
vi.mock('../../../../main/core/vault/kdf.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../main/core/vault/kdf.js')>();
  return {
    ...real,
    derivePasswordKeys: (...args: Parameters<typeof real.derivePasswordKeys>) => {
      const keys = real.derivePasswordKeys(...args);
      runs.push({ salt: Buffer.from(args[1]).toString('hex'), N: args[2].N, keys });
      return keys;
    },
  };
});

beforeEach(() => void (runs.length = 0));

async function material(kdf = TEST_KDF): Promise<KeyMaterial> {
  return wrapWithPassword('vault-headstart-1', randomBytes(32), TEST_PASSWORD, kdf, randomBytes);
}
/** The first bytes of a vault file with this key material (what peek sees). */
function fileBytes(m: KeyMaterial): Buffer {
  return encodeVaultFile({ ...m, version: 2, generation: 1, writtenAt: 1, journal: 'vault.json.j-1-aaaaaa', payload: { iv: Buffer.alloc(12), ct: Buffer.alloc(16), tag: Buffer.alloc(16) } });
}
const saltOf = (m: KeyMaterial): string => m.kdf.salt.toString('hex');
const allZero = (b: Buffer): boolean => b.every((x) => x === 0);

describe('KdfHeadStart', () => {
  it('with nothing remembered, starts the KDF on the parameters peeked from the file, and the checked file uses those keys', async () => {
    const m = await material();
    runs.length = 0;
    const head = new KdfHeadStart(TEST_KDF).begin(TEST_PASSWORD);
    expect(head.startedAt).toBe(0);
    head.peek(fileBytes(m));
    expect(head.startedAt).toBeGreaterThan(0);
    expect(head.startedAt).toBeLessThanOrEqual(performance.now());
    const keys = await head.keys(m);
    expect(runs.map((r) => r.salt)).toEqual([saltOf(m)]);
    expect(await runs[0]!.keys).toBe(keys);
  });

  it('with the parameters of the last session remembered, starts at once and ignores the peek', async () => {
    const m = await material();
    const hs = new KdfHeadStart(TEST_KDF);
    hs.remember(m.kdf);
    const other = fileBytes(await material());
    runs.length = 0;
    const head = hs.begin(TEST_PASSWORD);
    expect(head.startedAt).toBeGreaterThan(0);
    head.peek(other);
    await head.keys(m);
    expect(runs.map((r) => r.salt)).toEqual([saltOf(m)]);
  });

  it('keeps its own copy of the remembered salt', async () => {
    const m = await material();
    const hs = new KdfHeadStart(TEST_KDF);
    const kdf = { ...m.kdf, salt: Buffer.from(m.kdf.salt) };
    hs.remember(kdf);
    kdf.salt.fill(0);
    runs.length = 0;
    await hs.begin(TEST_PASSWORD).keys(m);
    expect(runs.map((r) => r.salt)).toEqual([saltOf(m)]);
  });

  it('never starts a KDF costlier than configured before the file is checked; the checked file then gets its own', async () => {
    const costly = await material({ ...TEST_KDF, N: TEST_KDF.N * 2 });
    runs.length = 0;
    const head = new KdfHeadStart(TEST_KDF).begin(TEST_PASSWORD);
    head.peek(fileBytes(costly));
    expect(runs).toEqual([]);
    await head.keys(costly);
    expect(runs.map((r) => [r.salt, r.N])).toEqual([[saltOf(costly), TEST_KDF.N * 2]]);
  });

  it('a head start on other parameters than the checked file has is discarded (its KEK wiped) and the KDF run again', async () => {
    const old = await material();
    const current = await material();
    const hs = new KdfHeadStart(TEST_KDF);
    hs.remember(old.kdf);
    runs.length = 0;
    const head = hs.begin(TEST_PASSWORD);
    const keys = await head.keys(current);
    expect(runs.map((r) => r.salt)).toEqual([saltOf(old), saltOf(current)]);
    expect(await runs[1]!.keys).toBe(keys);
    const early = await runs[0]!.keys;
    // discard() asked for the wipe first, so it has run by the time this await resumes.
    expect(allZero(early.kek)).toBe(true);
    expect(allZero(keys.kek)).toBe(false);
  });

  it('discard wipes the KEK of a head start when it arrives', async () => {
    const m = await material();
    runs.length = 0;
    const head = new KdfHeadStart(TEST_KDF).begin(TEST_PASSWORD);
    head.peek(fileBytes(m));
    head.discard();
    expect(runs).toHaveLength(1);
    const early = await runs[0]!.keys;
    // discard() asked for the wipe first, so it has run by the time this await resumes.
    expect(allZero(early.kek)).toBe(true);
  });
});
