import { describe, expect, it } from 'vitest';
import { AuditCounts, type EncodedCounts } from '../../../../main/core/vault/AuditCounts.js';

type Entry = { seq: number; action: string; accountId?: string };
const ENTRIES: Entry[] = [
  { seq: 7, action: 'lock' },
  { seq: 8, action: 'mint', accountId: 'a1' },
  { seq: 9, action: 'mint', accountId: 'a1' },
  { seq: 10, action: 'revoke', accountId: 'a2' },
  { seq: 11, action: 'mint', accountId: 'a2' },
  { seq: 12, action: 'lock' },
];
const filled = (entries: Entry[] = ENTRIES): AuditCounts => {
  const c = AuditCounts.empty();
  for (const e of entries) c.add(e);
  return c;
};
const QUERIES = [
  {},
  { action: 'lock' },
  { action: 'mint' },
  { action: 'revoke' },
  { action: 'copy' },
  { accountId: 'a1' },
  { accountId: 'a2' },
  { accountId: 'zz' },
  { action: 'mint', accountId: 'a1' },
  { action: 'mint', accountId: 'a2' },
  { action: 'lock', accountId: 'a1' },
  { action: 'copy', accountId: 'a1' },
  { action: 'mint', accountId: 'zz' },
];
/** What each query should count, straight from the entries. */
const expected = (q: { action?: string; accountId?: string }, entries = ENTRIES): number =>
  entries.filter((e) => (q.action === undefined || e.action === q.action) && (q.accountId === undefined || e.accountId === q.accountId)).length;
const answers = (c: AuditCounts): number[] => QUERIES.map((q) => c.of(q));

describe('AuditCounts', () => {
  it('counts by action, by account, by both and in all, from first to last seq (accountless entries by action only)', () => {
    const c = filled();
    expect([c.first, c.last, c.count]).toEqual([7, 12, 6]);
    expect(answers(c)).toEqual(QUERIES.map((q) => expected(q)));
    expect(AuditCounts.empty().of({ action: 'mint' })).toBe(0);
    expect(AuditCounts.empty().of({})).toBe(0);
  });

  it('encodes compactly, each name once and one count per pair, and decodes to the same answers', () => {
    const enc = filled().encode();
    expect(enc.names).toEqual(['lock', 'mint', 'a1', 'revoke', 'a2']);
    expect(enc.tally).toEqual([0, -1, 2, 1, 2, 2, 3, 4, 1, 1, 4, 1]);
    const back = AuditCounts.decode(JSON.parse(JSON.stringify(enc)));
    expect(back).not.toBeNull();
    expect(answers(back!)).toEqual(answers(filled()));
    expect([back!.first, back!.last, back!.count]).toEqual([7, 12, 6]);
  });

  it('keeps counting after a decode (its indices are rebuilt from what it read)', () => {
    const back = AuditCounts.decode(filled(ENTRIES.slice(0, 3)).encode())!;
    for (const e of ENTRIES.slice(3)) back.add(e);
    expect(back.encode()).toEqual(filled().encode());
  });

  it('decode does not share the arrays it was given with what encode returns', () => {
    const enc = filled().encode();
    const back = AuditCounts.decode(enc)!;
    back.encode().tally.fill(0);
    expect(back.of({})).toBe(6);
    expect(back.of({ action: 'mint' })).toBe(3);
  });

  it('reads the form written before the compact one into exactly the same counts', () => {
    const legacy = {
      first: 7,
      last: 12,
      count: 6,
      byAction: { lock: 2, mint: 3, revoke: 1 },
      byAccount: { a1: 2, a2: 2 },
      byBoth: { 'mint\0a1': 2, 'revoke\0a2': 1, 'mint\0a2': 1 },
    };
    const c = AuditCounts.decode(legacy);
    expect(c).not.toBeNull();
    expect(answers(c!)).toEqual(answers(filled()));
    expect([c!.first, c!.last, c!.count]).toEqual([7, 12, 6]);
    const empty = AuditCounts.decode({ first: 0, last: 0, count: 0, byAction: {}, byAccount: {}, byBoth: {} });
    expect(empty?.of({})).toBe(0);
  });

  it('refuses an old-form tally that disagrees with itself or is not six fields of integers', () => {
    const good = { first: 1, last: 2, count: 2, byAction: { mint: 2 }, byAccount: { a: 2 }, byBoth: { 'mint\0a': 2 } };
    expect(AuditCounts.decode(good)).not.toBeNull();
    for (const bad of [
      { ...good, count: 3 },
      { ...good, count: -1 },
      { ...good, first: 1.5 },
      { ...good, last: '2' },
      { ...good, byAction: { mint: 1 } },
      { ...good, byAction: { mint: 1.5 } },
      { ...good, byAction: {}, count: 0 },
      { ...good, byAccount: { a: 1 } },
      { ...good, byAccount: { a: 2, b: 1 } },
      { ...good, byAccount: {} },
      { ...good, byAccount: 'a' },
      { ...good, byBoth: { mint: 2 } },
      { ...good, byBoth: { 'mint\0a': 0 }, byAccount: { a: 0 } },
      { ...good, byBoth: [] },
      { ...good, byAction: null },
      { ...good, extra: 1 },
      (({ byBoth: _b, ...rest }) => rest)(good),
      (({ byBoth: _b, ...rest }) => ({ ...rest, other: {} }))(good),
    ]) {
      expect(AuditCounts.decode(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('refuses a compact tally that is malformed or disagrees with itself', () => {
    const good: EncodedCounts = filled().encode();
    expect(AuditCounts.decode(good)).not.toBeNull();
    const withTally = (tally: number[], count = good.count): unknown => ({ ...good, tally, count });
    for (const bad of [
      null,
      [],
      'counts',
      { ...good, count: 5 },
      { ...good, count: -1 },
      { ...good, first: 1.5 },
      { ...good, last: null },
      { ...good, names: 'lock' },
      { ...good, names: [...good.names.slice(0, 4), 5] },
      { ...good, tally: 'x' },
      { ...good, extra: 1 },
      (({ names: _n, ...rest }) => rest)(good),
      withTally(good.tally.slice(0, -1)),
      withTally([...good.tally.slice(0, -1), 1.5]),
      withTally([...good.tally.slice(0, -1), 0], good.count - 1),
      withTally([5, -1, 6], 6),
      withTally([-1, -1, 6], 6),
      withTally([0, 5, 6], 6),
      withTally([0, -2, 6], 6),
      withTally([0, -1, 3, 0, -1, 3], 6),
      withTally(['0', -1, 6] as unknown as number[], 6),
    ]) {
      expect(AuditCounts.decode(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('AuditCounts.clone', () => {
  it('is a copy that goes on unchanged while the original counts on', () => {
    const c = filled(ENTRIES.slice(0, 3));
    const copy = c.clone();
    for (const e of ENTRIES.slice(3)) c.add(e);
    expect(copy.encode()).toEqual(filled(ENTRIES.slice(0, 3)).encode());
    expect(c.encode()).toEqual(filled().encode());
  });
});

describe('AuditCounts after a query', () => {
  it('keeps each answer right when entries are added after the first count (its sums follow the adds)', () => {
    const c = filled(ENTRIES.slice(0, 3));
    expect(answers(c)).toEqual(QUERIES.map((q) => expected(q, ENTRIES.slice(0, 3))));
    for (const e of ENTRIES.slice(3)) c.add(e);
    expect(answers(c)).toEqual(QUERIES.map((q) => expected(q)));
  });
});

describe('AuditCounts: what a query and an encode leave behind', () => {
  it('a query for an action or account it has never seen adds no name to what it encodes', () => {
    const c = filled();
    const before = c.encode();
    expect(c.of({ action: 'copy' })).toBe(0);
    expect(c.of({ accountId: 'zz' })).toBe(0);
    expect(c.of({ action: 'copy', accountId: 'a1' })).toBe(0);
    expect(c.encode()).toEqual(before);
  });

  it('what encode returns is a copy: changing its names changes nothing the counts hold', () => {
    const c = filled();
    c.encode().names.length = 0;
    c.add({ seq: 13, action: 'copy', accountId: 'a1' });
    expect(c.encode().names).toEqual(['lock', 'mint', 'a1', 'revoke', 'a2', 'copy']);
    expect(c.of({ action: 'copy', accountId: 'a1' })).toBe(1);
  });
});

describe('AuditCounts.decode: the edges of the compact form', () => {
  const none = { first: 0, last: 0, count: 0, names: [], tally: [] };

  it('reads counts of no entries', () => {
    expect(AuditCounts.decode(AuditCounts.empty().encode())?.of({})).toBe(0);
    expect(AuditCounts.decode(none)?.of({ action: 'mint' })).toBe(0);
  });

  it('refuses names or a tally that are not arrays, even when the tally would fit them', () => {
    const good = filled().encode();
    expect(AuditCounts.decode({ ...good, names: 'lockmintaccounts' })).toBeNull();
    expect(AuditCounts.decode({ ...none, tally: { length: 0 } })).toBeNull();
    expect(AuditCounts.decode({ ...none, tally: '' })).toBeNull();
  });

  it('refuses a five-letter string, not only objects of the wrong shape', () => {
    expect(AuditCounts.decode('abcde')).toBeNull();
    expect(AuditCounts.decode('abcdef')).toBeNull();
  });

  it('refuses 2^20 names or more (pair keys hold indices below 2^20), accepts one fewer', () => {
    const names = new Array<string>(0x100000).fill('n');
    expect(AuditCounts.decode({ ...none, names })).toBeNull();
    expect(AuditCounts.decode({ ...none, names: names.slice(1) })).not.toBeNull();
  });
});

describe('AuditCounts.decode: the edges of the old form', () => {
  const good = { first: 1, last: 2, count: 2, byAction: { mint: 2 }, byAccount: { a: 2 }, byBoth: { 'mint\0a': 2 } };

  it('refuses a tally that is a number, or holds a count that is not an integer, even when the rest adds up', () => {
    expect(AuditCounts.decode({ first: 0, last: 0, count: 0, byAction: 5, byAccount: {}, byBoth: {} })).toBeNull();
    expect(AuditCounts.decode({ ...good, count: 3, byAction: { mint: 2, lock: 0.5 } })).toBeNull();
  });

  it('refuses a pair key without its NUL, even when the counts would agree with how it splits', () => {
    expect(AuditCounts.decode({ ...good, byAccount: { mintX: 2 }, byBoth: { mintX: 2 } })).toBeNull();
  });

  it('splits a pair key at its first NUL, the action before it possibly empty', () => {
    const c = AuditCounts.decode({ ...good, byAction: { '': 2 }, byBoth: { '\0a': 2 } });
    expect(c?.of({ action: '', accountId: 'a' })).toBe(2);
  });

  it('refuses counts by account that disagree with the pairs, even when their total agrees', () => {
    expect(AuditCounts.decode({ ...good, byAccount: { a: 1, b: 1 } })).toBeNull();
  });
});
