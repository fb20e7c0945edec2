import { createHash } from 'node:crypto';
import type { AuditEntry, VaultData } from '../vault/vaultRecords.js';
import { canonicalJson } from './canonicalJson.js';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller records; seq, time and hash are the log's business. Never put a token value here. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'at' | 'hash'>;

export type ChainCheck = { ok: true } | { ok: false; brokenAt: number };

/** sha256 hex of the previous hash followed by the canonical JSON of the entry without its hash. */
export function hashEntry(prevHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(prevHash + canonicalJson(entry)).digest('hex');
}

/** Appends to `data` in place (call inside VaultAccess.update); seq starts at 1 and has no gaps. */
export function appendEntry(data: VaultData, input: AuditInput, at: number): AuditEntry {
  const last = data.audit[data.audit.length - 1];
  const body: Omit<AuditEntry, 'hash'> = { ...dropUndefined(input), seq: (last?.seq ?? 0) + 1, at };
  const entry: AuditEntry = { ...body, hash: hashEntry(last?.hash ?? GENESIS_HASH, body) };
  data.audit.push(entry);
  data.auditHead = { seq: entry.seq, hash: entry.hash };
  return entry;
}

/**
 * Walks the chain from the genesis hash. An edited entry breaks its own hash; a removed one breaks seq
 * continuity (and the next entry's hash); a removed tail is caught by the head the vault keeps.
 * `brokenAt` is the seq of the first entry that is missing or does not match.
 */
export function verifyChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string }): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { ok: false, brokenAt: expectedSeq };
    const { hash, ...body } = entry;
    if (hashEntry(prevHash, body) !== hash) return { ok: false, brokenAt: entry.seq };
    prevHash = hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  // Vaults written before the head existed have none: the chain is all there is to check.
  if (head) {
    if (head.seq > lastSeq) return { ok: false, brokenAt: lastSeq + 1 };
    if (head.seq < lastSeq) return { ok: false, brokenAt: head.seq + 1 };
    if (head.hash !== prevHash) return { ok: false, brokenAt: Math.max(1, head.seq) };
  }
  return { ok: true };
}

function dropUndefined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}
