import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import type { MintRequest } from '../../../../main/core/providers/types.js';
import { RENEW_ALERT_AFTER_ATTEMPTS, RENEW_FATAL_RETRY_MS, renewBackoffMs } from '../../../../main/core/tokens/renewBackoff.js';
import { azionAccount, HOUR, makeHarness, MINUTE, oceanAccount } from './harness.js';

const DAY = 24 * HOUR;
const RENEW_BACKOFF_CAP = 10 * MINUTE;

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

  it('renews a token that expired while asleep: a fresh one, with the same lifetime', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })] });
    const first = await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR });
    h.clock.jump(2 * DAY);
    h.service.reevaluate();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    expect(h.azion.calls.mint[1]!.expiresAt).toBe(h.clock.now() + 2 * HOUR);
    expect((await h.service.list()).find((t) => t.renewedFrom === first.id)!.state).toBe('active');
  });

  it('past expiry renews only the newest token of an account without a live one', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })] });
    await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR });
    h.clock.jump(3 * HOUR);
    h.service.reevaluate();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(3);
    h.clock.advance(30 * MINUTE);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(3);
  })

  it('signs Ocean renewals from a fresh preview (auto-renew is the standing approval)', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider', { autoRenew: true })] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('o', { previewId: preview.previewId });
    h.clock.advance(HOUR - 10 * MINUTE);
    await h.settle();
    expect(h.ocean.calls.preview).toHaveLength(2);
    expect(h.ocean.calls.mint[1]!.approved).toMatchObject({ nonce: '2' });
  });

  it('backs off with bounded delays, shows the failing state, alerts once, and never stops', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })], settings: { renewLeadMinutes: 60 } });
    const first = await h.service.mint('a', { expiresAt: h.clock.now() + 10 * HOUR });
    const failures = 12;
    for (let i = 0; i < failures; i++) h.azion.script.mint.push(new AppError('SERVER_ERROR'));
    h.clock.advance(9 * HOUR);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    const failingSince = h.clock.now();
    for (let attempt = 1; attempt < failures; attempt++) {
      h.clock.advance(renewBackoffMs(attempt) - 1);
      await h.settle();
      expect(h.azion.calls.mint).toHaveLength(attempt + 1);
      const view = (await h.service.list()).find((t) => t.id === first.id)!;
      expect(view.renewal).toMatchObject({ failingSince, attempts: attempt, lastError: { code: 'SERVER_ERROR' }, nextAttemptAt: h.clock.now() + 1 });
      h.clock.advance(1);
      await h.settle();
      expect(h.azion.calls.mint).toHaveLength(attempt + 2);
    }
    // Retries went on past expiry (10 h), and the next success mints a working successor.
    expect(h.clock.now()).toBeGreaterThan(first.expiresAt);
    h.clock.advance(renewBackoffMs(failures));
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(failures + 2);
    const views = await h.service.list();
    const fresh = views.find((t) => t.renewedFrom === first.id)!;
    expect(fresh.state).toBe('active');
    expect(views.find((t) => t.id === first.id)!.renewal).toBeUndefined();

    const alerts = h.events.filter((e) => e.type === 'renewal-failing');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ tokenId: first.id, accountId: 'a', code: 'SERVER_ERROR' });
    const fails = h.vault.read().audit.filter((e) => e.action === 'fail');
    expect(fails).toHaveLength(1);
    expect(fails[0]!.detail).toMatch(new RegExp(`failing after ${RENEW_ALERT_AFTER_ATTEMPTS} attempts`));
    expect(renewBackoffMs(50)).toBe(10 * MINUTE);
  });

  it('a 25-minute outage across the renewal window ends with a live token soon after the server is back', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider', { autoRenew: true })] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('o', { previewId: preview.previewId });
    const outageEnd = h.clock.now() + HOUR - 10 * MINUTE + 25 * MINUTE;
    const down = (): void => {
      for (let i = 0; i < 20; i++) h.ocean.script.mint.push(new AppError('NETWORK'));
    };
    down();
    h.clock.advance(HOUR - 10 * MINUTE);
    await h.settle();
    while (h.clock.now() < outageEnd) {
      h.clock.advance(MINUTE);
      await h.settle();
    }
    h.ocean.script.mint.length = 0;
    h.clock.advance(RENEW_BACKOFF_CAP);
    await h.settle();
    const live = (await h.service.list()).filter((t) => t.state === 'active');
    expect(live).toHaveLength(1);
    expect(h.events.some((e) => e.type === 'renewal-failing')).toBe(true);
  });

  it('retries what a retry cannot fix only rarely, and shows it failing', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    const first = await h.service.mint('a', {});
    h.azion.script.mint.push(new AppError('BAD_CREDENTIALS'));
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    h.clock.advance(RENEW_FATAL_RETRY_MS - 1);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(2);
    const view = (await h.service.list()).find((t) => t.id === first.id)!;
    expect(view.renewal).toMatchObject({ attempts: 1, lastError: { code: 'BAD_CREDENTIALS' } });
    // Not retryable: alerted at once.
    expect(h.events.filter((e) => e.type === 'renewal-failing')).toHaveLength(1);
    h.clock.advance(1);
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(3);
  });

  it('keeps the failing state and its next attempt across lock and unlock', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    const first = await h.service.mint('a', {});
    h.azion.script.mint.push(new AppError('NETWORK'), new AppError('NETWORK'));
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    h.clock.advance(renewBackoffMs(1));
    await h.settle();
    const before = h.vault.read().tokens.find((t) => t.id === first.id)!.renewal!;
    expect(before.attempts).toBe(2);
    h.vault.lock();
    h.vault.unlock();
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(3);
    h.clock.advance(before.nextAttemptAt - h.clock.now());
    await h.settle();
    expect(h.azion.calls.mint).toHaveLength(4);
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

/**
 * Each mint takes time (network, signing). A renewal that asked for "the old token's span" got that
 * span minus the latency, every time: over a month of renewals the lifetime shrank to seconds and
 * the tokens came back expired (the 30-day soak's account stuck failing from about day 26).
 */
describe('auto-renew lifetime', () => {
  it('asks every renewal for the lifetime the chain began with, whatever each mint took', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'node', { autoRenew: true })] });
    const LATENCY = 5 * MINUTE;
    const asked: number[] = [];
    h.ocean.mint = async (req: MintRequest) => {
      asked.push(req.approved!.expiresAt - h.clock.now());
      h.clock.jump(LATENCY); // the server answers five minutes later
      const now = h.clock.now();
      return { kind: 'ocean-node', value: `node.${now}.jwt`, createdAt: now, expiresAt: req.approved!.expiresAt, meta: { flavour: 'node' } };
    };
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + 2 * HOUR });
    await h.service.mint('o', { previewId: preview.previewId });
    for (let minute = 0; minute < 12 * 60; minute++) {
      h.clock.advance(MINUTE);
      await h.settle();
    }
    expect(asked.length).toBeGreaterThanOrEqual(5);
    // Two hours every time, counted from the request: not 2 h less one latency per renewal so far.
    expect(new Set(asked)).toEqual(new Set([2 * HOUR]));
    const data = h.vault.read();
    expect(data.tokens.some((t) => t.state === 'active' && t.expiresAt > h.clock.now() && t.renewedBy === undefined)).toBe(true);
  });
});
