import { describe, expect, it } from 'vitest';
import { LEDGER_KEEP_SECONDS, ledgerKey, VaultExpirationLedger } from '../../../../main/core/tokens/VaultExpirationLedger.js';
import { emptyVaultData } from '../../../../main/core/vault/vaultRecords.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { HOUR, makeHarness, oceanAccount } from './harness.js';

const URL_ = 'https://provider.ocean.example';
const ADDR = '0x00000000000000000000000000000000000000A1';

describe('VaultExpirationLedger', () => {
  it('never reuses an Ocean expiration second across a restart', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider')] });
    const wanted = h.clock.now() + HOUR;
    const mintAt = async (harness: typeof h) => {
      const preview = await harness.service.previewMint('o', { expiresAt: wanted });
      return harness.service.mint('o', { previewId: preview.previewId });
    };
    const first = await mintAt(h);
    await h.service.revoke(first.id);
    const after = h.restart();
    const second = await mintAt(after);
    const seconds = [first, second].map((t) => t.expiresAt / 1000);
    expect(seconds[0]).toBe(Math.ceil(wanted / 1000));
    expect(seconds[1]).not.toBe(seconds[0]);
    expect(after.vault.read().oceanExpirations[ledgerKey(URL_, ADDR)]).toEqual(seconds);
  });

  it('treats spellings of the same provider and address as one', async () => {
    const clock = new FakeClock();
    const ledger = new VaultExpirationLedger(new FakeVaultAccess(), clock);
    const exp = Math.floor(clock.now() / 1000) + 60;
    await ledger.add(`${URL_}/`, ADDR, exp);
    expect(ledger.has(URL_, ADDR.toLowerCase(), exp)).toBe(true);
    expect(ledger.has(URL_, ADDR, exp + 1)).toBe(false);
    expect(ledger.has('https://other.example', ADDR, exp)).toBe(false);
  });

  it('prunes only seconds more than a day in the past, never future ones', async () => {
    const clock = new FakeClock();
    const now = Math.floor(clock.now() / 1000);
    const data = emptyVaultData();
    const old = now - LEDGER_KEEP_SECONDS - 1;
    const recent = now - LEDGER_KEEP_SECONDS + 1;
    const future = now + 365 * 24 * 3600;
    data.oceanExpirations[ledgerKey(URL_, ADDR)] = [old, recent, future];
    data.oceanExpirations['https://gone.example|0xabc'] = [old];
    const vault = new FakeVaultAccess(data);
    const ledger = new VaultExpirationLedger(vault, clock);
    await ledger.add(URL_, ADDR, now + 10);
    expect(vault.read().oceanExpirations).toEqual({ [ledgerKey(URL_, ADDR)]: [recent, future, now + 10] });
  });

  it('fails the add when persisting fails, recording nothing (the provider must not mint then)', async () => {
    const vault = new FakeVaultAccess();
    const ledger = new VaultExpirationLedger(vault, new FakeClock());
    vault.failPersist = true;
    await expect(ledger.add(URL_, ADDR, 1)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(ledger.has(URL_, ADDR, 1)).toBe(false);
  });
});
