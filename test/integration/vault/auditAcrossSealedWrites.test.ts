import { expect, it } from 'vitest';
import { startFakeAzion, startFakeOceanProvider } from '../../fakes/index.js';
import { FakeClock } from '../../support/FakeClock.js';
import { TestPresence } from '../../support/TestPresence.js';
import { startTestServices } from '../../support/testServices.js';

// Test-only secrets: they exist in this file and inside the local fakes, nowhere else.
const MASTER = 'a long master password 2026';
const AZION = { email: 'sealed@example.com', password: 'sealed-writes-password-not-real' };

/**
 * Account changes rewrite the vault file instead of appending to the journal. Their audit entries
 * (and a mint that also stores the Ocean flavour on its account) must still reach the journal that
 * the write closes as a segment, or paging and verification lose them once entries follow.
 */
it('audit entries recorded with account changes stay in the trail and its verification', async () => {
  const clock = new FakeClock(Date.now());
  const azion = await startFakeAzion({ clock, accounts: [AZION] });
  const ocean = await startFakeOceanProvider({ clock });
  const t = await startTestServices({ clock, presence: new TestPresence(clock) });
  try {
    const s = t.services;
    await s.vault.create(MASTER);
    await s.accounts.add({ kind: 'azion', label: 'azion-prod', ...AZION, mode: 'session', authBase: azion.url, apiBase: azion.url, checkBase: azion.url });
    await s.accounts.add({ kind: 'ocean', label: 'ocean', providerUrl: ocean.url, key: { type: 'generate' } });
    const [az, oc] = await s.accounts.list();
    const token = await s.tokens.mint(az!.id, {});
    await s.tokens.copy(token.id);
    const preview = await s.tokens.previewMint(oc!.id, {});
    await s.tokens.mint(oc!.id, { previewId: preview.previewId }); // also stores the flavour: a sealed write
    const actions = async (): Promise<string[]> => (await s.audit.page({ offset: 0, limit: 100 })).entries.map((e) => e.action).reverse();
    expect(await actions()).toEqual(expect.arrayContaining(['account', 'account', 'mint', 'copy', 'mint']));
    expect((await actions()).filter((a) => a === 'account')).toHaveLength(2);
    await s.vault.lock();
    await s.vault.unlock(MASTER);
    const page = await s.audit.page({ offset: 0, limit: 100 });
    expect(page.chain).toEqual({ ok: true });
    expect(page.entries.filter((e) => e.action === 'account')).toHaveLength(2);
  } finally {
    await t.close();
    await azion.close();
    await ocean.close();
  }
});
