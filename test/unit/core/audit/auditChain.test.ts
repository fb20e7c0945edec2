import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendEntry, GENESIS_HASH, hashEntry, verifyChain } from '../../../../main/core/audit/auditChain.js';
import { canonicalJson } from '../../../../main/core/audit/canonicalJson.js';
import { emptyVaultData, type AuditEntry } from '../../../../main/core/vault/vaultRecords.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });
  it('writes primitives as JSON; what has no JSON form as null', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(3.5)).toBe('3.5');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(() => 1)).toBe('null');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });
  it('escapes keys like JSON does', () => {
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });
});

describe('the audit hash chain', () => {
  it('hashEntry is sha256 of the previous hash followed by the canonical entry', () => {
    const body = { seq: 1, at: 5, action: 'lock' as const, outcome: 'ok' };
    expect(hashEntry(GENESIS_HASH, body)).toBe(sha(`${'0'.repeat(64)}{"action":"lock","at":5,"outcome":"ok","seq":1}`));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('appendEntry numbers from 1 without gaps, chains each hash to the previous one and moves the head', () => {
    const data = emptyVaultData();
    const first = appendEntry(data, { action: 'account', outcome: 'ok', accountId: 'a1', detail: undefined }, 10);
    expect(first).toEqual({ action: 'account', outcome: 'ok', accountId: 'a1', seq: 1, at: 10, hash: hashEntry(GENESIS_HASH, { action: 'account', outcome: 'ok', accountId: 'a1', seq: 1, at: 10 }) });
    expect('detail' in first).toBe(false);
    const second = appendEntry(data, { action: 'lock', outcome: 'ok' }, 20);
    expect(second.seq).toBe(2);
    expect(second.hash).toBe(hashEntry(first.hash, { action: 'lock', outcome: 'ok', seq: 2, at: 20 }));
    expect(data.audit).toEqual([first, second]);
    expect(data.auditHead).toEqual({ seq: 2, hash: second.hash });
  });

  function chain(n: number): { entries: AuditEntry[]; head: { seq: number; hash: string } } {
    const data = emptyVaultData();
    for (let i = 0; i < n; i++) appendEntry(data, { action: 'copy', outcome: 'ok', tokenId: `t${i}` }, 100 + i);
    return { entries: data.audit, head: data.auditHead! };
  }

  it('verifyChain accepts an intact chain, with or without the head', () => {
    const { entries, head } = chain(4);
    expect(verifyChain(entries, head)).toEqual({ ok: true });
    expect(verifyChain(entries)).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true });
  });

  it('an edited entry breaks at its own seq; a removed one at the seq that is missing', () => {
    const { entries, head } = chain(4);
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, outcome: 'NETWORK' } : e));
    expect(verifyChain(edited, head)).toEqual({ ok: false, brokenAt: 3 });
    expect(verifyChain([entries[0]!, entries[2]!, entries[3]!], head)).toEqual({ ok: false, brokenAt: 2 });
    expect(verifyChain(entries.slice(1), head)).toEqual({ ok: false, brokenAt: 1 });
    // Re-hashing an edited entry still breaks the next one, which chains to the old hash.
    const { hash: _h, ...body } = { ...entries[1]!, detail: 'edited' };
    const rehashed = entries.map((e) => (e.seq === 2 ? { ...body, hash: hashEntry(entries[0]!.hash, body) } : e));
    expect(verifyChain(rehashed, head)).toEqual({ ok: false, brokenAt: 3 });
  });

  it('the head catches a removed tail, a longer chain and a replaced last hash', () => {
    const { entries, head } = chain(4);
    expect(verifyChain(entries.slice(0, 2), head)).toEqual({ ok: false, brokenAt: 3 });
    expect(verifyChain(entries, { seq: 3, hash: entries[2]!.hash })).toEqual({ ok: false, brokenAt: 4 });
    expect(verifyChain(entries, { seq: 4, hash: 'f'.repeat(64) })).toEqual({ ok: false, brokenAt: 4 });
    expect(verifyChain([], { seq: 0, hash: 'f'.repeat(64) })).toEqual({ ok: false, brokenAt: 1 });
    expect(verifyChain([], { seq: 2, hash: head.hash })).toEqual({ ok: false, brokenAt: 1 });
  });
});
