import { describe, expect, it } from 'vitest';
import { countEntry, decodeStore, emptyCounts, encodeStore, storeSchema, type AuditCounts, type StoreMeta } from '../../../../main/core/vault/storeMeta.js';

/** The store's bookkeeping in the sealed payload: the audit counts per segment and their schema. */
describe('countEntry', () => {
  it('first and last seq, the count, and tallies by action, by account and by both (accountless entries by action only)', () => {
    const c = emptyCounts();
    expect(c).toEqual({ first: 0, last: 0, count: 0, byAction: {}, byAccount: {}, byBoth: {} });
    countEntry(c, { seq: 7, action: 'lock' });
    countEntry(c, { seq: 8, action: 'mint', accountId: 'a1' });
    countEntry(c, { seq: 9, action: 'mint', accountId: 'a1' });
    countEntry(c, { seq: 10, action: 'revoke', accountId: 'a2' });
    expect(c).toEqual({
      first: 7,
      last: 10,
      count: 4,
      byAction: { lock: 1, mint: 2, revoke: 1 },
      byAccount: { a1: 2, a2: 1 },
      byBoth: { 'mint\0a1': 2, 'revoke\0a2': 1 },
    });
  });
});

const counts = (): AuditCounts => ({ first: 1, last: 2, count: 2, byAction: { mint: 2 }, byAccount: { a: 2 }, byBoth: { 'mint\0a': 2 } });
const segment = (over: Record<string, unknown> = {}) => ({
  file: 'vault.json.j-1-abcdef',
  epoch: 1,
  key: Buffer.alloc(32, 2).toString('base64'),
  records: 2,
  bytes: 100,
  lastHash: 'ab'.repeat(32),
  audit: counts(),
  ...over,
});
const ok = (seg: unknown): boolean => storeSchema.safeParse({ journalKey: Buffer.alloc(32).toString('base64'), segments: [seg] }).success;

describe('storeSchema', () => {
  it('accepts a segment with counts or with none, and an empty store', () => {
    expect(ok(segment())).toBe(true);
    expect(ok(segment({ audit: null }))).toBe(true);
    expect(ok(segment({ audit: emptyCounts() }))).toBe(true);
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
      segment({ key: 'not base64!' }),
      segment({ more: 1 }),
    ]) {
      expect(ok(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(storeSchema.safeParse({ journalKey: '', segments: [], more: 1 }).success).toBe(false);
  });

  it('refuses counts that are not exactly the six fields with integer values', () => {
    const c = counts() as unknown as Record<string, unknown>;
    const variants: unknown[] = [
      [],
      'counts',
      { ...c, extra: 1 },
      (({ byBoth: _b, ...rest }) => rest)(c),
      (({ byBoth: _b, ...rest }) => ({ ...rest, other: {} }))(c),
      { ...c, first: 1.5 },
      { ...c, last: '2' },
      { ...c, count: -1 },
      { ...c, count: 2.5 },
      { ...c, byAction: { mint: 1.5 } },
      { ...c, byAccount: { a: '2' } },
      { ...c, byBoth: [] },
      { ...c, byAction: null },
      { ...c, byAccount: 'a' },
    ];
    for (const v of variants) expect(ok(segment({ audit: v })), JSON.stringify(v)).toBe(false);
    expect(ok(segment({ audit: { ...c, count: 0 } }))).toBe(true);
  });
});

describe('encodeStore / decodeStore', () => {
  it('round-trips the keys as base64, everything else as it is', () => {
    const m: StoreMeta = { journalKey: Buffer.alloc(32, 9), segments: [{ ...segment(), key: Buffer.alloc(32, 3) }] as StoreMeta['segments'] };
    const raw = encodeStore(m);
    expect(raw.journalKey).toBe(Buffer.alloc(32, 9).toString('base64'));
    expect(raw.segments[0]!.key).toBe(Buffer.alloc(32, 3).toString('base64'));
    expect(storeSchema.safeParse(raw).success).toBe(true);
    const back = decodeStore(raw);
    expect(back.journalKey.equals(m.journalKey)).toBe(true);
    expect(back.segments[0]!.key.equals(Buffer.alloc(32, 3))).toBe(true);
    expect({ ...back.segments[0], key: null }).toEqual({ ...m.segments[0], key: null });
  });
});
