import { describe, expect, it } from 'vitest';
import { LEDGER_KEEP_SECONDS, ledgerKey, pruneExpirations, VaultExpirationLedger } from '../../../../main/core/tokens/VaultExpirationLedger.js';
import { emptyVaultData } from '../../../../main/core/vault/vaultRecords.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';

describe('ledgerKey', () => {
  it('one key for every spelling of a provider and an address: spaces, trailing slashes, letter case', () => {
    const key = 'https://p.example|0xabc1';
    expect(ledgerKey('https://p.example', '0xabc1')).toBe(key);
    expect(ledgerKey('  https://p.example//  ', '  0xABC1 ')).toBe(key);
  });
});

describe('pruneExpirations', () => {
  it('forgets a second more than a day old; keeps one exactly a day old, and every later one', () => {
    const now = 1_800_000_000;
    const cutoff = now - LEDGER_KEEP_SECONDS;
    const data = { ...emptyVaultData(), oceanExpirations: { a: [cutoff - 1, cutoff, now - 1, now + 60], b: [cutoff - 5] } };
    pruneExpirations(data, now);
    expect(data.oceanExpirations).toEqual({ a: [cutoff, now - 1, now + 60] });
  });
});

describe('VaultExpirationLedger.add', () => {
  it('keeps each second once, however often it is added', async () => {
    const clock = new FakeClock();
    const vault = new FakeVaultAccess();
    const ledger = new VaultExpirationLedger(vault, clock);
    const exp = Math.floor(clock.now() / 1000) + 60;
    await ledger.add('https://p.example', '0xabc1', exp);
    await ledger.add('https://p.example/', '0xABC1', exp);
    expect(vault.read().oceanExpirations[ledgerKey('https://p.example', '0xabc1')]).toEqual([exp]);
  });
});
