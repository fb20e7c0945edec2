import { describe, expect, it } from 'vitest';
import { trackDraft } from '../../../../main/core/vault/draft.js';
import { emptyVaultData, type AuditEntry, type TokenRecord, type VaultData } from '../../../../main/core/vault/vaultRecords.js';

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
  d.tokens = [token('t1', { meta: { name: 'n' } }), token('t2')];
  d.oceanExpirations = { k: [1, 2] };
  d.accounts = [{ id: 'a1' } as never];
  return d;
}

const entry = (seq: number): AuditEntry => ({ seq, at: seq, action: 'mint', outcome: 'ok', hash: `h${seq}` });

describe('the update draft: token records', () => {
  it('a nested object edited in place, before any other write, is a copy: the live record stays and the edit is an operation', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    draft.tokens[0]!.meta!['name'] = 'renamed';
    const { next, ops } = finish();
    expect(data.tokens[0]!.meta).toEqual({ name: 'n' });
    expect(next.tokens[0]!.meta).toEqual({ name: 'renamed' });
    expect(ops).toEqual([{ t: 'token', token: expect.objectContaining({ id: 't1', meta: { name: 'renamed' } }) }]);
  });

  it('writing a field, even with the value it had, is an operation', () => {
    const { draft, finish } = trackDraft(live());
    draft.tokens[1]!.state = 'active';
    expect(finish().ops).toEqual([{ t: 'token', token: expect.objectContaining({ id: 't2' }) }]);
  });

  it('deleting a field, even one that was absent, is an operation', () => {
    const { draft, finish } = trackDraft(live());
    delete draft.tokens[1]!.meta;
    expect(finish().ops).toEqual([{ t: 'token', token: expect.objectContaining({ id: 't2' }) }]);
  });

  it('defining a field with Object.defineProperty is a write and an operation', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    Object.defineProperty(draft.tokens[1]!, 'state', { value: 'revoked', writable: true, enumerable: true, configurable: true });
    const { next, ops } = finish();
    expect(data.tokens[1]!.state).toBe('active');
    expect(next.tokens[1]!.state).toBe('revoked');
    expect(ops).toEqual([{ t: 'token', token: expect.objectContaining({ id: 't2', state: 'revoked' }) }]);
  });

  it('a token answers `in`, Object.keys and property descriptors like the record it stands for, edits included', () => {
    const { draft } = trackDraft(live());
    const t1 = draft.tokens[0]!;
    expect('meta' in t1).toBe(true);
    expect('missing' in t1).toBe(false);
    expect(Object.keys(t1)).toEqual(Object.keys(token('t1', { meta: { name: 'n' } })));
    expect(Object.getOwnPropertyDescriptor(t1, 'missing')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(t1, 'id')).toMatchObject({ value: 't1', enumerable: true });
    delete t1.meta;
    expect('meta' in t1).toBe(false);
    expect(Object.keys(t1)).not.toContain('meta');
  });
});

describe('the update draft: the data object', () => {
  it('refuses a symbol key', () => {
    const { draft } = trackDraft(live());
    expect(() => {
      (draft as unknown as Record<symbol, unknown>)[Symbol('x')] = 1;
    }).toThrow(TypeError);
    expect(() => {
      delete (draft as unknown as Record<symbol, unknown>)[Symbol('x')];
    }).toThrow(TypeError);
  });

  it('an audit trail assigned whole is appended to the journal, without a new vault file', () => {
    const data = live();
    data.audit = [entry(1)];
    const { draft, finish } = trackDraft(data);
    draft.audit = [...draft.audit, entry(2)];
    expect(draft.audit.map((e) => e.seq)).toEqual([1, 2]);
    const { next, ops, sealed } = finish();
    expect(sealed).toBe(false);
    expect(next.audit.map((e) => e.seq)).toEqual([1, 2]);
    expect(ops).toEqual([{ t: 'audit', entry: entry(2) }]);
  });

  it('accounts assigned whole need a new vault file and are what the draft reads back', () => {
    const { draft, finish } = trackDraft(live());
    draft.accounts = [{ id: 'a2' } as never];
    expect(draft.accounts).toEqual([{ id: 'a2' }]);
    const { next, sealed, ops } = finish();
    expect(sealed).toBe(true);
    expect(next.accounts).toEqual([{ id: 'a2' }]);
    expect(ops).toEqual([]);
  });

  it('a ledger assigned whole becomes ledger operations, without a new vault file', () => {
    const { draft, finish } = trackDraft(live());
    draft.oceanExpirations = { j: [5] };
    expect(draft.oceanExpirations).toEqual({ j: [5] });
    const { next, sealed, ops } = finish();
    expect(sealed).toBe(false);
    expect(next.oceanExpirations).toEqual({ j: [5] });
    expect(ops).toEqual(
      expect.arrayContaining([
        { t: 'ledger', key: 'k', seconds: null },
        { t: 'ledger', key: 'j', seconds: [5] },
      ]),
    );
    expect(ops).toHaveLength(2);
  });

  it('an unjournaled field set then deleted: `in`, Object.keys and descriptors follow, and the vault file is rewritten without it', () => {
    const data = live() as VaultData & { extra?: number };
    data.extra = 1;
    const { draft, finish } = trackDraft(data);
    const d = draft as VaultData & { extra?: number; added?: number };
    expect('extra' in d).toBe(true);
    expect('tokens' in d).toBe(true);
    expect('nothing' in d).toBe(false);
    d.added = 2;
    expect('added' in d).toBe(true);
    expect(Object.keys(d).sort()).toEqual(['accounts', 'added', 'audit', 'extra', 'oceanExpirations', 'tokens']);
    expect(Object.getOwnPropertyDescriptor(d, 'added')).toEqual({ value: 2, writable: true, enumerable: true, configurable: true });
    expect(Object.getOwnPropertyDescriptor(d, 'nothing')).toBeUndefined();
    expect(delete d.extra).toBe(true);
    expect(d.extra).toBeUndefined();
    expect('extra' in d).toBe(false);
    expect(Object.keys(d)).not.toContain('extra');
    expect(Object.getOwnPropertyDescriptor(d, 'extra')).toBeUndefined();
    expect({ ...d }).toMatchObject({ added: 2 });
    const { next, sealed } = finish();
    expect(sealed).toBe(true);
    expect('extra' in next).toBe(false);
    expect((next as VaultData & { added?: number }).added).toBe(2);
    expect(data.extra).toBe(1);
  });
});

describe('the update draft: what needs a new vault file', () => {
  it('defining a field with the value it had is still an operation', () => {
    const { draft, finish } = trackDraft(live());
    Object.defineProperty(draft.tokens[1]!, 'state', { value: 'active', writable: true, enumerable: true, configurable: true });
    expect(finish().ops).toEqual([{ t: 'token', token: expect.objectContaining({ id: 't2' }) }]);
  });

  it('a deleted field is gone from Reflect.ownKeys, and deleting alone rewrites the vault file', () => {
    const data = live() as VaultData & { extra?: number };
    data.extra = 1;
    const { draft, finish } = trackDraft(data);
    delete (draft as VaultData & { extra?: number }).extra;
    expect(Reflect.ownKeys(draft)).not.toContain('extra');
    expect(finish().sealed).toBe(true);
  });

  it('accounts read but left as they were are neither sealed nor replaced', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    expect(draft.accounts).toHaveLength(1);
    const { next, sealed } = finish();
    expect(sealed).toBe(false);
    expect(next.accounts).toBe(data.accounts);
  });

  it('an audit trail read but not appended to is fine; one shortened is refused', () => {
    const data = live();
    data.audit = [entry(1), entry(2)];
    const ok = trackDraft(data);
    expect(ok.draft.audit).toHaveLength(2);
    expect(ok.finish().ops).toEqual([]);
    const bad = trackDraft(data);
    bad.draft.audit.pop();
    expect(() => bad.finish()).toThrow('audit entries are append-only');
  });

  it('a head matching the last audit entry is journaled; any other head needs a new vault file', () => {
    const data = live();
    data.audit = [entry(1)];
    const head = (seq: number, hash: string) => ({ seq, hash }) as unknown as VaultData['auditHead'];
    const sealedWith = (h: VaultData['auditHead'], d: VaultData = data): boolean => {
      const { draft, finish } = trackDraft(d);
      draft.auditHead = h;
      return finish().sealed;
    };
    expect(sealedWith(head(1, 'h1'))).toBe(false);
    expect(sealedWith(head(2, 'h1'))).toBe(true);
    expect(sealedWith(head(1, 'h2'))).toBe(true);
    expect(sealedWith(undefined as unknown as VaultData['auditHead'])).toBe(true);
    expect(sealedWith(head(1, 'h1'), live())).toBe(true);
  });
});

describe('the update draft: fields and the list', () => {
  it('setting a field the journal does not carry, alone, needs a new vault file', () => {
    const { draft, finish } = trackDraft(live());
    (draft as VaultData & { added?: number }).added = 2;
    expect(finish().sealed).toBe(true);
  });

  it('a record put in the list with Object.defineProperty replaces the one there', () => {
    const data = live();
    const { draft, finish } = trackDraft(data);
    Object.defineProperty(draft.tokens, 1, { value: token('t9'), writable: true, enumerable: true, configurable: true });
    const { next, ops } = finish();
    expect(next.tokens.map((t) => t.id)).toEqual(['t1', 't9']);
    expect(ops).toEqual(expect.arrayContaining([{ t: 'token-del', id: 't2' }]));
    expect(data.tokens.map((t) => t.id)).toEqual(['t1', 't2']);
  });
});
