import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IV_BYTES, open, openSliced, seal, TAG_BYTES, type Sealed } from '../../../../main/core/vault/aead.js';

const key = Buffer.alloc(32, 3);
const ad = Buffer.from('vault-id|epoch 1');
const plain = Buffer.from('a token value and some more bytes to cross slices');

const flip = (b: Buffer, i = 0): Buffer => {
  const c = Buffer.from(b);
  c[i] = c[i]! ^ 1;
  return c;
};

describe('AES-256-GCM seal / open', () => {
  it('seals with the IV given and a 16-byte tag; open and openSliced (any slice size) return the plaintext', async () => {
    const iv = randomBytes(IV_BYTES);
    const s = seal(key, plain, ad, iv);
    expect(s.iv).toBe(iv);
    expect(s.tag).toHaveLength(TAG_BYTES);
    expect(TAG_BYTES).toBe(16);
    expect(IV_BYTES).toBe(12);
    expect(s.ct).toHaveLength(plain.length);
    expect(s.ct.equals(plain)).toBe(false);
    expect(open(key, s, ad)?.toString()).toBe(plain.toString());
    for (const slice of [1, 7, plain.length, 1 << 20]) expect((await openSliced(key, s, ad, slice))?.toString()).toBe(plain.toString());
    expect((await openSliced(key, s, ad))?.toString()).toBe(plain.toString());
  });

  it('an empty plaintext round-trips', async () => {
    const s = seal(key, Buffer.alloc(0), ad, randomBytes(IV_BYTES));
    expect(open(key, s, ad)).toEqual(Buffer.alloc(0));
    expect(await openSliced(key, s, ad)).toEqual(Buffer.alloc(0));
  });

  it('null, never a throw or a partial plaintext, for a wrong key, altered ciphertext, tag, IV or AD', async () => {
    const s = seal(key, plain, ad, randomBytes(IV_BYTES));
    const bad: [string, Buffer, Sealed, Buffer][] = [
      ['key', flip(key), s, ad],
      ['ciphertext', key, { ...s, ct: flip(s.ct, 5) }, ad],
      ['tag', key, { ...s, tag: flip(s.tag) }, ad],
      ['short tag', key, { ...s, tag: s.tag.subarray(0, 8) }, ad],
      ['iv', key, { ...s, iv: flip(s.iv) }, ad],
      ['ad', key, s, flip(ad)],
      ['short key', key.subarray(0, 16), s, ad],
    ];
    for (const [what, k, sealed, a] of bad) {
      expect(open(k, sealed, a), what).toBeNull();
      expect(await openSliced(k, sealed, a, 4), what).toBeNull();
    }
  });
});
