import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import { IV_BYTES, open, openSliced, seal } from './aead.js';
import { derivePasswordKeys, SALT_BYTES, type KdfParams, type PasswordKeys } from './kdf.js';
import { decodePayload, decodePayloadSliced, encodePayload } from './payload.js';
import type { StoreMeta } from './storeMeta.js';
import type { VaultData } from './vaultRecords.js';
import {
  damaged,
  keyCheckInput,
  payloadAd,
  wrapAd,
  type FormatVersion,
  type KdfRecord,
  type KeyMaterial,
  type VaultFileContents,
} from './vaultFormat.js';

export type RandomBytes = (n: number) => Buffer;

/** A vault file opened in memory: the data key and the decrypted data (format 2: before its journal). */
export interface OpenedVault {
  material: KeyMaterial;
  dataKey: Buffer;
  data: VaultData;
  generation: number;
  version: FormatVersion;
  /** Format 2: the journal extending this generation, and the store's bookkeeping. */
  journalName?: string;
  store?: StoreMeta;
}

export function keyCheck(dataKey: Uint8Array, vaultId: string): Buffer {
  return createHmac('sha256', dataKey).update(keyCheckInput(vaultId)).digest();
}

/** Wraps `dataKey` under a key derived from `password` with fresh salt and the given cost. */
export async function wrapWithPassword(
  vaultId: string,
  dataKey: Buffer,
  password: string,
  params: KdfParams,
  random: RandomBytes,
): Promise<KeyMaterial> {
  const kdf: KdfRecord = { name: params.name, N: params.N, r: params.r, p: params.p, salt: random(SALT_BYTES) };
  const keys = await derivePasswordKeys(password, kdf.salt, kdf);
  try {
    const wrap = seal(keys.kek, dataKey, wrapAd(vaultId, kdf), random(IV_BYTES));
    return { vaultId, kdf, check: keys.check, wrap, keyCheck: keyCheck(dataKey, vaultId) };
  } finally {
    keys.kek.fill(0);
  }
}

/** The KDF step of unlocking, kept apart so the benchmark can time it alone. */
export function deriveFor(material: KeyMaterial, password: string): Promise<PasswordKeys> {
  return derivePasswordKeys(password, material.kdf.salt, material.kdf);
}

export function passwordMatches(material: KeyMaterial, keys: PasswordKeys): boolean {
  return timingSafeEqual(keys.check, material.check);
}

/** Everything after the KDF: layers 2 and 3 of vaultFormat.ts. */
export function openWithKeys(contents: VaultFileContents, keys: PasswordKeys): OpenedVault {
  return openWithDataKey(contents, unwrapDataKey(contents, keys));
}

function unwrapDataKey(contents: VaultFileContents, keys: PasswordKeys): Buffer {
  if (!passwordMatches(contents, keys)) throw new AppError('BAD_PASSWORD');
  const dataKey = open(keys.kek, contents.wrap, wrapAd(contents.vaultId, contents.kdf));
  if (!dataKey) throw damaged('wrapped key fails authentication under the right password');
  return dataKey;
}

export async function openWithPassword(contents: VaultFileContents, password: string): Promise<OpenedVault> {
  const keys = await deriveFor(contents, password);
  try {
    return openWithKeys(contents, keys);
  } finally {
    keys.kek.fill(0);
  }
}

/** Opens the payload with a data key already known to be right (from the password or the keychain). */
export function openWithDataKey(contents: VaultFileContents, dataKey: Buffer): OpenedVault {
  const plain = decryptPayload(contents, dataKey);
  try {
    return opened(contents, dataKey, decodePayload(plain));
  } finally {
    plain.fill(0);
  }
}

/** openWithKeys for unlocking: the payload is parsed a slice at a time (decodePayloadSliced). */
export function openWithKeysSliced(contents: VaultFileContents, keys: PasswordKeys): Promise<OpenedVault> {
  return openWithDataKeySliced(contents, unwrapDataKey(contents, keys));
}

/** openWithDataKey, the payload parsed a slice at a time. */
export async function openWithDataKeySliced(contents: VaultFileContents, dataKey: Buffer): Promise<OpenedVault> {
  checkKey(contents, dataKey);
  const plain = await openSliced(dataKey, contents.payload, payloadAd(contents));
  if (!plain) throw damaged('payload fails authentication');
  try {
    return opened(contents, dataKey, await decodePayloadSliced(plain));
  } finally {
    plain.fill(0);
  }
}

function checkKey(contents: VaultFileContents, dataKey: Buffer): void {
  if (!timingSafeEqual(keyCheck(dataKey, contents.vaultId), contents.keyCheck)) throw damaged('key check mismatch');
}

function decryptPayload(contents: VaultFileContents, dataKey: Buffer): Buffer {
  checkKey(contents, dataKey);
  const plain = open(dataKey, contents.payload, payloadAd(contents));
  if (!plain) throw damaged('payload fails authentication');
  return plain;
}

function opened(contents: VaultFileContents, dataKey: Buffer, { data, store }: { data: VaultData; store?: StoreMeta }): OpenedVault {
  const { generation, writtenAt: _w, payload: _p, version, journal, ...material } = contents;
  if ((version === 2) !== (store !== undefined)) throw damaged('payload does not match the format version');
  return { material, dataKey, data, generation, version, ...(journal !== undefined ? { journalName: journal } : {}), ...(store ? { store } : {}) };
}

/** What a format-2 vault file is sealed from. */
export interface SealInput {
  material: KeyMaterial;
  dataKey: Buffer;
  data: VaultData;
  generation: number;
  writtenAt: number;
  random: RandomBytes;
  store: StoreMeta;
  /** The journal that extends this generation. */
  journal: string;
}

/** Encrypts `data` whole, with a fresh IV, as the format-2 file for `generation`, extended by `journal`. */
export function sealVault({ material, dataKey, data, generation, writtenAt, random, store, journal }: SealInput): VaultFileContents {
  const plain = encodePayload(data, store);
  try {
    const head = { version: 2 as const, vaultId: material.vaultId, generation, writtenAt, journal };
    const payload = seal(dataKey, plain, payloadAd(head), random(IV_BYTES));
    return { ...material, ...head, payload };
  } finally {
    plain.fill(0);
  }
}
