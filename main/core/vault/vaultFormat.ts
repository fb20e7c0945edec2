/**
 * The vault file: one canonical JSON object (no whitespace, fixed key order, base64 fields).
 * Version 1 sealed everything in it. Version 2 seals the snapshot (accounts, tokens, the ledger, the
 * newest audit entries and the list of closed journals) and names, in the header, the journal that
 * extends it (journalFormat.ts): every update after the snapshot is one record appended there.
 * Version 1 files are read and migrated on unlock (SessionFile.migrate).
 *
 * Telling a damaged file from a wrong password, in three layers:
 * 1. Structure: the bytes must be strict UTF-8, parse, match the schema exactly, re-serialize to the
 *    very same bytes, and carry the right SHA-256 of everything before it. Any accidental change (a
 *    flipped bit, a truncated or hand-edited file) fails here, before any password is tried, so it is
 *    VAULT_DAMAGED even when the password typed is wrong. Canonical re-serialization makes this hold
 *    for every byte: two different files that pass cannot decode to the same contents.
 * 2. Password: scrypt(password, salt) yields a KEK and a check value; only a check mismatch is
 *    BAD_PASSWORD. The check value covers no header field.
 * 3. Keys and data: with the password proven right, a wrapped key that fails GCM (its AD binds the
 *    format version, vault id and KDF parameters), a key check that does not match, or a payload that
 *    fails GCM (AD: version, vault id, generation, write time) can only mean the file was altered: VAULT_DAMAGED.
 * Limit: the SHA-256 is unkeyed, since nothing secret is available before the password. Someone who
 * rewrites the salt or check value on purpose and recomputes the checksum gets BAD_PASSWORD, which no
 * design without an outside secret can avoid; they learn nothing and can change no data undetected.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Sealed } from './aead.js';
import { kdfWithinBounds, type KdfParams } from './kdf.js';

export const FORMAT = 'token-vault';
/** 1: everything in this file. 2: what changes often moves to the journal named in the header (journalFormat.ts). */
export const FORMAT_VERSION = 2;
export type FormatVersion = 1 | 2;
/** The key wrapping and key check did not change with format 2; their AD keeps saying v1. */
const KEY_VERSION = 1;

export interface KdfRecord extends KdfParams {
  salt: Buffer;
}

export interface KeychainRecord {
  /** The OS backend that wrapped the key, e.g. 'gnome_libsecret'. */
  backend: string;
  blob: Buffer;
}

/** Everything in the header: enough to re-write the file without asking for the password again. */
export interface KeyMaterial {
  vaultId: string;
  kdf: KdfRecord;
  check: Buffer;
  /** The data key sealed under the KEK. */
  wrap: Sealed;
  /** HMAC of the data key: proves a key unwrapped by the OS keychain is the right one. */
  keyCheck: Buffer;
  keychain?: KeychainRecord;
}

export interface VaultFileContents extends KeyMaterial {
  version: FormatVersion;
  /** Format 2: the journal file (a name in the vault's directory) extending this generation. */
  journal?: string;
  /** Counts writes; bound into the payload's AD. */
  generation: number;
  writtenAt: number;
  payload: Sealed;
}

export function damaged(reason: string, message?: string): AppError {
  return new AppError('VAULT_DAMAGED', message, { cause: new Error(reason) });
}

/** A plain file name next to the vault file: never a path. */
export const JOURNAL_NAME = /^[\w][\w.-]{0,99}$/;
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const sealedSchema = z.strictObject({ iv: b64, ct: b64, tag: b64 });
export const fileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  vaultId: z.string().regex(/^[\w-]{8,64}$/),
  generation: z.number().int().min(0),
  writtenAt: z.number().int().min(0),
  kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: b64 }),
  check: b64,
  wrap: sealedSchema,
  keyCheck: b64,
  keychain: z.strictObject({ backend: z.string().regex(/^[\w-]{1,32}$/), blob: b64 }).optional(),
  journal: z.string().regex(JOURNAL_NAME).optional(),
  payload: sealedSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const enc = (b: Buffer): string => b.toString('base64');
const encSealed = (s: Sealed) => ({ iv: enc(s.iv), ct: enc(s.ct), tag: enc(s.tag) });

/**
 * Every field of the file but the payload, in the file's key order: the one place that order is
 * fixed, which is what makes the encoding canonical (encodeVaultFile and the sliced sealer both
 * build on it).
 */
export function fileHeaderBody(c: Omit<VaultFileContents, 'payload'>): Record<string, unknown> {
  return {
    format: FORMAT,
    version: c.version,
    vaultId: c.vaultId,
    generation: c.generation,
    writtenAt: c.writtenAt,
    kdf: { name: c.kdf.name, N: c.kdf.N, r: c.kdf.r, p: c.kdf.p, salt: enc(c.kdf.salt) },
    check: enc(c.check),
    wrap: encSealed(c.wrap),
    keyCheck: enc(c.keyCheck),
    ...(c.keychain ? { keychain: { backend: c.keychain.backend, blob: enc(c.keychain.blob) } } : {}),
    ...(c.journal !== undefined ? { journal: c.journal } : {}),
  };
}

/** The file's bytes: the header body, the payload last, then the checksum over both. */
export function encodeVaultFile(c: VaultFileContents): Buffer {
  const body = { ...fileHeaderBody(c), payload: encSealed(c.payload) };
  const sha256 = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return Buffer.from(JSON.stringify({ ...body, sha256 }), 'utf8');
}

/** AD of the wrapped data key: format version, vault id and the exact KDF parameters and salt. */
export function wrapAd(vaultId: string, kdf: KdfRecord): Buffer {
  return Buffer.from(`${FORMAT}/v${KEY_VERSION}/wrap\0${vaultId}\0${kdf.name}:${kdf.N}:${kdf.r}:${kdf.p}:${enc(kdf.salt)}`);
}

/** AD of the payload: format version, vault id, generation, write time and (format 2) the journal's name. */
export function payloadAd(c: Pick<VaultFileContents, 'version' | 'vaultId' | 'generation' | 'writtenAt' | 'journal'>): Buffer {
  const base = `${FORMAT}/v${c.version}/payload\0${c.vaultId}\0${c.generation}\0${c.writtenAt}`;
  return Buffer.from(c.version === 1 ? base : `${base}\0${c.journal ?? ''}`);
}

export function keyCheckInput(vaultId: string): Buffer {
  return Buffer.from(`${FORMAT}/v${KEY_VERSION}/key-check\0${vaultId}`);
}

/**
 * The KDF parameters and salt from the start of a file, before its structure is checked, so the key
 * derivation (on libuv's thread pool) can run while the main thread checks the rest. Only a head
 * start: the result is used only if the full decode then finds exactly these parameters.
 */
export function peekKdf(bytes: Uint8Array): KdfRecord | null {
  try {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
    const end = head.indexOf(',"check":');
    if (end < 0) return null;
    const k = (JSON.parse(head.slice(0, end) + '}') as { kdf?: { name?: unknown; N?: unknown; r?: unknown; p?: unknown; salt?: unknown } }).kdf;
    if (!k || k.name !== 'scrypt' || typeof k.salt !== 'string') return null;
    const kdf = { name: 'scrypt' as const, N: Number(k.N), r: Number(k.r), p: Number(k.p), salt: Buffer.from(k.salt, 'base64') };
    return kdfWithinBounds(kdf) && kdf.salt.length >= 16 && kdf.salt.length <= 64 ? kdf : null;
  } catch {
    return null;
  }
}

export function sameKdf(a: KdfRecord, b: KdfRecord): boolean {
  return a.name === b.name && a.N === b.N && a.r === b.r && a.p === b.p && a.salt.equals(b.salt);
}
