import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { decodePayload, decodePayloadSliced, encodePayload, payloadParts } from '../../../../main/core/vault/payload.js';
import type { StoreMeta } from '../../../../main/core/vault/storeMeta.js';
import { emptyVaultData, type VaultData } from '../../../../main/core/vault/vaultRecords.js';

/** The vault's decrypted payload: its layout, what it refuses, what it keeps. */
const token = (i: number) => ({ id: `t${i}`, accountId: 'a1', value: `v${i}`, extra: { kept: i } });
const data = (tokens: number): VaultData =>
  ({
    ...emptyVaultData(),
    accounts: [{ id: 'a1', label: 'A', config: { kind: 'azion', more: 1 }, secrets: { kind: 'azion' } }],
    tokens: Array.from({ length: tokens }, (_v, i) => token(i)),
    audit: [{ seq: 1, action: 'lock' }],
    oceanExpirations: { a1: [5] },
  }) as unknown as VaultData;
const store: StoreMeta = { journalKey: Buffer.alloc(32, 1), segments: [] };

async function both(plain: Buffer): Promise<[string, string]> {
  const name = (p: Promise<unknown> | (() => unknown)): Promise<string> =>
    Promise.resolve()
      .then(typeof p === 'function' ? p : () => p)
      .then(
        (r) => JSON.stringify(r),
        (e: unknown) => (e instanceof AppError ? `${e.code}: ${(e.cause as Error).message}` : `threw ${String(e)}`),
      );
  return [await name(() => decodePayload(plain)), await name(decodePayloadSliced(plain))];
}

describe('payload layout', () => {
  it('members first, the tokens last, 500 to a line after a newline, closed by a newline and ]}', () => {
    const parts = [...payloadParts(data(1001))];
    expect(parts).toHaveLength(5);
    expect(parts[0]).toMatch(/^\{"accounts":.*,"tokens":\[$/);
    expect(parts[0]).not.toContain('"t0"');
    expect(parts[1]!.startsWith('\n{"id":"t0"')).toBe(true);
    expect(parts[2]!.startsWith(',\n{"id":"t500"')).toBe(true);
    expect(parts[3]).toBe(`,\n${JSON.stringify(token(1000))}`);
    expect(parts[4]).toBe('\n]}');
    expect(parts[1]!.split('},{')).toHaveLength(500);
    expect(JSON.parse(parts.join(''))).toEqual(JSON.parse(JSON.stringify(data(1001))));
  });

  it('no tokens: one piece of head and ]} with no newline; undefined members left out; the store under $store', () => {
    expect([...payloadParts(emptyVaultData())]).toEqual(['{"accounts":[],"audit":[],"oceanExpirations":{},"tokens":[', ']}']);
    const d = { ...emptyVaultData(), gone: undefined } as unknown as VaultData;
    expect(encodePayload(d).toString()).not.toContain('gone');
    const withStore = JSON.parse(encodePayload(emptyVaultData(), store).toString()) as Record<string, unknown>;
    expect(withStore['$store']).toEqual({ journalKey: store.journalKey.toString('base64'), segments: [] });
  });
});

describe('decoding a payload, whole and line by line', () => {
  it('both give the data back, unknown fields kept, the store decoded', async () => {
    for (const n of [0, 1, 499, 500, 501, 1000, 1001]) {
      const plain = encodePayload(data(n), store);
      const [whole, sliced] = await both(plain);
      expect(sliced).toBe(whole);
      const decoded = decodePayload(plain);
      expect(decoded.data).toEqual(JSON.parse(JSON.stringify(data(n))));
      expect(decoded.store?.journalKey.equals(store.journalKey)).toBe(true);
    }
    expect(decodePayload(encodePayload(data(1))).store).toBeUndefined();
  });

  it('fields added since the vault was written get their empty defaults', async () => {
    for (const r of await both(Buffer.from('{"tokens":[]}'))) expect(JSON.parse(r)).toEqual({ data: emptyVaultData() });
  });

  it('a payload not laid out in lines (older, or by hand) is parsed whole, to the same result', async () => {
    const texts = [
      JSON.stringify(data(3)),
      JSON.stringify(data(3), null, 2),
      '{"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n],"audit":[]}',
      '{"x":1,\n"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n]}',
      '{"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n,\n{"id":"u","accountId":"a","value":"v"}\n]}',
      '{"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n\n]}',
      '{"tokens":[\n{"id":"t","accountId":"a","value":"v"},\n\n{"id":"u","accountId":"a","value":"v"}\n]}',
      '{"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n] }',
      '{"tokens":[ \n{"id":"t","accountId":"a","value":"v"}\n]}',
    ];
    for (const t of texts) {
      const [whole, sliced] = await both(Buffer.from(t));
      expect(whole).not.toMatch(/^VAULT_DAMAGED|^threw/);
      expect(sliced).toBe(whole);
    }
  });

  it('calls text that is not JSON, or does not match the schema, damage, both ways', async () => {
    const cases: [string, string][] = [
      ['{"tokens":[', 'payload is not JSON'],
      ['{"tokens":[\n{"id":"t","accountId":"a","value":"v"},\n,\n]}', 'payload is not JSON'],
      ['[]', 'payload schema mismatch'],
      ['null', 'payload schema mismatch'],
      ['{"tokens":{}}', 'payload schema mismatch'],
      ['{"tokens":[null]}', 'payload schema mismatch'],
      ['{"tokens":[[]]}', 'payload schema mismatch'],
      ['{"tokens":[{"accountId":"a","value":"v"}]}', 'payload schema mismatch'],
      ['{"tokens":[{"id":"t","value":"v"}]}', 'payload schema mismatch'],
      ['{"tokens":[{"id":"t","accountId":"a"}]}', 'payload schema mismatch'],
      ['{"tokens":[{"id":"t","accountId":"a","value":1}]}', 'payload schema mismatch'],
      ['{"audit":{}}', 'payload schema mismatch'],
      ['{"audit":[{"seq":"1"}]}', 'payload schema mismatch'],
      ['{"audit":[null]}', 'payload schema mismatch'],
      ['{"audit":[[1]]}', 'payload schema mismatch'],
      ['{"accounts":[{"id":"a","label":"A","config":{"kind":"other"},"secrets":{"kind":"azion"}}]}', 'payload schema mismatch'],
      ['{"oceanExpirations":{"a":["x"]}}', 'payload schema mismatch'],
      ['{"$store":{"journalKey":"not base64!","segments":[]}}', 'store schema mismatch'],
      ['{"$store":{"journalKey":"","segments":[],"extra":1}}', 'store schema mismatch'],
    ];
    for (const [text, reason] of cases) {
      const [whole, sliced] = await both(Buffer.from(text));
      expect(whole, text).toBe(`VAULT_DAMAGED: ${reason}`);
      expect(sliced, text).toBe(whole);
    }
  });

  it('a token line in the layout that is broken is damage, not a partial vault', async () => {
    const plain = encodePayload(data(600)).toString();
    const broken = plain.replace('{"id":"t550"', '{"id":t550"');
    const [whole, sliced] = await both(Buffer.from(broken));
    expect(whole).toBe('VAULT_DAMAGED: payload is not JSON');
    expect(sliced).toBe(whole);
    const notArray = plain.replace(/\n\]\}$/, '\n]}').replace(',\n{"id":"t500"', '\n{"id":"t500"');
    const [w2, s2] = await both(Buffer.from(notArray));
    expect(w2).toBe('VAULT_DAMAGED: payload is not JSON');
    expect(s2).toBe(w2);
  });
});
