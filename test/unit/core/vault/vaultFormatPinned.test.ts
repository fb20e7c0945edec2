import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { deriveFor, openWithDataKey, openWithKeys, openWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile, encodeVaultFile, keyCheckInput, payloadAd, wrapAd, type VaultFileContents } from '../../../../main/core/vault/vaultFormat.js';
import { FIXTURE_V1 } from '../../../fixtures/vault-v1/fixtureV1.js';

// The committed format-1 vault (shared with the journal's migration test): renaming the format, its
// version or any associated-data string would turn every vault on disk into VAULT_DAMAGED.
const BYTES = readFileSync(join(import.meta.dirname, '../../../fixtures/vault-v1/vault.json'));
const RAW = JSON.parse(BYTES.toString('utf8')) as Record<string, unknown> & { vaultId: string };

async function failure(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${String(e)}`);
  }
  throw new Error('expected a failure');
}
const reason = (e: AppError): string => (e.cause instanceof Error ? e.cause.message : '');

/** The file with one field changed and its checksum recomputed, as a deliberate edit would. */
function edited(change: (raw: Record<string, unknown>) => void): Buffer {
  const { sha256: _old, ...body } = structuredClone(RAW);
  change(body);
  const sha256 = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return Buffer.from(JSON.stringify({ ...body, sha256 }), 'utf8');
}
const b64 = (n: number): string => Buffer.alloc(n, 7).toString('base64');

describe('the committed format-1 vault', () => {
  it('pins the format name and version in the file', () => {
    expect(RAW['format']).toBe('token-vault');
    expect(RAW['version']).toBe(1);
  });

  it('decodes, re-encodes to the very same bytes, and opens with its password', async () => {
    const contents = decodeVaultFile(BYTES);
    expect(encodeVaultFile(contents).equals(BYTES)).toBe(true);
    const opened = await openWithPassword(contents, FIXTURE_V1.password);
    expect(opened.data.accounts).toEqual(FIXTURE_V1.accounts);
    expect(opened.generation).toBe(RAW['generation']);
    expect(opened.material.vaultId).toBe(RAW.vaultId);
  });

  it('pins the associated-data strings byte for byte', () => {
    const c = decodeVaultFile(BYTES);
    const salt = c.kdf.salt.toString('base64');
    expect(wrapAd(c.vaultId, c.kdf).toString('utf8')).toBe(`token-vault/v1/wrap\0${c.vaultId}\0scrypt:1024:8:1:${salt}`);
    expect(payloadAd(c.vaultId, 10, 1750000400000).toString('utf8')).toBe(`token-vault/v1/payload\0${c.vaultId}\x0010\x001750000400000`);
    expect(keyCheckInput(c.vaultId).toString('utf8')).toBe(`token-vault/v1/key-check\0${c.vaultId}`);
  });

  it('a wrong password is BAD_PASSWORD', async () => {
    expect((await failure(openWithPassword(decodeVaultFile(BYTES), 'not it'))).code).toBe('BAD_PASSWORD');
  });
});

describe('each binding on its own, checksum recomputed (only the password is right)', () => {
  const open = async (bytes: Buffer): Promise<AppError> => failure(openWithPassword(decodeVaultFile(bytes), FIXTURE_V1.password));
  const flip = (s: string): string => {
    const b = Buffer.from(s, 'base64');
    b[0] = (b[0] ?? 0) ^ 1;
    return b.toString('base64');
  };

  it('a changed wrapped key is VAULT_DAMAGED, not BAD_PASSWORD', async () => {
    const err = await open(edited((r) => ((r['wrap'] as { ct: string }).ct = flip((r['wrap'] as { ct: string }).ct))));
    expect(err.code).toBe('VAULT_DAMAGED');
    expect(reason(err)).toContain('wrapped key');
  });

  it('a changed vault id fails the wrapped key\'s AD', async () => {
    const err = await open(edited((r) => (r['vaultId'] = `${RAW.vaultId.slice(0, -1)}0`)));
    expect(err.code).toBe('VAULT_DAMAGED');
    expect(reason(err)).toContain('wrapped key');
  });

  it('a changed key check is VAULT_DAMAGED', async () => {
    const err = await open(edited((r) => (r['keyCheck'] = flip(r['keyCheck'] as string))));
    expect(err.code).toBe('VAULT_DAMAGED');
    expect(reason(err)).toBe('key check mismatch');
  });

  it('a changed generation or write time fails the payload\'s AD', async () => {
    for (const change of [(r: Record<string, unknown>) => (r['generation'] = 11), (r: Record<string, unknown>) => (r['writtenAt'] = 1750000400001)]) {
      const err = await open(edited(change));
      expect(err.code).toBe('VAULT_DAMAGED');
      expect(reason(err)).toBe('payload fails authentication');
    }
  });

  it('a changed check value is BAD_PASSWORD (the documented limit), never another error', async () => {
    expect((await open(edited((r) => (r['check'] = flip(r['check'] as string))))).code).toBe('BAD_PASSWORD');
  });

  it('the keychain path checks the key: a wrong data key is VAULT_DAMAGED', async () => {
    const err = await failure(() => openWithDataKey(decodeVaultFile(BYTES), Buffer.alloc(32, 1)));
    expect(err.code).toBe('VAULT_DAMAGED');
    expect(reason(err)).toBe('key check mismatch');
  });

  it('openWithKeys with keys of another password is BAD_PASSWORD before any key is unwrapped', async () => {
    const c = decodeVaultFile(BYTES);
    const keys = await deriveFor(c, 'another password');
    expect((await failure(() => openWithKeys(c, keys))).code).toBe('BAD_PASSWORD');
  });
});

describe('bad structure is a typed VAULT_DAMAGED, never a TypeError or RangeError', () => {
  it.each(['null', '[]', '1', '"token-vault"', '{}', 'true'])('a file whose content is %s', async (text) => {
    const err = await failure(() => decodeVaultFile(Buffer.from(text)));
    expect(err.code).toBe('VAULT_DAMAGED');
  });

  it('bytes that are not UTF-8', async () => {
    expect(reason(await failure(() => decodeVaultFile(Buffer.from([0x7b, 0xff, 0x7d]))))).toBe('not valid UTF-8 JSON');
  });

  it.each<[string, (r: Record<string, unknown>) => void]>([
    ['a short check value', (r) => (r['check'] = b64(16))],
    ['a long check value', (r) => (r['check'] = b64(33))],
    ['a short key check', (r) => (r['keyCheck'] = b64(31))],
    ['a short salt', (r) => ((r['kdf'] as Record<string, unknown>)['salt'] = b64(15))],
    ['a long salt', (r) => ((r['kdf'] as Record<string, unknown>)['salt'] = b64(65))],
    ['a short wrap IV', (r) => ((r['wrap'] as Record<string, unknown>)['iv'] = b64(8))],
    ['a long wrap IV', (r) => ((r['wrap'] as Record<string, unknown>)['iv'] = b64(13))],
    ['a short wrap tag', (r) => ((r['wrap'] as Record<string, unknown>)['tag'] = b64(4))],
    ['a short wrapped key', (r) => ((r['wrap'] as Record<string, unknown>)['ct'] = b64(16))],
    ['a long wrapped key', (r) => ((r['wrap'] as Record<string, unknown>)['ct'] = b64(33))],
    ['an empty payload IV', (r) => ((r['payload'] as Record<string, unknown>)['iv'] = '')],
    ['an empty keychain blob', (r) => (r['keychain'] = { backend: 'basic_text', blob: '' })],
  ])('%s with a recomputed checksum', async (_label, change) => {
    const err = await failure(async () => openWithPassword(decodeVaultFile(edited(change)), FIXTURE_V1.password));
    expect(err.code).toBe('VAULT_DAMAGED');
    expect(reason(err)).toBe('field length');
  });

  it.each<[string, (r: Record<string, unknown>) => void]>([
    ['N not a power of two', (r) => ((r['kdf'] as Record<string, unknown>)['N'] = 1000)],
    ['r of 0', (r) => ((r['kdf'] as Record<string, unknown>)['r'] = 0)],
    ['p negative', (r) => ((r['kdf'] as Record<string, unknown>)['p'] = -1)],
  ])('KDF parameters out of bounds (%s) are damaged before any KDF runs', async (_label, change) => {
    expect(reason(await failure(() => decodeVaultFile(edited(change))))).toBe('kdf parameters out of bounds');
  });

  it('a newer version says to update the app; an unknown format is plain damage', async () => {
    const newer = await failure(() => decodeVaultFile(edited((r) => (r['version'] = 2))));
    expect(newer.code).toBe('VAULT_DAMAGED');
    expect(newer.message).toContain('newer version');
    const other = await failure(() => decodeVaultFile(edited((r) => ((r['version'] = 2), (r['format'] = 'other')))));
    expect(other.message).not.toContain('newer version');
  });

  it('a file not in canonical form is told apart from a checksum mismatch', async () => {
    const spaced = Buffer.from(BYTES.toString('utf8').replace('{"format"', '{ "format"'));
    expect(reason(await failure(() => decodeVaultFile(spaced)))).toBe('not in canonical form');
    const flipped = Buffer.from(BYTES.toString('utf8').replace(/"generation":10/, '"generation":11'));
    expect(reason(await failure(() => decodeVaultFile(flipped)))).toBe('checksum mismatch');
  });

  it('a file with a keychain record round-trips through encode and decode', () => {
    const c: VaultFileContents = { ...decodeVaultFile(BYTES), keychain: { backend: 'gnome_libsecret', blob: Buffer.from([1, 2, 3]) } };
    const back = decodeVaultFile(encodeVaultFile(c));
    expect(back.keychain).toEqual({ backend: 'gnome_libsecret', blob: Buffer.from([1, 2, 3]) });
  });
});
