/**
 * Reading a vault file back (layer 1 of vaultFormat.ts): the quick check for files this code wrote,
 * the full check for anything else. Both throw VAULT_DAMAGED with the reason as the error's cause.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { IV_BYTES, TAG_BYTES, type Sealed } from './aead.js';
import { kdfWithinBounds } from './kdf.js';
import { nextTurn } from '../nextTurn.js';
import {
  damaged,
  encodeVaultFile,
  fileHeaderBody,
  fileSchema,
  FORMAT,
  FORMAT_VERSION,
  type KdfRecord,
  type sealedSchema,
  type VaultFileContents,
} from './vaultFormat.js';

/** Decodes and verifies the structure (layer 1); throws VAULT_DAMAGED with the reason as cause. */
export function decodeVaultFile(bytes: Uint8Array): VaultFileContents {
  // A file that passes the quick check is canonical and intact; anything else gets the full check,
  // which tells what is wrong with it (or, for a file the quick check does not know, accepts it).
  return decodeVaultFileQuick(bytes) ?? decodeChecked(bytes);
}

/**
 * The quick check alone, in one go: the contents of a file exactly as encodeVaultFile wrote it, or null
 * for anything else (never a throw). Its verdict is decodeVaultFile's; only the time differs, so it is
 * exported for the tests that pin it.
 */
export function decodeVaultFileQuick(bytes: Uint8Array): VaultFileContents | null {
  const steps = decodeCanonical(bytes);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
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
