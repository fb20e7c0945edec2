/**
 * The Ocean signing vectors of the wire contract (vectors.json beside this file, the same as the
 * project's steering notes hold, so tests run in any clone). Its key is the public Hardhat/Anvil test account #0: never real funds.
 */
import { readFileSync } from 'node:fs';

export interface ProviderVector {
  nonce: string;
  message: string;
  keccak256: string;
  eip191Digest: string;
  signature: string;
  recovers: string;
  hashHasLeadingZeroByte: boolean;
  createRequest: string;
}

export interface NodeVector {
  nonce: string;
  command: 'createAuthToken' | 'invalidateAuthToken';
  message: string;
  keccak256: string;
  hashHasLeadingZeroByte: boolean;
  signatureHexText: string;
  signature32Bytes: string;
  nodeAccepts32Bytes: boolean;
  recovers: string;
}

export interface Vectors {
  key: { privateKey: string; address: string };
  provider: ProviderVector[];
  oceanNode: NodeVector[];
}

export const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as Vectors;

/** Hardhat/Anvil test account #0 (public; marked as such in vectors.json). */
export const TEST_KEY = vectors.key;
