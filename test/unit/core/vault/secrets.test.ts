import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../main/core/redact.js';
import { registerAccountSecrets, registerSecretsSliced } from '../../../../main/core/vault/secrets.js';
import type { AccountRecord, VaultData } from '../../../../main/core/vault/vaultRecords.js';

/**
 * What the vault hands to the redactor when it decrypts: every account secret and token value. The key
 * is not hex on purpose: a hex key would be hidden by the redactor's patterns anyway, registered or not.
 */
const KEY = 'not-hex-private-key-material-for-the-test';
const azion = { id: 'a', secrets: { kind: 'azion', password: 'azion-password-1', personalToken: 'azion-personal-token-2' } } as unknown as AccountRecord;
const ocean = { id: 'o', secrets: { kind: 'ocean', privateKey: `0x${KEY}` } } as unknown as AccountRecord;
const data = (tokens: number): VaultData =>
  ({ accounts: [azion, ocean], tokens: Array.from({ length: tokens }, (_v, i) => ({ value: `token-value-${i}-xyz` })), audit: [], oceanExpirations: {} }) as unknown as VaultData;

const hidden = (r: Redactor, s: string): boolean => !r.redact(`[${s}]`).includes(s);

describe('secrets registered with the redactor', () => {
  it('an Azion account: its password and personal token', () => {
    const r = new Redactor();
    registerAccountSecrets(r, azion);
    expect(hidden(r, 'azion-password-1')).toBe(true);
    expect(hidden(r, 'azion-personal-token-2')).toBe(true);
  });

  it('an Ocean account: its private key with and without 0x', () => {
    const r = new Redactor();
    registerAccountSecrets(r, ocean);
    expect(hidden(r, `0x${KEY}`)).toBe(true);
    expect(hidden(r, KEY)).toBe(true);
  });

  it('only a leading 0x is dropped: a 0x inside a key is part of it, and the key without it is not a secret', () => {
    const r = new Redactor();
    const inside = 'not-hex-key-0x-material-for-the-test';
    registerAccountSecrets(r, { id: 'o2', secrets: { kind: 'ocean', privateKey: inside } } as unknown as AccountRecord);
    expect(hidden(r, inside)).toBe(true);
    expect(hidden(r, 'not-hex-key--material-for-the-test')).toBe(false);
  });

  it('registerSecretsSliced (any slice size) registers accounts and every token', async () => {
    for (const perSlice of [1, 2, 5, 1000, undefined]) {
      const sliced = new Redactor();
      await registerSecretsSliced(sliced, data(5), perSlice);
      for (const s of ['azion-password-1', 'azion-personal-token-2', KEY, ...Array.from({ length: 5 }, (_v, i) => `token-value-${i}-xyz`)]) {
        expect(hidden(sliced, s), `${s} in slices of ${String(perSlice)}`).toBe(true);
      }
    }
  });
});
