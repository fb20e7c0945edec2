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

// Stryker disable all: static in effect (the schemas are built once, at load, so a mutant switched on in a test never reaches them), left out like every static mutant; storeMeta.test.ts pins each rule
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
// Stryker restore all
/**
 * Checked by hand (AuditCounts.decode), not by a zod schema: a hundred segments' tallies cost a schema ~100 ms.
 * A null never gets here: `.nullable()` below passes it through first.
 */
const countsSchema = z.unknown().transform((v, ctx) => {
  const counts = AuditCounts.decode(v);
  if (counts === null) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, the issue's text is never shown (any failed parse of the payload is VAULT_DAMAGED)
    ctx.addIssue({ code: 'custom', message: 'audit counts not well formed' });
    return z.NEVER;
  }
  return counts;
});
// Stryker disable all: static in effect, as b64 above; storeMeta.test.ts pins each rule
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
// Stryker restore all

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
