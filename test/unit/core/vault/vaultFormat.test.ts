import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { seal } from '../../../../main/core/vault/aead.js';
import { keyCheck, openWithDataKey, openWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { encodeVaultFile, peekKdf, sameKdf, wrapAd, type VaultFileContents } from '../../../../main/core/vault/vaultFormat.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

/** What decodeVaultFile throws: its code and the reason kept as its cause (never shown to the person). */
function failure(bytes: Uint8Array): { code: string; reason?: string; message?: string } {
  try {
    decodeVaultFile(bytes);
    return { code: 'decoded' };
  } catch (e) {
    if (!(e instanceof AppError)) return { code: `raw ${(e as Error).name}` };
    return { code: e.code, reason: (e.cause as Error | undefined)?.message, message: e.message };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit the file's JSON field by field, any shape on purpose
type Json = Record<string, any>;

/** The file's JSON with `edit` applied and the checksum recomputed, so only the edited rule can refuse it. */
function rewritten(good: Buffer, edit: (o: Json) => void): Buffer {
  const o = JSON.parse(good.toString('utf8')) as Json;
  delete o['sha256'];
  edit(o);
  const sha256 = createHash('sha256').update(JSON.stringify(o)).digest('hex');
  return Buffer.from(JSON.stringify({ ...o, sha256 }), 'utf8');
}

const b64 = (n: number): string => Buffer.alloc(n, 7).toString('base64');
const h = useVaultHarness();
let good: Buffer;

beforeEach(async () => {
  await h.vault.create(TEST_PASSWORD);
  await h.vault.update((d) => void (d.oceanExpirations['p|0xabc'] = [60]));
  await h.vault.lock();
  good = await readFile(h.file.path);
});

describe('decoding a vault file: every bad input is a typed VAULT_DAMAGED', () => {
  it('the good file decodes and re-encodes to the very same bytes', () => {
    expect(encodeVaultFile(decodeVaultFile(good)).equals(good)).toBe(true);
  });

  it.each(['null', '[]', '"token-vault"', '42', 'true', '{}', ''])('content %j is VAULT_DAMAGED, not a TypeError', (text) => {
    expect(failure(Buffer.from(text, 'utf8')).code).toBe('VAULT_DAMAGED');
  });

  it('bytes that are not UTF-8 are VAULT_DAMAGED', () => {
    const bad = Buffer.concat([good.subarray(0, 20), Buffer.from([0xc3, 0x28]), good.subarray(20)]);
    expect(failure(bad)).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'not valid UTF-8 JSON' });
  });

  // Each with a recomputed checksum: the length check itself must refuse it, never a RangeError later.
  it.each<[string, (o: Json) => void]>([
    ['salt too short', (o) => void (o['kdf'].salt = b64(15))],
    ['salt too long', (o) => void (o['kdf'].salt = b64(65))],
    ['check too short', (o) => void (o['check'] = b64(31))],
    ['check too long', (o) => void (o['check'] = b64(33))],
    ['key check too short', (o) => void (o['keyCheck'] = b64(16))],
    ['wrap iv too short', (o) => void (o['wrap'].iv = b64(11))],
    ['wrap iv too long', (o) => void (o['wrap'].iv = b64(13))],
    ['wrapped key too short', (o) => void (o['wrap'].ct = b64(31))],
    ['wrapped key too long', (o) => void (o['wrap'].ct = b64(33))],
    ['wrap tag too short', (o) => void (o['wrap'].tag = b64(15))],
    ['payload iv too short', (o) => void (o['payload'].iv = b64(4))],
    ['payload tag too long', (o) => void (o['payload'].tag = b64(17))],
    ['empty keychain blob', (o) => void (o['keychain'] = { backend: 'basic_text', blob: '' })],
    ['keychain blob too long', (o) => void (o['keychain'] = { backend: 'basic_text', blob: b64(4097) })],
  ])('%s: VAULT_DAMAGED (field length)', (_name, edit) => {
    expect(failure(rewritten(good, edit))).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'field length' });
  });

  it('the longest allowed lengths decode (the bounds are inclusive)', () => {
    const bytes = rewritten(good, (o) => {
      o['kdf'].salt = b64(64);
      const { journal, payload } = o;
      delete o['journal'];
      delete o['payload'];
      Object.assign(o, { keychain: { backend: 'basic_text', blob: b64(4096) }, journal, payload });
    });
    const c = decodeVaultFile(bytes);
    expect(c.kdf.salt).toHaveLength(64);
    expect(c.keychain?.blob).toHaveLength(4096);
    expect(decodeVaultFile(rewritten(good, (o) => void (o['kdf'].salt = b64(16)))).kdf.salt).toHaveLength(16);
  });

  it.each<[string, (o: Json) => void]>([
    ['another format name', (o) => void (o['format'] = 'token-vault2')],
    ['version 0', (o) => void (o['version'] = 0)],
    ['a negative generation', (o) => void (o['generation'] = -1)],
    ['a fractional write time', (o) => void (o['writtenAt'] = 1.5)],
    ['a vault id with a slash', (o) => void (o['vaultId'] = 'abcdefgh/ijk')],
    ['a vault id too short', (o) => void (o['vaultId'] = 'abcdefg')],
    ['another KDF', (o) => void (o['kdf'].name = 'argon2id')],
    ['an unknown field', (o) => void (o['extra'] = 1)],
    ['a journal name that is a path', (o) => void (o['journal'] = '../vault.json.j-1-abc')],
    ['a journal name starting with a dot', (o) => void (o['journal'] = '.j-1')],
    ['base64 with a bad character', (o) => void (o['check'] = o['check'].replace(/^./, '*'))],
    ['a missing payload', (o) => void delete o['payload']],
  ])('%s: VAULT_DAMAGED (schema)', (_name, edit) => {
    expect(failure(rewritten(good, edit))).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'schema mismatch' });
  });

  it('KDF parameters out of bounds are refused before anything would allocate them', () => {
    expect(failure(rewritten(good, (o) => void (o['kdf'].N = 3)))).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'kdf parameters out of bounds' });
    expect(failure(rewritten(good, (o) => void (o['kdf'].N = 2 ** 21)))).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'kdf parameters out of bounds' });
  });

  it('format 1 with a journal is damage', () => {
    expect(failure(rewritten(good, (o) => void (o['version'] = 1)))).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'format 1 has no journal' });
  });

  it('a newer format version says to update the app; another format name with a high version does not', () => {
    const newer = failure(rewritten(good, (o) => void (o['version'] = 3)));
    expect(newer).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'format version 3' });
    expect(newer.message).toMatch(/newer version of Token Vault/);
    expect(failure(rewritten(good, (o) => void (o['version'] = 2.5)))).toMatchObject({ reason: 'format version 2.5' });
    const foreign = failure(rewritten(good, (o) => Object.assign(o, { format: 'other-vault', version: 3 })));
    expect(foreign).toMatchObject({ code: 'VAULT_DAMAGED', reason: 'schema mismatch' });
  });

  it('tells a checksum mismatch from a non-canonical file', () => {
    const o = JSON.parse(good.toString('utf8')) as Record<string, unknown>;
    expect(failure(Buffer.from(JSON.stringify({ ...o, sha256: '0'.repeat(64) })))).toMatchObject({ reason: 'checksum mismatch' });
    // Same fields, same checksum, written with spaces: not the canonical bytes.
    expect(failure(Buffer.from(JSON.stringify(o, null, 1)))).toMatchObject({ reason: 'not in canonical form' });
  });
});

describe('the key bindings, each on its own (right password, checksum recomputed)', () => {
  it('a wrapped key sealed under another vault id is VAULT_DAMAGED, not BAD_PASSWORD', async () => {
    const c = decodeVaultFile(good);
    // Another wrap AD only: the KEK is the right one, so the password check passes and GCM must refuse.
    const dataKey = (await openWithPassword(c, TEST_PASSWORD)).dataKey;
    const { deriveFor } = await import('../../../../main/core/vault/vaultCrypto.js');
    const keys = await deriveFor(c, TEST_PASSWORD);
    const wrap = seal(keys.kek, dataKey, wrapAd('another-vault-id', c.kdf), randomBytes(12));
    const altered: VaultFileContents = { ...c, wrap };
    expect(await codeOf(openWithPassword(altered, TEST_PASSWORD))).toBe('VAULT_DAMAGED');
    // The same seal under the right AD opens: it is the AD that refused it.
    const right: VaultFileContents = { ...c, wrap: seal(keys.kek, dataKey, wrapAd(c.vaultId, c.kdf), randomBytes(12)) };
    expect((await openWithPassword(right, TEST_PASSWORD)).dataKey.equals(dataKey)).toBe(true);
  });

  it('a key check that does not match the data key is VAULT_DAMAGED; the key check binds the vault id', async () => {
    const c = decodeVaultFile(good);
    const dataKey = (await openWithPassword(c, TEST_PASSWORD)).dataKey;
    expect(keyCheck(dataKey, c.vaultId).equals(c.keyCheck)).toBe(true);
    expect(keyCheck(dataKey, `${c.vaultId}x`).equals(c.keyCheck)).toBe(false);
    const bad = Buffer.from(c.keyCheck);
    bad[0]! ^= 1;
    expect(() => openWithDataKey({ ...c, keyCheck: bad }, dataKey)).toThrow(expect.objectContaining({ code: 'VAULT_DAMAGED' }) as Error);
    // Through unlock, with the file rewritten and its checksum recomputed.
    await h.file.write(encodeVaultFile({ ...c, keyCheck: bad }), () => true);
    expect(await codeOf(h.vault.unlock(TEST_PASSWORD))).toBe('VAULT_DAMAGED');
  });

  it('a wrong password is BAD_PASSWORD even when the key check was altered: the check value covers no header field', async () => {
    const c = decodeVaultFile(good);
    const bad = Buffer.from(c.keyCheck);
    bad[0]! ^= 1;
    expect(await codeOf(openWithPassword({ ...c, keyCheck: bad }, 'some other password'))).toBe('BAD_PASSWORD');
  });
});

describe('peekKdf: the KDF head start reads only plausible parameters', () => {
  it('finds the file\'s parameters, and nothing in damaged or foreign heads', () => {
    const c = decodeVaultFile(good);
    const peeked = peekKdf(good);
    expect(peeked && sameKdf(peeked, c.kdf)).toBe(true);
    expect(peekKdf(Buffer.from('not json at all'))).toBeNull();
    expect(peekKdf(Buffer.from('{"kdf":{"name":"scrypt"'))).toBeNull();
    const swap = (from: string, to: string) => peekKdf(Buffer.from(good.toString('latin1').replace(from, to), 'latin1'));
    expect(swap('"name":"scrypt"', '"name":"argon2"')).toBeNull();
    expect(swap(`"N":${c.kdf.N}`, '"N":3')).toBeNull();
    expect(swap(`"salt":"${c.kdf.salt.toString('base64')}"`, `"salt":"${b64(8)}"`)).toBeNull();
    expect(swap(`"salt":"${c.kdf.salt.toString('base64')}"`, `"salt":"${b64(65)}"`)).toBeNull();
    expect(swap(`"salt":"${c.kdf.salt.toString('base64')}"`, '"salt":7')).toBeNull();
    expect(swap('"kdf":', '"kdx":')).toBeNull();
    // A view into a larger buffer is read from its own offset.
    const padded = Buffer.concat([Buffer.from('xxxx'), good]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 4, good.length);
    expect(sameKdf(peekKdf(view)!, c.kdf)).toBe(true);
  });

  it('sameKdf compares every parameter and the salt', () => {
    const k = decodeVaultFile(good).kdf;
    expect(sameKdf(k, { ...k })).toBe(true);
    expect(sameKdf(k, { ...k, N: k.N * 2 })).toBe(false);
    expect(sameKdf(k, { ...k, r: k.r + 1 })).toBe(false);
    expect(sameKdf(k, { ...k, p: k.p + 1 })).toBe(false);
    expect(sameKdf(k, { ...k, salt: Buffer.alloc(k.salt.length) })).toBe(false);
  });
});
