import { createCipheriv, createDecipheriv } from 'node:crypto';
import { nextTurn } from '../nextTurn.js';

/** One AES-256-GCM message. The IV is fresh random for every seal; never reused with a key. */
export interface Sealed {
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export function seal(key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array, iv: Buffer): Sealed {
  // Stryker disable next-line ObjectLiteral: equivalent, 16 bytes is GCM's default tag length (aead.test.ts checks the tag is 16)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/** The plaintext, or null when the key is wrong or anything sealed (ciphertext, tag, AD) was altered. */
export function open(key: Uint8Array, sealed: Sealed, ad: Uint8Array): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(ad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ct), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * open() for megabytes, a slice per turn of the event loop. Nothing decrypted is returned (or kept)
 * unless the tag checks out at the end. A slice is 8 MiB (a few milliseconds of AES-GCM): the payload
 * of a vault with 10,000 tokens (6 MB) is decrypted straight into the buffer returned, where slices
 * of a megabyte had to be copied together afterwards.
 */
export async function openSliced(key: Uint8Array, sealed: Sealed, ad: Uint8Array, slice = 8 << 20): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let whole: Buffer | null = null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(ad);
    decipher.setAuthTag(sealed.tag);
    // Stryker disable next-line EqualityOperator: equivalent, one more update of an empty slice adds nothing
    for (let at = 0; at < sealed.ct.length; at += slice) {
      parts.push(decipher.update(sealed.ct.subarray(at, at + slice)));
      await nextTurn();
    }
    const last = decipher.final();
    // Stryker disable next-line ConditionalExpression,EqualityOperator: GCM's final() gives no bytes (it is a stream cipher); pushing an empty one changes nothing
    if (last.length > 0) parts.push(last);
    // Stryker disable next-line ConditionalExpression: concatenating a single part gives the same bytes (in a copy, and the part is then wiped)
    whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    return whole;
  } catch {
    // Stryker disable BlockStatement: the finally block below is not observable through the API, it wipes the decrypted slices after they were copied out
    return null;
  } finally {
    // Stryker restore BlockStatement
    // Stryker disable next-line ConditionalExpression: never wiping is not observable through the API, as the block above says (always wiping would zero what is returned, which every open would catch)
    for (const p of parts) if (p !== whole) p.fill(0);
  }
}
