import { describe, expect, it } from 'vitest';
import { AuditCounts } from '../../../../main/core/vault/AuditCounts.js';
import { decodeStore, encodeStore, storeSchema, type StoreMeta } from '../../../../main/core/vault/storeMeta.js';

/** The store's bookkeeping in the sealed payload: the audit counts per segment and their schema. */
const legacy = (): Record<string, unknown> => ({ first: 1, last: 2, count: 2, byAction: { mint: 2 }, byAccount: { a: 2 }, byBoth: { 'mint\0a': 2 } });
const counts = (): AuditCounts => {
  const c = AuditCounts.empty();
  c.add({ seq: 1, action: 'mint', accountId: 'a' });
  c.add({ seq: 2, action: 'mint', accountId: 'a' });
  return c;
};
const segment = (over: Record<string, unknown> = {}) => ({
  file: 'vault.json.j-1-abcdef',
  epoch: 1,
  key: Buffer.alloc(32, 2).toString('base64'),
  records: 2,
  bytes: 100,
  lastHash: 'ab'.repeat(32),
  audit: counts().encode(),
  ...over,
});
const ok = (seg: unknown): boolean => storeSchema.safeParse({ journalKey: Buffer.alloc(32).toString('base64'), segments: [seg] }).success;

describe('storeSchema', () => {
  it('accepts a segment with counts or with none, and an empty store', () => {
    expect(ok(segment())).toBe(true);
    expect(ok(segment({ audit: null }))).toBe(true);
    expect(ok(segment({ audit: AuditCounts.empty().encode() }))).toBe(true);
    expect(ok(segment({ audit: legacy() })), 'the form written before the compact one').toBe(true);
    expect(storeSchema.safeParse({ journalKey: '', segments: [] }).success).toBe(true);
  });

  it('refuses a bad name, negative or fractional numbers, a short hash, unknown fields', () => {
    for (const bad of [
      segment({ file: '../vault.json' }),
      segment({ file: 'a/b' }),
      segment({ epoch: -1 }),
      segment({ epoch: 1.5 }),
      segment({ records: -1 }),
      segment({ bytes: -1 }),
      segment({ lastHash: 'ab' }),
      segment({ lastHash: 'AB'.repeat(32) }),
      segment({ lastHash: `${'ab'.repeat(32)}c` }),
      segment({ lastHash: `x${'ab'.repeat(32)}` }),
      segment({ key: `${Buffer.alloc(32, 2).toString('base64')}!` }),
      segment({ key: 'not base64!' }),
      segment({ more: 1 }),
    ]) {
      expect(ok(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(storeSchema.safeParse({ journalKey: '', segments: [], more: 1 }).success).toBe(false);
  });

  it('refuses counts in neither form (AuditCounts.decode says which)', () => {
    for (const v of [[], 'counts', { ...counts().encode(), count: 3 }, { ...legacy(), count: 3 }]) {
      expect(ok(segment({ audit: v })), JSON.stringify(v)).toBe(false);
    }
  });
});

describe('encodeStore / decodeStore', () => {
  it('round-trips the keys as base64, everything else as it is', () => {
    const m: StoreMeta = { journalKey: Buffer.alloc(32, 9), segments: [{ ...segment(), key: Buffer.alloc(32, 3), audit: counts() }] as StoreMeta['segments'] };
    const raw = encodeStore(m);
    expect(raw.journalKey).toBe(Buffer.alloc(32, 9).toString('base64'));
    expect(raw.segments[0]!.key).toBe(Buffer.alloc(32, 3).toString('base64'));
    expect(storeSchema.safeParse(raw).success).toBe(true);
    const back = decodeStore(storeSchema.parse(raw));
    expect(back.journalKey.equals(m.journalKey)).toBe(true);
    expect(back.segments[0]!.key.equals(Buffer.alloc(32, 3))).toBe(true);
    expect({ ...back.segments[0], key: null, audit: back.segments[0]!.audit?.encode() }).toEqual({ ...m.segments[0], key: null, audit: counts().encode() });
  });
});
