/**
 * The journal, format 2: what changes often (token records, audit entries, the Ocean ledger) as an
 * append-only file of sealed records next to the vault file. One record per vault update:
 *
 *   u32 LE  n          length of the sealed body
 *   u32 LE  n ^ ~0     the same length, complemented: a flipped length byte is damage, never "torn"
 *   n bytes body       iv (12) | AES-256-GCM ciphertext | tag (16)
 *   u32 LE  crc32      of everything before it in the record
 *
 * The body is sealed under the epoch's journal key with associated data binding the vault id, the
 * epoch (the vault file generation the journal extends), the record's sequence number (1, 2, …) and
 * the SHA-256 of the previous record's bytes. So a record moved, removed, replayed from another epoch
 * or copied from another vault fails authentication.
 *
 * Telling a crash from damage: a crash mid-append can only leave an incomplete last record (fewer
 * bytes than its header announces, a partial header, or a zero-filled tail after power loss). That is
 * "torn": dropped, since it was never acknowledged. Anything else that does not check out, with or
 * without the key (a length that contradicts its complement, a CRC mismatch, a complete record that
 * fails authentication), is VAULT_DAMAGED. The CRC lets damage be found before any password is tried,
 * like the vault file's checksum (vaultFormat.ts layer 1).
 * Limit: cutting the file exactly at a record boundary is indistinguishable from the last appends never
 * having happened, as with replacing the whole directory by an older copy; no design without state
 * kept elsewhere can tell.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { IV_BYTES, open, seal, TAG_BYTES } from './aead.js';
import { damaged, FORMAT } from './vaultFormat.js';
import { nextTurn } from '../nextTurn.js';

export const JOURNAL_VERSION = 2;
const HEADER_BYTES = 8;
const TRAILER_BYTES = 4;
/** Far above any real update; a larger announced length is damage, not a record. */
const MAX_BODY = 64 * 1024 * 1024;

export interface JournalIds {
  vaultId: string;
  epoch: number;
}

/** The chain's starting point for an epoch: the "previous hash" of record 1. */
export function genesisHash(ids: JournalIds): Buffer {
  return createHash('sha256').update(`${FORMAT}/v${JOURNAL_VERSION}/journal-genesis\0${ids.vaultId}\0${ids.epoch}`).digest();
}

export function journalAd(ids: JournalIds, seq: number, prevHash: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${FORMAT}/v${JOURNAL_VERSION}/journal\0${ids.vaultId}\0${ids.epoch}\0${seq}\0`), prevHash]);
}

export function recordHash(record: Uint8Array): Buffer {
  return createHash('sha256').update(record).digest();
}

/** The bytes of record `seq`, sealing `plain` under `key`. */
export function encodeRecord(key: Uint8Array, plain: Uint8Array, ids: JournalIds, seq: number, prevHash: Buffer, iv: Buffer): Buffer {
  const s = seal(key, plain, journalAd(ids, seq, prevHash), iv);
  const n = IV_BYTES + s.ct.length + TAG_BYTES;
  const out = Buffer.allocUnsafe(HEADER_BYTES + n + TRAILER_BYTES);
  out.writeUInt32LE(n, 0);
  out.writeUInt32LE(~n >>> 0, 4);
  s.iv.copy(out, HEADER_BYTES);
  s.ct.copy(out, HEADER_BYTES + IV_BYTES);
  s.tag.copy(out, HEADER_BYTES + IV_BYTES + s.ct.length);
  out.writeUInt32LE(crc32(out.subarray(0, HEADER_BYTES + n)), HEADER_BYTES + n);
  return out;
}

/** A journal's records located by structure alone (no key): offsets of complete records, and the torn tail. */
export interface JournalLayout {
  /** [start, end) of each complete record. */
  records: Array<[number, number]>;
  /** Bytes up to the end of the last complete record: where the next append goes. */
  validBytes: number;
  /** An incomplete last record was found after validBytes (a crash mid-append). */
  torn: boolean;
}

/** Layer 1: structure and CRCs. Throws VAULT_DAMAGED; never needs the key. */
export function layoutJournal(bytes: Uint8Array): JournalLayout {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Array<[number, number]> = [];
  let at = 0;
  while (at < buf.length) {
    const rest = buf.length - at;
    if (rest < HEADER_BYTES || isZero(buf, at)) return { records, validBytes: at, torn: true };
    const n = buf.readUInt32LE(at);
    if ((~n >>> 0) !== buf.readUInt32LE(at + 4)) throw damaged(`journal record ${records.length + 1}: length check`);
    if (n < IV_BYTES + TAG_BYTES || n > MAX_BODY) throw damaged(`journal record ${records.length + 1}: length out of bounds`);
    const end = at + HEADER_BYTES + n + TRAILER_BYTES;
    if (end > buf.length) return { records, validBytes: at, torn: true };
    if (crc32(buf.subarray(at, end - TRAILER_BYTES)) !== buf.readUInt32LE(end - TRAILER_BYTES)) {
      throw damaged(`journal record ${records.length + 1}: checksum mismatch`);
    }
    records.push([at, end]);
    at = end;
  }
  return { records, validBytes: at, torn: false };
}

/** A zero-filled tail (power lost after the size grew, before the data landed) reads as torn. */
function isZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

export interface OpenedJournal {
  plaintexts: Buffer[];
  /** SHA-256 of the last complete record (the genesis hash when there is none). */
  lastHash: Buffer;
  layout: JournalLayout;
}

/** Layers 2–3: every complete record must open under `key` in order. Throws VAULT_DAMAGED. */
export function openJournal(bytes: Uint8Array, key: Uint8Array, ids: JournalIds, layout = layoutJournal(bytes)): OpenedJournal {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const plaintexts: Buffer[] = [];
  let prev = genesisHash(ids);
  layout.records.forEach(([start, end], i) => {
    plaintexts.push(openRecordAt(buf, start, end, key, ids, i + 1, prev));
    prev = recordHash(buf.subarray(start, end));
  });
  return { plaintexts, lastHash: prev, layout };
}

/** openJournal for a closed journal read in the background: a turn of the event loop every `perSlice` records. */
export async function openJournalSliced(bytes: Uint8Array, key: Uint8Array, ids: JournalIds, perSlice = 200, layout = layoutJournal(bytes)): Promise<OpenedJournal> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const plaintexts: Buffer[] = [];
  let prev = genesisHash(ids);
  for (let i = 0; i < layout.records.length; i++) {
    const [start, end] = layout.records[i]!;
    plaintexts.push(openRecordAt(buf, start, end, key, ids, i + 1, prev));
    prev = recordHash(buf.subarray(start, end));
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: how often it yields changes how long a turn of main's event loop lasts, not what is read
    if ((i + 1) % perSlice === 0) await nextTurn();
  }
  return { plaintexts, lastHash: prev, layout };
}

export function openRecordAt(buf: Buffer, start: number, end: number, key: Uint8Array, ids: JournalIds, seq: number, prevHash: Buffer): Buffer {
  const bodyEnd = end - TRAILER_BYTES;
  const ivEnd = start + HEADER_BYTES + IV_BYTES;
  const plain = open(
    key,
    { iv: buf.subarray(start + HEADER_BYTES, ivEnd), ct: buf.subarray(ivEnd, bodyEnd - TAG_BYTES), tag: buf.subarray(bodyEnd - TAG_BYTES, bodyEnd) },
    journalAd(ids, seq, prevHash),
  );
  if (!plain) throw damaged(`journal record ${seq} fails authentication`);
  return plain;
}
