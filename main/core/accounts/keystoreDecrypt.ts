import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { computeAddress, getAddress, keccak256 } from 'ethers';
import { AppError } from '../errors.js';
import { assertKeystoreCost } from './keystoreCost.js';
import { deriveKeystoreKey, type KeystoreKdf } from './keystoreKdfWorker.js';

const notReadable = (): AppError => new AppError('BAD_KEY', 'That keystore could not be read. Export the key again, or paste it as hex.');
const wrongPassword = (): AppError => new AppError('BAD_KEY', "That keystore's password is not right. Check it and try again.");

function hex(value: unknown): Buffer {
  if (typeof value !== 'string') throw notReadable();
  const h = value.replace(/^0x/i, '');
  if (!/^([0-9a-f]{2})*$/i.test(h)) throw notReadable();
  return Buffer.from(h, 'hex');
}

/**
 * Decrypts a version-3 keystore (the Web3 Secret Storage format geth, MetaMask and ethers write):
 * cost checked first, key derived on a worker thread, MAC = keccak256(dk[16..32] ‖ ciphertext)
 * checked, then AES-128-CTR with dk[0..16]. Returns the 0x-prefixed private key.
 */
export async function decryptKeystoreJson(json: string, password: string): Promise<{ privateKey: string; address: string }> {
  assertKeystoreCost(json);
  const ks = JSON.parse(json) as { address?: unknown; crypto?: Record<string, unknown>; Crypto?: Record<string, unknown> };
  const c = (ks.crypto ?? ks.Crypto)!;
  const p = c['kdfparams'] as Record<string, unknown>;
  if (c['cipher'] !== 'aes-128-ctr') throw notReadable();
  const iv = hex((c['cipherparams'] as { iv?: unknown } | undefined)?.iv);
  const ciphertext = hex(c['ciphertext']);
  const mac = hex(c['mac']);
  if (iv.length !== 16 || ciphertext.length !== 32 || mac.length !== 32) throw notReadable();
  const salt = hex(p['salt']);
  const params: KeystoreKdf =
    c['kdf'] === 'scrypt'
      ? { kdf: 'scrypt', salt, n: p['n'] as number, r: p['r'] as number, p: p['p'] as number, dklen: p['dklen'] as number }
      : { kdf: 'pbkdf2', salt, c: p['c'] as number, dklen: p['dklen'] as number };

  let dk: Buffer;
  try {
    dk = await deriveKeystoreKey(params, password);
  } catch {
    throw notReadable();
  }
  try {
    const computed = Buffer.from(keccak256(Buffer.concat([dk.subarray(16, 32), ciphertext])).slice(2), 'hex');
    if (!timingSafeEqual(computed, mac)) throw wrongPassword();
    const decipher = createDecipheriv('aes-128-ctr', dk.subarray(0, 16), iv);
    const key = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    const privateKey = '0x' + key.toString('hex');
    key.fill(0);
    let address: string;
    try {
      address = computeAddress(privateKey);
    } catch {
      throw notReadable();
    }
    if (typeof ks.address === 'string') {
      let stated: string;
      try {
        stated = getAddress(ks.address.startsWith('0x') ? ks.address : `0x${ks.address}`);
      } catch {
        throw notReadable();
      }
      if (stated !== address) throw notReadable();
    }
    return { privateKey, address };
  } finally {
    dk.fill(0);
  }
}
