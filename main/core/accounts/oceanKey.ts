import { Wallet } from 'ethers';
import type { OceanKeyInput } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { RandomBytes } from '../vault/vaultCrypto.js';
import { decryptKeystoreJson } from './keystoreDecrypt.js';

export interface OceanKey {
  /** 0x-prefixed lowercase 32-byte hex. */
  privateKey: string;
  /** EIP-55. */
  address: string;
}

const badHex = (): AppError => new AppError('BAD_KEY');

/** A pasted key: 64 hex characters with or without 0x, and a valid secp256k1 scalar (not 0, below n). */
export function parseHexKey(input: string): OceanKey {
  const hex = input.trim().replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw badHex();
  try {
    const wallet = new Wallet('0x' + hex);
    return { privateKey: wallet.privateKey.toLowerCase(), address: wallet.address };
  } catch {
    throw badHex();
  }
}

/**
 * An encrypted JSON keystore: cost checked first (keystoreCost.ts), then decrypted with the key
 * derived on a worker thread (keystoreDecrypt.ts), so even an accepted costly file never stalls main.
 */
export async function decryptKeystore(json: string, password: string): Promise<OceanKey> {
  const { privateKey } = await decryptKeystoreJson(json, password);
  // parseHexKey also refuses a scalar outside the curve's range, whatever the file held.
  return parseHexKey(privateKey);
}

/** A new key from the injected randomness; a scalar outside the curve's range (odds 2^-128) is drawn again. */
export function generateKey(random: RandomBytes): OceanKey {
  for (;;) {
    const bytes = random(32);
    try {
      return parseHexKey(bytes.toString('hex'));
    } catch {
      // try again
    } finally {
      bytes.fill(0);
    }
  }
}

export function resolveOceanKey(input: OceanKeyInput, random: RandomBytes): Promise<OceanKey> {
  switch (input.type) {
    case 'hex':
      return Promise.resolve().then(() => parseHexKey(input.privateKey));
    case 'keystore':
      return decryptKeystore(input.json, input.password);
    case 'generate':
      return Promise.resolve().then(() => generateKey(random));
  }
}
