import { describe, expect, it } from 'vitest';
import { applyOps } from '../../../../main/core/vault/journalOps.js';
import { emptyVaultData, type AuditEntry, type TokenRecord, type VaultData } from '../../../../main/core/vault/vaultRecords.js';

function token(id: string, value = `value-of-${id}`): TokenRecord {
  return { id, accountId: 'acc-1', kind: 'azion-session', value, createdAt: 1, expiresAt: 2, state: 'active' };
}

function entry(seq: number): AuditEntry {
  return { seq, at: 1000 + seq, action: 'token.created', outcome: 'ok', hash: `h${seq}` } as unknown as AuditEntry;
}

/** Data holding `ids` as tokens, with the index replay builds from it. */
function withTokens(...ids: string[]): { data: VaultData; index: Map<string, number> } {
  const data = emptyVaultData();
  data.tokens = ids.map((id) => token(id));
  const index = new Map<string, number>();
  data.tokens.forEach((t, i) => index.set(t.id, i));
  return { data, index };
}

describe('applyOps (journal replay)', () => {
  it('adds a new token at the end and indexes it; a known id is replaced in place', () => {
    const { data, index } = withTokens('a', 'b');
    applyOps(data, [{ t: 'token', token: token('c') }, { t: 'token', token: token('a', 'renewed') }], index);
    expect(data.tokens.map((t) => [t.id, t.value])).toEqual([
      ['a', 'renewed'],
      ['b', 'value-of-b'],
      ['c', 'value-of-c'],
    ]);
    expect(index.get('c')).toBe(2);
  });

  it('a token-del of an unknown id removes no other token', () => {
    const { data, index } = withTokens('a', 'b', 'c');
    applyOps(data, [{ t: 'token-del', id: 'nope' }], index);
    expect(data.tokens.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect([...index]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('a token-del removes that token and re-indexes the rest, so later ops find them', () => {
    const { data, index } = withTokens('a', 'b', 'c');
    applyOps(data, [{ t: 'token-del', id: 'a' }, { t: 'token', token: token('c', 'replaced') }], index);
    expect(data.tokens.map((t) => [t.id, t.value])).toEqual([
      ['b', 'value-of-b'],
      ['c', 'replaced'],
    ]);
  });

  it('an audit op appends the entry and moves the head to it', () => {
    const { data, index } = withTokens();
    applyOps(data, [{ t: 'audit', entry: entry(1) }, { t: 'audit', entry: entry(2) }], index);
    expect(data.audit.map((e) => e.seq)).toEqual([1, 2]);
    expect(data.auditHead).toEqual({ seq: 2, hash: 'h2' });
  });

  it('a ledger op sets the seconds; with seconds null it removes the key', () => {
    const { data, index } = withTokens();
    data.oceanExpirations = { 'u|keep': [1] };
    applyOps(data, [{ t: 'ledger', key: 'u|gone', seconds: [5, 6] }], index);
    expect(data.oceanExpirations).toEqual({ 'u|keep': [1], 'u|gone': [5, 6] });
    applyOps(data, [{ t: 'ledger', key: 'u|gone', seconds: null }], index);
    expect('u|gone' in data.oceanExpirations).toBe(false);
    expect(data.oceanExpirations).toEqual({ 'u|keep': [1] });
  });
});
