import { z } from 'zod';
import { JOURNAL_NAME } from './vaultFormat.js';
import { AuditCounts } from './AuditCounts.js';

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

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
/** Checked by hand (AuditCounts.decode), not by a zod schema: a hundred segments' tallies cost a schema ~100 ms. */
const countsSchema = z.unknown().transform((v, ctx) => {
  if (v === null) return null;
  const counts = AuditCounts.decode(v);
  if (counts === null) {
    ctx.addIssue({ code: 'custom', message: 'audit counts not well formed' });
    return z.NEVER;
  }
  return counts;
});
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

export function encodeStore(m: StoreMeta): z.input<typeof storeSchema> {
  return {
    journalKey: m.journalKey.toString('base64'),
    segments: m.segments.map((s) => ({ ...s, key: s.key.toString('base64'), audit: s.audit?.encode() ?? null })),
  };
}

export function decodeStore(raw: z.output<typeof storeSchema>): StoreMeta {
  return {
    journalKey: Buffer.from(raw.journalKey, 'base64'),
    segments: raw.segments.map((s) => ({ ...s, key: Buffer.from(s.key, 'base64') })),
  };
}
