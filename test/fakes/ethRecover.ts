/**
 * secp256k1 recovery for the fakes, written on @noble/curves + @noble/hashes so it shares no code
 * with the app's signing (ethers): a bug in one cannot hide a bug in the other.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export function keccak(bytes: Uint8Array): Uint8Array {
  return keccak_256(bytes);
}

export function keccakHex(text: string): string {
  return `0x${bytesToHex(keccak_256(utf8ToBytes(text)))}`;
}

/** EIP-191 personal_sign digest: keccak256("\x19Ethereum Signed Message:\n" + len + message). */
export function eip191Digest(message: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${message.length}`), message));
}

/** EIP-55 checksum of a 20-byte hex address. */
export function toChecksumAddress(address: string): string {
  const lower = address.toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error('not an address');
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) out += parseInt(hash[i] ?? '0', 16) >= 8 ? (lower[i] ?? '').toUpperCase() : lower[i];
  return out;
}

/**
 * The checksummed address that produced a 65-byte `r || s || v` signature over `digest`, accepting
 * v = 27/28 or 0/1 as the Python Provider does; undefined when the signature is malformed.
 */
export function recoverAddress(digest: Uint8Array, signatureHex: string): string | undefined {
  try {
    const sig = hexToBytes(signatureHex.replace(/^0x/, ''));
    if (sig.length !== 65) return undefined;
    const v = sig[64] ?? 0;
    const recovery = v >= 27 ? v - 27 : v;
    if (recovery !== 0 && recovery !== 1) return undefined;
    const point = secp256k1.Signature.fromBytes(sig.slice(0, 64), 'compact').addRecoveryBit(recovery).recoverPublicKey(digest);
    const pub = point.toBytes(false).slice(1);
    return toChecksumAddress(bytesToHex(keccak_256(pub).slice(-20)));
  } catch {
    return undefined;
  }
}

/** Bytes of a hex hash with leading zero bytes dropped, like ethers' toBeArray (Ocean Node's byte check). */
export function withoutLeadingZeroBytes(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.slice(i);
}

export { bytesToHex, hexToBytes, utf8ToBytes };
