import { createCipheriv, createHash } from 'node:crypto';
import { IV_BYTES, TAG_BYTES, type Sealed } from './aead.js';
import { payloadParts } from './payload.js';
import type { StoreMeta } from './storeMeta.js';
import type { VaultData } from './vaultRecords.js';
import type { VaultFileContents } from './vaultFormat.js';
import { fileHeaderBody, payloadAd } from './vaultFormat.js';
import type { SealInput } from './vaultCrypto.js';
import { nextTurn } from '../nextTurn.js';

/**
 * Sealing a new vault file without blocking the event loop: a compaction of a vault with 10,000 tokens
 * serializes, encrypts and encodes megabytes. The same bytes as encodeVaultFile(sealVault(…)), made in
 * slices of about a millisecond or two with a turn of the event loop between them.
 */
const BYTES_PER_SLICE = 3 * 256 * 1024;


/** encodePayload(data, store), a line of tokens per slice. */
async function payloadJson(data: VaultData, store: StoreMeta): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const part of payloadParts(data, store)) {
    parts.push(Buffer.from(part, 'utf8'));
    await nextTurn();
  }
  const plain = Buffer.concat(parts);
  for (const p of parts) p.fill(0);
  return plain;
}

async function sealSliced(key: Uint8Array, plain: Buffer, ad: Uint8Array, iv: Buffer): Promise<Sealed> {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ad);
  const out: Buffer[] = [];
  for (let i = 0; i < plain.length; i += BYTES_PER_SLICE) {
    out.push(cipher.update(plain.subarray(i, i + BYTES_PER_SLICE)));
    await nextTurn();
  }
  out.push(cipher.final());
  return { iv, ct: Buffer.concat(out), tag: cipher.getAuthTag() };
}

async function base64Sliced(bytes: Buffer): Promise<string> {
  const parts: string[] = [];
  // A multiple of 3 bytes per slice, so the pieces join into the one canonical encoding.
  for (let i = 0; i < bytes.length; i += BYTES_PER_SLICE) {
    parts.push(bytes.subarray(i, i + BYTES_PER_SLICE).toString('base64'));
    await nextTurn();
  }
  return parts.join('');
}

/** encodeVaultFile(sealVault(input)), in slices. */
export async function sealVaultFileSliced({ material, dataKey, data, generation, writtenAt, random, store, journal }: SealInput): Promise<Buffer> {
  const plain = await payloadJson(data, store);
  const head = { version: 2 as const, vaultId: material.vaultId, generation, writtenAt, journal };
  let sealed: Sealed;
  try {
    sealed = await sealSliced(dataKey, plain, payloadAd(head), random(IV_BYTES));
  } finally {
    plain.fill(0);
  }
  const c: VaultFileContents = { ...material, ...head, payload: sealed };
  const enc = (b: Buffer): string => b.toString('base64');
  // The header exactly as encodeVaultFile writes it; the payload is appended by hand, in slices.
  const body = fileHeaderBody(c);
  const ct = await base64Sliced(sealed.ct);
  const pieces = [JSON.stringify(body).slice(0, -1), `,"payload":{"iv":"${enc(sealed.iv)}","ct":"`, ct, `","tag":"${enc(sealed.tag)}"}}`];
  const hash = createHash('sha256');
  for (const p of pieces) {
    for (let i = 0; i < p.length; i += BYTES_PER_SLICE) {
      hash.update(p.slice(i, i + BYTES_PER_SLICE));
      await nextTurn();
    }
  }
  const last = pieces.pop()!;
  pieces.push(last.slice(0, -1), `,"sha256":"${hash.digest('hex')}"}`);
  const out: Buffer[] = [];
  for (const p of pieces) {
    for (let i = 0; i < p.length; i += BYTES_PER_SLICE) {
      out.push(Buffer.from(p.slice(i, i + BYTES_PER_SLICE), 'utf8'));
      await nextTurn();
    }
  }
  return Buffer.concat(out);
}
