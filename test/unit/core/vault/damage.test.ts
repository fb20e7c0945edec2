import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { encodeVaultFile, type VaultFileContents } from '../../../../main/core/vault/vaultFormat.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

function decodeCode(bytes: Buffer): string {
  try {
    decodeVaultFile(bytes);
    return 'decoded';
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
}

const h = useVaultHarness();
let good: Buffer;

beforeEach(async () => {
  await h.vault.create(TEST_PASSWORD);
  await h.vault.update((d) => {
    d.tokens.push({ id: 't1', accountId: 'a1', kind: 'ocean-provider', value: 'token-value-1234', createdAt: 1, expiresAt: 2, state: 'active' });
  });
  await h.vault.update((d) => {
    d.oceanExpirations['p|0xabc'] = [60, 120];
  });
  await h.vault.lock();
  good = await readFile(h.file.path);
});

describe('a damaged vault file', () => {
  // About a thousand unlocks, each reading and setting aside a file: seconds on a busy 2-core machine.
  it('one flipped bit at every position is VAULT_DAMAGED through unlock, and the file stays as it was', { timeout: 60_000 }, async () => {
    expect(good.length).toBeGreaterThan(500);
    for (let i = 0; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i] = bad[i]! ^ 0x01;
      await writeFile(h.file.path, bad);
      const vault = h.reopen();
      expect([i, await codeOf(vault.unlock(TEST_PASSWORD))]).toEqual([i, 'VAULT_DAMAGED']);
      expect((await readFile(h.file.path)).equals(bad)).toBe(true);
    }
  });

  it('one flipped bit at every position of the journal is VAULT_DAMAGED, whatever the password, and the journal is kept', async () => {
    const name = decodeVaultFile(good).journal!;
    const path = join(h.dir, name);
    const journal = await readFile(path);
    expect(journal.length).toBeGreaterThan(200);
    for (let i = 0; i < journal.length; i++) {
      const bad = Buffer.from(journal);
      bad[i] = bad[i]! ^ 0x01;
      await writeFile(path, bad);
      const vault = h.reopen();
      expect([i, await codeOf(vault.unlock(TEST_PASSWORD))]).toEqual([i, 'VAULT_DAMAGED']);
      expect([i, await codeOf(vault.unlock('not the password'))]).toEqual([i, 'VAULT_DAMAGED']);
      expect((await readFile(path)).equals(bad)).toBe(true);
    }
    // A torn last record is not damage: it was never acknowledged, and the rest opens.
    await writeFile(path, journal.subarray(0, journal.length - 3));
    const vault = h.reopen();
    await vault.unlock(TEST_PASSWORD);
    expect(vault.read().tokens.map((t) => t.id)).toEqual(['t1']);
    expect(vault.read().oceanExpirations).toEqual({});
  }, 30_000);

  it('any other flip of any byte, and any truncation, fails the structural check', () => {
    for (let i = 0; i < good.length; i++) {
      for (const mask of [0x02, 0x20, 0x80, 0xff]) {
        const bad = Buffer.from(good);
        bad[i] = bad[i]! ^ mask;
        expect([i, mask, decodeCode(bad)]).toEqual([i, mask, 'VAULT_DAMAGED']);
      }
    }
    for (let len = 0; len < good.length; len += 7) {
      expect([len, decodeCode(good.subarray(0, len))]).toEqual([len, 'VAULT_DAMAGED']);
    }
    expect(decodeCode(Buffer.concat([good, Buffer.from('\n')]))).toBe('VAULT_DAMAGED');
    expect(decodeCode(good)).toBe('decoded');
  });

  it('a payload in another base64 of the same bytes, checksum recomputed, is not the canonical file: VAULT_DAMAGED', () => {
    // The ciphertext is random, so it may have no '+' or '/' to re-spell: its first three bytes are set
    // to 0xfbefbe, which base64 writes '++++' (this checks structure only, so it need not decrypt).
    const c = decodeVaultFile(good);
    c.payload = { ...c.payload, ct: Buffer.concat([Buffer.from([0xfb, 0xef, 0xbe]), c.payload.ct.subarray(3)]) };
    const canonical = encodeVaultFile(c);
    expect(decodeCode(canonical)).toBe('decoded');
    const text = canonical.toString('utf8');
    const ctAt = text.lastIndexOf('"ct":"') + 6;
    const ct = text.slice(ctAt, text.indexOf('"', ctAt));
    const at = ct.search(/[+/]/);
    expect(at).toBe(0);
    // base64url's letters decode to the same bytes in Node's decoder.
    const other = ct.slice(0, at) + (ct[at] === '+' ? '-' : '_') + ct.slice(at + 1);
    expect(Buffer.from(other, 'base64').equals(Buffer.from(ct, 'base64'))).toBe(true);
    const edited = text.slice(0, ctAt) + other + text.slice(ctAt + ct.length);
    const body = edited.slice(0, edited.lastIndexOf(',"sha256":"'));
    const resummed = `${body},"sha256":"${createHash('sha256').update(body + '}').digest('hex')}"}`;
    expect(decodeCode(Buffer.from(resummed, 'utf8'))).toBe('VAULT_DAMAGED');
  });

  it('is VAULT_DAMAGED even when the password typed is also wrong: damage is found before the password', async () => {
    const bad = Buffer.from(good);
    bad[good.length - 10] = bad[good.length - 10]! ^ 0x04;
    await writeFile(h.file.path, bad);
    expect(await codeOf(h.reopen().unlock('wrong password entirely'))).toBe('VAULT_DAMAGED');
  });

  describe('deliberate tampering that recomputes the checksum', () => {
    const tamper = async (edit: (c: VaultFileContents) => void): Promise<string> => {
      const c = decodeVaultFile(good);
      edit(c);
      await writeFile(h.file.path, encodeVaultFile(c));
      return codeOf(h.reopen().unlock(TEST_PASSWORD));
    };
    const flip = (b: Buffer): void => void (b[0] = b[0]! ^ 1);

    it('of the wrapped key, the key check, the payload or what their AD binds is VAULT_DAMAGED', async () => {
      expect(await tamper((c) => flip(c.wrap.ct))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => flip(c.wrap.tag))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => flip(c.wrap.iv))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => flip(c.keyCheck))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => flip(c.payload.ct))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => flip(c.payload.tag))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => void (c.generation += 1))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => void (c.writtenAt += 1))).toBe('VAULT_DAMAGED');
      expect(await tamper((c) => void (c.vaultId = c.vaultId.replace(/^./, (x) => (x === 'a' ? 'b' : 'a'))))).toBe('VAULT_DAMAGED');
    });

    it('of the salt or the password check reads as BAD_PASSWORD: the documented limit without an outside secret', async () => {
      expect(await tamper((c) => flip(c.kdf.salt))).toBe('BAD_PASSWORD');
      expect(await tamper((c) => flip(c.check))).toBe('BAD_PASSWORD');
    });

    it('asking for an absurd KDF cost is refused before any work', async () => {
      expect(await tamper((c) => void (c.kdf.N = 2 ** 30))).toBe('VAULT_DAMAGED');
    });
  });

  it('a file from a newer format version is reported as such, not as a bad password', async () => {
    await writeFile(h.file.path, good.toString('utf8').replace('"version":2', '"version":3'));
    const err = await h.reopen().unlock(TEST_PASSWORD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VAULT_DAMAGED');
    expect((err as AppError).message).toMatch(/newer version/);
  });
});
