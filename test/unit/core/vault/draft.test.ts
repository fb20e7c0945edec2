import { describe, expect, it } from 'vitest';
import { copyRecord, trackDraft } from '../../../../main/core/vault/draft.js';
import { applyOps } from '../../../../main/core/vault/journalOps.js';
import { emptyVaultData, type TokenRecord, type VaultData } from '../../../../main/core/vault/vaultRecords.js';

const token = (id: string, extra: Partial<TokenRecord> = {}): TokenRecord => ({
  id,
  accountId: 'a1',
  kind: 'ocean-provider',
  value: `value-${id}`,
  createdAt: 1,
  expiresAt: 2,
  state: 'active',
  ...extra,
});

function live(): VaultData {
  const d = emptyVaultData();
  d.tokens = [token('t1'), token('t2', { meta: { name: 'n' } }), token('t3')];
  d.oceanExpirations = { k: [1, 2] };
  d.accounts = [{ id: 'a1' } as never];
  return d;
}

/** Replaying the operations on the data before must give the data after: that is what unlock does. */
function replayed(before: VaultData, ops: Parameters<typeof applyOps>[1]): VaultData {
  const copy = structuredClone(before);
  const index = new Map(copy.tokens.map((t, i) => [t.id, i]));
  applyOps(copy, ops, index);
  return copy;
}

describe('the update draft', () => {
  it('turns in-place edits, pushes, removals and ledger changes into journal operations, leaving the live data alone', () => {
    const data = live();
    const frozen = structuredClone(data);
    const { draft, finish } = trackDraft(data);
    const t2 = draft.tokens.find((t) => t.id === 't2')!;
    t2.state = 'revoking';
    t2.meta!['name'] = 'renamed';
    delete t2.meta!['missing'];
    draft.tokens.push(token('t4'));
    draft.tokens = draft.tokens.filter((t) => t.id !== 't1');
    draft.oceanExpirations['k']!.push(3);
    draft.oceanExpirations['j'] = [9];
    const out = copyRecord(t2);
    const { next, ops, sealed } = finish();

    expect(data).toEqual(frozen);
    expect(sealed).toBe(false);
    expect(out.state).toBe('revoking');
    expect(next.tokens.map((t) => [t.id, t.state, t.meta?.['name']])).toEqual([
      ['t2', 'revoking', 'renamed'],
      ['t3', 'active', undefined],
      ['t4', 'active', undefined],
    ]);
    // Unchanged records are shared, not copied.
    expect(next.tokens[1]).toBe(data.tokens[2]);
    expect(ops.map((o) => o.t).sort()).toEqual(['ledger', 'ledger', 'token', 'token', 'token-del']);
    expect(replayed(data, ops)).toEqual({ ...next, tokens: expect.arrayContaining(next.tokens) });
    expect(replayed(data, ops).tokens).toHaveLength(3);
  });

  it('an edit in place and a push are one operation each; every other record is shared', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    draft.tokens[1]!.state = 'revoked';
    draft.tokens.push(token('t9'));
    const { next, ops } = finish();
    expect(ops).toEqual([
      { t: 'token', token: { ...data.tokens[1]!, state: 'revoked' } },
      { t: 'token', token: token('t9') },
    ]);
    expect(next.tokens[0]).toBe(data.tokens[0]);
    expect(next.tokens[2]).toBe(data.tokens[2]);
    expect(data.tokens[1]!.state).toBe('active');
    expect(replayed(data, ops)).toEqual(next);
  });

  it('edits in place without touching the list: only the records written become operations, found by for…of, find and index', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    for (const t of draft.tokens) if (t.id === 't3') t.state = 'revoke_failed';
    draft.tokens.find((t) => t.id === 't2')!.meta!['name'] = 'm';
    void draft.tokens[0]!.value;
    const { next, ops } = finish();
    expect(ops).toEqual([
      { t: 'token', token: { ...data.tokens[1]!, meta: { name: 'm' } } },
      { t: 'token', token: { ...data.tokens[2]!, state: 'revoke_failed' } },
    ]);
    expect(next.tokens[0]).toBe(data.tokens[0]);
    expect(next.tokens).not.toBe(data.tokens);
    expect(data.tokens[1]!.meta).toEqual({ name: 'n' });
    expect(replayed(data, ops)).toEqual(next);
  });

  it('a list changed by assignment or splice after reading is compared whole', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    draft.tokens[0]!.state = 'revoked';
    draft.tokens.splice(1, 1);
    draft.tokens[1] = token('t7');
    const { next, ops } = finish();
    expect(next.tokens.map((t) => [t.id, t.state])).toEqual([
      ['t1', 'revoked'],
      ['t7', 'active'],
    ]);
    expect(replayed(data, ops)).toEqual(next);
  });

  it('reads without writing produce no operations; accounts changes need a new vault file', () => {
    const data = live();
    const a = trackDraft(data);
    void a.draft.tokens.find((t) => t.meta?.['name'] === 'n');
    void a.draft.oceanExpirations['k'];
    expect(a.finish().ops).toEqual([]);

    const b = trackDraft(data);
    b.draft.accounts.push({ id: 'a2' } as never);
    expect(b.finish().sealed).toBe(true);
    expect(data.accounts).toHaveLength(1);
  });

  it('refuses to rewrite audit entries already written', () => {
    const data = live();
    data.audit = [{ seq: 1, at: 1, action: 'copy', outcome: 'ok', hash: 'h' }];
    const { draft, finish } = trackDraft(data);
    draft.audit[0] = { ...draft.audit[0]!, outcome: 'edited' };
    expect(() => finish()).toThrow(/append-only/);
  });
});
