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
import { IV_BYTES, TAG_BYTES, type Sealed } from './aead.js';
import { kdfWithinBounds, type KdfParams } from './kdf.js';
import { nextTurn } from '../nextTurn.js';

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
const sealedSchema = z.strictObject({ iv: b64, ct: b64, tag: b64 });
const fileSchema = z.strictObject({
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

/** Decodes and verifies the structure (layer 1); throws VAULT_DAMAGED with the reason as cause. */
export function decodeVaultFile(bytes: Uint8Array): VaultFileContents {
  // A file that passes the quick check is canonical and intact; anything else gets the full check,
  // which tells what is wrong with it (or, for a file the quick check does not know, accepts it).
  const steps = decodeCanonical(bytes);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value ?? decodeChecked(bytes);
}

/** decodeVaultFile with a turn of the event loop every megabyte or so (unlock reads files of many). */
export async function decodeVaultFileSliced(bytes: Uint8Array): Promise<VaultFileContents> {
  const steps = decodeCanonical(bytes);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value ?? decodeChecked(bytes);
    await nextTurn();
  }
}

/** Bytes hashed, or base64 characters checked, between two turns (a multiple of 4). */
const SLICE = 1 << 20;

type ParsedFile = z.infer<typeof fileSchema>;

function contentsOf(f: ParsedFile, ct: Buffer | null): VaultFileContents {
  const dec = (s: string, min: number, max = min): Buffer => {
    const b = Buffer.from(s, 'base64');
    if (b.length < min || b.length > max) throw damaged('field length');
    return b;
  };
  const decSealed = (s: z.infer<typeof sealedSchema>, minCt: number, maxCt: number, knownCt: Buffer | null = null): Sealed => ({
    iv: dec(s.iv, IV_BYTES),
    ct: knownCt ?? dec(s.ct, minCt, maxCt),
    tag: dec(s.tag, TAG_BYTES),
  });
  const kdf: KdfRecord = { name: f.kdf.name, N: f.kdf.N, r: f.kdf.r, p: f.kdf.p, salt: dec(f.kdf.salt, 16, 64) };
  if (!kdfWithinBounds(kdf)) throw damaged('kdf parameters out of bounds');
  if (f.version === 1 && f.journal !== undefined) throw damaged('format 1 has no journal');
  return {
    version: f.version,
    vaultId: f.vaultId,
    generation: f.generation,
    writtenAt: f.writtenAt,
    kdf,
    check: dec(f.check, 32),
    wrap: decSealed(f.wrap, 32, 32),
    keyCheck: dec(f.keyCheck, 32),
    ...(f.keychain ? { keychain: { backend: f.keychain.backend, blob: dec(f.keychain.blob, 1, 4096) } } : {}),
    ...(f.journal !== undefined ? { journal: f.journal } : {}),
    payload: decSealed(f.payload, 0, Number.MAX_SAFE_INTEGER, ct),
  };
}

/** The full check: parse everything, match the schema, re-encode and compare every byte. */
function decodeChecked(bytes: Uint8Array): VaultFileContents {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw damaged('not valid UTF-8 JSON');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > FORMAT_VERSION && (raw as { format?: unknown }).format === FORMAT) {
    throw damaged(`format version ${version}`, 'This vault was written by a newer version of Token Vault. Update the app to open it; the file was left untouched.');
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw damaged('schema mismatch');
  const f = parsed.data;
  const contents = contentsOf(f, null);
  // Equal bytes prove both the checksum and the canonical form (layer 1 above).
  if (!encodeVaultFile(contents).equals(bytes)) {
    const { sha256: _stored, ...body } = f;
    const sumOk = createHash('sha256').update(JSON.stringify(body)).digest('hex') === f.sha256;
    throw damaged(sumOk ? 'not in canonical form' : 'checksum mismatch');
  }
  return contents;
}

const PAYLOAD_AT = Buffer.from(',"payload":{"iv":"');
const CT_AT = '","ct":"';
const TAG_AT = '","tag":"';
const SUM_AT = ',"sha256":"';
/** `,"sha256":"` + 64 hex digits + `"}`: the end of every file encodeVaultFile writes. */
const SUM_TAIL = SUM_AT.length + 64 + 2;
const TAG_CHARS = 24;
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The same verdict as decodeChecked for a file encodeVaultFile wrote, in a fraction of the time: the
 * payload (megabytes of base64) is never parsed as JSON, run through a regex or re-encoded whole. The
 * checksum is taken over the bytes as they are; the header (everything before the payload) is parsed,
 * matched against the schema and re-encoded to the same bytes; the payload's base64 must be the one
 * canonical encoding of what it decodes to. So whatever passes here is exactly encodeVaultFile(result),
 * as decodeChecked demands. Returns null, never throws, for anything else.
 */
function* decodeCanonical(bytes: Uint8Array): Generator<void, VaultFileContents | null> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bodyEnd = buf.length - SUM_TAIL;
  const payloadAt = buf.indexOf(PAYLOAD_AT);
  if (payloadAt <= 0 || bodyEnd < payloadAt + PAYLOAD_AT.length) return null;
  const tail = buf.toString('latin1', bodyEnd);
  const sum = tail.slice(SUM_AT.length, SUM_AT.length + 64);
  if (!tail.startsWith(SUM_AT) || !tail.endsWith('"}') || !HEX64.test(sum)) return null;
  // sha256 of JSON.stringify(body): the body is the file up to the checksum, closed by its brace.
  const hash = createHash('sha256');
  for (let at = 0; at < bodyEnd; at += SLICE) {
    hash.update(buf.subarray(at, Math.min(bodyEnd, at + SLICE)));
    yield;
  }
  if (hash.update('}').digest('hex') !== sum) return null;
  const tagEnd = bodyEnd - 2;
  const tagAt = tagEnd - TAG_CHARS - TAG_AT.length;
  const ivAt = payloadAt + PAYLOAD_AT.length;
  const ivEnd = buf.indexOf('"', ivAt);
  if (tagAt < ivAt || ivEnd < 0 || ivEnd > tagAt) return null;
  if (buf.toString('latin1', tagEnd, bodyEnd) !== '"}' || buf.toString('latin1', tagAt, tagAt + TAG_AT.length) !== TAG_AT) return null;
  if (buf.toString('latin1', ivEnd, ivEnd + CT_AT.length) !== CT_AT) return null;
  const ctAt = ivEnd + CT_AT.length;
  // The one canonical encoding, a slice at a time: every slice but the last is whole 4-character
  // groups without padding, and each must be exactly what its bytes encode to.
  const pieces: Buffer[] = [];
  for (let at = ctAt; at < tagAt; at += SLICE) {
    const end = Math.min(tagAt, at + SLICE);
    const text = buf.toString('latin1', at, end);
    const piece = Buffer.from(text, 'base64');
    if (piece.toString('base64') !== text || (end < tagAt && piece.length * 4 !== text.length * 3)) return null;
    pieces.push(piece);
    yield;
  }
  const ct = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, payloadAt)) + '}');
  } catch {
    return null;
  }
  if (typeof header !== 'object' || header === null || 'payload' in header || 'sha256' in header) return null;
  const payload = { iv: buf.toString('latin1', ivAt, ivEnd), ct: '', tag: buf.toString('latin1', tagAt + TAG_AT.length, tagEnd) };
  const parsed = fileSchema.safeParse({ ...header, payload, sha256: sum });
  if (!parsed.success) return null;
  let contents: VaultFileContents;
  try {
    contents = contentsOf(parsed.data, ct);
  } catch {
    return null;
  }
  const canonicalHead = Buffer.from(JSON.stringify(fileHeaderBody(contents)).slice(0, -1), 'utf8');
  if (!canonicalHead.equals(buf.subarray(0, payloadAt))) return null;
  if (contents.payload.iv.toString('base64') !== payload.iv || contents.payload.tag.toString('base64') !== payload.tag) return null;
  return contents;
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
