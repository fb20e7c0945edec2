import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { RENEW_MAX_ATTEMPTS, renewBackoffMs } from '../../../../main/core/tokens/TokenScheduler.js';
import { azionAccount, HOUR, makeHarness, MINUTE, oceanAccount } from './harness.js';

const DAY = 24 * HOUR;

describe('auto-renew', () => {
  it('mints a replacement renewLead before expiry, not earlier', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    const first = await h.service.mint('a', {});
    h.clock.advance(DAY - 10 * MINUTE - 1);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(1);
    h.clock.advance(1);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);

    const tokens = await h.service.list();
    const fresh = tokens.find((t) => t.id !== first.id)!;
    expect(fresh.renewedFrom).toBe(first.id);
    expect(fresh.createdAt).toBe(h.clock.now());
    expect(tokens.find((t) => t.id === first.id)!.state).toBe('expiring');
    expect(h.vault.read().tokens.find((t) => t.id === first.id)!.renewedBy).toBe(fresh.id);
    expect(h.vault.read().audit.map((e) => e.action)).toEqual(['mint', 'renew']);
    // Not renewed twice, and the old token stays (revokeOnRenew is off).
    h.clock.advance(10 * MINUTE);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    expect(h.azion.calls.revoke).toHaveLength(0);
  });

  it('renews after a simulated sleep, on reevaluate, without firing timers', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })] });
    await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR, name: 'ci' });
    h.clock.jump(2 * HOUR - 5 * MINUTE);
    h.service.reevaluate();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    const renewal = h.azion.calls.mint[1]!;
    // Same lifetime as the original, counted from now, and the same name.
    expect(renewal.expiresAt).toBe(h.clock.now() + 2 * HOUR);
    expect(renewal.name).toBe('ci');
  });

  it('also renews when the hourly safety timer fires after a sleep nobody reported', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    await h.service.mint('a', {});
    // The pending timer was armed for at most an hour ahead; sleep past the renew time, then let it fire.
    h.clock.jump(DAY - 8 * MINUTE - HOUR);
    h.clock.advance(HOUR);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
  });

  it('does not renew a token that expired while asleep', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    await h.service.mint('a', {});
    h.clock.jump(DAY + 1);
    h.service.reevaluate();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(1);
  });

  it('signs Ocean renewals from a fresh preview (auto-renew is the standing approval)', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider', { autoRenew: true })] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('o', { previewId: preview.previewId });
    h.clock.advance(HOUR - 10 * MINUTE);
    await h.settle();
    expect(h.ocean.calls.preview).toHaveLength(2);
    expect(h.ocean.calls.mint[1]!.approved).toMatchObject({ nonce: '2' });
  });

  it('backs off on failure with bounded delays and gives up after the last attempt', async () => {
    // A lead long enough for every retry to fall before expiry.
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })], settings: { renewLeadMinutes: 60 } });
    await h.service.mint('a', { expiresAt: h.clock.now() + 10 * HOUR });
    for (let i = 0; i < RENEW_MAX_ATTEMPTS; i++) h.azion.script.mint.push(new AppError('SERVER_ERROR'));
    h.clock.advance(9 * HOUR);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    for (let attempt = 1; attempt < RENEW_MAX_ATTEMPTS; attempt++) {
      h.clock.advance(renewBackoffMs(attempt) - 1);
      await h.settle();
      expect(h.azion.calls.mint).toHaveLength(attempt + 1);
      h.clock.advance(1);
      await h.settle();
      expect(h.azion.calls.mint).toHaveLength(attempt + 2);
    }
    h.clock.advance(30 * MINUTE);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(RENEW_MAX_ATTEMPTS + 1);
    const audit = h.vault.read().audit;
    expect(audit.filter((e) => e.action === 'renew').every((e) => e.outcome === 'SERVER_ERROR')).toBe(true);
    expect(audit.at(-1)).toMatchObject({ action: 'fail', outcome: 'SERVER_ERROR', detail: expect.stringMatching(/stopped after 6 attempts/) });
    expect(renewBackoffMs(50)).toBe(10 * MINUTE);
  });

  it('stops retrying at expiry: a retry that would fall after it is not made', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })], settings: { renewLeadMinutes: 1 } });
    await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    h.azion.script.mint.push(new AppError('NETWORK'), new AppError('NETWORK'));
    h.clock.advance(HOUR - MINUTE);
    await h.settle();
    h.clock.advance(30_000);
    await h.settle();
    // Second retry would be due 60 s after the second failure, past expiry.
    h.clock.advance(HOUR);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(3);
  });

  it('never retries on its own after bad credentials', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    await h.service.mint('a', {});
    h.azion.script.mint.push(new AppError('BAD_CREDENTIALS'));
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    h.clock.advance(10 * MINUTE - 1);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
  });

  it('revokes the old token after the new one checks valid, if the account asks for it', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true, revokeOnRenew: true })] });
    const first = await h.service.mint('a', {});
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    expect(h.azion.calls.check).toHaveLength(1);
    expect(h.azion.calls.check[0]!.token.value).not.toBe(h.azion.minted[0]);
    expect(h.azion.calls.revoke.map((r) => r.token.value)).toEqual([h.azion.minted[0]]);
    expect((await h.service.list()).find((t) => t.id === first.id)!.state).toBe('revoked');
  });

  it('keeps the old token when the new one does not check valid', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true, revokeOnRenew: true })] });
    await h.service.mint('a', {});
    h.azion.script.check.push('invalid');
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(0);
    expect(h.vault.read().audit.at(-1)!.detail).toMatch(/old token kept/);
  });

  it('stops every timer on lock and picks the schedule up again on unlock', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    await h.service.mint('a', {});
    expect(h.clock.pending()).toBe(1);
    h.vault.lock();
    expect(h.clock.pending()).toBe(0);
    h.clock.jump(DAY - 5 * MINUTE);
    h.vault.unlock();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    expect(h.clock.pending()).toBe(1);
  });
});

describe('reevaluate', () => {
  it('picks up an account change: auto-renew switched on later, tokens removed with their account', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    await h.service.mint('a', {});
    h.clock.advance(DAY - 5 * MINUTE);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(1);
    await h.vault.update((d) => void (d.accounts[0]!.autoRenew = true));
    h.service.reevaluate();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);

    await h.vault.update((d) => {
      d.accounts = [];
      d.tokens = [];
    });
    h.service.reevaluate();
    expect(h.tokensChanged().at(-1)).toEqual({ type: 'tokens-changed', tokens: [] });
  });
});
