import { describe, expect, it } from 'vitest';
import { azionAccount, HOUR, makeHarness, MINUTE } from './harness.js';

const DAY = 24 * HOUR;

describe('expiry alerts', () => {
  it('raises one alert per token at the alert lead, also across a restart', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')], settings: { alertLeadMinutes: 15 } });
    const { id, expiresAt } = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    const alerts = () => h.events.filter((e) => e.type === 'expiry-alert');
    h.clock.advance(45 * MINUTE - 1);
    expect(alerts()).toHaveLength(0);
    h.clock.advance(1);
    expect(alerts()).toEqual([{ type: 'expiry-alert', tokenId: id, expiresAt }]);
    await h.settle();
    h.service.reevaluate();
    const after = h.restart();
    after.clock.advance(5 * MINUTE);
    await after.settle();
    expect(alerts()).toHaveLength(1);
    expect(after.events.filter((e) => e.type === 'expiry-alert')).toHaveLength(0);
  });

  it('alerts on wake inside the lead, not for tokens that expired while asleep, never for revoked ones', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const soon = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('a', { expiresAt: h.clock.now() + 30 * MINUTE });
    const revoked = await h.service.mint('a', { expiresAt: h.clock.now() + 50 * MINUTE });
    await h.service.revoke(revoked.id);
    h.clock.jump(50 * MINUTE);
    h.service.reevaluate();
    expect(h.events.filter((e) => e.type === 'expiry-alert')).toEqual([{ type: 'expiry-alert', tokenId: soon.id, expiresAt: soon.expiresAt }]);
  });

  it('stays quiet for tokens auto-renew replaces (a failing renewal raises its own alert)', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })], settings: { alertLeadMinutes: 15, renewLeadMinutes: 10 } });
    await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    for (let i = 0; i < 4 * 60; i++) {
      h.clock.advance(MINUTE);
      await h.settle();
    }
    expect(h.azion.calls.mint.length).toBeGreaterThanOrEqual(4);
    expect(h.events.filter((e) => e.type === 'expiry-alert')).toHaveLength(0);
    // Auto-renew switched off: the live token is the person's to replace, so it alerts again.
    await h.vault.update((d) => {
      d.accounts[0]!.autoRenew = false;
    });
    h.service.reevaluate();
    h.clock.advance(HOUR);
    await h.settle();
    expect(h.events.filter((e) => e.type === 'expiry-alert')).toHaveLength(1);
  });

  it('is off with a lead of 0', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')], settings: { alertLeadMinutes: 0 } });
    await h.service.mint('a', {});
    h.clock.advance(DAY);
    expect(h.events.filter((e) => e.type === 'expiry-alert')).toHaveLength(0);
  });
});

describe('retention', () => {
  it('removes expired and revoked tokens after the retention; the audit keeps them', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')], settings: { expiredRetentionHours: 2 } });
    const expiring = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    const revoked = await h.service.mint('a', { expiresAt: h.clock.now() + 10 * HOUR });
    const live = await h.service.mint('a', { expiresAt: h.clock.now() + 10 * HOUR });
    await h.service.revoke(revoked.id);

    h.clock.advance(2 * HOUR - 1);
    await h.settle();
    expect((await h.service.list()).map((t) => t.id).sort()).toEqual([expiring.id, revoked.id, live.id].sort());
    h.clock.advance(1);
    await h.settle();
    expect((await h.service.list()).map((t) => t.id).sort()).toEqual([expiring.id, live.id].sort());
    expect((await h.service.list()).find((t) => t.id === expiring.id)!.state).toBe('expired');
    h.clock.advance(HOUR + 1);
    await h.settle();
    expect((await h.service.list()).map((t) => t.id)).toEqual([live.id]);
    expect(h.tokensChanged().at(-1)).toMatchObject({ tokens: [{ id: live.id }] });
    const tokenIds = new Set(h.vault.read().audit.map((e) => e.tokenId));
    expect(tokenIds.has(expiring.id) && tokenIds.has(revoked.id)).toBe(true);
  });

  it('removes a token that expired while the app was closed once it is unlocked', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')], settings: { expiredRetentionHours: 24 } });
    await h.service.mint('a', {});
    h.clock.jump(3 * DAY);
    const after = h.restart();
    await after.settle();
    expect(await after.service.list()).toEqual([]);
  });
});
