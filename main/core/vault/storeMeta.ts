import { z } from 'zod';
import { JOURNAL_NAME } from './vaultFormat.js';
import type { AuditEntry } from './vaultRecords.js';

/** How many audit entries of a closed journal match each filter: lets a page skip whole segments. */
export interface AuditCounts {
  first: number;
  last: number;
  count: number;
  byAction: Record<string, number>;
  byAccount: Record<string, number>;
  /** Keyed `${action}\0${accountId}`, for a page filtered by both. */
  byBoth: Record<string, number>;
}

/** A closed journal: the audit archive and the history behind a backup. Never rewritten, never deleted. */
export interface SegmentMeta {
  file: string;
  epoch: number;
  /** The epoch's journal key (random, sealed here under the data key of the vault file holding this). */
  key: Buffer;
  records: number;
  bytes: number;
  /** SHA-256 hex of its last record: full verification checks the file ends exactly there. */
  lastHash: string;
  audit: AuditCounts | null;
}

/** Format 2's part of the sealed payload: the current journal's key and the closed journals. */
export interface StoreMeta {
  journalKey: Buffer;
  segments: SegmentMeta[];
}

export function emptyCounts(): AuditCounts {
  return { first: 0, last: 0, count: 0, byAction: {}, byAccount: {}, byBoth: {} };
}

export function countEntry(c: AuditCounts, e: Pick<AuditEntry, 'seq' | 'action' | 'accountId'>): void {
  if (c.count === 0) c.first = e.seq;
  c.last = e.seq;
  c.count++;
  c.byAction[e.action] = (c.byAction[e.action] ?? 0) + 1;
  if (e.accountId !== undefined) {
    c.byAccount[e.accountId] = (c.byAccount[e.accountId] ?? 0) + 1;
    const both = `${e.action}\0${e.accountId}`;
    c.byBoth[both] = (c.byBoth[both] ?? 0) + 1;
  }
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const COUNT_KEYS = ['first', 'last', 'count', 'byAction', 'byAccount', 'byBoth'];

function isTally(v: unknown): v is Record<string, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const k in v) if (!isInt((v as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * Checked by hand, not by a zod schema: a vault with years of history lists a hundred segments with a
 * count per account and action each, and a schema walking them cost unlock about 100 ms.
 */
function isCounts(v: unknown): v is AuditCounts {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  const keys = Object.keys(c);
  return (
    keys.length === COUNT_KEYS.length &&
    COUNT_KEYS.every((k) => k in c) &&
    isInt(c['first']) &&
    isInt(c['last']) &&
    isInt(c['count']) &&
    c['count'] >= 0 &&
    isTally(c['byAction']) &&
    isTally(c['byAccount']) &&
    isTally(c['byBoth'])
  );
}
const countsSchema = z.custom<AuditCounts>(isCounts);
const segmentSchema = z.strictObject({
  file: z.string().regex(JOURNAL_NAME),
  epoch: z.number().int().min(0),
  key: b64,
  records: z.number().int().min(0),
  bytes: z.number().int().min(0),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  audit: countsSchema.nullable(),
});
export const storeSchema = z.strictObject({ journalKey: b64, segments: z.array(segmentSchema) });

export function encodeStore(m: StoreMeta): z.infer<typeof storeSchema> {
  return {
    journalKey: m.journalKey.toString('base64'),
    segments: m.segments.map((s) => ({ ...s, key: s.key.toString('base64') })),
  };
}

export function decodeStore(raw: z.infer<typeof storeSchema>): StoreMeta {
  return {
    journalKey: Buffer.from(raw.journalKey, 'base64'),
    segments: raw.segments.map((s) => ({ ...s, key: Buffer.from(s.key, 'base64') })),
  };
}
