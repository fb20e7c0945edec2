import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { decodePayload, decodePayloadSliced, encodePayload } from '../../../../main/core/vault/payload.js';
import { emptyVaultData, type VaultData } from '../../../../main/core/vault/vaultRecords.js';

/** What the decoder accepts per account, and how the line-by-line decoder spreads its work. */
const tok = (id: string) => JSON.stringify({ id, accountId: 'a', value: 'v' });
const withTokens = (n: number): VaultData =>
  ({ ...emptyVaultData(), tokens: Array.from({ length: n }, (_v, i) => ({ id: `t${i}`, accountId: 'a', value: `v${i}` })) }) as unknown as VaultData;

function damageReason(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${(e.cause as Error).message}`;
    throw e;
  }
  return 'ok';
}
async function damageReasonAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${(e.cause as Error).message}`;
    throw e;
  }
  return 'ok';
}

/** Every text JSON.parse is given while `run` goes, and how many event-loop turns other work got meanwhile. */
async function observe<T>(run: () => Promise<T>): Promise<{ result: T; parsed: string[]; turns: number }> {
  const parse = JSON.parse;
  const parsed: string[] = [];
  const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    parsed.push(text);
    return parse(text, reviver) as unknown;
  });
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    const result = await run();
    return { result, parsed, turns };
  } finally {
    done = true;
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('account records in the payload', () => {
  const account = (a: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ accounts: [{ id: 'a', label: 'A', config: { kind: 'azion' }, secrets: { kind: 'azion' }, ...a }] }));

  it('an Ocean account (config and secrets of kind ocean) decodes', () => {
    const plain = account({ config: { kind: 'ocean', url: 'u' }, secrets: { kind: 'ocean' } });
    expect(decodePayload(plain).data.accounts[0]).toMatchObject({ config: { kind: 'ocean', url: 'u' }, secrets: { kind: 'ocean' } });
  });

  it('an account whose secrets are of no known kind, or that lacks its id or label, is damage', () => {
    for (const a of [{ secrets: { kind: 'other' } }, { secrets: {} }, { id: undefined }, { label: 7 }]) {
      expect(damageReason(() => decodePayload(account(a)))).toBe('VAULT_DAMAGED: payload schema mismatch');
    }
  });

  it('accounts that are not a list, or an account of no known kind, are damage', () => {
    expect(damageReason(() => decodePayload(Buffer.from('{"accounts":{}}')))).toBe('VAULT_DAMAGED: payload schema mismatch');
    expect(damageReason(() => decodePayload(account({ config: { kind: 'other' } })))).toBe('VAULT_DAMAGED: payload schema mismatch');
  });

  it('non-ASCII text survives the encode/decode round trip (the payload is UTF-8)', () => {
    const d = { ...emptyVaultData(), accounts: [{ id: 'a', label: 'Ünïcødé ✓', config: { kind: 'azion' }, secrets: { kind: 'azion' } }] } as unknown as VaultData;
    const plain = encodePayload(d);
    expect(plain.includes(Buffer.from('Ünïcødé ✓', 'utf8'))).toBe(true);
    expect(decodePayload(plain).data.accounts[0]?.label).toBe('Ünïcødé ✓');
  });
});

describe('decoding line by line', () => {
  it('a payload in lines is never parsed whole, and other work gets a turn of the event loop between its lines', async () => {
    for (const n of [1, 2, 1001, 1500]) {
      const plain = encodePayload(withTokens(n));
      const lines = Math.ceil(n / 500);
      const { result, parsed, turns } = await observe(() => decodePayloadSliced(plain));
      expect(result.data.tokens).toHaveLength(n);
      expect(result.data.tokens[n - 1]).toEqual({ id: `t${n - 1}`, accountId: 'a', value: `v${n - 1}` });
      expect(parsed.length, `n=${n}`).toBe(lines + 1);
      expect(Math.max(...parsed.map((p) => p.length))).toBeLessThan(plain.length - 2);
      expect(turns).toBeGreaterThanOrEqual(lines);
    }
  });

  it('a payload not laid out exactly as written in lines is parsed whole, at once', async () => {
    const texts = [
      '{"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n] }',
      '{"tokens":[ \n{"id":"t","accountId":"a","value":"v"}\n]}',
      '\n{"tokens":[\n{"id":"t","accountId":"a","value":"v"}\n]}',
      JSON.stringify(withTokens(2), null, 1),
    ];
    for (const text of texts) {
      const { result, parsed, turns } = await observe(() => decodePayloadSliced(Buffer.from(text)));
      expect(result.data.tokens.length, text).toBeGreaterThan(0);
      expect(parsed, text).toContain(text);
      expect(turns, text).toBe(0);
    }
  });

  it('a line that is not followed by its comma, or an empty last line, is not taken as a line: the text is judged whole', async () => {
    const texts = [
      `{"tokens":[\n${tok('t')} \n${tok('u')}\n]}`,
      `{"tokens":[\n${tok('t')},\n\n]}`,
      `{"tokens":[\n${tok('t')},\n${tok('u')} \n${tok('w')}\n]}`,
    ];
    for (const text of texts) {
      const plain = Buffer.from(text);
      expect(damageReason(() => decodePayload(plain)), text).toBe('VAULT_DAMAGED: payload is not JSON');
      expect(await damageReasonAsync(() => decodePayloadSliced(plain)), text).toBe('VAULT_DAMAGED: payload is not JSON');
    }
  });

  it('a head before the tokens that is not JSON is damage, line by line too', async () => {
    const plain = Buffer.from(`{"x":,"tokens":[\n${tok('t')}\n]}`);
    expect(await damageReasonAsync(() => decodePayloadSliced(plain))).toBe('VAULT_DAMAGED: payload is not JSON');
  });
});
