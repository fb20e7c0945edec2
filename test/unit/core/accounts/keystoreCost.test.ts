import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { assertKeystoreCost } from '../../../../main/core/accounts/keystoreCost.js';

function keystore(kdf: 'scrypt' | 'pbkdf2', kdfparams: Record<string, unknown>, key: 'crypto' | 'Crypto' = 'crypto'): string {
  return JSON.stringify({
    version: 3,
    id: '00000000-0000-4000-8000-000000000000',
    [key]: { cipher: 'aes-128-ctr', cipherparams: { iv: '00'.repeat(16) }, ciphertext: '00'.repeat(32), kdf, kdfparams: { dklen: 32, salt: '00'.repeat(32), ...kdfparams }, mac: '00'.repeat(32) },
  });
}

function codeOf(json: string): string {
  try {
    assertKeystoreCost(json);
    return 'accepted';
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
}

describe('assertKeystoreCost', () => {
  it("accepts geth's standard and light settings and pbkdf2 up to 2^20 rounds (4x geth's)", () => {
    expect(codeOf(keystore('scrypt', { n: 2 ** 18, r: 8, p: 1 }))).toBe('accepted');
    expect(codeOf(keystore('scrypt', { n: 2 ** 12, r: 8, p: 6 }, 'Crypto'))).toBe('accepted');
    expect(codeOf(keystore('pbkdf2', { c: 262_144, prf: 'hmac-sha256' }))).toBe('accepted');
    expect(codeOf(keystore('pbkdf2', { c: 2 ** 20, prf: 'hmac-sha256' }))).toBe('accepted');
  });

  it('refuses absurd costs before anything decrypts', () => {
    expect(codeOf(keystore('scrypt', { n: 2 ** 19, r: 8, p: 1 }))).toBe('KEYSTORE_TOO_COSTLY');
    expect(codeOf(keystore('scrypt', { n: 2 ** 30, r: 8, p: 1 }))).toBe('KEYSTORE_TOO_COSTLY');
    expect(codeOf(keystore('scrypt', { n: 2 ** 4, r: 8, p: 16 }))).toBe('KEYSTORE_TOO_COSTLY'); // r*p = 128
    expect(codeOf(keystore('scrypt', { n: 2 ** 18, r: 16, p: 1 }))).toBe('KEYSTORE_TOO_COSTLY'); // 512 MiB
    expect(codeOf(keystore('scrypt', { n: 2 ** 18, r: 8, p: 2 }))).toBe('KEYSTORE_TOO_COSTLY'); // twice geth's work
    expect(codeOf(keystore('pbkdf2', { c: 2 ** 20 + 1, prf: 'hmac-sha256' }))).toBe('KEYSTORE_TOO_COSTLY');
    expect(codeOf(keystore('pbkdf2', { c: 10_000_000, prf: 'hmac-sha256' }))).toBe('KEYSTORE_TOO_COSTLY');
  });

  it('calls anything else not a keystore', () => {
    for (const json of [
      'not json',
      '[]',
      '{"version":1}',
      keystore('scrypt', { n: 1000, r: 8, p: 1 }),
      keystore('scrypt', { n: '262144', r: 8, p: 1 }),
      keystore('scrypt', { n: 2 ** 10, r: 8, p: 1, dklen: 16 }),
      keystore('pbkdf2', { c: 1000, prf: 'hmac-sha1' }),
      JSON.stringify({ version: 3, crypto: { kdf: 'argon2', kdfparams: { dklen: 32 } } }),
    ]) {
      expect([json.slice(0, 40), codeOf(json)]).toEqual([json.slice(0, 40), 'BAD_KEY']);
    }
  });
});
